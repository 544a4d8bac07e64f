package dev.flecto.r2dbc;

import dev.flecto.telemetry.QueryEvent;
import dev.flecto.telemetry.QueryEvent.Kind;
import dev.flecto.telemetry.QueryListener;
import dev.flecto.telemetry.QueryStart;
import dev.flecto.telemetry.Telemetry;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Telemetry at the R2DBC boundary: with a listener, each connection the adapter takes is wrapped
 * ({@link ObservedConnection}), so every statement it sends (queries, BEGIN/COMMIT/ROLLBACK,
 * savepoints, a stream's DECLARE and FETCHes) is timed and told once it ended. Without one nothing
 * is wrapped: the hot path is exactly the unobserved one.
 */
final class Observed {
  /** The Context key under which the adapter says which table a statement is about. */
  static final Object SOURCE = new Object();

  private final Telemetry telemetry;

  private Observed(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  /** The wrapper for these options, or null when no listener is there (then nothing is wrapped). */
  static Observed of(Telemetry telemetry) {
    return telemetry.enabled() ? new Observed(telemetry) : null;
  }

  /** A connection whose statements are told; {@code queueNanos}: how long its acquire waited. */
  Connection connection(Connection real, long queueNanos) {
    return new ObservedConnection(real, this, queueNanos);
  }

  /** The Context in which the adapter runs a statement about {@code source}. */
  static Context withSource(Context ctx, String source) {
    return source == null ? ctx : ctx.put(SOURCE, source);
  }

  static Kind kind(String sql) {
    String s = sql.stripLeading();
    if (s.length() > 16) {
      s = s.substring(0, 16);
    }
    s = s.toUpperCase(Locale.ROOT);
    if (s.equals("BEGIN") || s.startsWith("BEGIN ") || s.startsWith("START TRANSACTI")) {
      return Kind.BEGIN;
    }
    if (s.equals("COMMIT")) {
      return Kind.COMMIT;
    }
    if (s.startsWith("ROLLBACK TO") || s.startsWith("SAVEPOINT") || s.startsWith("RELEASE")) {
      return Kind.SAVEPOINT;
    }
    if (s.equals("ROLLBACK")) {
      return Kind.ROLLBACK;
    }
    return s.startsWith("FETCH") ? Kind.FETCH : Kind.QUERY;
  }

  /** One statement's measures, told once when it ends (its rows read, its failure, or its cancel). */
  final class Probe {
    private final Kind kind;
    private final String sql;
    private final List<Object> params;
    private final ContextView context;
    private final long queueNanos;
    private final String source;
    private final List<QueryListener> ends;
    private final long start;
    private final AtomicBoolean told = new AtomicBoolean();
    private long decodeNanos;
    private long rows;

    Probe(Kind kind, String sql, List<Object> params, ContextView context, long queueNanos) {
      this.kind = kind;
      this.sql = sql;
      this.params = params;
      this.context = context;
      this.queueNanos = queueNanos;
      Object s = context.getOrDefault(SOURCE, null);
      this.source = s == null ? null : s.toString();
      this.ends = telemetry.start(new QueryStart(telemetry.repo(), kind, sql, source, context));
      this.start = System.nanoTime();
    }

    // Rows are decoded one at a time, in order, by the Result's single subscriber.
    void decoded(long startNanos) {
      decodeNanos += System.nanoTime() - startNanos;
      rows++;
    }

    void updated(long n) {
      rows += n;
    }

    void completed() {
      tell(null);
    }

    void failed(Throwable e) {
      tell(e);
    }

    void cancelled() {
      tell(new CancellationException("the statement's subscriber cancelled"));
    }

    private void tell(Throwable error) {
      if (!told.compareAndSet(false, true)) {
        return;
      }
      long total = System.nanoTime() - start;
      Telemetry.publish(ends, new QueryEvent(telemetry.repo(), kind, sql, source, params, rows,
          Duration.ofNanos(queueNanos), Duration.ofNanos(Math.max(0, total - decodeNanos)), Duration.ofNanos(decodeNanos),
          error, context));
    }
  }

  Probe probe(Kind kind, String sql, List<Object> params, ContextView context, long queueNanos) {
    return new Probe(kind, sql, params, context, queueNanos);
  }
}
