package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where an adapter's connections come from: a pool, or a sandbox's single connection. Each method
 * acquires with one {@code usingWhen}, so complete, error and cancel all release.
 */
interface ConnectionSource {
  /** Runs standalone work (no transaction) on a connection, released when the work terminates or is cancelled. */
  <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work);

  /** Runs work in a transaction: commit on complete (before the value is emitted), roll back on error and cancel. */
  <T> Mono<T> withTransaction(Function<Connection, Mono<T>> work);

  /** Runs work in a savepoint where the source itself is a transaction (the sandbox); else as it is. */
  <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work);

  /**
   * Runs a stream in a transaction: one of its own on a pooled connection (BEGIN; COMMIT when the
   * stream completes, ROLLBACK on error and cancel; then release), or the sandbox's, which goes on
   * after the stream. The work is told whether the transaction outlives it, so it closes what it opened.
   */
  <T> Flux<T> streamInTransaction(BiFunction<Connection, Boolean, Flux<T>> work);

  Mono<Void> close();
}
