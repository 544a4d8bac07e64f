package dev.flecto.telemetry;

import dev.flecto.ArgumentException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line a statement through SLF4J, as Ecto's query log: what it was, how it ended, the
 * times, the rows, the SQL and its parameters rendered readably (arrays as {@code [1, 2]}, text
 * quoted, bytes as a length). Parameters are redacted by default (their types are shown, not their
 * values, since they hold personal data); statements are logged at DEBUG on the logger
 * {@code dev.flecto.sql}, and a statement slower than the threshold at WARN.
 *
 * <pre>{@code
 * RepoOptions options = RepoOptions.defaults()
 *     .withListener(SqlLogger.defaults().withSlowThreshold(Duration.ofMillis(200)));
 * // DEBUG dev.flecto.sql - QUERY OK source=people db=0.41ms decode=0.02ms queue=0.10ms rows=1
 * //   SELECT ... WHERE "id" = $1 [$1=<Long>]
 * }</pre>
 *
 * @param logger where lines go
 * @param parameters whether values are shown (else their types)
 * @param slowThreshold a statement at least this slow is logged at WARN (null: never)
 */
public record SqlLogger(Logger logger, boolean parameters, Duration slowThreshold) implements QueryListener {
  /** The logger name lines go to unless told otherwise. */
  public static final String LOGGER = "dev.flecto.sql";

  // A long text or array parameter is cut, so one statement stays one readable line.
  private static final int MAX_VALUE = 200;

  /**
   * Checks the logger.
   *
   * <pre>{@code new SqlLogger(LoggerFactory.getLogger("sql"), false, Duration.ofMillis(100)) }</pre>
   */
  public SqlLogger {
    if (logger == null) {
      throw new ArgumentException("SqlLogger.logger must not be null");
    }
  }

  /**
   * DEBUG on {@code dev.flecto.sql}, parameters redacted, no slow threshold.
   *
   * <pre>{@code SqlLogger.defaults() }</pre>
   *
   * @return the logger
   */
  public static SqlLogger defaults() {
    return new SqlLogger(LoggerFactory.getLogger(LOGGER), false, null);
  }

  /**
   * Writing to another logger.
   *
   * <pre>{@code SqlLogger.defaults().withLogger(LoggerFactory.getLogger("orders.sql")) }</pre>
   *
   * @param to the logger
   * @return the new logger
   */
  public SqlLogger withLogger(Logger to) {
    return new SqlLogger(to, parameters, slowThreshold);
  }

  /**
   * Showing parameter values (only where logs may hold the data).
   *
   * <pre>{@code SqlLogger.defaults().withParameters(true) }</pre>
   *
   * @param show whether values are shown
   * @return the new logger
   */
  public SqlLogger withParameters(boolean show) {
    return new SqlLogger(logger, show, slowThreshold);
  }

  /**
   * Logging statements at least this slow (queue, query and decode) at WARN.
   *
   * <pre>{@code SqlLogger.defaults().withSlowThreshold(Duration.ofMillis(500)) }</pre>
   *
   * @param threshold the bound, or null for none
   * @return the new logger
   */
  public SqlLogger withSlowThreshold(Duration threshold) {
    return new SqlLogger(logger, parameters, threshold);
  }

  @Override
  public void onQuery(QueryEvent e) {
    boolean slow = slowThreshold != null && e.totalTime().compareTo(slowThreshold) >= 0;
    if (slow ? !logger.isWarnEnabled() : !logger.isDebugEnabled()) {
      return; // nothing rendered when nothing is written
    }
    String line = line(e, slow);
    if (slow) {
      logger.warn(line);
    } else {
      logger.debug(line);
    }
  }

  /**
   * The line for an event, as it is logged.
   *
   * <pre>{@code SqlLogger.defaults().line(event, false) }</pre>
   *
   * @param e the event
   * @param slow whether it passed the slow threshold
   * @return the line
   */
  public String line(QueryEvent e, boolean slow) {
    StringBuilder b = new StringBuilder(96 + e.sql().length());
    b.append(e.kind()).append(' ').append(outcome(e));
    if (slow) {
      b.append(" SLOW");
    }
    if (e.source() != null) {
      b.append(" source=").append(e.source());
    }
    b.append(" db=").append(millis(e.queryTime())).append(" decode=").append(millis(e.decodeTime()))
        .append(" queue=").append(millis(e.queueTime())).append(" rows=").append(e.rows());
    if (!"flecto".equals(e.repo())) {
      b.append(" repo=").append(e.repo());
    }
    b.append(": ").append(e.sql());
    if (!e.params().isEmpty()) {
      b.append(" [");
      List<Object> ps = e.params();
      for (int i = 0; i < ps.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        b.append('$').append(i + 1).append('=');
        Object v = ps.get(i);
        if (parameters) {
          render(b, v);
        } else {
          b.append('<').append(v == null ? "null" : v.getClass().getSimpleName()).append('>');
        }
      }
      b.append(']');
    }
    if (e.error() != null && !(e.error() instanceof CancellationException)) {
      b.append(" error: ").append(e.error().getClass().getSimpleName()).append(": ").append(e.error().getMessage());
    }
    return b.toString();
  }

  private static String outcome(QueryEvent e) {
    if (e.error() == null) {
      return "OK";
    }
    return e.error() instanceof CancellationException ? "CANCELLED" : "ERROR";
  }

  // By hand, not String.format: this runs for every statement logged, and format costs kilobytes a call.
  private static String millis(Duration d) {
    long hundredths = (d.toNanos() + 5_000) / 10_000;
    long fraction = hundredths % 100;
    return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction + "ms";
  }

  // Readable, unlike the driver's [Ljava.lang.Long;@1f2a: text quoted, arrays and lists by element, bytes by length.
  private static void render(StringBuilder b, Object v) {
    int start = b.length();
    if (v == null) {
      b.append("NULL");
    } else if (v instanceof CharSequence s) {
      b.append('\'').append(s.toString().replace("'", "''")).append('\'');
    } else if (v instanceof byte[] bytes) {
      b.append('<').append(bytes.length).append(" bytes>");
    } else if (v instanceof Object[] array) {
      renderAll(b, java.util.Arrays.asList(array).iterator(), array.length);
    } else if (v instanceof Collection<?> c) {
      renderAll(b, c.iterator(), c.size());
    } else if (v.getClass().isArray()) {
      int n = java.lang.reflect.Array.getLength(v); // primitive arrays: rare, and only when values are shown
      Object[] boxed = new Object[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = java.lang.reflect.Array.get(v, i);
      }
      renderAll(b, java.util.Arrays.asList(boxed).iterator(), n);
    } else {
      b.append(v);
    }
    if (b.length() - start > MAX_VALUE) {
      b.setLength(start + MAX_VALUE);
      b.append("...");
    }
  }

  private static void renderAll(StringBuilder b, java.util.Iterator<?> it, int n) {
    b.append('[');
    boolean first = true;
    while (it.hasNext()) {
      if (!first) {
        b.append(", ");
      }
      first = false;
      render(b, it.next());
    }
    b.append(']');
  }
}
