package dev.flecto.adapter;

import dev.flecto.ArgumentException;
import java.time.Duration;

/**
 * How {@link dev.flecto.repo.Repo#transact(TransactionOptions, java.util.function.Supplier)} runs its transaction.
 * Immutable: each {@code with} step returns a new value; {@link #defaults()} is what
 * {@link dev.flecto.repo.Repo#transact(java.util.function.Supplier)} uses.
 *
 * <pre>{@code
 * TransactionOptions options = TransactionOptions.defaults()
 *     .withIsolation(IsolationLevel.SERIALIZABLE)
 *     .withTimeout(Duration.ofSeconds(5))
 *     .withRetry(5, Duration.ofMillis(20));
 * repo.transact(options, () -> repo.getOrFail(Account.class, id).flatMap(a -> repo.update(debit(a, 10))));
 * }</pre>
 *
 * <p>A transact inside another transaction joins it (or, with {@link #withSavepoint(boolean)},
 * runs in a savepoint of it). PostgreSQL fixes the isolation level and the access mode when a
 * transaction begins, so there an isolation level other than the enclosing transaction's, or
 * read-only inside a read-write transaction, fails with a {@link dev.flecto.TransactionException}
 * naming the option; a timeout holds for the nested work and the enclosing one is restored after
 * it. A test sandbox counts as an enclosing transaction.
 *
 * @param isolation the isolation level the transaction begins with, or null for the server's
 *     default ({@code default_transaction_isolation}, normally READ COMMITTED)
 * @param readOnly whether the transaction is read-only: a write in it fails with SQLSTATE 25006
 *     (default false)
 * @param timeout the longest any one statement of the transaction may run, or null for the
 *     server's {@code statement_timeout}. It is set with {@code SET LOCAL statement_timeout}, so
 *     the server stops a longer statement (SQLSTATE 57014) and the transaction rolls back; it
 *     ends with the transaction. At least 1 ms.
 * @param savepoint whether a transact inside a transaction runs in a savepoint instead of joining
 *     it, so a failure inside can be recovered ({@code onErrorResume}) and the enclosing
 *     transaction goes on (default false; Ecto joins). Outside a transaction it changes nothing.
 * @param maxAttempts how many times the whole transaction is run when it fails with a
 *     serialization failure (SQLSTATE 40001) or a deadlock (40P01): the work supplier is called
 *     again for each attempt. Only the outermost transact retries (an inner one cannot: the
 *     failure aborted the enclosing transaction). Default 1: no retry.
 * @param retryBackoff the wait before the first retry, doubled for each later one, with jitter
 *     (default zero)
 * @param idleTimeout how long the transaction may wait for its next statement before it is rolled
 *     back and fails with a {@link dev.flecto.TimeoutException} (an open stream counts as a running
 *     statement), or null for the Repo's {@link dev.flecto.repo.RepoOptions#idleTimeout()}; only the outermost
 *     transact's counts
 */
