package dev.flecto.it;

import static dev.flecto.migration.Migrations.execute;
import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.FlectoException;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import dev.flecto.migration.MigrationException;
import dev.flecto.migration.MigrationStatus;
import dev.flecto.migration.Migrations;
import dev.flecto.migration.Migrator;
import dev.flecto.migration.MigratorOptions;
import dev.flecto.migration.Target;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiResult;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.InsertAllOptions.Copy;
import dev.flecto.repo.InsertOptions;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.StreamOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Flecto through a real PgBouncer 1.18-style transaction pool ({@link PgBouncer}: 2 server
 * connections, no prepared-statement support) with {@link RepoOptions#withTransactionPooling}:
 * CRUD and repeated query shapes across clients, transactions with savepoints, Multi, streams in
 * and out of a transaction, preloads, insertAll by VALUES and COPY, upserts, statement timeouts
 * that stay in their transaction, migrations, and 50 concurrent transactions on the two server
 * connections. Without the option, the driver's named statements collide on a shared server
 * connection, which is why the option exists. Skipped, saying how to install it, without a
 * pgbouncer binary. Writes for real (no sandbox) and cleans up.
 */
@FlectoTest(schema = "/pgbouncer.sql")
@NoSandbox
class PgBouncerIT {
  private static final Duration T = Duration.ofSeconds(20);
  private static final RepoOptions POOLING = RepoOptions.defaults().withTransactionPooling(true);
  private static final String PID = "SELECT pg_backend_pid()";

  private final List<Repo> repos = new ArrayList<>();
  private PgBouncer bouncer;

  @BeforeEach
  void bouncer() {
    bouncer = PgBouncer.get();
  }

  @AfterEach
  void cleanUp() {
    repos.forEach(Repo::close);
    TestDatabase.get().execute("DROP TABLE IF EXISTS pb_versions, pb_migrated; "
        + "TRUNCATE pb_posts, pb_users RESTART IDENTITY CASCADE").block(T);
  }

  private Repo repo(String url, RepoOptions options) {
    Repo repo = R2dbcRepos.connect(url, options);
    repos.add(repo);
    return repo;
  }

  private static int pid(Repo repo) {
    return ((Number) repo.query(PID, List.of()).block(T).rows().get(0).get(0)).intValue();
  }

  @Test
  void withoutTheOptionTwoClientsNamedStatementsCollideOnTheSharedServerConnection() {
    // flecto_single pools one server connection: both clients' statements run on it.
    RepoOptions one = RepoOptions.defaults().withPoolMaxSize(1);
    Repo a = repo(bouncer.singleUrl(), one);
    Repo b = repo(bouncer.singleUrl(), one);
    assertThat(a.query("SELECT $1::int + 1", List.of(1)).block(T).rows()).containsExactly(List.of(2));
    // b's driver names its first statement S_0 too, and a's S_0 is still prepared on the server connection.
    b.query("SELECT $1::text || 'x'", List.of("a")).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(FlectoException.class)
            .hasMessageContaining("prepared statement \"S_0\" already exists"))
        .verify(T);

    Repo c = repo(bouncer.singleUrl(), POOLING.withPoolMaxSize(1));
    Repo d = repo(bouncer.singleUrl(), POOLING.withPoolMaxSize(1));
    for (int i = 0; i < 5; i++) {
      assertThat(c.query("SELECT $1::int + 1", List.of(i)).block(T).rows()).containsExactly(List.of(i + 1));
      assertThat(d.query("SELECT $1::text || 'x'", List.of("d" + i)).block(T).rows()).containsExactly(List.of("d" + i + "x"));
    }
  }

  @Test
  void crudAndTheSameQueryShapesAgainAndAgainAcrossClientsAndTransactions() {
    Repo a = repo(bouncer.url(), POOLING.withPoolMaxSize(3));
    Repo b = repo(bouncer.url(), POOLING.withPoolMaxSize(3));
    Set<Integer> pids = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      Repo r = i % 2 == 0 ? a : b;
      boolean inTx = i % 3 == 0;
      int n = i;
      Mono<PbUser> work = r.insert(PbUser.of("u" + n + "@x.io", "U" + n))
          .flatMap(u -> r.get(PbUser.class, u.id()))
          .flatMap(u -> r.update(Changeset.change(u, Map.of("name", "V" + n))))
          .flatMap(u -> r.all(Query.from(PbUser.class).where(field("email").eq(u.email()))).single());
      PbUser got = (inTx ? r.transact(() -> work) : work).block(T);
      assertThat(got.name()).isEqualTo("V" + n);
      assertThat(a.getBy(PbUser.class, Map.of("email", "u" + n + "@x.io")).block(T).name()).isEqualTo("V" + n);
      pids.add(pid(r));
    }
    assertThat(a.aggregate(Query.from(PbUser.class), dev.flecto.query.Aggregate.COUNT).block(T)).isEqualTo(12L);
    assertThat(b.deleteAll(Query.from(PbUser.class).where(field("email").like("u1%"))).block(T)).isEqualTo(3L);
    assertThat(a.delete(a.getBy(PbUser.class, Map.of("email", "u2@x.io")).block(T)).block(T).email()).isEqualTo("u2@x.io");
    assertThat(b.all(Query.from(PbUser.class)).count().block(T)).isEqualTo(8L);
    assertThat(pids).as("the statements ran on the bouncer's server connections").hasSizeBetween(1, PgBouncer.POOL_SIZE);
  }

  @Test
  void nestedTransactionsWithSavepointsAndAMulti() {
    Repo repo = repo(bouncer.url(), POOLING);
    PbPost post = repo.transact(() -> repo.insert(PbUser.of("ann@x.io", "Ann"))
        .flatMap(ann -> repo.transact(TransactionOptions.defaults().withSavepoint(true),
                () -> repo.insert(PbUser.of("ann@x.io", "Twin")))
            .onErrorResume(ConstraintException.class, e -> Mono.empty())
            .then(repo.insert(new PbPost(null, ann.id(), "kept")))))
        .block(T);
    assertThat(post.title()).isEqualTo("kept");
    assertThat(repo.all(Query.from(PbUser.class)).map(PbUser::name).collectList().block(T)).containsExactly("Ann");

    MultiResult done = repo.transact(Multi.create()
        .insert("user", PbUser.of("bob@x.io", "Bob"))
        .insert("post", changes -> new PbPost(null, changes.get("user", PbUser.class).id(), "first"))
        .run("count", (r, changes) -> r.aggregate(Query.from(PbPost.class), dev.flecto.query.Aggregate.COUNT)))
        .block(T);
    assertThat(done.get("count", Long.class)).isEqualTo(2L);
    repo.transact(Multi.create().insert("user", PbUser.of("cid@x.io", "Cid")).error("stop", "no"))
        .as(StepVerifier::create).expectError().verify(T);
    assertThat(repo.all(Query.from(PbUser.class).orderBy("id")).map(PbUser::name).collectList().block(T))
        .containsExactly("Ann", "Bob");
  }

  @Test
  void streamsReadTheirCursorInATransactionWhileOtherClientsUseTheServerConnections() {
    Repo repo = repo(bouncer.url(), POOLING);
    Repo other = repo(bouncer.url(), POOLING);
    List<Map<String, Object>> users = IntStream.rangeClosed(1, 60)
        .mapToObj(i -> Map.<String, Object>of("email", "s" + i + "@x.io", "name", "S" + i)).toList();
    assertThat(repo.insertAll(PbUser.class, users).block(T)).isEqualTo(60L);
    Query<PbUser> byId = Query.from(PbUser.class).orderBy("id");
    // Outside a transaction the stream opens its own; between FETCHes another client runs statements.
    Flux<Integer> busy = Flux.range(0, 20).concatMap(i -> other.query("SELECT $1::int", List.of(i)))
        .map(r -> ((Number) r.rows().get(0).get(0)).intValue());
    List<Long> ids = repo.stream(byId, StreamOptions.maxRows(7)).delayElements(Duration.ofMillis(2)).map(PbUser::id)
        .collectList().zipWith(busy.collectList(), (streamed, b) -> {
          assertThat(b).hasSize(20);
          return streamed;
        }).block(T);
    assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, 60).mapToObj(i -> (long) i).toList());
    // Inside a transaction, with a preload per chunk on the stream's connection.
    repo.insert(new PbPost(null, 3L, "p3")).block(T);
    List<PbUser> inTx = repo.transact(() -> repo.stream(byId.preload("posts"), StreamOptions.maxRows(10)).collectList())
        .block(T);
    assertThat(inTx).hasSize(60);
    assertThat(inTx.get(2).posts().get()).extracting(PbPost::title).containsExactly("p3");
    assertThat(inTx.get(3).posts().get()).isEmpty();
  }

  @Test
  void preloadsInsertAllByValuesAndCopyAndUpserts() {
    Repo repo = repo(bouncer.url(), POOLING);
    List<Map<String, Object>> values = IntStream.rangeClosed(1, 30)
        .mapToObj(i -> Map.<String, Object>of("email", "v" + i + "@x.io", "name", "V")).toList();
    List<Map<String, Object>> copied = IntStream.rangeClosed(1, 30)
        .mapToObj(i -> Map.<String, Object>of("email", "c" + i + "@x.io", "name", "C")).toList();
    assertThat(repo.insertAll(PbUser.class, values, InsertAllOptions.defaults().withCopy(Copy.NEVER)).block(T)).isEqualTo(30L);
    assertThat(repo.insertAll(PbUser.class, copied, InsertAllOptions.defaults().withCopy(Copy.ALWAYS)).block(T)).isEqualTo(30L);
    assertThat(repo.transact(() -> repo.insertAll(PbUser.class, List.of(Map.of("email", "t@x.io")),
        InsertAllOptions.defaults().withCopy(Copy.ALWAYS))).block(T)).isEqualTo(1L);
    List<PbUser> users = repo.all(Query.from(PbUser.class).orderBy("id")).collectList().block(T);
    assertThat(users).hasSize(61);
    List<Map<String, Object>> posts = users.stream()
        .flatMap(u -> IntStream.range(0, 2).mapToObj(k -> Map.<String, Object>of("userId", u.id(), "title", u.email() + k)))
        .toList();
    assertThat(repo.insertAll(PbPost.class, posts).block(T)).isEqualTo(122L);
    List<PbUser> loaded = repo.preload(users, "posts").block(T);
    assertThat(loaded).allSatisfy(u -> assertThat(u.posts().get()).hasSize(2));
    assertThat(repo.all(Query.from(PbUser.class).where(field("name").eq("C")).preload("posts")).collectList().block(T))
        .hasSize(30).allSatisfy(u -> assertThat(u.posts().get()).hasSize(2));

    PbUser first = users.get(0);
    PbUser replaced = repo.insert(PbUser.of(first.email(), "Replaced"), InsertOptions.defaults()
        .withOnConflict(InsertAllOptions.OnConflict.REPLACE, "name").withConflictTarget("email")).block(T);
    assertThat(replaced.id()).isEqualTo(first.id());
    assertThat(repo.get(PbUser.class, first.id()).block(T).name()).isEqualTo("Replaced");
    assertThat(repo.insertAll(PbUser.class, List.of(Map.of("email", first.email()), Map.of("email", "new@x.io")),
        InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING)).block(T)).isEqualTo(1L);
  }

  @Test
  void aTransactionsStatementTimeoutStaysInItAndNeverReachesAnotherClient() {
    // Two clients, more client connections than the bouncer's 2 server connections.
    Repo timed = repo(bouncer.url(), POOLING.withPoolMaxSize(2));
    Repo other = repo(bouncer.url(), POOLING.withPoolMaxSize(2));
    TransactionOptions tight = TransactionOptions.defaults().withTimeout(Duration.ofMillis(300));
    Set<Integer> timedPids = new HashSet<>();
    Set<Integer> otherPids = new HashSet<>();
    String show = "SELECT current_setting('statement_timeout'), pg_backend_pid()";
    for (int i = 0; i < 6; i++) {
      List<Object> inside = timed.transact(tight, () -> timed.query(show, List.of())).block(T).rows().get(0);
      assertThat(inside.get(0)).isEqualTo("300ms");
      timedPids.add(((Number) inside.get(1)).intValue());
      timed.transact(tight, () -> timed.query("SELECT pg_sleep(2)", List.of())).as(StepVerifier::create)
          .expectError(FlectoException.class).verify(T);
      List<Object> outside = other.query(show, List.of()).block(T).rows().get(0);
      List<Object> otherTx = other.transact(() -> other.query(show, List.of())).block(T).rows().get(0);
      assertThat(outside.get(0)).as("no SET LOCAL outlives its transaction").isEqualTo("0");
      assertThat(otherTx.get(0)).isEqualTo("0");
      otherPids.add(((Number) outside.get(1)).intValue());
      otherPids.add(((Number) otherTx.get(1)).intValue());
    }
    otherPids.retainAll(timedPids);
    assertThat(otherPids).as("the two clients shared a server connection").isNotEmpty();
  }

  @Test
  void migrationsRunThroughTheBouncerUnderTheTableLockAndTheSessionLockIsRefused() {
    Repo repo = repo(bouncer.url(), POOLING);
    Migration create = new Migration() {
      @Override
      public List<Command> change() {
        return List.of(execute("CREATE TABLE pb_migrated (id bigserial PRIMARY KEY)", "DROP TABLE pb_migrated"));
      }
    };
    List<VersionedMigration> all = List.of(Migrations.of(1, "create_pb_migrated", create));
    MigratorOptions options = MigratorOptions.defaults().withTable("pb_versions");
    Migrator.of(repo).withOptions(options).up(all).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MigrationException.class)
            .hasMessageContaining("RepoOptions.transactionPooling").hasMessageContaining("MigratorOptions.Lock.TABLE"))
        .verify(T);
    Migrator tableLocked = Migrator.of(repo).withOptions(options.withLock(MigratorOptions.Lock.TABLE));
    assertThat(tableLocked.up(all).block(T)).extracting(VersionedMigration::version).containsExactly(1L);
    assertThat(tableLocked.status(all).block(T)).extracting(MigrationStatus::up).containsExactly(true);
    assertThat(repo.query("SELECT to_regclass('pb_migrated') IS NOT NULL", List.of()).block(T).rows())
        .containsExactly(List.of(true));
    assertThat(tableLocked.down(all, Target.all()).block(T)).hasSize(1);
    assertThat(repo.query("SELECT to_regclass('pb_migrated') IS NULL", List.of()).block(T).rows())
        .containsExactly(List.of(true));
  }

  @Test
  void fiftyConcurrentTransactionsShareTheTwoServerConnections() {
    Repo repo = repo(bouncer.url(), POOLING.withPoolMaxSize(50));
    List<Integer> pids = Flux.range(0, 50)
        .flatMap(i -> repo.transact(() -> repo.insert(PbUser.of("c" + i + "@x.io", "C" + i))
            .flatMap(u -> repo.insert(new PbPost(null, u.id(), "p" + i)))
            .then(repo.query("SELECT pg_backend_pid() FROM pg_sleep(0.005)", List.of()))
            .map(r -> ((Number) r.rows().get(0).get(0)).intValue())), 50)
        .collectList().block(T);
    assertThat(pids).hasSize(50);
    assertThat(new HashSet<>(pids)).hasSizeBetween(1, PgBouncer.POOL_SIZE);
    assertThat(repo.aggregate(Query.from(PbPost.class), dev.flecto.query.Aggregate.COUNT).block(T)).isEqualTo(50L);
    assertThat(TestDatabase.get().repo().query("SELECT count(*) FROM pb_users", List.of()).block(T).rows())
        .as("committed, seen over a direct connection").containsExactly(List.of(50L));
  }
}
