package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.r2dbc.SharedSandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The sandbox in shared mode (Ecto's {@code {:shared, pid}}): an application's Repo built on a
 * SharedSandbox runs, from any thread, in the sandbox a test checked out, and on the pool when
 * none is; a second checkout waits for the first to end.
 */
@FlectoTest(schema = "/tx.sql")
@NoSandbox
class SharedSandboxIT {
  private static final Duration T = Duration.ofSeconds(15);
  private final SharedSandbox shared = SharedSandbox.over(TestDatabase.get().connectionFactory());
  private final Repo app = R2dbcRepos.of(shared, RepoOptions.defaults());

  @AfterEach
  void cleanUp() {
    TestDatabase.get().execute("TRUNCATE tx_items").block(T);
  }

  private static long committed(String name) {
    return TestDatabase.get().repo().aggregate(Query.from(TxItem.class).where("name", name), dev.flecto.query.Aggregate.COUNT)
        .map(n -> ((Number) n).longValue()).block(T);
  }

  @Test
  void theApplicationsRepoRunsInTheTestsSandboxFromAnyThreadAndNothingIsLeft() {
    Sandbox sandbox = shared.checkout().block(T);
    try {
      // As a request on a server thread would.
      TxItem made = Mono.defer(() -> app.insert(TxItem.named("from-the-app"))).subscribeOn(Schedulers.boundedElastic()).block(T);
      assertThat(sandbox.repo().getOrFail(TxItem.class, made.id()).block(T).name()).as("the test sees the app's write").isEqualTo("from-the-app");
      assertThat(committed("from-the-app")).as("not committed: it is in the test's transaction").isZero();
      // A failed statement and a failed transact leave the sandbox usable (savepoints).
      app.insert(TxItem.named("from-the-app")).as(StepVerifier::create).expectError(ConstraintException.class).verify(T);
      app.transact(() -> app.insert(TxItem.named("undone")).then(Mono.error(new IllegalStateException("no"))))
          .as(StepVerifier::create).expectErrorMessage("no").verify(T);
      assertThat(app.all(Query.from(TxItem.class)).map(TxItem::name).collectList().block(T)).containsExactly("from-the-app");
    } finally {
      sandbox.rollback().block(T);
    }
    assertThat(app.all(Query.from(TxItem.class)).collectList().block(T)).as("rolled back; the app is on the pool again").isEmpty();
    app.insert(TxItem.named("for-real")).block(T);
    assertThat(committed("for-real")).as("with no checkout, writes commit").isEqualTo(1L);
  }

  @Test
  void theAppIsBackOnThePoolAsSoonAsTheRollbackCompletes() {
    // The sandbox used to be given back after the rollback's completion reached the caller: a
    // statement sent at once could still find the closed sandbox ("The connection is closed").
    for (int i = 0; i < 100; i++) {
      Sandbox sandbox = shared.checkout().block(T);
      app.insert(TxItem.named("round-" + i)).block(T);
      sandbox.rollback().block(T);
      assertThat(app.all(Query.from(TxItem.class)).collectList().block(T)).as("round %d: on the pool, nothing left", i).isEmpty();
    }
  }

  @Test
  void aSecondCheckoutWaitsForTheFirstToEnd() {
    Sandbox first = shared.checkout().block(T);
    AtomicReference<Sandbox> second = new AtomicReference<>();
    shared.checkout().subscribe(second::set);
    try {
      app.insert(TxItem.named("first")).block(T);
      Mono.delay(Duration.ofMillis(200)).block();
      assertThat(second.get()).as("the second test waits while the first holds the sandbox").isNull();
    } finally {
      first.rollback().block(T);
    }
    Pools.await(() -> second.get() != null);
    try {
      assertThat(app.all(Query.from(TxItem.class)).collectList().block(T)).as("the second test starts from nothing").isEmpty();
      app.insert(TxItem.named("second")).block(T);
      assertThat(second.get().repo().all(Query.from(TxItem.class)).map(TxItem::name).collectList().block(T)).containsExactly("second");
    } finally {
      second.get().rollback().block(T);
    }
    assertThat(committed("first") + committed("second")).isZero();
  }
}
