package dev.flecto.r2dbc;

import dev.flecto.repo.TransactionOptions;
import io.r2dbc.postgresql.api.PostgresTransactionDefinition;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A transaction on one connection, in one {@code usingWhen}: BEGIN with the options, COMMIT before
 * the value is emitted, ROLLBACK on error and on cancel, then the connection's release.
 */
final class Transactions {
  private Transactions() {}

  /**
   * @param release ends the connection's use: back to the pool, or nothing for a connection a checkout holds
   * @param onCancel runs on cancel before the rollback, which would otherwise wait for a running statement
   */
  static <T> Mono<T> run(Mono<Connection> acquire, TransactionOptions options, Function<Connection, Mono<T>> work,
      Function<Connection, Mono<Void>> release, Function<Connection, Mono<Void>> onCancel) {
    // Mono.usingWhen emits the work's value only after the commit (asyncComplete) completed.
    return Mono.usingWhen(acquire.flatMap(c -> begin(c, options, release)), work,
        c -> commitThen(c, release),
        (c, err) -> rollbackThen(c, release),
        c -> onCancel.apply(c).then(Mono.defer(() -> rollbackThen(c, release)))).onErrorMap(Errors::unwrapCleanup);
  }

  /** BEGIN with the options (and the statement timeout); a failure rolls back, releases, and says BEGIN failed. */
  static Mono<Connection> begin(Connection c, TransactionOptions options, Function<Connection, Mono<Void>> release) {
    Mono<Void> timeout = options.timeout() == null ? Mono.empty()
        : Mono.defer(() -> setStatementTimeout(c, Long.toString(options.timeout().toMillis())));
    return Mono.from(beginStatement(c, options)).then(timeout).thenReturn(c)
        .onErrorResume(e -> rollbackThen(c, release).then(Mono.error(Errors.transaction("BEGIN", e))));
  }

  // The driver sends BEGIN ISOLATION LEVEL ..., READ ONLY in one statement; plain BEGIN when nothing is asked.
  private static Publisher<Void> beginStatement(Connection c, TransactionOptions options) {
    if (options.isolation() == null && !options.readOnly()) {
      return c.beginTransaction();
    }
    if (options.isolation() == null) {
      return c.beginTransaction(PostgresTransactionDefinition.mutability(false)); // read-only is all that was asked
    }
    PostgresTransactionDefinition definition = PostgresTransactionDefinition.from(IsolationLevel.valueOf(options.isolation().sql()));
    return c.beginTransaction(options.readOnly() ? definition.readOnly() : definition);
  }

  /**
   * {@code SET LOCAL statement_timeout}, as {@code set_config(..., true)} so the value is bound (SET
   * takes no parameters): the server stops a longer statement, and the setting ends with the
   * transaction (or with a savepoint rolled back to), never outliving it on a pooled connection.
   */
  static Mono<Void> setStatementTimeout(Connection c, String value) {
    String sql = "SELECT set_config('statement_timeout', $1, true)";
    return Flux.from(c.createStatement(sql).bind(0, value).execute()).concatMap(Result::getRowsUpdated)
        .onErrorMap(e -> Errors.translate(e, sql)).then();
  }

  /** COMMIT, then the release; a failed COMMIT still releases and fails as a TransactionException. */
  static Mono<Void> commitThen(Connection c, Function<Connection, Mono<Void>> release) {
    return Mono.from(c.commitTransaction())
        .onErrorResume(e -> release.apply(c).then(Mono.error(Errors.transaction("COMMIT", e))))
        .then(Mono.defer(() -> release.apply(c)));
  }

  // A failed rollback must not hide the error that caused it, and must still release.
  static Mono<Void> rollbackThen(Connection c, Function<Connection, Mono<Void>> release) {
    return Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.defer(() -> release.apply(c)));
  }
}
