package dev.flecto.r2dbc;

import dev.flecto.TransactionException;
import dev.flecto.adapter.TransactionOptions;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A transact inside a transaction: it joins it, or runs in a savepoint of it. PostgreSQL fixes the
 * isolation level and the access mode when a transaction begins, so options asking for others
 * fail, naming the option; a timeout holds for the nested work only.
 */
final class Nested {
  private static final String SETTINGS = "SELECT current_setting('transaction_isolation'), "
      + "current_setting('transaction_read_only'), current_setting('statement_timeout')";
  private static final String HINT = "; give the option to the outermost transact (a test sandbox's transaction "
      + "encloses every transact of the test: mark such a test @NoSandbox)";

  private Nested() {}

  static <T> Mono<T> run(Tx tx, TransactionOptions options, Supplier<? extends Mono<T>> work) {
    if (options.isolation() == null && !options.readOnly() && options.timeout() == null) {
      return scoped(tx, options, work);
    }
    // The server's view, not what an outer transact asked: it is also right in a sandbox or a transaction begun elsewhere.
    return current(tx).flatMap(now -> {
      String conflict = conflict(options, now);
      if (conflict != null) {
        return Mono.error(new TransactionException(conflict, null));
      }
      return scoped(tx, options, options.timeout() == null ? work : () -> withTimeout(tx, options.timeout(), now.timeout(), work));
    });
  }

  private static <T> Mono<T> scoped(Tx tx, TransactionOptions options, Supplier<? extends Mono<T>> work) {
    return options.savepoint() ? Savepoints.around(tx, work) : Mono.defer(work);
  }

  private record Current(String isolation, boolean readOnly, String timeout) {}

  // Through the transaction's gate, as every statement of it (see Savepoints).
  private static Mono<Current> current(Tx tx) {
    return tx.send(() -> Flux.from(tx.connection().createStatement(SETTINGS).execute()))
        .concatMap(r -> r.map(row -> new Current(row.get(0, String.class), "on".equals(row.get(1, String.class)),
            row.get(2, String.class))))
        .onErrorMap(e -> Errors.translate(e, SETTINGS))
        .single();
  }

  private static String conflict(TransactionOptions options, Current now) {
    String enclosing = now.isolation().toUpperCase(Locale.ROOT);
    if (options.isolation() != null && !effective(options.isolation().sql()).equals(effective(enclosing))) {
      return "transact option isolation " + options.isolation() + " conflicts with the enclosing transaction, which runs "
          + enclosing + ": PostgreSQL cannot change the isolation level of a transaction that has begun" + HINT;
    }
    if (options.readOnly() && !now.readOnly()) {
      return "transact option readOnly conflicts with the enclosing read-write transaction: PostgreSQL cannot make "
          + "part of a transaction read-only" + HINT;
    }
    return null;
  }

  // PostgreSQL runs READ UNCOMMITTED as READ COMMITTED, so asking for one inside the other is no conflict.
  private static String effective(String level) {
    return level.equals("READ UNCOMMITTED") ? "READ COMMITTED" : level;
  }

  /**
   * A SET LOCAL would hold to the end of the whole transaction (RELEASE SAVEPOINT keeps it too), so
   * the enclosing timeout is restored when the nested work ends. After a failure the transaction is
   * usually aborted and about to end: restoring is then best effort.
   */
  private static <T> Mono<T> withTimeout(Tx tx, Duration timeout, String enclosing, Supplier<? extends Mono<T>> work) {
    Connection c = tx.connection();
    Mono<Void> restore = tx.send(() -> Transactions.setStatementTimeout(c, enclosing)).then();
    Mono<Void> restoreQuietly = restore.onErrorResume(e -> Mono.empty());
    return Mono.usingWhen(tx.send(() -> Transactions.setStatementTimeout(c, Long.toString(timeout.toMillis()))).then().thenReturn(tx),
        t -> Mono.defer(work), t -> restore, (t, e) -> restoreQuietly, t -> restoreQuietly)
        .onErrorMap(Errors::unwrapCleanup);
  }
}
