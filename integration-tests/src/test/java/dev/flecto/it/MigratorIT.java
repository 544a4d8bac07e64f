package dev.flecto.it;

import static dev.flecto.migration.Migrations.execute;
import static dev.flecto.migration.Migrations.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.adapter.QueryResult;
import dev.flecto.migration.Command;
import dev.flecto.migration.IrreversibleMigrationException;
import dev.flecto.migration.Migration;
import dev.flecto.migration.MigrationException;
import dev.flecto.migration.MigrationStatus;
import dev.flecto.migration.Migrations;
import dev.flecto.migration.Migrator;
import dev.flecto.migration.MigratorOptions;
import dev.flecto.migration.Target;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Ecto's migrator behaviours ({@code integration_test/sql/migrator.exs}) against PostgreSQL: the
 * version bookkeeping, the order up and down, targets, a failing migration in the middle, two
 * migrators at the same moment under each lock, status, migrations outside a transaction, data
 * migrations, and irreversible ones. The migrations here are raw SQL ({@code execute}), so they
 * test the migrator alone; the DDL of the other commands has its own tests.
 */
@FlectoTest
@NoSandbox
class MigratorIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static final AtomicInteger TABLES = new AtomicInteger();

  private final Repo repo = TestDatabase.get().repo();
  private String versions;
  private String log;
  private MigratorOptions options;

  @BeforeEach
  void tables() {
    int n = TABLES.incrementAndGet();
    versions = "mig_versions_" + n;
    log = "mig_log_" + n;
    options = MigratorOptions.defaults().withTable(versions).withLockWait(T, Duration.ofMillis(50));
    sql("CREATE TABLE " + log + " (id serial PRIMARY KEY, entry text NOT NULL)");
  }

  @AfterEach
  void dropTables() {
    sql("DROP TABLE IF EXISTS " + log + ", " + versions + ", mig_a, mig_b, mig_c, mig_d CASCADE");
  }

  private QueryResult sql(String statement, Object... params) {
    return repo.query(statement, List.of(params)).block(T);
  }

  private List<Object> logged() {
    return sql("SELECT entry FROM " + log + " ORDER BY id").rows().stream().map(r -> r.get(0)).toList();
  }

  private List<Object> recorded() {
    return sql("SELECT version FROM " + versions + " ORDER BY version").rows().stream().map(r -> r.get(0)).toList();
  }

  private boolean tableExists(String table) {
    return (Boolean) sql("SELECT to_regclass($1) IS NOT NULL", table).rows().get(0).get(0);
  }

  /** A reversible migration creating a table and writing to the log each way. */
  private VersionedMigration creates(long version, String table) {
    String entry = "INSERT INTO " + log + " (entry) VALUES ";
    Migration m = new Migration() {
      @Override
      public List<Command> change() {
        return List.of(
            execute(entry + "('up " + version + "')", entry + "('down " + version + "')"),
            execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY)", "DROP TABLE " + table));
      }
    };
    return Migrations.of(version, "create_" + table, m);
  }

  private Migrator migrator() {
    return Migrator.of(repo).withOptions(options);
  }

  @Test
  void runningAnAppliedMigrationAgainDoesNothingAndRollingBackOneNotAppliedDoesNothing() {
    List<VersionedMigration> all = List.of(creates(1, "mig_a"), creates(2, "mig_b"));
    assertThat(migrator().up(all).block(T)).extracting(VersionedMigration::version).containsExactly(1L, 2L);
    assertThat(recorded()).containsExactly(1L, 2L);
    assertThat(migrator().up(all).block(T)).as("nothing pending").isEmpty();
    assertThat(logged()).containsExactly("up 1", "up 2");

    assertThat(migrator().down(all, Target.step(1)).block(T)).extracting(VersionedMigration::version).containsExactly(2L);
    assertThat(migrator().down(List.of(creates(2, "mig_b")), Target.all()).block(T)).as("2 is not applied").isEmpty();
    assertThat(recorded()).containsExactly(1L);
    assertThat(tableExists("mig_b")).isFalse();
    assertThat(tableExists("mig_a")).isTrue();
  }

  @Test
  void allUpInVersionOrderAndAllDownInReverseWhateverTheListsOrder() {
    List<VersionedMigration> shuffled = List.of(creates(3, "mig_c"), creates(1, "mig_a"), creates(2, "mig_b"));
    migrator().up(shuffled).block(T);
    migrator().down(shuffled, Target.all()).block(T);
    assertThat(logged()).containsExactly("up 1", "up 2", "up 3", "down 3", "down 2", "down 1");
    assertThat(recorded()).isEmpty();
  }

  @Test
  void targetsStepAndToEachWay() {
    List<VersionedMigration> all = List.of(creates(1, "mig_a"), creates(2, "mig_b"), creates(3, "mig_c"), creates(4, "mig_d"));
    migrator().up(all, Target.step(1)).block(T);
    assertThat(recorded()).containsExactly(1L);
    migrator().up(all, Target.to(3)).block(T);
    assertThat(recorded()).containsExactly(1L, 2L, 3L);
    migrator().up(all).block(T);
    migrator().down(all, Target.to(3)).block(T);
    assertThat(recorded()).as("down to 3 includes 3").containsExactly(1L, 2L);
    migrator().down(all, Target.step(5)).block(T);
    assertThat(recorded()).isEmpty();
  }

  @Test
  void aFailingMigrationInTheMiddleLeavesTheOnesBeforeItAppliedAndItAndTheRestPending() {
    Migration broken = new Migration() {
      @Override
      public List<Command> up() {
        return List.of(execute("CREATE TABLE mig_c (id bigserial PRIMARY KEY)"), execute("CREATE TABLE mig_c_oops (id nosuchtype)"));
      }

      @Override
      public List<Command> down() {
        return List.of(execute("DROP TABLE mig_c"));
      }
    };
    List<VersionedMigration> all = List.of(creates(1, "mig_a"), creates(2, "mig_b"), Migrations.of(3, "broken", broken),
        creates(4, "mig_d"));
    migrator().up(all).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MigrationException.class)
            .hasMessageContaining("migration 3 broken failed at command execute")
            .hasMessageContaining("CREATE TABLE mig_c_oops (id nosuchtype)")
            .hasMessageContaining("nosuchtype"))
        .verify(T);
    assertThat(recorded()).containsExactly(1L, 2L);
    assertThat(tableExists("mig_c")).as("3's first command rolled back with it").isFalse();
    assertThat(tableExists("mig_d")).isFalse();
    assertThat(migrator().status(all).block(T)).extracting(MigrationStatus::up).containsExactly(true, true, false, false);
  }

  @Test
  void twoMigratorsAtTheSameMomentRunEachMigrationExactlyOnceUnderTheAdvisoryLock() {
    concurrentMigrators(MigratorOptions.Lock.ADVISORY);
  }

  @Test
  void twoMigratorsAtTheSameMomentRunEachMigrationExactlyOnceUnderTheTableLock() {
    sql("CREATE TABLE " + versions + " (version bigint PRIMARY KEY, inserted_at timestamp(0))");
    concurrentMigrators(MigratorOptions.Lock.TABLE);
  }

  private void concurrentMigrators(MigratorOptions.Lock lock) {
    String entry = "INSERT INTO " + log + " (entry) VALUES ";
    List<VersionedMigration> all = new ArrayList<>();
    for (long v = 1; v <= 3; v++) {
      long version = v;
      all.add(Migrations.of(version, "slow_" + version, new Migration() {
        @Override
        public List<Command> up() {
          return List.of(execute("SELECT pg_sleep(0.2)"), execute(entry + "('up " + version + "')"));
        }
      }));
    }
    // Two instances: two pools, as two application nodes starting at once.
    Repo other = R2dbcRepos.connect(TestDatabase.get().url(), RepoOptions.defaults());
    try {
      MigratorOptions locked = options.withLock(lock);
      Mono<List<VersionedMigration>> first = Migrator.of(repo).withOptions(locked).up(all).subscribeOn(Schedulers.parallel());
      Mono<List<VersionedMigration>> second = Migrator.of(other).withOptions(locked).up(all).subscribeOn(Schedulers.parallel());
      List<List<VersionedMigration>> ran = Mono.zip(first, second, List::of).block(T);
      assertThat(ran.get(0).size() + ran.get(1).size()).as("each migration ran once, by one of them").isEqualTo(3);
      assertThat(logged()).containsExactly("up 1", "up 2", "up 3");
      assertThat(recorded()).containsExactly(1L, 2L, 3L);
      assertThat(sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").rows().get(0).get(0))
          .as("the advisory lock was given back").isEqualTo(0L);
    } finally {
      other.close();
    }
  }

  @Test
  void behindATransactionPoolerTheSessionLockIsRefusedBeforeAnythingRuns() {
    // A session advisory lock cannot be kept through PgBouncer in transaction mode (PgBouncerIT runs the table lock there).
    Repo pooled = R2dbcRepos.connect(TestDatabase.get().url(), RepoOptions.defaults().withTransactionPooling(true));
    try {
      Migrator.of(pooled).withOptions(options).up(List.of(creates(1, "mig_a"))).as(StepVerifier::create)
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MigrationException.class)
              .hasMessageContaining("MigratorOptions.Lock.ADVISORY is a session lock")
              .hasMessageContaining("RepoOptions.transactionPooling").hasMessageContaining("MigratorOptions.Lock.TABLE"))
          .verify(T);
      assertThat(tableExists("mig_a")).isFalse();
      assertThat(tableExists(versions)).as("nothing ran").isFalse();
      assertThat(Migrator.of(pooled).withOptions(options.withLock(MigratorOptions.Lock.TABLE)).up(List.of(creates(1, "mig_a")))
          .block(T)).hasSize(1);
      assertThat(tableExists("mig_a")).isTrue();
    } finally {
      pooled.close();
    }
  }

  @Test
  void underTheTableLockAFailureRollsBackTheWholeRun() {
    Migration broken = new Migration() {
      @Override
      public List<Command> up() {
        return List.of(execute("SELECT 1/0"));
      }
    };
    List<VersionedMigration> all = List.of(creates(1, "mig_a"), Migrations.of(2, "broken", broken));
    Migrator.of(repo).withOptions(options.withLock(MigratorOptions.Lock.TABLE)).up(all).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("migration 2 broken failed").hasMessageContaining("SELECT 1/0"))
        .verify(T);
    assertThat(recorded()).as("one transaction for the run").isEmpty();
    assertThat(tableExists("mig_a")).isFalse();
  }

  @Test
  void statusListsEachMigrationUpOrDownAndVersionsWithoutAMigration() {
    List<VersionedMigration> all = List.of(creates(1, "mig_a"), creates(2, "mig_b"));
    assertThat(migrator().status(all).block(T)).as("no versions table yet")
        .containsExactly(new MigrationStatus(1, "create_mig_a", false), new MigrationStatus(2, "create_mig_b", false));
    migrator().up(all).block(T);
    sql("INSERT INTO " + versions + " (version) VALUES (7)");
    assertThat(migrator().status(all.subList(0, 1)).block(T)).containsExactly(
        new MigrationStatus(1, "create_mig_a", true), new MigrationStatus(2, MigrationStatus.FILE_NOT_FOUND, true),
        new MigrationStatus(7, MigrationStatus.FILE_NOT_FOUND, true));
  }

  @Test
  void aMigrationWithoutItsTransactionKeepsWhatRanBeforeItsFailure() {
    Migration outside = new Migration() {
      @Override
      public List<Command> up() {
        return List.of(execute("CREATE TABLE mig_a (id bigserial PRIMARY KEY)"), execute("SELECT 1/0"));
      }

      @Override
      public boolean disableDdlTransaction() {
        return true;
      }
    };
    migrator().up(List.of(Migrations.of(1, "outside", outside))).as(StepVerifier::create)
        .expectError(MigrationException.class).verify(T);
    assertThat(tableExists("mig_a")).as("no transaction: its first statement stays").isTrue();
    assertThat(recorded()).isEmpty();
  }

  @Test
  void aDataMigrationRunsWithTheRepoInTheMigrationsTransaction() {
    Migration data = new Migration() {
      @Override
      public List<Command> change() {
        return List.of(
            execute("CREATE TABLE mig_a (id bigserial PRIMARY KEY, email text)", "DROP TABLE mig_a"),
            execute("INSERT INTO mig_a (email) VALUES ('ANN@EXAMPLE.COM')", "SELECT 1"),
            run("lowercase emails", r -> r.inTransaction().flatMap(inTx -> r.query(
                "UPDATE mig_a SET email = lower(email) || $1", List.of(inTx ? "" : "-not-in-a-transaction"))), null));
      }
    };
    migrator().up(List.of(Migrations.of(1, "data", data))).block(T);
    assertThat(sql("SELECT email FROM mig_a").rows()).containsExactly(List.of("ann@example.com"));
  }

  @Test
  void anIrreversibleMigrationFailsTheRollbackBeforeAnythingRuns() {
    Migration oneWay = new Migration() {
      @Override
      public List<Command> change() {
        return List.of(execute("CREATE TABLE mig_b (id bigserial PRIMARY KEY)"));
      }
    };
    List<VersionedMigration> all = List.of(Migrations.of(1, "one_way", oneWay), creates(2, "mig_c"));
    migrator().up(all).block(T);
    migrator().down(all, Target.all()).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IrreversibleMigrationException.class)
            .hasMessageContaining("migration 1 one_way")
            .hasMessageContaining("cannot reverse migration command: execute \"CREATE TABLE mig_b"))
        .verify(T);
    assertThat(recorded()).as("2 was not rolled back either: the check comes first").containsExactly(1L, 2L);
    assertThat(tableExists("mig_c")).isTrue();
    sql("DROP TABLE mig_b");
  }

  @Test
  void theVersionsTableCanLiveInAPrefix() {
    sql("CREATE SCHEMA IF NOT EXISTS mig_tenant");
    try {
      Migrator tenant = Migrator.of(repo).withOptions(options.withPrefix("mig_tenant"));
      tenant.up(List.of(creates(1, "mig_a"))).block(T);
      assertThat(sql("SELECT version FROM mig_tenant." + versions).rows()).containsExactly(List.of(1L));
      assertThat(tenant.appliedVersions().block(T)).containsExactly(1L);
      assertThat(migrator().appliedVersions().block(T)).as("the default prefix has none").isEmpty();
    } finally {
      sql("DROP SCHEMA mig_tenant CASCADE");
    }
  }

  @Test
  void aTenantsTablesGoInThePrefixOfTheRunWithForeignKeysBetweenThem() {
    Migration schema = new Migration() {
      @Override
      public List<Command> change() {
        return List.of(
            Migrations.createTable(Migrations.table("mig_a"), Migrations.add("name", dev.flecto.migration.ColumnType.STRING).notNull()),
            Migrations.createTable(Migrations.table("mig_b"),
                Migrations.add("a_id", Migrations.references("mig_a").onDelete(dev.flecto.migration.Reference.OnDelete.DELETE_ALL))),
            Migrations.createIndex(Migrations.index("mig_b", "a_id")));
      }
    };
    Migrator tenant = Migrator.of(repo).withOptions(options.withPrefix("mig_tenant_2"));
    try {
      sql("CREATE SCHEMA IF NOT EXISTS mig_tenant_2"); // a tenant's schema exists before its migrations run, with its versions
      tenant.up(List.of(Migrations.of(1, "tenant_schema", schema))).block(T);
      sql("INSERT INTO mig_tenant_2.mig_a (name) VALUES ('x')");
      sql("INSERT INTO mig_tenant_2.mig_b (a_id) SELECT id FROM mig_tenant_2.mig_a");
      sql("DELETE FROM mig_tenant_2.mig_a");
      assertThat(sql("SELECT count(*) FROM mig_tenant_2.mig_b").rows()).as("ON DELETE CASCADE inside the prefix")
          .containsExactly(List.of(0L));
      assertThat(tableExists("public.mig_a")).as("nothing in the default schema").isFalse();
      assertThat(sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'mig_tenant_2' AND tablename = 'mig_b'").rows())
          .contains(List.of("mig_b_a_id_index"));
      tenant.down(List.of(Migrations.of(1, "tenant_schema", schema)), Target.all()).block(T);
      assertThat(tableExists("mig_tenant_2.mig_a")).isFalse();
    } finally {
      sql("DROP SCHEMA IF EXISTS mig_tenant_2 CASCADE");
    }
  }

  @Test
  void anIndexBuiltConcurrentlyRunsInAMigrationWithoutItsTransaction() {
    sql("CREATE TABLE mig_a (id bigserial PRIMARY KEY, taken_at timestamptz)");
    VersionedMigration concurrently = Migrations.of(1, "index_concurrently", new Migration() {
      @Override
      public List<Command> change() {
        return List.of(Migrations.createIndex(Migrations.index("mig_a", "taken_at").concurrently()));
      }

      @Override
      public boolean disableDdlTransaction() {
        return true;
      }
    });
    migrator().up(List.of(concurrently)).block(T);
    assertThat(sql("SELECT indexname FROM pg_indexes WHERE tablename = 'mig_a' AND indexname = 'mig_a_taken_at_index'")
        .rows()).hasSize(1);
    migrator().down(List.of(concurrently), Target.all()).block(T);
    assertThat(sql("SELECT indexname FROM pg_indexes WHERE indexname = 'mig_a_taken_at_index'").rows()).isEmpty();

    VersionedMigration inATransaction = Migrations.of(2, "index_concurrently_in_a_transaction", new Migration() {
      @Override
      public List<Command> change() {
        return List.of(Migrations.createIndex(Migrations.index("mig_a", "taken_at").concurrently()));
      }
    });
    migrator().up(List.of(inATransaction)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MigrationException.class)
            .hasMessageContaining("migration 2 index_concurrently_in_a_transaction failed")
            .hasMessageContaining("CREATE INDEX CONCURRENTLY"))
        .verify(T);
  }

  @Test
  void duplicateVersionsAreRefused() {
    List<VersionedMigration> all = List.of(creates(1, "mig_a"), creates(1, "mig_b"));
    Mono<List<VersionedMigration>> up = migrator().up(all); // refused inside the Mono, not when it is made
    up.as(StepVerifier::create).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MigrationException.class)
        .hasMessageContaining("migration version 1 is duplicated")).verify(T);
  }
}
