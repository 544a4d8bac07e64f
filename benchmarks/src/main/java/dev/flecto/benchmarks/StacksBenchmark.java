package dev.flecto.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every JMH workload of the suite shares: throughput in operations a second, one fork, the
 * full profile's iterations as defaults (the suite sets its own), and a trial that opens the five
 * {@link Stacks}, lets the workload create, seed and check its tables ({@link #prepare()}), and
 * in the end drops them ({@link #dropTables()}) and closes everything, also when the preparation
 * failed. JMH reads these annotations and the setup and teardown from this superclass.
 *
 * <pre>{@code
 * public class W9Example extends StacksBenchmark {
 *   void prepare() { People.create(s); }
 *   String dropTables() { return People.DROP; }
 *   @Benchmark public BenchPerson raw() { return PeopleOps.rawGet(s, 1L).block(); }
 * }
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 10, time = 2, timeUnit = TimeUnit.SECONDS)
public abstract class StacksBenchmark {
  /** The trial's stacks; null outside a trial. */
  Stacks s;

  /**
   * Opens the stacks and prepares the trial; on failure, closes what it opened and rethrows.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Setup(Level.Trial)
  public void setup() {
    s = Stacks.open();
    try {
      prepare();
    } catch (RuntimeException | Error e) {
      tearDown();
      throw e;
    }
  }

  /** Creates and seeds the workload's tables and checks that every implementation gives the same result. */
  abstract void prepare();

  /** The statement that drops the workload's tables. */
  abstract String dropTables();

  /**
   * Drops the tables and closes the stacks.
   *
   * <pre>{@code bench.tearDown(); }</pre>
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (s != null) {
      try {
        s.close(dropTables());
      } finally {
        s = null;
      }
    }
  }

  /** The trial's stacks, for tests. */
  Stacks stacks() {
    return s;
  }
}
