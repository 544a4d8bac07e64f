package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sandbox's single connection, inside a transaction the sandbox rolls back at the end. Work
 * runs on it directly; a user transaction becomes a savepoint, so it can commit or roll back
 * inside the test's transaction as it would on its own.
 */
final class SandboxSource implements ConnectionSource {
  private final Connection connection;
  private final AtomicLong savepoints = new AtomicLong();

  SandboxSource(Connection connection) {
    this.connection = connection;
  }

  @Override
  public <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    return Flux.defer(() -> work.apply(connection));
  }

  @Override
  public <T> Mono<T> withTransaction(Function<Connection, Mono<T>> work) {
    return Mono.defer(() -> {
      // The driver sends savepoint names unquoted: generate safe ones.
      String name = "flecto_sp_" + savepoints.incrementAndGet();
      return Mono.usingWhen(
          Mono.from(connection.createSavepoint(name)).onErrorMap(e -> Errors.transaction("SAVEPOINT", e)).thenReturn(connection),
          work,
          c -> Mono.from(c.releaseSavepoint(name)).onErrorMap(e -> Errors.transaction("RELEASE SAVEPOINT", e)),
          (c, err) -> rollbackTo(name),
          c -> rollbackTo(name)).onErrorMap(Errors::unwrapCleanup);
    });
  }

  private Mono<Void> rollbackTo(String name) {
    return Mono.from(connection.rollbackTransactionToSavepoint(name)).onErrorResume(e -> Mono.empty());
  }

  @Override
  public Mono<Void> close() {
    return Mono.empty();
  }
}
