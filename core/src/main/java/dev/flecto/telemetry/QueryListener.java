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

  /**
   * A statement is about to be sent: the listener returned is told of its end. The default
   * returns this listener; a tracing binding returns one that closes the span it opened here.
   *
   * <pre>{@code
   * public QueryListener onStart(QueryStart s) {
   *   Observation o = Observation.start("db.query", registry);
   *   return e -> o.stop();
   * }
   * }</pre>
   *
   * @param start the statement
   * @return the listener of its end
   */
  default QueryListener onStart(QueryStart start) {
    return this;
  }

  /**
   * A replica of the Repo went out of use (down, or lagging beyond its bound: its reads go to the
   * primary) or back into use. The default ignores it.
   *
   * <pre>{@code
   * public void onReplica(ReplicaEvent e) {
   *   if (!e.up()) log.warn("replica {} out of use: {}", e.replica(), e.reason());
   * }
   * }</pre>
   *
   * @param event the change
   */
  default void onReplica(ReplicaEvent event) {}
}
