package dev.flecto.micrometer;

import dev.flecto.telemetry.QueryEvent;
import dev.flecto.telemetry.QueryListener;
import dev.flecto.telemetry.QueryStart;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Each statement of a Repo as a Micrometer {@link Observation} named {@value #NAME}: with a
 * meter handler, a timer tagged by low-cardinality keys (repo, kind, table, outcome); with a
 * tracing handler, a span whose parent is the Observation in the caller's Reactor Context (where
 * Spring WebFlux and Reactor's context propagation put the request's), carrying the SQL.
 *
 * <pre>{@code
 * ObservationRegistry registry = ...; // Spring Boot's, with its meter and tracing handlers
 * Repo repo = Repo.connect(url, RepoOptions.defaults().withListener(FlectoObservations.of(registry)));
 * // timer flecto.query{flecto.repo=flecto, flecto.kind=query, db.sql.table=people, outcome=success, ...}
 * }</pre>
 *
 * <p>Low-cardinality keys: {@code db.system} (postgresql), {@code flecto.repo}, {@code flecto.kind}
 * (query, begin, commit, rollback, savepoint, fetch), {@code db.sql.table} ("none" when not known),
 * {@code outcome} (success, error, cancelled). High-cardinality (spans only): {@code db.statement}
 * (the SQL with its placeholders; never the parameters) and {@code flecto.rows}.
 */
public final class FlectoObservations implements QueryListener {
  /** The Observation's name, hence the timer's. */
  public static final String NAME = "flecto.query";

  private final ObservationRegistry registry;

  private FlectoObservations(ObservationRegistry registry) {
    this.registry = registry;
  }

  /**
   * Observations in this registry.
   *
   * <pre>{@code FlectoObservations.of(observationRegistry) }</pre>
   *
   * @param registry where Observations are made (a no-op one makes none)
   * @return the listener
   */
  public static FlectoObservations of(ObservationRegistry registry) {
    if (registry == null) {
      throw new dev.flecto.ArgumentException("FlectoObservations.of: the ObservationRegistry must not be null");
    }
    return new FlectoObservations(registry);
  }

  @Override
  public QueryListener onStart(QueryStart start) {
    if (registry.isNoop()) {
      return NONE;
    }
    Observation parent = start.context().getOrDefault(ObservationThreadLocalAccessor.KEY, null);
    String kind = start.kind().name().toLowerCase(Locale.ROOT);
    String table = start.source() == null ? "none" : start.source();
    Observation observation = Observation.createNotStarted(NAME, registry)
        .contextualName(table.equals("none") ? kind : kind + " " + table)
        .parentObservation(parent)
        .lowCardinalityKeyValue(KeyValue.of("db.system", "postgresql"))
        .lowCardinalityKeyValue(KeyValue.of("flecto.repo", start.repo()))
        .lowCardinalityKeyValue(KeyValue.of("flecto.kind", kind))
        .lowCardinalityKeyValue(KeyValue.of("db.sql.table", table))
        .highCardinalityKeyValue(KeyValue.of("db.statement", start.sql()))
        .start();
    return event -> end(observation, event);
  }

  private static void end(Observation observation, QueryEvent event) {
    Throwable error = event.error();
    String outcome = error == null ? "success" : error instanceof CancellationException ? "cancelled" : "error";
    observation.lowCardinalityKeyValue(KeyValue.of("outcome", outcome));
    observation.highCardinalityKeyValue(KeyValue.of("flecto.rows", Long.toString(event.rows())));
    if (error != null && !(error instanceof CancellationException)) {
      observation.error(error);
    }
    observation.stop();
  }

  /** Never told: {@link #onStart} hands each statement's end to the listener it returns. */
  @Override
  public void onQuery(QueryEvent event) {}

  private static final QueryListener NONE = e -> { };
}
