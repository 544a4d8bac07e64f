package dev.flecto.repo;

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
 * @param maxRows rows read by each FETCH, at least 1 (default 500)
 */
public record StreamOptions(int maxRows) {
  /** The rows one FETCH reads unless told otherwise, as in Ecto. */
  public static final int DEFAULT_MAX_ROWS = 500;

  /**
   * Checks the chunk size.
   *
   * <pre>{@code new StreamOptions(1_000) }</pre>
   *
   * @throws IllegalArgumentException when {@code maxRows} is below 1
   */
  public StreamOptions {
    if (maxRows < 1) {
      throw new IllegalArgumentException("StreamOptions.maxRows must be at least 1 (rows a FETCH reads), got " + maxRows);
    }
  }

  /**
   * The defaults: {@value #DEFAULT_MAX_ROWS} rows a FETCH.
   *
   * <pre>{@code repo.stream(query, StreamOptions.defaults()) }</pre>
   *
   * @return the defaults
   */
  public static StreamOptions defaults() {
    return new StreamOptions(DEFAULT_MAX_ROWS);
  }

  /**
   * Options that read the given number of rows a FETCH.
   *
   * <pre>{@code repo.stream(query, StreamOptions.maxRows(100)) }</pre>
   *
   * @param maxRows rows a FETCH, at least 1
   * @return the options
   * @throws IllegalArgumentException when {@code maxRows} is below 1
   */
  public static StreamOptions maxRows(int maxRows) {
    return new StreamOptions(maxRows);
  }
}
