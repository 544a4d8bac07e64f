package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.DatabaseException;
import dev.flecto.ReadOnlyRepoException;
import dev.flecto.changeset.Changeset;
import dev.flecto.multi.Multi;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.r2dbc.Replicas;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.ReplicaStrategy;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.telemetry.QueryEvent;
import dev.flecto.telemetry.QueryListener;
import dev.flecto.telemetry.ReplicaEvent;
import dev.flecto.test.ReplicatedDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/**
 * Read replicas against real streaming replication: an embedded primary with two hot standbys
 * ({@link ReplicatedDatabase}). Which server answered is proved by {@code inet_server_port()}, or,
 * for the query API, by a row a standby has not replayed (its replay paused).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaIT {
  private static final Duration T = Duration.ofSeconds(15);

  private ReplicatedDatabase db;
  private Repo repo;
  private final List<ReplicaEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> statements = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    long t0 = System.nanoTime();
    db = ReplicatedDatabase.start(2);
    System.out.printf("ReplicaIT: primary and 2 standbys started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    repo = R2dbcRepos.connect(db.primaryUrl(), options(events, statements),
        Replicas.urls(db.replicaUrl(0), db.replicaUrl(1)).withHealthInterval(Duration.ofMillis(200)).withMaxLag(Duration.ofSeconds(1)));
    repo.query("CREATE TABLE rp_notes (id bigserial PRIMARY KEY, body text NOT NULL)", List.of()).block(T);
    long t1 = System.nanoTime();
    awaitTrue("both replicas in use", () -> up("replica-1") && up("replica-2"));
    for (int i = 0; i < 2; i++) {
      int replica = i;
      awaitTrue("the table replayed on replica " + i, () -> Boolean.TRUE.equals(on(replica,
          "SELECT to_regclass('rp_notes') IS NOT NULL")));
    }
    System.out.printf("ReplicaIT: replicas in use and caught up in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
  }

  // A test that stops or pauses a replica waits for it to come back; the next starts with both in use.
  @BeforeEach
  void bothReplicasInUse() {
    awaitTrue("both replicas in use", () -> up("replica-1") && up("replica-2"));
  }

  @AfterAll
  void stop() {
    if (repo != null) {
      repo.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static RepoOptions options(List<ReplicaEvent> events, List<String> statements) {
    return RepoOptions.defaults().withListener(new QueryListener() {
      @Override
      public void onQuery(QueryEvent e) {
        statements.add(e.sql());
      }

      @Override
      public void onReplica(ReplicaEvent e) {
        events.add(e);
      }
    });
  }

  // The last event told of the replica says it is in use.
  private boolean up(String replica) {
    ReplicaEvent last = null;
    for (ReplicaEvent e : events) {
      if (e.replica().startsWith(replica + " ")) {
        last = e;
      }
    }
    return last != null && last.up();
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  // One value straight from a standby, over a Repo of its own (no routing).
  private Object on(int replica, String sql) {
    try (Repo direct = R2dbcRepos.connect(db.replicaUrl(replica), RepoOptions.defaults())) {
      return direct.query(sql, List.of()).block(T).rows().get(0).get(0);
    }
  }

  private static int port(Repo r) {
    return (Integer) r.query("SELECT inet_server_port()", List.of()).block(T).rows().get(0).get(0);
  }

  private void pauseReplay(int replica) {
    on(replica, "SELECT pg_wal_replay_pause()::text");
  }

  private void resumeReplay(int replica) {
    on(replica, "SELECT pg_wal_replay_resume()::text");
  }

  private RpNote insert(String body) {
    return repo.insert(RpNote.of(body)).block(T);
  }

  @Test
  void aWriteOnThePrimaryIsReadOnAReplicaOnceReplayed() {
    RpNote note = insert("replayed");
    Repo replica = repo.replica();
    assertThat(port(replica)).isIn(db.replicaPort(0), db.replicaPort(1));
    assertThat(replica.query("SELECT pg_is_in_recovery()", List.of()).block(T).rows()).containsExactly(List.of(true));
    awaitTrue("the insert replayed", () -> replica.get(RpNote.class, note.id()).blockOptional(T).isPresent());
    assertThat(replica.get(RpNote.class, note.id()).block(T)).isEqualTo(note);
    assertThat(port(repo)).as("the primary Repo's raw SQL").isEqualTo(db.primaryPort());
  }

  @Test
  void roundRobinOverTheHealthyReplicasAndAChosenStrategy() {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ports.add(port(repo.replica()));
    }
    assertThat(ports).containsOnly(db.replicaPort(0), db.replicaPort(1));
    assertThat(ports.get(0)).isNotEqualTo(ports.get(1));
    assertThat(ports.get(0)).isEqualTo(ports.get(2));
    assertThat(port(repo.replica(healthy -> healthy.size() - 1))).isEqualTo(db.replicaPort(1));
    assertThat(port(repo.replica(ReplicaStrategy.random()))).isIn(db.replicaPort(0), db.replicaPort(1));
    assertThatThrownBy(() -> repo.replica(healthy -> 7)).hasMessageContaining("chose index 7");
  }

  @Test
  void everyWriteOnAReplicaRepoIsRefusedBeforeAnySql() {
    RpNote stored = insert("kept");
    Repo replica = repo.replica();
    Query<RpNote> all = Query.from(RpNote.class);
    Changeset<RpNote> change = Changeset.cast(stored, Map.of("body", "changed"), "body");
    Map<String, Supplier<Mono<?>>> writes = new java.util.LinkedHashMap<>();
    writes.put("insert", () -> replica.insert(RpNote.of("no")));
    writes.put("insert ", () -> replica.insert(Changeset.cast(RpNote.of("x"), Map.of("body", "no"), "body")));
    writes.put("update", () -> replica.update(change));
    writes.put("insertOrUpdate", () -> replica.insertOrUpdate(change));
    writes.put("delete", () -> replica.delete(stored));
    writes.put("deleteAll", () -> replica.deleteAll(all));
    writes.put("updateAll", () -> replica.updateAll(all, Updates.set("body", "no")));
    writes.put("deleteAllReturning", () -> replica.deleteAllReturning(all).collectList());
    writes.put("updateAllReturning", () -> replica.updateAllReturning(all, Updates.set("body", "no")).collectList());
    writes.put("insertAll", () -> replica.insertAll(RpNote.class, List.of(RpNote.of("no"))));
    writes.put("insertAll  ", () -> replica.insertAll("rp_notes", List.of(Map.of("body", "no")), InsertAllOptions.defaults()));
    writes.put("insertAllReturning", () -> replica.insertAllReturning(RpNote.class, List.of(RpNote.of("no")),
        InsertAllOptions.defaults()).collectList());
    writes.put("insertAll   ", () -> replica.insertAll(RpNote.class, all));
    writes.put("transact(Multi) with the INSERT step 'note'",
        () -> replica.transact(Multi.create().insert("note", RpNote.of("no"))));
    statements.clear();
    for (Map.Entry<String, Supplier<Mono<?>>> w : writes.entrySet()) {
      Mono<?> call = w.getValue().get(); // no exception at call time
      assertThatThrownBy(() -> call.block(T)).as(w.getKey())
          .isInstanceOf(ReadOnlyRepoException.class)
          .hasMessageContaining("Repo." + w.getKey().strip() + " refused")
          .hasMessageContaining("replica-")
          .satisfies(e -> assertThat(((ReadOnlyRepoException) e).method()).isEqualTo(w.getKey().strip()));
    }
    assertThat(statements).as("no statement was sent").isEmpty();
    assertThat(repo.primary().get(RpNote.class, stored.id()).block(T)).isEqualTo(stored);

    // Raw SQL is not parsed: the standby refuses the write itself.
    assertThatThrownBy(() -> replica.query("INSERT INTO rp_notes (body) VALUES ('no')", List.of()).block(T))
        .isInstanceOf(DatabaseException.class).hasMessageContaining("25006");
    // A Multi that only reads runs (on the primary, read-only), and a write in its run step is refused.
    assertThat(replica.transact(Multi.create().run("n", (r, ch) -> r.aggregate(all, dev.flecto.query.Aggregate.COUNT)))
        .block(T).get("n", Long.class)).isPositive();
    assertThatThrownBy(() -> replica.transact(Multi.create().run("w", (r, ch) -> r.insert(RpNote.of("no")))).block(T))
        .hasRootCauseInstanceOf(ReadOnlyRepoException.class);
  }

  @Test
  void badReplicaOptionsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> Replicas.urls(new String[0])).isInstanceOf(ArgumentException.class).hasMessageContaining("at least one replica");
    assertThatThrownBy(() -> Replicas.urls((String) null)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("Replicas.replicaUrls must not be or hold null");
    assertThatThrownBy(() -> Replicas.urls("mysql://app:secret@db/app")).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("'mysql://app:***@db/app' is not a PostgreSQL URL");
    Replicas ok = Replicas.urls(db.replicaUrl(0));
    assertThatThrownBy(() -> ok.withMaxLag(Duration.ZERO)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("Replicas.maxLag must be a positive duration");
    assertThatThrownBy(() -> ok.withHealthInterval(null)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("Replicas.healthInterval");
    assertThatThrownBy(() -> ok.withStrategy(null)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("Replicas.strategy");
    assertThatThrownBy(() -> repo.replica(null)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("Repo.replica(strategy)");
    assertThat(Replicas.urls("postgres://app:secret@db/app").toString()).contains("postgres://app:***@db/app")
        .doesNotContain("secret");
    assertThat(ok.strategy()).isNotNull();
    assertThat(ok.autoRoute()).isFalse();
    assertThat(ok.maxLag()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ok.healthInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRepoWithoutReplicasGivesAReadOnlyRepoOnItsPrimary() {
    try (Repo plain = R2dbcRepos.connect(db.primaryUrl(), RepoOptions.defaults())) {
      Repo replica = plain.replica();
      assertThat(port(replica)).isEqualTo(db.primaryPort());
      assertThatThrownBy(() -> replica.insert(RpNote.of("no")).block(T)).isInstanceOf(ReadOnlyRepoException.class)
          .hasMessageContaining("no replicas");
      assertThat(plain.primary()).isSameAs(plain);
      assertThat(port(replica.primary())).isEqualTo(db.primaryPort());
      assertThat(replica.primary().insert(RpNote.of("written")).block(T).id()).isNotNull();
    }
  }

  @Test
  void transactionsAndCheckoutsRunOnThePrimary() {
    Repo replica = repo.replica();
    String portAndMode = "SELECT inet_server_port(), current_setting('transaction_read_only')";
    assertThat(replica.transact(() -> replica.query(portAndMode, List.of())).block(T).rows())
        .as("a replica Repo's transaction: the primary, read-only").containsExactly(List.of(db.primaryPort(), "on"));
    assertThatThrownBy(() -> replica.transact(() -> replica.query("INSERT INTO rp_notes (body) VALUES ('no')", List.of()))
        .block(T)).hasMessageContaining("25006");
    assertThat(replica.checkout(() -> Mono.fromSupplier(() -> 0).then(replica.query("SELECT inet_server_port()", List.of())))
        .block(T).rows()).containsExactly(List.of(db.primaryPort()));
    assertThat(repo.transact(() -> replica.query(portAndMode, List.of())).block(T).rows())
        .as("a replica Repo inside the primary's transaction joins it").containsExactly(List.of(db.primaryPort(), "off"));
  }

  @Test
  void autoRoutingIsOffByDefaultAndSendsReadsOutsideTransactionsToReplicasWhenOn() {
    List<ReplicaEvent> autoEvents = new CopyOnWriteArrayList<>();
    try (Repo auto = R2dbcRepos.connect(db.primaryUrl(), options(autoEvents, new ArrayList<>()),
        Replicas.urls(db.replicaUrl(0), db.replicaUrl(1)).withAutoRoute(true).withHealthInterval(Duration.ofMillis(200))
            .withMaxLag(Duration.ofMinutes(5)))) {
      awaitTrue("both replicas in use", () -> autoEvents.stream().filter(ReplicaEvent::up).count() == 2);
      pauseReplay(0);
      pauseReplay(1);
      try {
        RpNote note = insert("not replayed");
        Query<RpNote> q = Query.from(RpNote.class).where("id", note.id());
        assertThat(repo.all(q).collectList().block(T)).as("auto routing off: the primary").containsExactly(note);
        assertThat(auto.all(q).collectList().block(T)).as("auto routing on: a replica").isEmpty();
        assertThat(auto.get(RpNote.class, note.id()).blockOptional(T)).isEmpty();
        assertThat(auto.exists(q).block(T)).isFalse();
        assertThat(auto.stream(q).collectList().block(T)).as("a stream outside a transaction: a replica").isEmpty();
        assertThat(auto.primary().get(RpNote.class, note.id()).block(T)).as("read-your-writes").isEqualTo(note);
        assertThat(auto.transact(() -> auto.get(RpNote.class, note.id())).block(T)).as("in a transaction").isEqualTo(note);
        assertThat(auto.transact(() -> auto.stream(q).collectList()).block(T)).as("a stream in a transaction")
            .containsExactly(note);
        assertThat(auto.checkout(() -> auto.get(RpNote.class, note.id())).block(T)).as("in a checkout").isEqualTo(note);
        assertThat(port(auto)).as("raw SQL is never routed").isEqualTo(db.primaryPort());
      } finally {
        resumeReplay(0);
        resumeReplay(1);
      }
    }
  }

  @Test
  void aLaggingReplicaIsSkippedAndReportedThenUsedAgain() {
    pauseReplay(0);
    try {
      insert("lagging"); // received but not replayed: replica 0 falls behind
      awaitTrue("replica 0 out of use", () -> !up("replica-1"));
      ReplicaEvent down = events.stream().filter(e -> !e.up() && e.replica().startsWith("replica-1 ")).reduce((a, b) -> b)
          .orElseThrow();
      assertThat(down.reason()).contains("beyond the bound PT1S");
      assertThat(down.lag()).isGreaterThan(Duration.ofSeconds(1));
      assertThat(down.repo()).isEqualTo("flecto");
      assertThat(down.replica()).isEqualTo("replica-1 (localhost:" + db.replicaPort(0) + ")");
      for (int i = 0; i < 3; i++) {
        assertThat(port(repo.replica())).isEqualTo(db.replicaPort(1));
      }
    } finally {
      resumeReplay(0);
    }
    awaitTrue("replica 0 back in use", () -> up("replica-1"));
    assertThat(List.of(port(repo.replica()), port(repo.replica()))).containsOnly(db.replicaPort(0), db.replicaPort(1))
        .doesNotHaveDuplicates();
  }

  @Test
  void stoppingAReplicaSendsReadsToThePrimaryWithNoFailedRead() {
    // Three Repos on replica 0 with no health check before the reads: the first read of each after
    // the stop meets the stopped replica (through its pooled connection), and must not fail.
    List<List<ReplicaEvent>> told = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    List<Repo> repos = new ArrayList<>();
    RpNote note = insert("survives");
    Query<RpNote> q = Query.from(RpNote.class).where("id", note.id());
    try {
      for (List<ReplicaEvent> events : told) {
        Repo r = R2dbcRepos.connect(db.primaryUrl(), options(events, new ArrayList<>()),
            Replicas.urls(db.replicaUrl(0)).withAutoRoute(true).withHealthInterval(Duration.ofMinutes(10)));
        repos.add(r);
        awaitTrue("the replica in use", () -> events.stream().anyMatch(ReplicaEvent::up));
        awaitTrue("the insert replayed", () -> r.replica().get(RpNote.class, note.id()).blockOptional(T).isPresent());
        assertThat(port(r.replica())).isEqualTo(db.replicaPort(0)); // its pool holds a connection now
      }
      db.stopReplica(0);
      List<Throwable> failures = new ArrayList<>();
      List<Object> read = new ArrayList<>();
      List<Supplier<Object>> firstReads = List.of(
          () -> repos.get(0).all(q).collectList().block(T),      // a routed query
          () -> port(repos.get(1).replica()),                     // a replica Repo's raw SQL
          () -> repos.get(2).stream(q).collectList().block(T));  // a routed stream
      for (int i = 0; i < 10; i++) {
        for (Supplier<Object> r : firstReads) {
          try {
            read.add(r.get());
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
        for (Repo r : repos) {
          try {
            read.add(r.replica().getOrFail(RpNote.class, note.id()).block(T));
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
      }
      assertThat(failures).as("failed reads after the replica stopped").isEmpty();
      assertThat(read).containsOnly(List.of(note), db.primaryPort(), note);
      for (List<ReplicaEvent> events : told) {
        assertThat(events).hasSize(2);
        assertThat(events.get(1).up()).isFalse();
        assertThat(events.get(1).reason()).startsWith("a read failed");
        assertThat(events.get(1).error()).isNotNull();
      }

      // The class's Repo checks every 200 ms: it put the replica out of use too, and takes it back once it is up.
      awaitTrue("replica 0 out of use for the class's Repo", () -> !up("replica-1"));
      assertThat(events.get(events.size() - 1).reason()).startsWith("its health check failed");
    } finally {
      repos.forEach(Repo::close);
      db.startReplica(0);
    }
    awaitTrue("replica 0 back in use for the class's Repo", () -> up("replica-1"));
    assertThat(List.of(port(repo.replica()), port(repo.replica()))).containsOnly(db.replicaPort(0), db.replicaPort(1))
        .doesNotHaveDuplicates();
  }
}
