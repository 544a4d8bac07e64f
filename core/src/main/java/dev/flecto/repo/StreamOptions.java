package dev.flecto.repo;

import dev.flecto.ArgumentException;

/**
 * Options of {@link Repo#stream(dev.flecto.query.Query, StreamOptions)} (Ecto's
 * {@code :max_rows}): how many rows one FETCH of the stream's cursor reads. Memory holds at most
 * one such chunk (with its preloads) at a time; a bigger chunk means fewer round trips.
 *
 * <pre>{@code
 * repo.transact(() -> repo.stream(Query.from(Event.class), StreamOptions.maxRows(2_000))
 *     .concatMap(this::publish)
 *     .then())
 * }</pre>
 *
 * <p>A stream whose subscriber requests nothing for {@code idleTimeout} (a lost cancel in a web
 * layer, a consumer that hangs) is ended: its cursor closed, its own transaction rolled back, its
 * connection returned, and the subscriber gets a {@link dev.flecto.TimeoutException} naming the
 * query. Null takes the Repo's {@link RepoOptions#idleTimeout()}.
 *
 * @param maxRows rows read by each FETCH, at least 1 (default 500)
 * @param idleTimeout how long the stream may wait for demand, or null for the Repo's idle timeout
 */
public record StreamOptions(int maxRows, java.time.Duration idleTimeout) {
  /** The rows one FETCH reads unless told otherwise, as in Ecto. */
  public static final int DEFAULT_MAX_ROWS = 500;

  /**
   * Checks the options, naming the one at fault. {@link Repo#stream(dev.flecto.query.Query, StreamOptions)}
   * calls it inside its Flux, so options out of range fail the stream (as Ecto's
   * {@code Repo.stream(query, max_rows: 0)} raises when called), not the code that built them.
   *
   * <pre>{@code StreamOptions.maxRows(0).check() // ArgumentException: StreamOptions.maxRows must be at least 1 ... }</pre>
   *
   * @return these options
   * @throws ArgumentException when {@code maxRows} is below 1 or the idle timeout is not positive
   */
  public StreamOptions check() {
    if (maxRows < 1) {
      throw new ArgumentException("StreamOptions.maxRows must be at least 1 (rows a FETCH reads), got " + maxRows);
    }
    if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
      throw new ArgumentException("StreamOptions.idleTimeout must be positive (or null for the Repo's), got " + idleTimeout);
    }
    return this;
  }

  /**
   * The defaults: {@value #DEFAULT_MAX_ROWS} rows a FETCH.
   *
   * <pre>{@code repo.stream(query, StreamOptions.defaults()) }</pre>
   *
   * @return the defaults
   */
  public static StreamOptions defaults() {
    return new StreamOptions(DEFAULT_MAX_ROWS, null);
  }

  /**
   * Options that read the given number of rows a FETCH.
   *
   * <pre>{@code repo.stream(query, StreamOptions.maxRows(100)) }</pre>
   *
   * @param maxRows rows a FETCH, at least 1
   * @return the options; a {@code maxRows} below 1 fails the stream they are given to
   */
  public static StreamOptions maxRows(int maxRows) {
    return new StreamOptions(maxRows, null);
  }

  /**
   * A copy with another chunk size.
   *
   * <pre>{@code StreamOptions.defaults().withMaxRows(2_000) }</pre>
   *
   * @param n rows a FETCH, at least 1
   * @return the options
   */
  public StreamOptions withMaxRows(int n) {
    return new StreamOptions(n, idleTimeout);
  }

  /**
   * A copy with another idle timeout: how long the stream may wait for its subscriber's demand.
   *
   * <pre>{@code StreamOptions.maxRows(500).withIdleTimeout(Duration.ofMinutes(5)) }</pre>
   *
   * @param d positive, or null for the Repo's {@link RepoOptions#idleTimeout()}
   * @return the options
   */
  public StreamOptions withIdleTimeout(java.time.Duration d) {
    return new StreamOptions(maxRows, d);
  }
}
