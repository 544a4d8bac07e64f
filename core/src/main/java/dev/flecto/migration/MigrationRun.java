package dev.flecto.migration;

import dev.flecto.repo.Repo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One run of the migrator: under its lock, the versions table made if missing, the applied
 * versions read, the plan made (and, going down, every migration's inverse computed before
 * anything runs), then each migration in its own transaction with its version recorded in it.
 * The lock and versions SQL is PostgreSQL's, the one dialect Flecto has; the commands' SQL comes
 * from the Repo's dialect.
 */
final class MigrationRun {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flecto.migration");

  private final Migrator migrator;
  private final Repo repo;
  private final List<VersionedMigration> all;
  private final Direction direction;
  private final Target target;
  private final String versions;

  MigrationRun(Migrator migrator, List<VersionedMigration> all, Direction direction, Target target) {
    this.migrator = migrator;
    this.repo = migrator.repo().withStatementTimeout(migrator.options().statementTimeout());
    this.all = sorted(Checks.given(all, "the list of migrations", "a migrator run"));
    this.direction = direction;
    this.target = target;
    MigratorOptions o = migrator.options();
    this.versions = (migrator.prefix() != null ? quote(migrator.prefix()) + "." : "") + quote(o.table());
  }

  private static List<VersionedMigration> sorted(List<VersionedMigration> migrations) {
    List<VersionedMigration> copy = new ArrayList<>(migrations);
    copy.sort(Comparator.comparingLong(VersionedMigration::version));
    for (int i = 1; i < copy.size(); i++) {
      if (copy.get(i).version() == copy.get(i - 1).version()) {
        throw new MigrationException("migrations can't be executed, migration version " + copy.get(i).version()
            + " is duplicated: " + copy.get(i - 1).name() + " and " + copy.get(i).name());
      }
    }
    return copy;
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  // --- versions ---------------------------------------------------------------------------

  private Mono<Void> ensureVersionsTable() {
    String sql = "CREATE TABLE IF NOT EXISTS " + versions + " (version bigint PRIMARY KEY, inserted_at timestamp(0))";
    return repo.query(sql, List.of()).then();
  }

  Mono<List<Long>> applied() {
    return exists().flatMap(there -> there ? readVersions() : Mono.just(List.<Long>of()));
  }

  private Mono<Boolean> exists() {
    return repo.query("SELECT to_regclass($1) IS NOT NULL", List.of(versions)).map(r -> (Boolean) r.rows().get(0).get(0));
  }

  private Mono<List<Long>> readVersions() {
    return repo.query("SELECT version FROM " + versions + " ORDER BY version", List.of())
        .map(r -> r.rows().stream().map(row -> ((Number) row.get(0)).longValue()).toList());
  }

  private Mono<Void> record(long version) {
    return repo.query("INSERT INTO " + versions + " (version, inserted_at) VALUES ($1, now() AT TIME ZONE 'UTC')",
        List.of(version)).then();
  }

  private Mono<Void> forget(long version) {
    return repo.query("DELETE FROM " + versions + " WHERE version = $1", List.of(version)).then();
  }

  // --- status -----------------------------------------------------------------------------

  Mono<List<MigrationStatus>> status() {
    return applied().map(applied -> {
      Map<Long, MigrationStatus> byVersion = new TreeMap<>();
      for (VersionedMigration m : all) {
        byVersion.put(m.version(), new MigrationStatus(m.version(), m.name(), applied.contains(m.version())));
      }
      for (long v : applied) {
        byVersion.putIfAbsent(v, new MigrationStatus(v, MigrationStatus.FILE_NOT_FOUND, true));
      }
      return List.copyOf(byVersion.values());
    });
  }

  // --- the run ----------------------------------------------------------------------------

  Mono<List<VersionedMigration>> run() {
    return Mono.defer(() -> locked(Mono.defer(() -> ensureVersionsTable().then(readVersions()).flatMap(applied -> {
      List<VersionedMigration> plan = plan(applied);
      List<Step> steps = new ArrayList<>(plan.size());
      for (VersionedMigration m : plan) {
        steps.add(new Step(m, commands(m))); // a down's inverses are all computed before anything runs
      }
      if (steps.isEmpty()) {
        LOG.info("Migrations already {}", direction == Direction.UP ? "up" : "down");
      }
      return Flux.fromIterable(steps).concatMap(step -> runOne(step).thenReturn(step.migration())).collectList();
    }))));
  }

  private record Step(VersionedMigration migration, List<Command> commands) {}

  private List<Command> commands(VersionedMigration m) {
    try {
      return direction == Direction.UP ? m.migration().up() : m.migration().down();
    } catch (IrreversibleMigrationException e) {
      throw new IrreversibleMigrationException("migration " + m.version() + " " + m.name() + ": " + e.getMessage());
    }
  }

  private List<VersionedMigration> plan(List<Long> applied) {
    List<VersionedMigration> candidates = new ArrayList<>();
    if (direction == Direction.UP) {
      for (VersionedMigration m : all) {
        if (!applied.contains(m.version()) && (target.to() == 0 || m.version() <= target.to())) {
          candidates.add(m);
        }
      }
    } else {
      for (int i = all.size() - 1; i >= 0; i--) {
        VersionedMigration m = all.get(i);
        if (applied.contains(m.version()) && (target.to() == 0 || m.version() >= target.to())) {
          candidates.add(m);
        }
      }
    }
    return target.step() > 0 && candidates.size() > target.step() ? candidates.subList(0, target.step()) : candidates;
  }

  private Mono<Void> runOne(Step step) {
    VersionedMigration m = step.migration();
    boolean forward = direction == Direction.UP;
    return Mono.defer(() -> {
      long started = System.nanoTime();
      LOG.info("== Running {} {} {}", m.version(), m.name(), forward ? "forward" : "backward");
      Mono<Void> body = Flux.fromIterable(step.commands()).concatMap(c -> execute(m, c))
          .then(Mono.defer(() -> forward ? record(m.version()) : forget(m.version())));
      Mono<Void> inTransaction = m.migration().disableDdlTransaction() ? body : repo.transact(() -> body.then(Mono.just(true))).then();
      return inTransaction.doOnSuccess(v -> LOG.info("== {} {} in {}s", forward ? "Migrated" : "Rolled back", m.version(),
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9)));
    });
  }

