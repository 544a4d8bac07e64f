package dev.flecto.examples.friends;

import dev.flecto.r2dbc.R2dbcRepos;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code people} table: the guide's {@code CreatePeople} migration, run with plain R2DBC
 * because Flecto has no migrations of its own.
 *
 * <pre>{@code
 * PeopleTable.createIfMissing(url).then(PeopleTable.empty(url)).block();
 * }</pre>
 */
public final class PeopleTable {
  /**
   * The table definition. The names may be null because the guide first inserts an empty person;
   * the timestamps may not, since the Repo always fills them.
   */
  public static final String CREATE_SQL = """
      CREATE TABLE IF NOT EXISTS people (
        id bigserial PRIMARY KEY,
        first_name text,
        last_name text,
        age integer,
        inserted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )""";

  private PeopleTable() {}

  /**
   * Creates the table unless it exists, leaving existing rows alone.
   *
   * <pre>{@code PeopleTable.createIfMissing("r2dbc:postgresql://postgres@localhost:5432/postgres").block(); }</pre>
   *
   * @param url {@code r2dbc:postgresql://...}, {@code postgres://...} or {@code postgresql://...}
   * @return completion
   */
  public static Mono<Void> createIfMissing(String url) {
    return execute(url, CREATE_SQL);
  }

  /**
   * Deletes every row and restarts the id sequence, so that a rerun against the same server prints
   * the same ids.
   *
   * <pre>{@code PeopleTable.empty(url).block(); }</pre>
   *
   * @param url the database URL
   * @return completion
   */
  public static Mono<Void> empty(String url) {
    return execute(url, "TRUNCATE people RESTART IDENTITY");
  }

  /**
   * The R2DBC form of a database URL. {@code Repo.connect} accepts the common
   * {@code postgres://} form itself, but the R2DBC SPI used for the DDL here only knows
   * {@code r2dbc:} URLs.
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

  private static Mono<Void> execute(String url, String sql) {
    return Mono.defer(() -> {
      // A direct connection, not a pool: two statements at startup do not need one.
      ConnectionFactory factory = ConnectionFactories.get(r2dbcUrl(url));
      return Flux.usingWhen(factory.create(),
          c -> Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated),
          c -> c.close()).then();
    });
  }
}
