package dev.flecto.it;

import static dev.flecto.it.Pools.assertIdle;
import static dev.flecto.it.Pools.await;
import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.DatabaseException;
import dev.flecto.TransactionException;
import dev.flecto.adapter.IsolationLevel;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Transaction options, savepoints, checkout, server-side cancellation and retry, on pools of the
 * test's own (their connections carry an application name, so pg_stat_activity shows what their
 * backends do). Every test leaves every connection idle and usable.
 */
@FlectoTest(schema = {"/tx.sql", "/tx_options.sql"})
class TransactionOptionsIT {
  private static final Duration T = Duration.ofSeconds(15);
  // A stopped pg_sleep(5) frees its connection in about 0.1 s; waiting it out would take 5 s. Margins are for a loaded machine.
  private static final Duration FAST = Duration.ofMillis(2500);
  private static final String APP = "flecto-tx-options-test";
  private static final TransactionOptions DEFAULTS = TransactionOptions.defaults();
  private static final TransactionOptions IN_SAVEPOINT = DEFAULTS.withSavepoint(true);
  private ConnectionPool pool;
  private Repo repo;

  @BeforeEach
  void pool() {
    pool = newPool(2);
    repo = R2dbcRepos.of(pool, RepoOptions.defaults());
  }

  @AfterEach
  void cleanUp() {
    assertIdle(pool);
    assertThat(scalar(repo, Integer.class, "1").block(T)).as("the next query works").isEqualTo(1);
    assertIdle(pool);
    pool.dispose();
    TestDatabase.get().execute("TRUNCATE tx_items, on_call").block(T);
  }

  @Test
  @NoSandbox
  void theIsolationLevelIsTheOneAskedFor() {
    assertThat(repo.transact(() -> setting(repo, "transaction_isolation")).block(T)).isEqualTo("read committed");
    for (IsolationLevel level : IsolationLevel.values()) {
      // PostgreSQL reports READ UNCOMMITTED as asked, and runs it as READ COMMITTED.
      assertThat(repo.transact(DEFAULTS.withIsolation(level), () -> setting(repo, "transaction_isolation")).block(T))
          .isEqualTo(level.sql().toLowerCase());
    }
    assertThat(repo.transact(DEFAULTS.withIsolation(IsolationLevel.SERIALIZABLE).withReadOnly(true),
        () -> setting(repo, "transaction_isolation").zipWith(setting(repo, "transaction_read_only"))).block(T).toList())
        .containsExactly("serializable", "on");
  }

