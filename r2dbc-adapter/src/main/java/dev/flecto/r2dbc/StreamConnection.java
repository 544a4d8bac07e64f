package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The connection a stream runs on, inside a transaction scope. {@code begin} opens the stream's own
 * transaction (empty when it joins one); it runs inside the stream's {@code usingWhen}, so a cancel
 * during it still reaches {@code end}. {@code joined}: the transaction goes on after the stream
 * (the caller's, or the sandbox's), so the stream closes its cursor and {@code end} does nothing;
 * else {@code end} commits (true) or rolls back (false) and releases the connection.
 */
record StreamConnection(Tx tx, Mono<Void> begin, boolean joined, Function<Boolean, Mono<Void>> end) {
  /** A transaction that goes on after the stream. */
  static StreamConnection joined(Tx tx) {
    return new StreamConnection(tx, Mono.empty(), true, commit -> Mono.empty());
  }

  Connection connection() {
    return tx.connection();
  }
}
