package dev.flecto.r2dbc;

import dev.flecto.adapter.TransactionOptions;
import io.r2dbc.spi.Connection;
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
  /**
   * Runs a standalone statement (no transaction) on a connection, released when the work
   * terminates or is cancelled; in the sandbox, in a savepoint of its own so its failure leaves
   * the sandbox's transaction usable.
   */
  <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work);

  /** Runs a statement on a connection a checkout holds (the sandbox: in a savepoint of its own). */
  <T> Flux<T> onHeld(Held held, Function<Connection, Publisher<T>> work);

  /**
   * Holds a connection for a checkout's work, released when the work terminates or is cancelled,
   * and only after what runs on it ended ({@link Held#drain}).
   */
  <T> Mono<T> hold(Function<Held, Mono<T>> work);

  /** Runs work in a transaction begun with the options: commit on complete (before the value is emitted), roll back on error and cancel. */
  <T> Mono<T> withTransaction(TransactionOptions options, Function<Tx, Mono<T>> work);

  /** Runs work in a transaction on a connection a checkout holds (and releases): the sandbox makes it a savepoint. */
  <T> Mono<T> withTransactionOn(Held held, TransactionOptions options, Function<Tx, Mono<T>> work);

  /** Runs work in a savepoint where the source itself is a transaction (the sandbox); else as it is. */
  <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work);

  /**
   * A connection for a stream: on a pooled connection with a transaction of the stream's own (its
   * BEGIN not yet sent; its end commits or rolls back, then releases), or the sandbox's, which
   * goes on after the stream. Cancelled before it emits, it releases what it took.
   */
  Mono<StreamConnection> streamConnection();

  /**
   * A stream's connection inside a checkout: the held one (a second from the pool could wait
   * forever on a pool of one), with a transaction of the stream's own whose end does not release
   * it; its statements count as the checkout's activity.
   */
  Mono<StreamConnection> streamConnectionOn(Held held);

  Mono<Void> close();
}
