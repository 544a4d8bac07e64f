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
      String name = newName();
      return Mono.usingWhen(
          Mono.from(connection.createSavepoint(name)).onErrorMap(e -> Errors.transaction("SAVEPOINT", e)).thenReturn(connection),
          c -> Mono.defer(work),
          c -> Mono.from(c.releaseSavepoint(name)).onErrorMap(e -> Errors.transaction("RELEASE SAVEPOINT", e)),
          (c, err) -> rollbackTo(c, name),
          c -> rollbackTo(c, name)).onErrorMap(Errors::unwrapCleanup);
    });
  }

  /** A name of its own for a savepoint: the driver sends savepoint names unquoted, so they are generated, safe ones. */
  static String newName() {
    return "flecto_sp_" + NAMES.incrementAndGet();
  }

  private static Mono<Void> rollbackTo(Connection c, String name) {
    return Mono.from(c.rollbackTransactionToSavepoint(name)).onErrorResume(e -> Mono.empty());
  }
}
