package dev.flecto.telemetry;

import dev.flecto.ArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Repo's name and the listeners told of its statements. With no listener (the default) nothing
 * is measured or allocated per statement: statements run exactly as without telemetry.
 *
 * <pre>{@code
 * Telemetry t = Telemetry.none().withRepo("orders").withListener(SqlLogger.defaults());
 * Repo repo = Repo.connect(url, RepoOptions.defaults().withTelemetry(t));
 * }</pre>
 *
 * @param repo the name events carry (default "flecto"), so two Repos can be told apart
 * @param listeners told of each statement, in order
 */
public record Telemetry(String repo, List<QueryListener> listeners) {
  /**
   * Checks the name and copies the listeners.
   *
   * <pre>{@code new Telemetry("orders", List.of(SqlLogger.defaults())) }</pre>
   */
  public Telemetry {
    if (repo == null || repo.isBlank()) {
      throw new ArgumentException("Telemetry.repo must be a name, got " + (repo == null ? "null" : "'" + repo + "'"));
    }
    if (listeners == null || listeners.stream().anyMatch(java.util.Objects::isNull)) {
      throw new ArgumentException("Telemetry.listeners must not be or hold null");
    }
    listeners = List.copyOf(listeners);
  }

  /**
   * No listener, the name "flecto".
   *
   * <pre>{@code Telemetry.none() }</pre>
   *
   * @return the default
   */
  public static Telemetry none() {
    return new Telemetry("flecto", List.of());
  }

  /**
   * With another name.
   *
   * <pre>{@code Telemetry.none().withRepo("replica") }</pre>
   *
   * @param name the Repo's name in events
   * @return the new value
   */
  public Telemetry withRepo(String name) {
    return new Telemetry(name, listeners);
  }

  /**
   * With one more listener, told after the others.
   *
   * <pre>{@code Telemetry.none().withListener(SqlLogger.defaults()) }</pre>
   *
   * @param listener the listener
   * @return the new value
   */
  public Telemetry withListener(QueryListener listener) {
    if (listener == null) {
      throw new ArgumentException("Telemetry.withListener: the listener must not be null");
    }
    List<QueryListener> all = new ArrayList<>(listeners);
    all.add(listener);
    return new Telemetry(repo, all);
  }

  /**
   * Whether any listener is there (else nothing is measured).
   *
   * <pre>{@code if (telemetry.enabled()) ... }</pre>
   *
   * @return true with at least one listener
   */
  public boolean enabled() {
    return !listeners.isEmpty();
  }

  /**
   * Tells every listener that a statement starts, and gives the listeners of its end: these
   * listeners themselves unless one returned another (one that throws is left out).
   *
   * <pre>{@code List<QueryListener> ends = telemetry.start(new QueryStart(...)); }</pre>
   *
   * @param start the statement
   * @return who is told of its end
   */
  public List<QueryListener> start(QueryStart start) {
    List<QueryListener> ends = listeners;
    for (int i = 0; i < listeners.size(); i++) {
      QueryListener l = listeners.get(i);
      QueryListener end;
      try {
        end = l.onStart(start);
      } catch (RuntimeException e) {
        end = null; // a broken listener must not fail the statement
      }
      if (end != l) {
        if (ends == listeners) {
          ends = new ArrayList<>(listeners.subList(0, i)); // copied only when one differs
        }
        if (end != null) {
          ends.add(end);
        }
      } else if (ends != listeners) {
        ends.add(l);
      }
    }
    return ends;
  }

  /**
   * Tells the listeners of a statement's end; one that throws is skipped, never failing the statement or the others.
   *
   * <pre>{@code Telemetry.publish(ends, event) }</pre>
   *
   * @param to the listeners {@link #start} gave
   * @param event what the statement did
   */
  public static void publish(List<QueryListener> to, QueryEvent event) {
    for (QueryListener l : to) {
      try {
        l.onQuery(event);
      } catch (RuntimeException e) {
        // A listener's bug must not fail the user's statement; it is the listener's to log.
      }
    }
  }

  /**
   * Tells every listener; one that throws is skipped, never failing the statement or the others.
   *
   * <pre>{@code telemetry.publish(event) }</pre>
   *
   * @param event what a statement did
   */
  public void publish(QueryEvent event) {
    publish(listeners, event);
  }

  /**
   * Tells every listener of a replica's change; one that throws is skipped.
   *
   * <pre>{@code telemetry.publish(new ReplicaEvent("flecto", "replica-1", false, null, "connection refused", cause)) }</pre>
   *
   * @param event the change
   */
  public void publish(ReplicaEvent event) {
    for (QueryListener l : listeners) {
      try {
        l.onReplica(event);
      } catch (RuntimeException e) {
        // A listener's bug must not stop the health check that told it; it is the listener's to log.
      }
    }
  }
}
