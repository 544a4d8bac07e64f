package dev.flecto.r2dbc;

import dev.flecto.adapter.TransactionOptions;
import io.r2dbc.spi.Connection;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sandbox's single connection, inside a transaction the sandbox rolls back at the end. A
 * standalone statement runs in a savepoint of its own, so one that fails (a constraint a test
 * expects to be violated) leaves the test's transaction usable; a user transaction becomes a
 * savepoint, so it can commit or roll back inside the test's transaction as it would on its own.
 */
final class SandboxSource implements ConnectionSource {
  private final Connection connection;
  private final SavepointTurns turns;

  SandboxSource(Connection connection) {
    this(connection, new SavepointTurns(connection));
  }

  /** On a connection whose statements already take these turns (a shared sandbox's, seen through another Repo). */
  SandboxSource(Connection connection, SavepointTurns turns) {
    this.connection = connection;
    this.turns = turns;
  }

  SavepointTurns turns() {
    return turns;
  }

  @Override
  public <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    return turns.run(work);
  }

  @Override
  public <T> Flux<T> onHeld(Held held, Function<Connection, Publisher<T>> work) {
    return turns.run(work); // a checkout in the sandbox holds the sandbox's connection
  }

  @Override
  public <T> Mono<T> hold(Function<Held, Mono<T>> work) {
    return Mono.defer(() -> work.apply(new Held(connection))); // never released to another borrower: nothing to wait for
  }

  @Override
  public <T> Mono<T> withTransaction(TransactionOptions options, Function<Tx, Mono<T>> work) {
    // The sandbox's transaction encloses the user's: its options are checked against it, as for a nested transact.
    return Mono.defer(() -> {
      Tx tx = Tx.root(connection, options);
      tx.markBegun();
      return Nested.run(tx, options.withSavepoint(true), () -> work.apply(tx));
    });
  }

  @Override
  public <T> Mono<T> withTransactionOn(Held held, TransactionOptions options, Function<Tx, Mono<T>> work) {
    return withTransaction(options, work); // a checkout in the sandbox holds the sandbox's connection
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    Tx tx = Tx.root(connection, TransactionOptions.defaults()); // the sandbox's transaction, which ends only with the sandbox
    tx.markBegun();
    return Savepoints.around(tx, work);
  }

  // The sandbox's transaction is the stream's: it goes on after the stream, so the stream closes its cursor.
  @Override
  public Mono<StreamConnection> streamConnection() {
    return Mono.fromSupplier(() -> {
      Tx tx = Tx.root(connection, TransactionOptions.defaults());
      tx.markBegun();
      return StreamConnection.joined(tx);
    });
  }

  @Override
  public Mono<StreamConnection> streamConnectionOn(Held held) {
    return streamConnection(); // a checkout in the sandbox holds the sandbox's connection
  }

  @Override
  public Mono<Void> close() {
    return Mono.empty();
  }
}
