package dev.flecto.examples.friends;

import dev.flecto.migration.Migrations;
import dev.flecto.migration.Migrator;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The {@code people} table: the guide's {@code CreatePeople} migration
 * ({@link dev.flecto.examples.friends.migrations.V20170525003211_CreatePeople}), run by Flecto's
 * migrator, and emptied before each run of the guide.
 *
 * <pre>{@code
 * PeopleTable.migrate(repo).then(PeopleTable.empty(repo)).block();
 * }</pre>
 */
public final class PeopleTable {
  /** The package of the guide's migrations. */
  public static final String MIGRATIONS = "dev.flecto.examples.friends.migrations";

  private PeopleTable() {}

  /**
   * Runs the guide's pending migrations (Ecto's {@code mix ecto.migrate}): the table is created
   * on the first run, and nothing happens on the next ones.
   *
   * <pre>{@code PeopleTable.migrate(repo).block() // [20170525003211 create_people] the first time, [] after }</pre>
   *
   * @param repo the Repo
   * @return the migrations that ran
   */
  public static Mono<List<VersionedMigration>> migrate(Repo repo) {
    return Mono.defer(() -> Migrator.of(repo).up(Migrations.inPackage(MIGRATIONS)));
  }

  /**
   * Deletes every row and restarts the id sequence, so that a rerun against the same server prints
   * the same ids.
   *
   * <pre>{@code PeopleTable.empty(repo).block(); }</pre>
   *
   * @param repo the Repo
   * @return completion
   */
  public static Mono<Void> empty(Repo repo) {
    return repo.query("TRUNCATE people RESTART IDENTITY", List.of()).then();
  }

  /**
   * The R2DBC form of a database URL, checked: a URL of another scheme fails naming it (with its
   * password masked) before anything connects.
   *
   * <pre>{@code PeopleTable.r2dbcUrl("postgres://app:secret@db:5432/friends") // r2dbc:postgresql://app:secret@db:5432/friends }</pre>
   *
   * @param url the database URL
   * @return the URL starting with {@code r2dbc:}
   * @throws IllegalArgumentException for a URL of another scheme
   */
  public static String r2dbcUrl(String url) {
    if (!R2dbcRepos.accepts(url)) {
      throw new IllegalArgumentException("unsupported database URL scheme in '" + redact(url)
          + "'; use r2dbc:postgresql://user:password@host:port/database or postgres://user:password@host:port/database");
    }
    return R2dbcRepos.r2dbcUrl(url);
  }

  /**
   * A URL with its password masked, for messages.
   *
   * <pre>{@code PeopleTable.redact("postgres://app:secret@db/friends") // postgres://app:***@db/friends }</pre>
   *
   * @param url the database URL
   * @return the URL without its password
   */
  public static String redact(String url) {
    return url.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
  }
}
