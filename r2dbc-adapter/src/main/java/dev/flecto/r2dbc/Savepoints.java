package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** Work inside a savepoint on a connection already in a transaction: release on success, roll back to it otherwise. */
final class Savepoints {
  private static final AtomicLong NAMES = new AtomicLong();

  private Savepoints() {}

  static <T> Mono<T> around(Connection connection, Supplier<? extends Mono<T>> work) {
    return Mono.defer(() -> {
      // The driver sends savepoint names unquoted: generate safe ones.
      String name = "flecto_sp_" + NAMES.incrementAndGet();
      return Mono.usingWhen(
          Mono.from(connection.createSavepoint(name)).onErrorMap(e -> Errors.transaction("SAVEPOINT", e)).thenReturn(connection),
          c -> Mono.defer(work),
          c -> Mono.from(c.releaseSavepoint(name)).onErrorMap(e -> Errors.transaction("RELEASE SAVEPOINT", e)),
          (c, err) -> rollbackTo(c, name),
          c -> rollbackTo(c, name)).onErrorMap(Errors::unwrapCleanup);
    });
  }

  private static Mono<Void> rollbackTo(Connection c, String name) {
    return Mono.from(c.rollbackTransactionToSavepoint(name)).onErrorResume(e -> Mono.empty());
  }
}
