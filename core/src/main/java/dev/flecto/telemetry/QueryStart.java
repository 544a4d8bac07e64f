package dev.flecto.telemetry;

import dev.flecto.telemetry.QueryEvent.Kind;
import reactor.util.context.ContextView;

/**
 * A statement about to be sent, given to {@link QueryListener#onStart(QueryStart)}: enough to open
 * a span or an Observation around it (its parent found in the caller's Reactor Context).
 *
 * <pre>{@code
 * QueryListener tracing = new QueryListener() {
 *   public QueryListener onStart(QueryStart s) {
 *     Span span = tracer.nextSpan().name(s.kind().name()).start();
 *     return e -> span.end();
 *   }
 *   public void onQuery(QueryEvent e) { }
 * };
 * }</pre>
 *
 * @param repo the Repo's name
 * @param kind what the statement is
 * @param sql the SQL about to be sent
 * @param source the table it is about, or null
 * @param context the caller's Reactor Context
 */
public record QueryStart(String repo, Kind kind, String sql, String source, ContextView context) {}
