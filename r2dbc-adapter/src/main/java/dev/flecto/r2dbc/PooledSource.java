package dev.flecto.r2dbc;

import dev.flecto.repo.TransactionOptions;
import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Connections from a ConnectionFactory (normally an r2dbc-pool): one per unit of work. */
final class PooledSource implements ConnectionSource {
  private final ConnectionFactory factory;
  private final boolean owned;

  PooledSource(ConnectionFactory factory, boolean owned) {
    this.factory = factory;
    this.owned = owned;
  }

  @Override
  public <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    // On cancel the server stops the statement before the connection goes back to the pool, busy no longer.
    return Flux.usingWhen(acquire(), work, PooledSource::release, (c, err) -> release(c),
        c -> ServerCancel.request(c).then(Mono.defer(() -> release(c))));
  }

  @Override
  public <T> Mono<T> withTransaction(Function<Connection, Mono<T>> work) {
    return withTransaction(TransactionOptions.defaults(), work);
  }

  @Override
  public <T> Mono<T> withTransaction(TransactionOptions options, Function<Connection, Mono<T>> work) {
    return Transactions.run(acquire(), options, work, PooledSource::release, ServerCancel::request);
  }

  @Override
  public <T> Mono<T> withTransactionOn(Connection held, TransactionOptions options, Function<Connection, Mono<T>> work) {
    // The checkout holding the connection releases it, and asks the server to cancel when it is cancelled.
    return Transactions.run(Mono.just(held), options, work, c -> Mono.empty(), c -> Mono.empty());
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return Mono.defer(work); // outside a transaction each statement commits or fails on its own
  }

  @Override
  public Mono<StreamConnection> streamConnection() {
    // A BEGIN cancelled on the way still reaches the server: roll it back behind it, and release.
    // Exactly one owner ends the transaction: the cancel hook, or the stream once it has the
    // connection. A cancel that reaches the hook after the hand-over (flatMap cancels its finished
    // inner) must not roll back a second time: by then the connection may be back in the pool and
    // in the next borrower's transaction, which that ROLLBACK would end.
    return acquire().flatMap(c -> {
      AtomicBoolean owned = new AtomicBoolean();
      return Mono.fromFuture(
              () -> Transactions.begin(c, TransactionOptions.defaults(), PooledSource::release).toFuture(), true)
          .doOnCancel(() -> {
            if (owned.compareAndSet(false, true)) {
              Transactions.rollbackThen(c, PooledSource::release).subscribe();
            }
          })
          .<StreamConnection>handle((begun, sink) -> {
            if (owned.compareAndSet(false, true)) {
              sink.next(new StreamConnection(c, false, commit -> commit
                  ? Transactions.commitThen(c, PooledSource::release) : Transactions.rollbackThen(c, PooledSource::release)));
            }
          });
    });
  }

  private Mono<Connection> acquire() {
    return Mono.<Connection>from(factory.create()).onErrorMap(Errors::acquire);
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