  @Test
  @NoSandbox
  void aReadOnlyTransactionRejectsWritesNamingTheStatement() {
    assertThat(repo.transact(DEFAULTS.withReadOnly(true), () -> repo.all(TxItem.class).collectList()).block(T)).isEmpty();
    repo.transact(DEFAULTS.withReadOnly(true), () -> repo.insert(TxItem.named("a")))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(DatabaseException.class).hasMessageContaining("read-only transaction")
              .hasMessageContaining("INSERT INTO \"tx_items\"");
          assertThat(((DatabaseException) e).sqlState()).isEqualTo("25006");
        })
        .verify(T);
    assertThat(names()).isEmpty();
  }

  @Test
  @NoSandbox
  void theTimeoutStopsALongStatementOnTheServerAndTheTransactionRollsBack() {
    assertThat(repo.transact(DEFAULTS.withTimeout(Duration.ofMillis(1500)), () -> setting(repo, "statement_timeout")).block(T))
        .isEqualTo("1500ms");
    long start = System.nanoTime();
    repo.transact(DEFAULTS.withTimeout(Duration.ofMillis(300)), () -> repo.insert(TxItem.named("a")).then(sleep(repo, 5)))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(((DatabaseException) e).sqlState()).isEqualTo("57014"))
        .verify(T);
    assertThat(since(start)).isLessThan(FAST);
    assertThat(names()).isEmpty();
    // SET LOCAL ends with the transaction: the connection goes back to the pool without the timeout.
    String after = repo.checkout(() -> repo.transact(DEFAULTS.withTimeout(Duration.ofMillis(300)), () -> sleep(repo, 5))
        .onErrorResume(DatabaseException.class, e -> Mono.just("stopped"))
        .then(setting(repo, "statement_timeout"))).block(T);
    assertThat(after).isEqualTo("0");
  }

  @Test
  @NoSandbox
  void cancellingALongStatementAsksTheServerToStopIt() {
    onOneConnection(single -> {
      long start = System.nanoTime();
      sleep(single, 5).timeout(Duration.ofMillis(200)).as(StepVerifier::create).expectError(TimeoutException.class).verify(T);
      assertFreedFast(single, start);

      start = System.nanoTime();
      single.transact(() -> single.insert(TxItem.named("a")).then(sleep(single, 5))).timeout(Duration.ofMillis(300))
          .as(StepVerifier::create).expectError(TimeoutException.class).verify(T);
      assertFreedFast(single, start);
      assertThat(single.all(TxItem.class).collectList().block(T)).as("rolled back").isEmpty();

      Disposable running = single.checkout(() -> sleep(single, 5)).subscribe();
      await(() -> busyBackends() == 1);
      start = System.nanoTime();
      running.dispose();
      assertFreedFast(single, start);
    });
  }

  @Test
  @NoSandbox
  void aCancelRequestNeverStopsALaterStatement() {
    onOneConnection(single -> {
      single.transact(() -> Flux.range(1, 50).concatMap(i -> single.insert(TxItem.named("n" + i))).then()).block(T);
      // Each take(1) cancels a statement whose rows may all have arrived; the next statement runs at once on the same connection.
      for (int i = 0; i < 20; i++) {
        assertThat(single.all(TxItem.class).take(1).collectList().block(T)).hasSize(1);
        assertThat(single.aggregate(Query.from(TxItem.class), Aggregate.COUNT).block(T)).isEqualTo(50L);
      }
      // Inside a transaction a cancelled statement is not cancelled on the server: that would abort the transaction.
      assertThat(single.transact(() -> single.all(TxItem.class).take(1).then(single.insert(TxItem.named("more")))
          .then(single.aggregate(Query.from(TxItem.class), Aggregate.COUNT))).block(T)).isEqualTo(51L);
    });
  }

  // A pool of one connection: the statement after a cancelled one must run on the same connection.
  private static void onOneConnection(java.util.function.Consumer<Repo> test) {
    ConnectionPool one = newPool(1);
    try {
      test.accept(R2dbcRepos.of(one, RepoOptions.defaults()));
      assertIdle(one);
    } finally {
      one.dispose();
    }
  }

  // The server's backend is idle and the one connection answers long before the 5-second sleep could have ended.
  private static void assertFreedFast(Repo single, long start) {
    await(() -> busyBackends() == 0);
    assertThat(busyBackends()).as("backends of the test's pools still busy").isZero();
    assertThat(scalar(single, Integer.class, "1").block(T)).as("the one connection is free").isEqualTo(1);
    assertThat(since(start)).isLessThan(FAST);
  }

  @Test
  @NoSandbox
  void aSavepointTransactCanFailAndTheOuterTransactionGoesOn() {
    List<String> inside = repo.transact(() -> repo.insert(TxItem.named("outer"))
        .then(repo.transact(IN_SAVEPOINT, () -> repo.insert(TxItem.named("kept"))))
        .then(repo.transact(IN_SAVEPOINT, () -> repo.insert(TxItem.named("outer")))
            .onErrorResume(ConstraintException.class, e -> Mono.empty()))
        .then(repo.transact(IN_SAVEPOINT, () -> repo.insert(TxItem.named("undone")).then(repo.rollback("changed my mind")))
            .onErrorResume(TransactionException.class, e -> Mono.empty()))
        .then(repo.transact(IN_SAVEPOINT.withTimeout(Duration.ofMillis(300)), () -> sleep(repo, 5))
            .onErrorResume(DatabaseException.class, e -> Mono.empty()))
        .then(repo.insert(TxItem.named("after")))
        .then(names(repo))).block(T);
    assertThat(inside).containsExactlyInAnyOrder("outer", "kept", "after");
    assertThat(names()).containsExactlyInAnyOrder("outer", "kept", "after");

    // Joined (the default), the same recovered failure aborts the whole transaction (Ecto): the next
    // statement is refused before it is sent, naming the nested failure, and nothing is committed.
    repo.transact(() -> repo.insert(TxItem.named("x"))
            .then(repo.transact(() -> repo.insert(TxItem.named("x"))).onErrorResume(ConstraintException.class, e -> Mono.empty()))
            .then(repo.insert(TxItem.named("y"))))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactionException.class)
            .hasMessageContaining("transaction rolling back").hasCauseInstanceOf(ConstraintException.class))
        .verify(T);
    assertThat(names()).containsExactlyInAnyOrder("outer", "kept", "after");
  }

  @Test
  @NoSandbox
  void optionsOfANestedTransactMustFitTheEnclosingTransaction() {
    TransactionOptions serializable = DEFAULTS.withIsolation(IsolationLevel.SERIALIZABLE);
    assertThat(repo.transact(serializable, () -> repo.transact(serializable, () -> setting(repo, "transaction_isolation"))).block(T))
        .isEqualTo("serializable");
    repo.transact(serializable, () -> repo.transact(DEFAULTS.withIsolation(IsolationLevel.REPEATABLE_READ), () -> repo.insert(TxItem.named("a"))))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactionException.class)
            .hasMessageContaining("option isolation REPEATABLE_READ").hasMessageContaining("which runs SERIALIZABLE")
            .hasMessageContaining("outermost transact"))
        .verify(T);
    // PostgreSQL runs READ UNCOMMITTED as READ COMMITTED, so it fits a default transaction.
    assertThat(repo.transact(() -> repo.transact(DEFAULTS.withIsolation(IsolationLevel.READ_UNCOMMITTED),
        () -> setting(repo, "transaction_isolation"))).block(T)).isEqualTo("read committed");
    // The check sends nothing that aborts the transaction: the caller can recover and commit.
    repo.transact(() -> repo.transact(DEFAULTS.withReadOnly(true), () -> repo.insert(TxItem.named("no")))
            .onErrorResume(TransactionException.class, e -> {
              assertThat(e).hasMessageContaining("option readOnly").hasMessageContaining("read-write transaction");
              return repo.insert(TxItem.named("recovered"));
            }))
        .block(T);
    assertThat(names()).containsExactly("recovered");
    assertThat(repo.transact(DEFAULTS.withReadOnly(true), () -> repo.transact(DEFAULTS.withReadOnly(true),
        () -> setting(repo, "transaction_read_only"))).block(T)).isEqualTo("on");
    // A nested timeout holds for the nested work; the enclosing one comes back after it.
    assertThat(repo.transact(DEFAULTS.withTimeout(Duration.ofSeconds(30)), () -> setting(repo, "statement_timeout")
        .concatWith(repo.transact(DEFAULTS.withTimeout(Duration.ofMillis(250)), () -> setting(repo, "statement_timeout")))
        .concatWith(setting(repo, "statement_timeout")).collectList()).block(T))
        .containsExactly("30s", "250ms", "30s");
  }

  @Test
  void inASandboxTheSandboxTransactionEnclosesEveryTransact(Repo sandboxed) {
    sandboxed.transact(DEFAULTS.withIsolation(IsolationLevel.SERIALIZABLE), () -> sandboxed.insert(TxItem.named("a")))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactionException.class).hasMessageContaining("@NoSandbox"))
        .verify(T);
    assertThat(sandboxed.transact(DEFAULTS.withTimeout(Duration.ofMillis(700)), () -> setting(sandboxed, "statement_timeout"))
        .block(T)).isEqualTo("700ms");
    assertThat(setting(sandboxed, "statement_timeout").block(T)).isEqualTo("0");
    assertThat(sandboxed.checkout(() -> sandboxed.transact(sandboxed::inTransaction)).block(T)).isTrue();
  }

  @Test
  @NoSandbox
  void checkoutHoldsOneConnectionForSeveralStatementsWithoutATransaction() {
    Repo other = R2dbcRepos.of(pool, RepoOptions.defaults()); // its statements are never inside this repo's checkout
    List<Object> seen = repo.checkout(() -> Flux.<Object>concat(pid(repo), repo.insert(TxItem.named("a")).then(pid(repo)),
            other.all(TxItem.class).map(TxItem::name), pid(other),
            Mono.delay(Duration.ofMillis(50)).map(x -> pool.getMetrics().orElseThrow().acquiredSize()),
            repo.inTransaction(), pid(repo))
        .collectList()).block(T);
    int held = (Integer) seen.get(0);
    assertThat(seen.get(1)).isEqualTo(held);
    assertThat(seen.get(2)).as("each statement commits on its own").isEqualTo("a");
    assertThat(seen.get(3)).as("another borrower gets another connection").isNotEqualTo(held);
    assertThat(seen.get(4)).as("held between statements").isEqualTo(1);
    assertThat(seen.get(5)).as("inTransaction").isEqualTo(false);
    assertThat(seen.get(6)).isEqualTo(held);
    assertIdle(pool);

    // A transact inside a checkout runs on the held connection, and the checkout goes on after it.
    List<Object> nested = repo.checkout(() -> Flux.<Object>concat(pid(repo), repo.transact(() -> pid(repo).zipWith(repo.inTransaction())
            .map(t -> List.of(t.getT1(), t.getT2()))),
        repo.transact(() -> repo.insert(TxItem.named("undone")).then(repo.rollback("no"))).onErrorResume(TransactionException.class, e -> Mono.empty()),
        repo.checkout(() -> pid(repo))).collectList()).block(T);
    assertThat(nested).containsExactly(nested.get(0), List.of(nested.get(0), true), nested.get(0));
    assertThat(names()).containsExactly("a");
  }

  @Test
  @NoSandbox
  void aCheckoutIsReleasedOnCompleteErrorAndCancel() {
    repo.checkout(() -> pid(repo).then(Mono.error(new IllegalStateException("boom"))))
        .as(StepVerifier::create).expectErrorMessage("boom").verify(T);
    assertIdle(pool);
    repo.checkout(() -> pid(repo).then(Mono.never())).timeout(Duration.ofMillis(300))
        .as(StepVerifier::create).expectError(TimeoutException.class).verify(T);
    assertIdle(pool);
    assertThat(repo.checkout(() -> Mono.<Integer>empty()).block(T)).isNull();
    assertIdle(pool);
  }

  @Test
  @NoSandbox
  void aSerializationFailureRetriesTheWholeTransaction() {
    TestDatabase.get().execute("INSERT INTO on_call (name, on_duty) VALUES ('alice', true), ('bob', true)").block(T);
    TransactionOptions serializable = DEFAULTS.withIsolation(IsolationLevel.SERIALIZABLE).withRetry(5, Duration.ofMillis(10));
    CountDownLatch bothRead = new CountDownLatch(2);
    AtomicInteger alice = new AtomicInteger();
    AtomicInteger bob = new AtomicInteger();
    // Each leaves duty if the other is still on it: the classic write skew, which SERIALIZABLE turns into a 40001.
    Mono.when(goOffDuty("alice", alice, bothRead, serializable), goOffDuty("bob", bob, bothRead, serializable)).block(T);
    assertThat(alice.get() + bob.get()).as("one of them ran again").isGreaterThanOrEqualTo(3);
    assertThat(repo.aggregate(Query.from(OnCall.class).where("onDuty", true), Aggregate.COUNT).block(T))
        .as("someone is still on duty").isEqualTo(1L);
  }

  private Mono<Long> goOffDuty(String name, AtomicInteger attempts, CountDownLatch bothRead, TransactionOptions options) {
    return repo.transact(options, () -> {
      boolean first = attempts.incrementAndGet() == 1;
      return repo.aggregate(Query.from(OnCall.class).where("onDuty", true), Aggregate.COUNT)
          .delayUntil(n -> first ? bothHaveRead(bothRead) : Mono.empty())
          .flatMap(n -> n < 2 ? Mono.just(0L)
              : repo.updateAll(Query.from(OnCall.class).where("name", name), Updates.set("onDuty", false)));
    });
  }

  // Both transactions read before either writes; a retry does not wait again.
  private static Mono<Boolean> bothHaveRead(CountDownLatch latch) {
    return Mono.fromCallable(() -> {
      latch.countDown();
      return latch.await(10, TimeUnit.SECONDS);
    }).subscribeOn(Schedulers.boundedElastic());
  }

  @Test
  @NoSandbox
  void deadlocksAreRetriedAndOtherErrorsAreNot() {
    TransactionOptions retrying = DEFAULTS.withRetry(3, Duration.ZERO);
    AtomicInteger calls = new AtomicInteger();
    assertThat(repo.transact(retrying, () -> calls.incrementAndGet() == 1 ? raise("40P01").then(Mono.<TxItem>empty())
        : repo.insert(TxItem.named("second try"))).block(T).name()).isEqualTo("second try");
    assertThat(calls).hasValue(2);

    calls.set(0);
    repo.transact(retrying, () -> raise("40001").doOnSubscribe(s -> calls.incrementAndGet()))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(((DatabaseException) e).sqlState()).as("the last attempt's error").isEqualTo("40001"))
        .verify(T);
    assertThat(calls).as("attempts in all").hasValue(3);

    calls.set(0);
    repo.transact(retrying, () -> repo.insert(TxItem.named("second try")).doOnSubscribe(s -> calls.incrementAndGet()))
        .as(StepVerifier::create).expectError(ConstraintException.class).verify(T);
    repo.transact(retrying, () -> repo.rollback("no").doOnSubscribe(s -> calls.incrementAndGet()))
        .as(StepVerifier::create).expectError(TransactionException.class).verify(T);
    assertThat(calls).as("a unique violation and a rollback run once").hasValue(2);

    calls.set(0);
    repo.transact(() -> repo.transact(retrying, () -> raise("40001").doOnSubscribe(s -> calls.incrementAndGet())))
        .as(StepVerifier::create).expectError(DatabaseException.class).verify(T);
    assertThat(calls).as("only the outermost transact retries").hasValue(1);
    assertThat(names()).containsExactly("second try");
  }

  private Mono<Boolean> raise(String sqlState) {
    return scalar(repo, Boolean.class, "flecto_raise(?)", sqlState);
  }

  private static <R> Mono<R> scalar(Repo r, Class<R> type, String sql, Object... args) {
    return r.one(Query.fromValues(List.of(Map.of("one", 1)), Map.of("one", Integer.class)).select(fragment(sql, args), type));
  }

  private static Mono<String> setting(Repo r, String name) {
    return scalar(r, String.class, "current_setting(?)", name);
  }

  private static Mono<Integer> pid(Repo r) {
    return scalar(r, Integer.class, "pg_backend_pid()");
  }

  private static Mono<String> sleep(Repo r, int seconds) {
    return scalar(r, String.class, "pg_sleep(" + seconds + ")::text");
  }

  private static Mono<List<String>> names(Repo r) {
    return r.all(TxItem.class).map(TxItem::name).collectList();
  }

  private List<String> names() {
    return names(repo).block(T);
  }

  private static ConnectionPool newPool(int maxSize) {
    return new ConnectionPool(ConnectionPoolConfiguration.builder(
            ConnectionFactories.get(TestDatabase.get().url() + "?applicationName=" + APP))
        .initialSize(1).maxSize(maxSize).build());
  }

  // Backends of this test's pools that are not idle: running a statement, or idle in a transaction.
  private static long busyBackends() {
    return TestDatabase.get().repo().one(Query.fromTable("pg_stat_activity")
        .where(field("application_name").eq(APP)).where(field("state").ne("idle"))
        .select(count(), Long.class)).block(T);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
