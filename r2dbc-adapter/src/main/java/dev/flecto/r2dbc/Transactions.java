package dev.flecto.r2dbc;

import dev.flecto.adapter.IsolationLevel;
import dev.flecto.adapter.TransactionOptions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A transaction on one connection, in one {@code usingWhen} whose resource is the connection:
 * BEGIN with the options runs inside it, so a cancel at any moment (before BEGIN is sent, while it
 * is in flight, after it, during COMMIT) reaches the cleanup, which rolls back with SQL queued
 * behind whatever was sent, then releases. COMMIT runs before the value is emitted; the cleanups
 * run to their end even when cancelled themselves.
 */
final class Transactions {
  private Transactions() {}

  /**
   * @param release ends the connection's use: back to the pool, or nothing for a connection a checkout holds
   * @param cancelOnServer whether a cancel first asks the server to stop a running statement (the
   *     connection's owner does it; a checkout's transaction leaves it to the checkout)
   */
  static <T> Mono<T> run(Mono<Connection> acquire, TransactionOptions options, Function<Tx, Mono<T>> work,
      Function<Connection, Mono<Void>> release, boolean cancelOnServer) {
    // Mono.usingWhen emits the work's value only after the commit (asyncComplete) completed.
    return Mono.deferContextual(ctx -> Mono.usingWhen(acquire.map(c -> Tx.root(c, options).openedIn(ctx)),
        tx -> begin(tx, options).then(Mono.defer(() -> work.apply(tx))),
        tx -> commitThen(tx, release),
        (tx, err) -> rollbackThen(tx, release),
        tx -> (cancelOnServer && tx.begun() ? ServerCancel.request(tx.connection()) : Mono.<Void>empty())
            .then(Mono.defer(() -> rollbackThen(tx, release))))).onErrorMap(Errors::unwrapCleanup);
  }

  /** BEGIN with the options (and the statement timeout); a failure says BEGIN failed (the caller rolls back and releases). */
  static Mono<Void> begin(Tx tx, TransactionOptions options) {
    Connection c = tx.connection();
    Mono<Void> timeout = options.timeout() == null ? Mono.empty()
        : tx.send(() -> setStatementTimeout(c, Long.toString(options.timeout().toMillis()))).then();
    return tx.send(() -> beginStatement(c, beginSql(options))).then(Mono.fromRunnable(tx::markBegun)).then(timeout)
        .onErrorMap(e -> Errors.transaction("BEGIN", e));
  }

  /**
   * A plain BEGIN through the driver's {@code beginTransaction()} when the driver sees the
   * connection idle: it sends the same BEGIN without making a {@code Result} of its answer, which
   * as a statement costs a window of the answer's messages (about 4.6 KB and a tenth of W7's
   * extra CPU). The driver would skip it when it believes a transaction is open, which is when it
   * is not idle; then, and for BEGIN with options, the BEGIN is sent as SQL (see {@link #beginSql}).
   * The connection is this transaction's alone, so what the driver sees cannot turn from idle to
   * open between the two looks: a previous owner's COMMIT or ROLLBACK was answered before it was
   * released.
   */
  @SuppressWarnings("unchecked") // nothing is read of what it emits: BEGIN answers no rows
  static Publisher<Object> beginStatement(Connection c, String sql) {
    return (Publisher<Object>) (sql == PLAIN_BEGIN && c.isAutoCommit() ? c.beginTransaction() : Tx.plain(c, sql));
  }

  /**
   * BEGIN as SQL, with the options in the one statement. Not the driver's {@code beginTransaction()}
   * whenever the driver believes a transaction is open: it skips BEGIN then, and that view lags the
   * server while a previous owner's ROLLBACK is still queued. The next owner's BEGIN was then
   * skipped and its statements ran outside any transaction (CancellationFuzzIT: DECLARE CURSOR
   * failing with 25P01, once in about 40,000 trials). A cancelled checkout now waits for its
   * transactions' COMMIT or ROLLBACK before it releases the connection (see {@link Held}); as SQL,
   * BEGIN still queues behind whatever a previous owner left in flight. A plain BEGIN on a
   * connection the driver sees idle goes through the driver ({@link #beginStatement}).
   */
  static String beginSql(TransactionOptions options) {
    IsolationLevel level = options.isolation();
    return BEGINS[(level == null ? 0 : level.ordinal() + 1) * 2 + (options.readOnly() ? 1 : 0)];
  }

  // Every BEGIN there is, written once: a transaction costs no StringBuilder.
  private static final String[] BEGINS = begins();
  private static final String PLAIN_BEGIN = BEGINS[0];

  private static String[] begins() {
    IsolationLevel[] levels = IsolationLevel.values();
    String[] out = new String[(levels.length + 1) * 2];
    for (int i = 0; i <= levels.length; i++) {
      IsolationLevel level = i == 0 ? null : levels[i - 1];
      for (int readOnly = 0; readOnly < 2; readOnly++) {
        StringBuilder sql = new StringBuilder("BEGIN");
        if (level != null) {
          sql.append(" ISOLATION LEVEL ").append(level.sql());
        }
        if (readOnly == 1) {
          sql.append(level != null ? ", READ ONLY" : " READ ONLY");
        }
        out[i * 2 + readOnly] = sql.toString();
      }
    }
    return out;
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

  /**
   * COMMIT, then the release; a failed COMMIT still releases and fails as a TransactionException.
   * Both cleanups run to their end even when cancelled: cut short, they would leave the connection unreleased.
   */
  static Mono<Void> commitThen(Tx tx, Function<Connection, Mono<Void>> release) {
    Connection c = tx.connection();
    return ToTheEnd.of(tx.commit()
        .onErrorResume(e -> release.apply(c).then(Mono.error(Errors.transaction("COMMIT", e))))
        .then(Mono.defer(() -> release.apply(c))));
  }

  /** ROLLBACK (as SQL, see {@link Tx#rollback()}), then the release; a failed rollback must not hide the error that caused it. */
  static Mono<Void> rollbackThen(Tx tx, Function<Connection, Mono<Void>> release) {
    return ToTheEnd.of(tx.rollback().onErrorResume(e -> Mono.empty()).then(Mono.defer(() -> release.apply(tx.connection()))));
  }
}
