package dev.flecto.r2dbc;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Asks the server to stop the statement a connection runs (PostgreSQL's cancel request, sent on a
 * connection of its own). A Reactor cancel only stops reading: the server would go on and the
 * connection stay busy until the statement ends.
 *
 * <p>Only the owner of a connection sends it, and waits for it before the connection's next
 * statement (the rollback) or its release: a cancel request arriving later could stop whatever
 * the connection runs next, perhaps for another borrower. Sent to an idle backend, it is ignored.
 */
final class ServerCancel {
  // A server that does not take the cancel request in this time is in trouble anyway; release regardless.
  private static final Duration LIMIT = Duration.ofSeconds(5);

  private ServerCancel() {}

  static Mono<Void> request(Connection connection) {
    Object raw = connection;
    // The pool (and a test's recording factory) wrap the driver's connection.
    while (raw instanceof Wrapped<?> w && w.unwrap() != raw && w.unwrap() != null) {
      raw = w.unwrap();
    }
    if (!(raw instanceof PostgresqlConnection pg)) {
      return Mono.empty();
    }
    return pg.cancelRequest().timeout(LIMIT).onErrorResume(e -> Mono.empty());
  }
}