public record TransactionOptions(
    IsolationLevel isolation,
    boolean readOnly,
    Duration timeout,
    boolean savepoint,
    int maxAttempts,
    Duration retryBackoff,
    Duration idleTimeout) {

  /**
   * Checks the settings, naming the one at fault.
   *
   * <pre>{@code new TransactionOptions(IsolationLevel.SERIALIZABLE, false, Duration.ofSeconds(5), false, 3, Duration.ofMillis(10), null) }</pre>
   */
  public TransactionOptions {
    if (timeout != null && (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0)) {
      // statement_timeout counts whole milliseconds up to 2^31-1, and 0 would turn it off.
      throw new ArgumentException("TransactionOptions.timeout must be between 1 ms and " + Integer.MAX_VALUE
          + " ms (or null for the server's statement_timeout), got " + timeout);
    }
    if (maxAttempts < 1) {
      throw new ArgumentException("TransactionOptions.maxAttempts must be at least 1 (1 runs the transaction once, "
          + "without retry), got " + maxAttempts);
    }
    if (retryBackoff == null || retryBackoff.isNegative()) {
      throw new ArgumentException("TransactionOptions.retryBackoff must be zero or positive, got " + retryBackoff);
    }
    if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
      throw new ArgumentException("TransactionOptions.idleTimeout must be positive (or null for the Repo's), got "
          + idleTimeout);
    }
  }

  /**
   * The defaults: the server's isolation level and statement timeout, read-write, a nested
   * transact joins, no retry.
   *
   * <pre>{@code TransactionOptions.defaults() }</pre>
   *
   * @return the default options
   */
  public static TransactionOptions defaults() {
    return new TransactionOptions(null, false, null, false, 1, Duration.ZERO, null);
  }

  /**
   * With another isolation level.
   *
   * <pre>{@code TransactionOptions.defaults().withIsolation(IsolationLevel.REPEATABLE_READ) }</pre>
   *
   * @param level the level, or null for the server's default
   * @return the new options
   */
  public TransactionOptions withIsolation(IsolationLevel level) {
    return new TransactionOptions(level, readOnly, timeout, savepoint, maxAttempts, retryBackoff, idleTimeout);
  }

  /**
   * Read-only or read-write.
   *
   * <pre>{@code repo.transact(TransactionOptions.defaults().withReadOnly(true), () -> report()) }</pre>
   *
   * @param on true for a read-only transaction
   * @return the new options
   */
  public TransactionOptions withReadOnly(boolean on) {
    return new TransactionOptions(isolation, on, timeout, savepoint, maxAttempts, retryBackoff, idleTimeout);
  }

  /**
   * With a bound on each statement's running time, enforced by the server.
   *
   * <pre>{@code TransactionOptions.defaults().withTimeout(Duration.ofSeconds(2)) }</pre>
   *
   * @param d at least 1 ms, or null for the server's statement_timeout
   * @return the new options
   */
  public TransactionOptions withTimeout(Duration d) {
    return new TransactionOptions(isolation, readOnly, d, savepoint, maxAttempts, retryBackoff, idleTimeout);
  }

  /**
   * Whether a nested transact runs in a savepoint instead of joining the enclosing transaction.
   *
   * <pre>{@code
   * repo.transact(() -> repo.insert(order)
   *     .flatMap(o -> repo.transact(TransactionOptions.defaults().withSavepoint(true), () -> repo.insert(audit(o)))
   *         .onErrorResume(e -> Mono.empty())   // the audit row is rolled back; the order commits
   *         .thenReturn(o)))
   * }</pre>
   *
   * @param on true to run in a savepoint
   * @return the new options
   */
  public TransactionOptions withSavepoint(boolean on) {
    return new TransactionOptions(isolation, readOnly, timeout, on, maxAttempts, retryBackoff, idleTimeout);
  }

  /**
   * Retries the whole transaction on serialization failures (40001) and deadlocks (40P01), and on
   * nothing else.
   *
   * <pre>{@code TransactionOptions.defaults().withIsolation(IsolationLevel.SERIALIZABLE).withRetry(5, Duration.ofMillis(20)) }</pre>
   *
   * @param attempts the most runs in all, at least 1 (1 turns retry off)
   * @param backoff the wait before the first retry (doubled for each later one, with jitter), zero or more
   * @return the new options
   */
  public TransactionOptions withRetry(int attempts, Duration backoff) {
    return new TransactionOptions(isolation, readOnly, timeout, savepoint, attempts, backoff, idleTimeout);
  }

  /**
   * A copy with another idle timeout: how long the transaction may wait for its next statement.
   *
   * <pre>{@code TransactionOptions.defaults().withIdleTimeout(Duration.ofMinutes(5)) }</pre>
   *
   * @param d positive, or null for the Repo's {@link dev.flecto.repo.RepoOptions#idleTimeout()}
   * @return the new options
   */
  public TransactionOptions withIdleTimeout(Duration d) {
    return new TransactionOptions(isolation, readOnly, timeout, savepoint, maxAttempts, retryBackoff, d);
  }
}
