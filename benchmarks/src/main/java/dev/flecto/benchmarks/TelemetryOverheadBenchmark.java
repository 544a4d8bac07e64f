package dev.flecto.benchmarks;

import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.telemetry.SqlLogger;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * What telemetry costs on W1's get by primary key, on the same pool: no listener (the default,
 * which must cost nothing measurable against {@link W1GetById#flecto()}), a listener that only
 * counts (the cost of observing: wrapped connection, statement and result, one event a
 * statement), and {@link SqlLogger} at DEBUG rendering every line into a logger that drops it (the
 * cost of logging without the I/O of a real appender).
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar TelemetryOverheadBenchmark -prof gc }</pre>
 */
public class TelemetryOverheadBenchmark extends StacksBenchmark {
  private final LongAdder told = new LongAdder();
  private Repo counted;
  private Repo logged;

  @Override
  void prepare() {
    People.create(s);
    counted = R2dbcRepos.of(s.pool(), RepoOptions.defaults().withListener(e -> told.increment()));
    logged = R2dbcRepos.of(s.pool(), RepoOptions.defaults().withListener(SqlLogger.defaults().withLogger(new Dropping())));
    Checks.same("telemetry get by id", "none", none(42), "counted", counted(42), "logged", logged(42));
  }

  @Override
  String dropTables() {
    return People.DROP;
  }

  /**
   * No listener.
   *
   * <pre>{@code none() }</pre>
   *
   * @return the record
   */
  @Benchmark
  public BenchPerson none() {
    return none(randomId());
  }

  /**
   * A listener that counts events.
   *
   * <pre>{@code counted() }</pre>
   *
   * @return the record
   */
  @Benchmark
  public BenchPerson counted() {
    return counted(randomId());
  }

  /**
   * SqlLogger at DEBUG, lines rendered and dropped.
   *
   * <pre>{@code logged() }</pre>
   *
   * @return the record
   */
  @Benchmark
  public BenchPerson logged() {
    return logged(randomId());
  }

  BenchPerson none(long id) {
    return s.repo().get(BenchPerson.class, id).block();
  }

  BenchPerson counted(long id) {
    return counted.get(BenchPerson.class, id).block();
  }

  BenchPerson logged(long id) {
    return logged.get(BenchPerson.class, id).block();
  }

  /** How many events the counting listener was told. */
  long told() {
    return told.sum();
  }

  private static long randomId() {
    return ThreadLocalRandom.current().nextLong(1, People.ROWS + 1);
  }

  /** Every level on; each line is formatted by SqlLogger and dropped here. */
  static final class Dropping extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final LongAdder lines = new LongAdder();

    Dropping() {
      this.name = "dropping";
    }

    long lines() {
      return lines.sum();
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
        Throwable throwable) {
      lines.add(messagePattern.length() > 0 ? 1 : 0);
    }
  }
}
