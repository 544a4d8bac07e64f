package dev.flecto.r2dbc;

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

  PooledSource(ConnectionFactory factory, boolean owned) {
    this.factory = factory;
    this.owned = owned;
  }

  @Override
  public <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    return Flux.usingWhen(acquire(), work, PooledSource::release);
  }

  @Override
  public <T> Mono<T> withTransaction(Function<Connection, Mono<T>> work) {
    // Mono.usingWhen emits the work's value only after the commit (asyncComplete) completed.
    return Mono.usingWhen(acquire().flatMap(PooledSource::begin), work,
        c -> Mono.from(c.commitTransaction())
            .onErrorResume(e -> release(c).then(Mono.error(Errors.transaction("COMMIT", e))))
            .then(Mono.defer(() -> release(c))),
        (c, err) -> rollbackAndRelease(c),
        PooledSource::rollbackAndRelease).onErrorMap(Errors::unwrapCleanup);
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return Mono.defer(work); // outside a transaction each statement commits or fails on its own
  }

  @Override
  public Mono<StreamConnection> streamConnection() {
    // A BEGIN cancelled on the way still reaches the server: roll it back behind it, and release.
    return acquire().flatMap(c -> Mono.fromFuture(() -> begin(c).toFuture(), true)
        .doOnCancel(() -> rollbackAndRelease(c).subscribe())
        .map(begun -> new StreamConnection(c, false, commit -> commit ? commitAndRelease(c) : rollbackAndRelease(c))));
  }

  private static Mono<Void> commitAndRelease(Connection c) {
    return Mono.from(c.commitTransaction())
        .onErrorResume(e -> release(c).then(Mono.error(Errors.transaction("COMMIT", e))))
        .then(Mono.defer(() -> release(c)));
  }

  private Mono<Connection> acquire() {
    return Mono.<Connection>from(factory.create()).onErrorMap(Errors::acquire);
  }

  private static Mono<Connection> begin(Connection c) {
    return Mono.from(c.beginTransaction()).thenReturn(c)
        .onErrorResume(e -> release(c).then(Mono.error(Errors.transaction("BEGIN", e))));
  }

  // A failed rollback must not hide the error that caused it, and must still release.
  private static Mono<Void> rollbackAndRelease(Connection c) {
    return Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.defer(() -> release(c)));
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
