package dev.flecto.it;

import static dev.flecto.it.Pools.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ConstraintException;
import dev.flecto.FlectoException;
import dev.flecto.TransactionException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Transactions that really commit, on a pool of the test's own so its metrics can be checked. */
@FlectoTest(schema = "/tx.sql")
@NoSandbox
class TransactionIT {
  private static final Duration T = Duration.ofSeconds(10);
  private ConnectionPool pool;
  private Repo repo;

  @BeforeEach
  void pool() {
    pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(TestDatabase.get().url()))
        .initialSize(1).maxSize(4).build());
    repo = R2dbcRepos.of(pool, RepoOptions.defaults());
  }

  @AfterEach
  void cleanUp() {
    assertAllConnectionsIdle();
    pool.dispose();
    TestDatabase.get().execute("TRUNCATE tx_items, deferred_items").block(T);
  }

  @Test
  void commitsWhenTheWorkCompletes() {
    repo.transact(() -> repo.insert(TxItem.named("a")).then(repo.insert(TxItem.named("b"))))
        .as(StepVerifier::create)
        .assertNext(item -> assertThat(item.name()).isEqualTo("b"))
        .verifyComplete();
    assertThat(names()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void anErrorInThePipelineRollsBackEverything() {
    repo.transact(() -> repo.insert(TxItem.named("a"))
            .then(repo.insert(TxItem.named("b")))
            .then(Mono.error(new IllegalStateException("boom"))))
        .as(StepVerifier::create)
        .expectErrorMessage("boom")
        .verify(T);
    assertThat(names()).isEmpty();
  }

  @Test
  void aFailedStatementRollsBackAndIsTranslated() {
    repo.transact(() -> repo.insert(TxItem.named("a")).then(repo.insert(TxItem.named("a"))))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConstraintException.class)
            .hasMessageContaining("tx_items_name_key").hasMessageContaining("unique")
            .hasCauseInstanceOf(io.r2dbc.spi.R2dbcDataIntegrityViolationException.class))
        .verify(T);
    assertThat(names()).isEmpty();
  }

  @Test
  void rollbackEndsTheTransactionWithItsValue() {
    repo.transact(() -> repo.insert(TxItem.named("a")).then(repo.rollback("out of stock")))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(((TransactionException) e).value()).isEqualTo("out of stock"))
        .verify(T);
    assertThat(names()).isEmpty();
    repo.rollback("outside").as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(FlectoException.class).hasMessageContaining("outside of a transaction"))
        .verify(T);
  }

  @Test
  void aCancelledTransactionRollsBackAndReleasesItsConnection() {
    repo.transact(() -> repo.insert(TxItem.named("a")).then(Mono.never()))
        .timeout(Duration.ofMillis(300))
        .as(StepVerifier::create)
        .expectError(java.util.concurrent.TimeoutException.class)
        .verify(T);
    assertAllConnectionsIdle();
    assertThat(names()).isEmpty();

    AtomicBoolean inserted = new AtomicBoolean();
    Disposable running = repo.transact(() -> repo.insert(TxItem.named("b")).doOnNext(x -> inserted.set(true))
        .then(Mono.delay(Duration.ofSeconds(30)))).subscribe();
    await(inserted::get);
    running.dispose();
    assertAllConnectionsIdle();
    assertThat(names()).isEmpty();
  }

  @Test
  void takeAndNextOnAFluxInsideATransactionRelease() {
    repo.transact(() -> Flux.range(1, 5).concatMap(i -> repo.insert(TxItem.named("n" + i))).then()).block(T);
    assertThat(repo.all(TxItem.class).take(2).collectList().block(T)).hasSize(2);
    assertThat(repo.transact(() -> repo.all(TxItem.class).next()).block(T)).isNotNull();
    assertAllConnectionsIdle();
  }

  @Test
  void noValueIsEmittedBeforeCommitSucceeds() {
    // The deferred unique constraint is checked at COMMIT: both inserts succeed, then COMMIT fails.
    repo.transact(() -> repo.insert(new DeferredItem(null, "x")).then(repo.insert(new DeferredItem(null, "x"))))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(TransactionException.class).hasMessageContaining("COMMIT failed");
          assertThat(e.getCause()).isInstanceOf(ConstraintException.class).hasMessageContaining("deferred_items_code_key");
        })
        .verify(T);
    assertThat(repo.all(DeferredItem.class).collectList().block(T)).isEmpty();
  }

  @Test
  void nestedTransactJoinsTheOuterTransaction() {
    Mono<List<String>> seenInside = repo.transact(() -> repo.insert(TxItem.named("outer"))
        .then(repo.transact(() -> repo.insert(TxItem.named("inner"))
            .then(repo.all(TxItem.class).map(TxItem::name).collectList()))));
    assertThat(seenInside.block(T)).containsExactlyInAnyOrder("outer", "inner");
    assertThat(names()).containsExactlyInAnyOrder("outer", "inner");

    repo.transact(() -> repo.insert(TxItem.named("outer2"))
            .then(repo.transact(() -> repo.insert(TxItem.named("inner2")).then(Mono.error(new IllegalStateException("inner"))))))
        .as(StepVerifier::create)
        .expectErrorMessage("inner")
        .verify(T);
    assertThat(names()).containsExactlyInAnyOrder("outer", "inner");
  }

  @Test
  void inTransactionTellsWhereTheCallerRuns() {
    assertThat(repo.inTransaction().block(T)).isFalse();
    assertThat(repo.transact(repo::inTransaction).block(T)).isTrue();
    assertThat(repo.transact(() -> repo.transact(repo::inTransaction)).block(T)).isTrue();
  }

  @Test
  void connectFindsTheAdapterByUrlAndCloseDrainsThePool() {
    Repo connected = Repo.connect(TestDatabase.get().url(), RepoOptions.defaults().withPoolMaxSize(2));
    TxItem item = connected.transact(() -> connected.insert(TxItem.named("via-url"))).block(T);
    assertThat(connected.get(TxItem.class, item.id()).block(T)).isEqualTo(item);
    connected.close();
    assertThatThrownBy(() -> connected.all(TxItem.class).blockFirst(T)).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> Repo.connect("mysql://localhost/x")).isInstanceOf(FlectoException.class)
        .hasMessageContaining("no Flecto adapter").hasMessageContaining("mysql://localhost/x");
  }

  @Test
  void aPoolConnectionKilledOnTheServerIsReplacedBeforeUse() {
    try (Repo connected = Repo.connect(killableUrl(), RepoOptions.defaults().withPoolMaxSize(1))) {
      connected.insert(TxItem.named("before")).block(T);
      killPooledConnections();
      assertThat(connected.all(TxItem.class).map(TxItem::name).collectList().block(T)).containsExactly("before");
    }
  }

  @Test
  void withoutRemoteValidationAKilledConnectionFailsOnlyUntilThePoolSeesItClosed() {
    RepoOptions options = RepoOptions.defaults().withPoolMaxSize(1).withRemoteValidation(false);
    try (Repo connected = Repo.connect(killableUrl(), options)) {
      connected.insert(TxItem.named("before")).block(T);
      killPooledConnections();
      // Whether the client has seen the socket close before a use is a race: the first use may fail
      // with the server's notice (57P01), and, if the pool hands the connection out again before the
      // close is processed, the next with 08006. Then the pool drops it and opens a new one.
      List<String> names = null;
      for (int use = 0; use < 3 && names == null; use++) {
        try {
          names = connected.all(TxItem.class).map(TxItem::name).collectList().block(T);
        } catch (dev.flecto.DatabaseException e) {
          assertThat(e.getMessage()).containsAnyOf("57P01", "08006");
        }
      }
      assertThat(names).containsExactly("before");
    }
  }

  private static String killableUrl() {
    return TestDatabase.get().url() + "?applicationName=flecto-kill-test";
  }

  private static void killPooledConnections() {
    TestDatabase.get().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        + "WHERE application_name = 'flecto-kill-test'").block(T);
  }

  private List<String> names() {
    return repo.all(TxItem.class).map(TxItem::name).collectList().block(T);
  }

  private void assertAllConnectionsIdle() {
    Pools.assertIdle(pool);
  }
}
