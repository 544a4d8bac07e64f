package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.TimeoutException;
import dev.flecto.TransactionException;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.it.HoldingConnectionFactory.Hold;
import dev.flecto.it.HoldingConnectionFactory.Op;
import dev.flecto.it.HoldingConnectionFactory.Stall;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.StreamOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Transaction integrity against a real PostgreSQL: a cancel landing exactly inside BEGIN, COMMIT or
 * ROLLBACK (held by a wrapper of the driver's factory), nested failures (Ecto's semantics), and the
 * time bounds on statements, streams, transactions and checkouts. After each case: the pool is idle,
 * no session of it is left idle in transaction, and an autocommit write is seen by another connection.
 */
@FlectoTest(schema = "/tx.sql")
@NoSandbox
class TransactionIntegrityIT {
  private static final Duration T = Duration.ofSeconds(15);
  private static final String APP = "flecto-integrity";
  private HoldingConnectionFactory holding;
  private ConnectionPool pool;
  private Repo repo;

  @BeforeEach
  void pool() {
    holding = new HoldingConnectionFactory(ConnectionFactories.get(TestDatabase.get().url() + "?applicationName=" + APP));
    pool = new ConnectionPool(ConnectionPoolConfiguration.builder(holding).initialSize(1).maxSize(1).build());
    repo = R2dbcRepos.of(pool, RepoOptions.defaults().withIdleTimeout(Duration.ofMillis(400)));
  }

  @AfterEach
  void cleanUp() {
    pool.dispose();
    TestDatabase.get().execute("TRUNCATE tx_items").block(T);
  }

  @Test
  void aCancelWhileBeginIsInFlightLeavesNoTransactionOpen() throws Exception {
    cancelInside(Op.BEGIN, repo.transact(() -> repo.insert(TxItem.named("lost"))));
    assertClean("lost");
  }

  @Test
  void aStreamCancelledWhileItsBeginIsInFlightLeavesNoTransactionOpen() throws Exception {
    repo.insertAll(TxItem.class, List.of(java.util.Map.of("name", "s1"), java.util.Map.of("name", "s2"))).block(T);
    cancelInside(Op.BEGIN, repo.stream(Query.from(TxItem.class).orderBy("id"), StreamOptions.maxRows(1)));
    assertClean(null);
  }

  @Test
  void aCancelDuringCommitOrRollbackStillEndsTheTransactionAndReleases() throws Exception {
    cancelInside(Op.COMMIT, repo.transact(() -> repo.insert(TxItem.named("c"))));
    assertClean(null);
    assertThat(seenElsewhere("c")).as("COMMIT was sent before the cancel: it goes through").isEqualTo(1L);

    cancelInside(Op.ROLLBACK, repo.transact(() -> repo.insert(TxItem.named("r")).then(Mono.error(new IllegalStateException("x")))));
    assertClean("r");

    cancelInside(Op.COMMIT, repo.stream(Query.from(TxItem.class)));
    assertClean(null);
  }

