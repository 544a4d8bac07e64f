package dev.flecto.r2dbc;

import dev.flecto.adapter.TransactionOptions;
import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Connections from a ConnectionFactory (normally an r2dbc-pool): one per unit of work. */
final class PooledSource implements ConnectionSource {
  private final ConnectionFactory factory;
  private final boolean owned;
  private final Observed observed; // null: no listener, connections as the pool gives them

  PooledSource(ConnectionFactory factory, boolean owned, Observed observed) {
    this.factory = factory;
    this.owned = owned;
    this.observed = observed;
  }

  @Override
  public <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    // On cancel the server stops the statement before the connection goes back to the pool, busy no longer.
    return Flux.usingWhen(acquire(), work, PooledSource::release, (c, err) -> release(c),
        c -> ServerCancel.request(c).then(Mono.defer(() -> release(c))));
  }

  @Override
  public <T> Flux<T> onHeld(Connection held, Function<Connection, Publisher<T>> work) {
    return Flux.defer(() -> work.apply(held));
  }

  @Override
  public <T> Mono<T> hold(Function<Connection, Mono<T>> work) {
    // singleOrEmpty waits for the release; Mono.from would cancel the checkout at its value.
    return withConnection(work::apply).singleOrEmpty();
  }

  @Override
  public <T> Mono<T> withTransaction(TransactionOptions options, Function<Tx, Mono<T>> work) {
    return Transactions.run(acquire(), options, work, PooledSource::release, true);
  }

  @Override
  public <T> Mono<T> withTransactionOn(Connection held, TransactionOptions options, Function<Tx, Mono<T>> work) {
    // The checkout holding the connection releases it, and asks the server to cancel when it is cancelled.
    return Transactions.run(Mono.just(held), options, work, c -> Mono.empty(), false);
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return Mono.defer(work); // outside a transaction each statement commits or fails on its own
  }

  @Override
  public Mono<StreamConnection> streamConnection() {
    // Only the connection is the resource: the stream sends BEGIN inside its usingWhen, whose
    // cleanup owns the transaction from then on, whatever the moment of a cancel.
    return acquire().map(c -> {
      Tx tx = Tx.root(c, TransactionOptions.defaults());
      return new StreamConnection(tx, Transactions.begin(tx, TransactionOptions.defaults()), false, commit -> commit
          ? Transactions.commitThen(tx, PooledSource::release) : Transactions.rollbackThen(tx, PooledSource::release));
    });
  }

  @Override
  public Mono<StreamConnection> streamConnectionOn(Connection held, Activity activity) {
    return Mono.fromSupplier(() -> {
      Tx tx = Tx.root(held, TransactionOptions.defaults(), activity);
      Function<Connection, Mono<Void>> keep = c -> Mono.empty(); // the checkout releases it
      return new StreamConnection(tx, Transactions.begin(tx, TransactionOptions.defaults()), false,
          commit -> commit ? Transactions.commitThen(tx, keep) : Transactions.rollbackThen(tx, keep));
    });
  }

  private Mono<Connection> acquire() {
    Mono<Connection> acquire = Mono.<Connection>from(factory.create()).onErrorMap(Errors::acquire);
    if (observed == null) {
      return acquire;
    }
    return Mono.defer(() -> {
      long asked = System.nanoTime(); // the wait for a pooled connection is the first statement's queue time
      return acquire.map(c -> observed.connection(c, System.nanoTime() - asked));
    });
  }

  private static Mono<Void> release(Connection c) {
    return Mono.from(c.close());
  }

  @Override
  public Mono<Void> close() {
    if (owned && factory instanceof Closeable closeable) {
      return Mono.from(closeable.close());
    }
    return Mono.empty();
  }
}
