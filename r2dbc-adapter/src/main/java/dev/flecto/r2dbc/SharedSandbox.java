package dev.flecto.r2dbc;

import dev.flecto.repo.RepoOptions;
import io.r2dbc.spi.ConnectionFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Ecto's sandbox in shared mode, for tests of a whole application (a {@code @SpringBootTest}
 * whose requests arrive on server threads): the application's Repo is built on it, and a test
 * checks it out. While a test holds the checkout, every Repo built with
 * {@link R2dbcRepos#of(SharedSandbox, RepoOptions)} on it runs in that test's
 * sandbox (one connection, one transaction rolled back at the end, each statement in a savepoint,
 * {@code transact} as a savepoint); when no test holds it, they use the pool below as usual.
 *
 * <p>One test holds it at a time: a second {@link #checkout()} waits until the first sandbox is
 * rolled back, so tests that run in parallel are safe (they take turns). Anything else that uses
 * the pool (a health check, raw R2DBC code) is not affected.
 *
 * <pre>{@code
 * SharedSandbox shared = SharedSandbox.over(pool);
 * Repo appRepo = R2dbcRepos.of(shared, RepoOptions.defaults());  // the application's Repo
 *
 * Sandbox sandbox = shared.checkout().block();   // in a test's @BeforeEach
 * webTestClient.post().uri("/posts")...          // the app's writes land in the test's transaction
 * sandbox.repo().all(Query.from(Post.class))     // and the test sees them
 * sandbox.rollback().block();                    // @AfterEach: gone, and the next test may check out
 * }</pre>
 */
public final class SharedSandbox {
  private final ConnectionFactory pool;
  private final AtomicReference<Sandbox> current = new AtomicReference<>();
  // Checkouts in the order they were asked for: each waits for the one before to end.
  private final AtomicReference<CompletableFuture<Void>> tail = new AtomicReference<>(CompletableFuture.completedFuture(null));

  private SharedSandbox(ConnectionFactory pool) {
    this.pool = pool;
  }

  /**
   * A shared sandbox over the application's pool.
   *
   * <pre>{@code SharedSandbox.over(connectionPool) }</pre>
   *
   * @param pool the pool the application's Repo would use
   * @return the shared sandbox, checked out by no test yet
   */
  public static SharedSandbox over(ConnectionFactory pool) {
    if (pool == null) {
      throw new dev.flecto.ArgumentException("SharedSandbox.over: the connection factory must not be null");
    }
    return new SharedSandbox(pool);
  }

  /**
   * Opens a sandbox that every Repo on this factory uses until it is rolled back; waits while
   * another test holds one.
   *
   * <pre>{@code Sandbox sandbox = shared.checkout().block(); }</pre>
   *
   * <p>Block on it (or let it complete): a checkout cancelled while its sandbox is being opened
   * lets the next test in, but the connection it was opening is not given back to the pool.
   *
   * @return the test's sandbox ({@link Sandbox#rollback()} ends it and lets the next test in)
   */
  public Mono<Sandbox> checkout() {
    return Mono.defer(() -> {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> previous = tail.getAndSet(mine);
      Runnable end = () -> {
        current.set(null);
        mine.complete(null);
      };
      // A checkout cancelled or failed before its sandbox opened lets the next one in at once.
      return Mono.fromFuture(previous, true)
          .then(Sandbox.open(pool, RepoOptions.defaults(), end))
          .doOnNext(current::set)
          .doOnError(e -> mine.complete(null))
          .doOnCancel(() -> previous.whenComplete((x, e) -> {
            if (current.get() == null) {
              mine.complete(null);
            }
          }));
    });
  }

  /** The sandbox a test holds now, or null. */
  Sandbox current() {
    return current.get();
  }

  /** The pool below, which Repos on this sandbox use when no test holds it. */
  ConnectionFactory pool() {
    return pool;
  }
}