  private Mono<Void> execute(VersionedMigration m, Command command) {
    if (command instanceof Command.Run run) {
      LOG.info("{}", command);
      return Mono.defer(() -> Mono.from(run.up().apply(repo))).then()
          .onErrorMap(e -> !(e instanceof MigrationException), e -> failed(m, command, null, e));
    }
    List<String> statements;
    try {
      statements = repo.toSql(Prefixes.apply(command, migrator.prefix()));
    } catch (RuntimeException e) {
      return Mono.error(failed(m, command, null, e));
    }
    return Flux.fromIterable(statements).concatMap(sql -> {
      long started = System.nanoTime();
      return repo.query(sql, List.of())
          .doOnSuccess(r -> LOG.info("{} ({} ms)", sql, (System.nanoTime() - started) / 1_000_000))
          .onErrorMap(e -> failed(m, command, sql, e));
    }).then();
  }

  private static MigrationException failed(VersionedMigration m, Command command, String sql, Throwable cause) {
    String why = String.valueOf(cause.getMessage());
    // The database's errors name their SQL already, and an execute command is its SQL: say it once.
    boolean named = sql == null || why.contains(sql) || command instanceof Command.Execute;
    return new MigrationException("migration " + m.version() + " " + m.name() + " failed at command " + command
        + (named ? "" : ", SQL: " + sql) + ": " + why, cause);
  }

  // --- the lock ---------------------------------------------------------------------------

  private <T> Mono<T> locked(Mono<T> work) {
    MigratorOptions o = migrator.options();
    MigratorOptions.Lock lock = all.stream().anyMatch(m -> m.migration().disableMigrationLock())
        ? MigratorOptions.Lock.NONE : o.lock();
    return switch (lock) {
      case NONE -> work;
      case TABLE -> ensureVersionsTable().then(repo.transact(() -> repo.query("LOCK TABLE " + versions
          + " IN SHARE UPDATE EXCLUSIVE MODE", List.of()).then(refuseUntransacted()).then(work)));
      case ADVISORY -> repo.options().transactionPooling() ? Mono.error(advisoryBehindPooler())
          : repo.checkout(() -> Mono.usingWhen(advisoryLock(), held -> work, held -> unlock(),
              (held, e) -> unlock(), held -> unlock()));
    };
  }

  // A session lock needs one server session for the whole run; a pooler in transaction mode gives
  // each statement outside a transaction whichever server connection is free, so the lock would be
  // taken on one and its unlock sent to another, leaving it held.
  private MigrationException advisoryBehindPooler() {
    return new MigrationException("the migration lock MigratorOptions.Lock.ADVISORY is a session lock, which a pooler "
        + "in transaction mode (RepoOptions.transactionPooling) cannot keep: use MigratorOptions.Lock.TABLE, or run "
        + "the migrations over a direct connection to PostgreSQL");
  }

  private Mono<Void> refuseUntransacted() {
    return Mono.defer(() -> {
      for (VersionedMigration m : all) {
        if (m.migration().disableDdlTransaction()) {
          return Mono.error(new MigrationException("migration " + m.version() + " " + m.name() + " disables its DDL "
              + "transaction, but the table lock runs every migration in one transaction: give it "
              + "disableMigrationLock() too, or use MigratorOptions.Lock.ADVISORY"));
        }
      }
      return Mono.empty();
    });
  }

  private long lockKey() {
    // Stable across JVMs and instances (String.hashCode is specified), one key per versions table.
    byte[] bytes = ("flecto_migrations:" + versions).getBytes(StandardCharsets.UTF_8);
    long h = 1125899906842597L;
    for (byte b : bytes) {
      h = 31 * h + b;
    }
    return h;
  }

  private Mono<Boolean> advisoryLock() {
    MigratorOptions o = migrator.options();
    long deadline = System.nanoTime() + o.lockTimeout().toNanos();
    Mono<Boolean> attempt = repo.query("SELECT pg_try_advisory_lock($1)", List.of(lockKey()))
        .map(r -> (Boolean) r.rows().get(0).get(0));
    return attempt.flatMap(got -> {
      if (got) {
        return Mono.just(true);
      }
      if (System.nanoTime() > deadline) {
        return Mono.error(new MigrationException("another migrator has held the migration lock of " + versions
            + " for longer than " + o.lockTimeout() + " (MigratorOptions.withLockWait)"));
      }
      LOG.info("Migration lock of {} is held by another migrator; retrying in {}", versions, o.lockRetryInterval());
      return Mono.<Boolean>empty();
    }).repeatWhenEmpty(repeats -> repeats.delayElements(o.lockRetryInterval()));
  }

  private Mono<Void> unlock() {
    return repo.query("SELECT pg_advisory_unlock($1)", List.of(lockKey())).then();
  }

}
