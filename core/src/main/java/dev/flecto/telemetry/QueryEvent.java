package dev.flecto.telemetry;

import java.time.Duration;
import java.util.List;
import reactor.util.context.ContextView;

/**
 * What one statement did, as Ecto's {@code [:my_app, :repo, :query]} telemetry event tells it: a
 * query, a transaction step, a savepoint or a stream's FETCH, given to every {@link QueryListener}
 * of the Repo once the statement ended (its last row read, or its failure or cancel).
 *
 * <pre>{@code
 * QueryListener slow = e -> {
 *   if (e.queryTime().toMillis() > 100) {
 *     log.warn("{} ms on {}: {}", e.queryTime().toMillis(), e.source(), e.sql());
 *   }
 * };
 * }</pre>
 *
 * @param repo the Repo's name ({@link Telemetry#repo()})
 * @param kind what the statement is
 * @param sql the SQL sent, with {@code $n} placeholders
 * @param source the table the statement is about (the query's schema), or null when not known
 * @param params the bound values in placeholder order, as sent (may hold personal data: render
 *     them only where that is allowed, see {@link SqlLogger#withParameters(boolean)})
 * @param rows the rows returned, or the rows a write changed
 * @param queueTime the time spent waiting for a pooled connection before this statement (zero
 *     inside a transaction or a checkout, which already hold theirs)
 * @param queryTime the time from sending the statement to reading its last row, less the decode time
 * @param decodeTime the time spent turning rows into records and values
 * @param error why it failed, or null; a cancelled statement has a {@link java.util.concurrent.CancellationException}
 * @param context the Reactor Context of the caller, for trace ids and request attributes
 */
public record QueryEvent(String repo, Kind kind, String sql, String source, List<Object> params, long rows,
    Duration queueTime, Duration queryTime, Duration decodeTime, Throwable error, ContextView context) {
  /** What a statement is. */
  public enum Kind {
    /** A query or a write. */
    QUERY,
    /** A transaction's BEGIN. */
    BEGIN,
    /** A transaction's COMMIT. */
    COMMIT,
    /** A transaction's ROLLBACK. */
    ROLLBACK,
    /** SAVEPOINT, RELEASE SAVEPOINT or ROLLBACK TO SAVEPOINT (a nested transaction, or the sandbox's turn). */
    SAVEPOINT,
    /** One FETCH of a stream's cursor. */
    FETCH
  }

  /**
   * Whether the statement failed or was cancelled.
   *
   * <pre>{@code if (event.failed()) metrics.increment("failed") }</pre>
   *
   * @return true when {@link #error()} is set
   */
  public boolean failed() {
    return error != null;
  }

  /**
   * The whole time: queue, query and decode.
   *
   * <pre>{@code event.totalTime().toMillis() }</pre>
   *
   * @return their sum
   */
  public Duration totalTime() {
    return queueTime.plus(queryTime).plus(decodeTime);
  }
}
