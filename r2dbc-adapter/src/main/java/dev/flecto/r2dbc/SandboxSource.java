package dev.flecto.r2dbc;

import dev.flecto.repo.TransactionOptions;
import io.r2dbc.spi.Connection;
import java.util.function.Function;
import java.util.function.Supplier;
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

  SandboxSource(Connection connection) {
    this.connection = connection;
  }

  @Override
  public <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    return Flux.defer(() -> work.apply(connection));
  }

  @Override
  public <T> Mono<T> withTransaction(Function<Connection, Mono<T>> work) {
    return Savepoints.around(connection, () -> work.apply(connection));
  }

  @Override
  public <T> Mono<T> withTransaction(TransactionOptions options, Function<Connection, Mono<T>> work) {
    // The sandbox's transaction encloses the user's: its options are checked against it, as for a nested transact.
    return Nested.run(connection, options.withSavepoint(true), () -> work.apply(connection));
  }

  @Override
  public <T> Mono<T> withTransactionOn(Connection held, TransactionOptions options, Function<Connection, Mono<T>> work) {
    return withTransaction(options, work); // a checkout in the sandbox holds the sandbox's connection
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return Savepoints.around(connection, work);
  }

  // The sandbox's transaction is the stream's: it goes on after the stream, so the stream closes its cursor.
  @Override
  public Mono<StreamConnection> streamConnection() {
    return Mono.just(StreamConnection.joined(connection));
  }

  @Override
  public Mono<Void> close() {
    return Mono.empty();
  }
}
