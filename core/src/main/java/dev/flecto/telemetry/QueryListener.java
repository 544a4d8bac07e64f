package dev.flecto.telemetry;

/**
 * Told of every statement a Repo ran ({@link QueryEvent}), on the thread that ended it (often a
 * connection's event loop): do little, never block, and hand slow work off. An exception thrown
 * by a listener is dropped, never failing the statement.
 *
 * <pre>{@code
 * RepoOptions options = RepoOptions.defaults()
 *     .withListener(SqlLogger.defaults())
 *     .withListener(e -> counter.increment(e.kind().name()));
 * }</pre>
 */
@FunctionalInterface
public interface QueryListener {
  /**
   * One statement ended.
   *
   * <pre>{@code e -> System.out.println(e.sql() + " " + e.queryTime()) }</pre>
   *
   * @param event what it did
   */
  void onQuery(QueryEvent event);
}
