package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The connection a stream runs on, inside a transaction. {@code joined}: the transaction goes on
 * after the stream (the caller's, or the sandbox's), so the stream closes what it opened and
 * {@code end} does nothing; else it is the stream's own, and {@code end} commits (true) or rolls
 * back (false) and releases the connection.
 */
record StreamConnection(Connection connection, boolean joined, Function<Boolean, Mono<Void>> end) {
  /** A transaction that goes on after the stream. */
  static StreamConnection joined(Connection connection) {
    return new StreamConnection(connection, true, commit -> Mono.empty());
  }
}
