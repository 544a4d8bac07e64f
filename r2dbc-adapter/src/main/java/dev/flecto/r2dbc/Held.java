package dev.flecto.r2dbc;

import dev.flecto.TransactionException;
import io.r2dbc.spi.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A checkout's connection and what runs on it. The checkout releases the connection only after
 * everything sent on it: its statements are sent under this lock and none once the release began
 * ({@link #drain}), and a transaction on it (a transact's, or a stream's own) counts from before
 * its BEGIN to the end of its COMMIT or ROLLBACK, which the release waits for.
 *
 * <p>Why: a cancel of the checkout cannot reach a transaction whose {@code usingWhen} already
 * chose to commit or roll back, and the thread sending that COMMIT or ROLLBACK may not have sent
 * it yet (descheduled on a loaded machine). Released at once, the connection went to the next
 * borrower, whose BEGIN only warned (the old transaction was still open); the late COMMIT then
 * committed the next borrower's writes, or the late ROLLBACK undid them, and the rest of its
 * statements ran in autocommit: a failed transaction kept its rows, a committed one kept half
 * (CancellationFuzzIT, rarely, under load; TransactionIntegrityIT forces it).
 */
final class Held {
  private final Connection connection;
  private final Activity activity;
  private int open; // transactions begun on the connection whose COMMIT or ROLLBACK has not completed
  private boolean draining; // the checkout is ending: nothing more is sent, no transaction begins
  private CompletableFuture<Void> drained;

  Held(Connection connection) {
    this.connection = connection;
    this.activity = new Activity();
  }

  Connection connection() {
    return connection;
  }

  /** What runs on the connection, for the checkout's idle bound. */
  Activity activity() {
    return activity;
  }

  /** A statement of the checkout (no transaction), subscribed (so queued on the connection) unless the checkout ended. */
  <T> Flux<T> send(Supplier<? extends Publisher<T>> statement) {
    return Flux.from(subscriber -> {
      synchronized (this) {
        if (!draining) {
          Flux.from(statement.get()).subscribe(subscriber);
          return;
        }
      }
      Operators.error(subscriber, ended("a statement"));
    });
  }

  /**
   * The connection for a transaction about to begin on it, which counts as open until {@link
   * #transactionEnded()}; an error, and nothing sent, once the checkout is ending.
   */
  Mono<Connection> beginTransaction() {
    // Counted when the connection is emitted, not when subscribed: a usingWhen cancelled before its
    // resource came runs no cleanup, but one that received it always runs one (which ends the count).
    return Mono.just(connection).map(c -> {
      synchronized (this) {
        if (draining) {
          throw ended("a transaction");
        }
        open++;
        return c;
      }
    });
  }

  /** A transaction on the connection has ended: its COMMIT or ROLLBACK completed (or failed). */
  Mono<Void> transactionEnded() {
    return Mono.fromRunnable(() -> {
      CompletableFuture<Void> done = null;
      synchronized (this) {
        open--;
        if (open == 0 && drained != null) {
          done = drained;
        }
      }
      if (done != null) {
        done.complete(null);
      }
    });
  }

  /** Before the release: nothing more is sent, and the transactions on the connection have ended. */
  Mono<Void> drain() {
    return Mono.defer(() -> {
      synchronized (this) {
        draining = true;
        if (open == 0) {
          return Mono.empty();
        }
        if (drained == null) {
          drained = new CompletableFuture<>();
        }
        return Mono.fromFuture(drained, true);
      }
    });
  }

  private static TransactionException ended(String what) {
    return new TransactionException("the checkout has ended: " + what + " arrived after it released its connection "
        + "(was it cancelled?), and was not sent", null);
  }
}
