package dev.flecto.repo;

import dev.flecto.DatabaseException;
import dev.flecto.adapter.TransactionOptions;
import java.util.Set;
import reactor.util.retry.Retry;

/** When a failed transaction is worth running again: a serialization failure or a deadlock, told by SQLSTATE. */
final class TransactionRetry {
  // Classified by SQLSTATE, not by exception class: the driver maps 40001 and 40P01 to different classes.
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

  private TransactionRetry() {}

  static Retry spec(TransactionOptions options) {
    return Retry.backoff(options.maxAttempts() - 1L, options.retryBackoff())
        .filter(TransactionRetry::retryable)
        // The caller sees the last attempt's own error, not Reactor's RetryExhaustedException.
        .onRetryExhaustedThrow((spec, signal) -> signal.failure());
  }

  /** A failure at COMMIT arrives wrapped in a TransactionException, so the whole cause chain is searched. */
  static boolean retryable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseException d && RETRYABLE.contains(String.valueOf(d.sqlState()))) {
        return true;
      }
    }
    return false;
  }
}
