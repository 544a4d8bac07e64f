package dev.flecto.migration;

import dev.flecto.repo.Repo;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Runs migrations on a Repo (Ecto's {@code Ecto.Migrator}): applied versions are recorded in a
 * {@code schema_migrations} table ({@code version bigint PRIMARY KEY, inserted_at timestamp(0)},
 * Ecto's shape; its name and prefix configurable), each migration runs in its own transaction
 * unless it {@linkplain Migration#disableDdlTransaction() disables it}, and a lock makes two
 * instances migrating at once run each migration exactly once: a PostgreSQL advisory lock held on
 * one connection for the whole run (the default), or Ecto's table lock. A failed migration is
 * rolled back and ends the run: the ones before it stay applied, it and the ones after it stay
 * pending, and the error names the migration, the command and its SQL. Each command is logged at
 * INFO on {@code dev.flecto.migration}, with its SQL and time, as Ecto prints them.
 *
 * <pre>{@code
 * List<VersionedMigration> all = Migrations.inPackage("com.example.blog.migrations");
 * Migrator migrator = Migrator.of(repo);
 * migrator.up(all).block();                       // every pending migration, in version order
 * migrator.down(all, Target.step(1)).block();     // the last one applied
 * migrator.status(all).block();                   // each version, up or down
 * Migrator.run(repo, all, Direction.UP).block();  // at application start
 * }</pre>
 *
 * @param repo the Repo migrations run on
 * @param options the versions table, the lock, and the timeouts
 */
public record Migrator(Repo repo, MigratorOptions options) {
  /**
   * Checks the parts.
   *
   * <pre>{@code new Migrator(repo, MigratorOptions.defaults()) }</pre>
   */
  public Migrator {
    Checks.given(repo, "repo", "a Migrator");
    Checks.given(options, "options", "a Migrator");
  }

  /**
   * A migrator with the default options: {@code schema_migrations}, the advisory lock. On a Repo
   * with a default prefix ({@code repo.withPrefix("tenant_42")}) the run works in that prefix, as
   * with {@link MigratorOptions#withPrefix(String)} (which wins when both are given): the versions
   * table and every table, index and constraint that names no prefix go there.
   *
   * <pre>{@code
   * Migrator.of(repo)
   * Migrator tenant = Migrator.of(repo.withPrefix("tenant_42"));
   * tenant.createPrefix().then(tenant.up(all))     // a new tenant: its schema, then its tables
   * }</pre>
   *
   * @param repo the Repo
   * @return the migrator
   */
  public static Migrator of(Repo repo) {
    return new Migrator(repo, MigratorOptions.defaults());
  }

  /**
   * Runs the migrations in a direction: up, every pending one; down, the last applied one.
   *
   * <pre>{@code Migrator.run(repo, Migrations.inPackage("com.example.migrations"), Direction.UP) }</pre>
   *
   * @param repo the Repo
   * @param migrations all the migrations
   * @param direction up or down
   * @return the migrations that ran, in the order they ran
   */
  public static Mono<List<VersionedMigration>> run(Repo repo, List<VersionedMigration> migrations, Direction direction) {
    Migrator migrator = of(repo);
    return direction == Direction.UP ? migrator.up(migrations) : migrator.down(migrations, Target.step(1));
  }

  /**
   * The same migrator with other options.
   *
   * <pre>{@code Migrator.of(repo).withOptions(MigratorOptions.defaults().withPrefix("tenant_1")) }</pre>
   *
   * @param newOptions the options
   * @return a new migrator
   */
  public Migrator withOptions(MigratorOptions newOptions) {
    return new Migrator(repo, newOptions);
  }

  /**
   * The prefix this migrator works in: its options', else its Repo's default, else null (the
   * search path).
   *
   * <pre>{@code Migrator.of(repo.withPrefix("tenant_42")).prefix() // "tenant_42" }</pre>
   *
   * @return the prefix, or null
   */
  public String prefix() {
    return options.prefix() != null ? options.prefix() : repo.prefix();
  }

  /**
   * Creates this migrator's prefix if it does not exist ({@code CREATE SCHEMA IF NOT EXISTS},
   * {@link Migrations#createPrefix(String)}): a new tenant's, before its migrations run, since its
   * versions table lives in it. Ecto leaves this to the application; here it is one call.
   *
   * <pre>{@code
   * Migrator tenant = Migrator.of(repo).withOptions(MigratorOptions.defaults().withPrefix("tenant_42"));
   * tenant.createPrefix().then(tenant.up(all)).block();
   * }</pre>
   *
   * @return completes when the schema exists; a {@link MigrationException} when this migrator has no prefix
   */
  public Mono<Void> createPrefix() {
    return Mono.defer(() -> {
      String prefix = prefix();
      if (prefix == null) {
        return Mono.error(new MigrationException("createPrefix needs a prefix: give one with "
            + "MigratorOptions.withPrefix(name) or run on repo.withPrefix(name)"));
      }
      return reactor.core.publisher.Flux.fromIterable(repo.toSql(Migrations.createPrefix(prefix)))
          .concatMap(sql -> repo.query(sql, List.of())).then();
    });
  }

  /**
   * Applies every pending migration, lowest version first.
   *
   * <pre>{@code migrator.up(all) }</pre>
   *
   * @param migrations all the migrations
   * @return those that ran
   */
  public Mono<List<VersionedMigration>> up(List<VersionedMigration> migrations) {
    return up(migrations, Target.all());
  }

  /**
   * Applies pending migrations up to the target.
   *
   * <pre>{@code migrator.up(all, Target.step(2)) }</pre>
   *
   * @param migrations all the migrations
   * @param target how far
   * @return those that ran
   */
  public Mono<List<VersionedMigration>> up(List<VersionedMigration> migrations, Target target) {
    return Mono.defer(() -> new MigrationRun(this, migrations, Direction.UP, target).run());
  }

  /**
   * Rolls back applied migrations down to the target, highest version first.
   *
   * <pre>{@code migrator.down(all, Target.step(1)) }</pre>
   *
   * @param migrations all the migrations
   * @param target how far
   * @return those that were rolled back
   * @throws IrreversibleMigrationException (in the Mono) before anything runs, when one to roll
   *     back cannot be
   */
  public Mono<List<VersionedMigration>> down(List<VersionedMigration> migrations, Target target) {
    return Mono.defer(() -> new MigrationRun(this, migrations, Direction.DOWN, target).run());
  }

  /**
   * Each migration and each recorded version, up or down, by version.
   *
   * <pre>{@code migrator.status(all) }</pre>
   *
   * @param migrations all the migrations
   * @return the statuses
   */
  public Mono<List<MigrationStatus>> status(List<VersionedMigration> migrations) {
    return Mono.defer(() -> new MigrationRun(this, migrations, Direction.UP, Target.all()).status());
  }

  /**
   * The versions recorded as applied, ascending (an empty list when the versions table does not
   * exist yet).
   *
   * <pre>{@code migrator.appliedVersions() }</pre>
   *
   * @return the versions
   */
  public Mono<List<Long>> appliedVersions() {
    return Mono.defer(() -> new MigrationRun(this, List.of(), Direction.UP, Target.all()).applied());
  }

}
