package dev.flecto.r2dbc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Work inside a savepoint of a transaction: release on success, roll back to it otherwise.
 *
 * <p>SAVEPOINT, RELEASE and ROLLBACK TO are sent as SQL through the transaction's gate
 * ({@link Tx#send}): never after its COMMIT or ROLLBACK was sent, and never through the driver's
 * {@code createSavepoint}, which BEGINs a transaction of its own when it believes the connection
 * idle. A nested transact racing with its outer's cancel would otherwise open a stray transaction
 * on a connection already back in the pool, and the next borrower's "committed" writes would be
 * rolled back with it (CancellationFuzzIT found this once in about 40,000 trials).
 */
final class Savepoints {
  private static final AtomicLong NAMES = new AtomicLong();

  private Savepoints() {}

  static <T> Mono<T> around(Tx tx, Supplier<? extends Mono<T>> work) {
    return Mono.defer(() -> {
      String name = newName();
      return Mono.usingWhen(
          sql(tx, "SAVEPOINT " + name).onErrorMap(e -> Errors.transaction("SAVEPOINT", e)).thenReturn(tx),
          t -> Mono.defer(work),
          t -> sql(tx, "RELEASE SAVEPOINT " + name).onErrorMap(e -> Errors.transaction("RELEASE SAVEPOINT", e)),
          (t, err) -> rollbackTo(tx, name),
          t -> rollbackTo(tx, name)).onErrorMap(Errors::unwrapCleanup);
    });
  }

  /** A name of its own for a savepoint: sent unquoted, so they are generated, safe ones. */
  static String newName() {
    return "flecto_sp_" + NAMES.incrementAndGet();
  }

  /** One statement of the transaction, through its gate, its result consumed. */
  static Mono<Void> sql(Tx tx, String sql) {
    return tx.send(() -> Tx.plain(tx.connection(), sql)).then();
  }

  private static Mono<Void> rollbackTo(Tx tx, String name) {
    return sql(tx, "ROLLBACK TO SAVEPOINT " + name).onErrorResume(e -> Mono.empty());
  }
}