  @Test
  void aCaughtNestedFailureAbortsTheOuterTransaction() {
    // Ecto: the outer may go on running code, but nothing more reaches the database and it cannot commit.
    repo.transact(() -> repo.insert(TxItem.named("outer"))
            .then(repo.transact(() -> repo.insert(TxItem.named("inner")).then(Mono.error(new IllegalStateException("inner"))))
                .onErrorResume(IllegalStateException.class, e -> Mono.empty()))
            .thenReturn("done"))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactionException.class)
            .hasMessageContaining("transaction rolled back").hasCauseInstanceOf(IllegalStateException.class))
        .verify(T);
    repo.transact(() -> repo.insert(TxItem.named("outer2"))
            .then(repo.transact(() -> repo.insert(TxItem.named("inner2")).then(repo.rollback("changed my mind")))
                .onErrorResume(TransactionException.class, e -> Mono.empty()))
            .then(repo.insert(TxItem.named("after2"))))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactionException.class).hasMessageContaining("rolling back")
            .hasMessageContaining("changed my mind"))
        .verify(T);
    // A savepoint, asked for, recovers.
    TxItem kept = repo.transact(() -> repo.insert(TxItem.named("outer3"))
        .then(repo.transact(TransactionOptions.defaults().withSavepoint(true), () -> repo.insert(TxItem.named("outer3")))
            .onErrorResume(ConstraintException.class, e -> Mono.empty()))
        .then(repo.insert(TxItem.named("after3")))).block(T);
    assertThat(kept.name()).isEqualTo("after3");
    assertThat(names()).containsExactlyInAnyOrder("outer3", "after3");
    assertClean(null);
  }

  @Test
  void aStatementPastItsTimeoutIsCancelledOnTheServer() {
    Repo impatient = repo.withStatementTimeout(Duration.ofMillis(300));
    repo.insert(TxItem.named("row")).block(T); // pg_sleep runs once per row
    long start = System.nanoTime();
    impatient.all(Query.from(TxItem.class).where(dev.flecto.query.Exprs.fragment("pg_sleep(5) IS NOT NULL")))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TimeoutException.class).hasMessageContaining("pg_sleep(5)")
            .hasMessageContaining("PT0.3S"))
        .verify(T);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    // Inside a transaction too: the transaction rolls back, and the server stopped the statement.
    impatient.transact(() -> impatient.insert(TxItem.named("t"))
            .then(impatient.all(Query.from(TxItem.class).where(dev.flecto.query.Exprs.fragment("pg_sleep(5) IS NOT NULL"))).then()))
        .as(StepVerifier::create)
        .expectError(TimeoutException.class)
        .verify(T);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertClean("t");
  }

  @Test
  void aStreamsFetchPastTheStatementTimeoutIsCancelledOnTheServer() {
    Repo impatient = repo.withStatementTimeout(Duration.ofMillis(300));
    repo.insert(TxItem.named("row")).block(T); // pg_sleep runs when the FETCH reads the row, not at DECLARE
    long start = System.nanoTime();
    impatient.stream(Query.from(TxItem.class).where(dev.flecto.query.Exprs.fragment("pg_sleep(5) IS NOT NULL")),
            StreamOptions.maxRows(1))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TimeoutException.class).hasMessageContaining("FETCH 1 FROM")
            .hasMessageContaining("pg_sleep(5)").hasMessageContaining("PT0.3S"))
        .verify(T);
    // The server stopped the FETCH: its transaction rolled back at once rather than after five seconds.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertClean(null);
  }

  @Test
  void aStreamWhoseSubscriberStopsRequestingIsEndedAndReleased() {
    repo.insertAll(TxItem.class, List.of(java.util.Map.of("name", "a"), java.util.Map.of("name", "b"), java.util.Map.of("name", "c")))
        .block(T);
    AtomicReference<Throwable> error = new AtomicReference<>();
    // Requests one row, then neither requests nor cancels: a lost cancel in a web layer.
    repo.stream(Query.from(TxItem.class).orderBy("id"), StreamOptions.maxRows(1).withIdleTimeout(Duration.ofMillis(300)))
        .subscribe(new BaseSubscriber<TxItem>() {
          @Override
          protected void hookOnSubscribe(Subscription subscription) {
            request(1);
          }

          @Override
          protected void hookOnError(Throwable e) {
            error.set(e);
          }
        });
    Pools.await(() -> error.get() != null);
    assertThat(error.get()).isInstanceOf(TimeoutException.class).hasMessageContaining("TxItem").hasMessageContaining("PT0.3S");
    assertClean(null);
  }

  @Test
  void aTransactionOrCheckoutThatStopsMakingProgressIsEnded() {
    repo.transact(() -> repo.insert(TxItem.named("stuck")).then(Mono.never()))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TimeoutException.class).hasMessageContaining("rolled back"))
        .verify(T);
    assertClean("stuck");
    repo.checkout(() -> repo.insert(TxItem.named("held")).then(Mono.never()))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TimeoutException.class).hasMessageContaining("checkout"))
        .verify(T);
    assertClean(null);
    assertThat(seenElsewhere("held")).as("a checkout's statements commit on their own").isEqualTo(1L);
    // Slow, but making progress: not ended.
    assertThat(repo.transact(() -> Flux.range(0, 4).concatMap(i -> Mono.delay(Duration.ofMillis(150))
        .then(repo.insert(TxItem.named("slow" + i)))).last()).block(T).name()).isEqualTo("slow3");
  }

  @Test
  void aNestedSavepointArrivingAfterItsTransactionEndedIsNotSent() {
    // A nested transact racing with its outer's end (a sibling branch subscribed late): its
    // SAVEPOINT must not reach the connection, which is back in the pool. Through the driver's
    // createSavepoint it BEGAN a stray transaction there, and the next borrower's writes were lost.
    AtomicReference<reactor.util.context.ContextView> inside = new AtomicReference<>();
    repo.transact(() -> Mono.deferContextual(ctx -> {
      inside.set(ctx);
      return repo.insert(TxItem.named("outer"));
    })).block(T);
    repo.transact(TransactionOptions.defaults().withSavepoint(true), () -> repo.insert(TxItem.named("late")))
        .contextWrite(inside.get())
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactionException.class).hasMessageContaining("has ended"))
        .verify(T);
    repo.insert(TxItem.named("next")).block(T);
    assertThat(seenElsewhere("next")).as("the next borrower's write committed").isEqualTo(1L);
    assertClean("late");
  }

  @Test
  void aStreamInsideACheckoutRunsOnTheHeldConnection() {
    // The pool has one connection, which the checkout holds: a stream taking a second would wait forever.
    List<String> seen = repo.checkout(() -> repo.insert(TxItem.named("c1"))
            .then(repo.stream(Query.from(TxItem.class).orderBy("id"), StreamOptions.maxRows(1)).map(TxItem::name).collectList())
            .flatMap(names -> repo.insert(TxItem.named("c2")).thenReturn(names)))
        .block(T);
    assertThat(seen).containsExactly("c1");
    assertThat(seenElsewhere("c2")).as("the checkout goes on after the stream's own transaction").isEqualTo(1L);
    // Cancelled mid-stream, the stream's transaction rolls back and the checkout still releases.
    repo.checkout(() -> repo.stream(Query.from(TxItem.class).orderBy("id"), StreamOptions.maxRows(1)).take(1).then(repo.insert(TxItem.named("c3"))))
        .block(T);
    assertThat(seenElsewhere("c3")).isEqualTo(1L);
    assertClean(null);
  }

  @Test
  void aCheckoutCancelledWhileItsTransactionIsAboutToCommitReleasesOnlyAfterTheCommit() throws Exception {
    // The transaction's body completed, so its usingWhen chose COMMIT, but the thread sending it is
    // descheduled (stalled here) when the checkout holding the connection is cancelled: that cancel
    // cannot reach the transaction any more, and the checkout released the connection at once. The
    // next borrower's BEGIN then only warned (the old transaction was open), the late COMMIT
    // committed its writes, and the rest ran in autocommit: a transaction that failed kept its rows
    // (CancellationFuzzIT: "its transaction had to fail (ROLLBACK) but left 2 rows").
    Stall stall = holding.stallNext(Op.COMMIT, Duration.ofSeconds(3));
    Disposable checkout = repo.checkout(() -> repo.transact(() -> repo.insert(TxItem.named("held-tx"))
        .publishOn(reactor.core.scheduler.Schedulers.boundedElastic()))).subscribe(x -> { }, e -> { });
    stall.awaitArrival();
    checkout.dispose();
    repo.transact(() -> repo.insert(TxItem.named("next-1"))
            .then(Mono.fromRunnable(stall::release)).then(Mono.fromFuture(stall.sent()))
            .then(repo.insert(TxItem.named("next-2")))
            .then(repo.rollback("the next borrower fails")))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactionException.class)
            .hasMessageContaining("the next borrower fails"))
        .verify(T);
    assertThat(seenElsewhere("next-1") + seenElsewhere("next-2")).as("rows of the failed next transaction").isZero();
    assertThat(seenElsewhere("held-tx")).as("the COMMIT was under way when the checkout was cancelled: it goes through")
        .isEqualTo(1L);
    assertClean(null);
  }

  @Test
  void aCheckoutCancelledWhileItsTransactionIsAboutToRollBackReleasesOnlyAfterTheRollback() throws Exception {
    // The same with a ROLLBACK sent late: it ended the next borrower's transaction half-way, its first
    // row was rolled back, its second ran in autocommit, and its COMMIT (skipped by the driver, which
    // saw no transaction) "succeeded": a committed half pair.
    Stall stall = holding.stallNext(Op.ROLLBACK, Duration.ofSeconds(3));
    Disposable checkout = repo.checkout(() -> repo.transact(() -> repo.insert(TxItem.named("held-tx"))
        .publishOn(reactor.core.scheduler.Schedulers.boundedElastic())
        .then(Mono.error(new IllegalStateException("the held transaction fails"))))).subscribe(x -> { }, e -> { });
    stall.awaitArrival();
    checkout.dispose();
    TxItem second = repo.transact(() -> repo.insert(TxItem.named("next-1"))
        .then(Mono.fromRunnable(stall::release)).then(Mono.fromFuture(stall.sent()))
        .then(repo.insert(TxItem.named("next-2")))).block(T);
    assertThat(second.name()).isEqualTo("next-2");
    assertThat(List.of(seenElsewhere("next-1"), seenElsewhere("next-2"))).as("both rows of the committed transaction")
        .containsExactly(1L, 1L);
    assertClean("held-tx");
  }

  /** Runs the work until it sent the held operation, cancels it there, then lets the operation reach the server. */
  private void cancelInside(Op op, org.reactivestreams.Publisher<?> work) throws Exception {
    Hold hold = holding.holdNext(op);
    Disposable running = Flux.from(work).subscribe(x -> { }, e -> { });
    hold.awaitArrival();
    running.dispose();
    hold.release();
  }

  /** The pool idle, no session of it idle in transaction, an autocommit write seen elsewhere, and {@code absent} never committed. */
  private void assertClean(String absent) {
    Pools.assertIdle(pool);
    sleep(150); // a leaked BEGIN reaches the server after its release
    assertThat(idleInTransaction()).as("sessions idle in transaction").isZero();
    String probe = "probe-" + System.nanoTime();
    repo.insert(TxItem.named(probe)).block(T);
    assertThat(seenElsewhere(probe)).as("an autocommit write is visible to another connection").isEqualTo(1L);
    if (absent != null) {
      assertThat(seenElsewhere(absent)).as(absent + " was rolled back").isZero();
    }
    Pools.assertIdle(pool);
  }

  private List<String> names() {
    return TestDatabase.get().repo().all(Query.from(TxItem.class).where(dev.flecto.query.Exprs.not(dev.flecto.query.Exprs.field("name").like("probe-%"))))
        .map(TxItem::name).collectList().block(T);
  }

  private static long seenElsewhere(String name) {
    return count("SELECT count(*) FROM tx_items WHERE name = '" + name + "'");
  }

  private static long idleInTransaction() {
    return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + APP + "' AND state LIKE 'idle in transaction%'");
  }

  private static long count(String sql) {
    return Mono.usingWhen(Mono.<Connection>from(TestDatabase.get().connectionFactory().create()),
        c -> Flux.from(c.createStatement(sql).execute()).concatMap(r -> r.map(row -> row.get(0, Long.class))).single(),
        Connection::close).block(T);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
