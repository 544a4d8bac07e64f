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
  public <T> Flux<T> onHeld(Held held, Function<Connection, Publisher<T>> work) {
    return held.send(() -> work.apply(held.connection()));
  }

  @Override
  public <T> Mono<T> hold(Function<Held, Mono<T>> work) {
    // singleOrEmpty waits for the release; Mono.from would cancel the checkout at its value.
    // Every path drains before the release: a cancel does not reach a transaction on the held
    // connection that is already committing or rolling back, whose last statement may not be sent
    // yet (see Held); released before it, that COMMIT or ROLLBACK would end the next borrower's transaction.
    return Flux.usingWhen(acquire().map(Held::new), work::apply,
        h -> h.drain().then(Mono.defer(() -> release(h.connection()))),
        (h, err) -> h.drain().then(Mono.defer(() -> release(h.connection()))),
        h -> ServerCancel.request(h.connection()).then(h.drain()).then(Mono.defer(() -> release(h.connection()))))
        .singleOrEmpty();
  }

  @Override
  public <T> Mono<T> withTransaction(TransactionOptions options, Function<Tx, Mono<T>> work) {
    return Transactions.run(acquire(), options, work, PooledSource::release, true);
  }

  @Override
  public <T> Mono<T> withTransactionOn(Held held, TransactionOptions options, Function<Tx, Mono<T>> work) {
    // The checkout holding the connection releases it, and asks the server to cancel when it is
    // cancelled; it waits for this transaction's COMMIT or ROLLBACK first, and none begins once it is ending.
    return Transactions.run(held.beginTransaction(), options, work, c -> held.transactionEnded(), false);
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
  public Mono<StreamConnection> streamConnectionOn(Held held) {
    return held.beginTransaction().map(c -> {
      Tx tx = Tx.root(c, TransactionOptions.defaults(), held.activity());
      // The checkout releases it, after this end (see Held).
      Function<Connection, Mono<Void>> keep = x -> held.transactionEnded();
      return new StreamConnection(tx, Transactions.begin(tx, TransactionOptions.defaults()), false,
          commit -> commit ? Transactions.commitThen(tx, keep) : Transactions.rollbackThen(tx, keep));
    });
  }

  private Mono<Connection> acquire() {
    Mono<Connection> acquire = Acquire.once(factory.create()).onErrorMap(Errors::acquire);
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
