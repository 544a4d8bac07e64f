package dev.flecto.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2: {@code WHERE age >= $1 ORDER BY id LIMIT $2} into {@link BenchPerson} records, {@link #rows}
 * of them (100, or all {@value People#ROWS} seeded rows), through each implementation (see
 * {@link Stacks}). The suite divides each score by {@link #raw()}'s.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar W2All -p rows=100,10000 -f 1 -wi 2 -i 3 }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 4, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 4, timeUnit = TimeUnit.SECONDS)
public class W2All {
  /** Rows read a call: the limit, and every seeded row matches the filter. */
  @Param({"100", "10000"})
  public int rows = 100;

  private Stacks s;

  /**
   * Opens the stacks, seeds {@code bench_people} and checks that every implementation reads the same page.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Setup(Level.Trial)
  public void setup() {
    s = Stacks.open();
    People.create(s);
    List<BenchPerson> expected = raw();
    if (expected.size() != rows) {
      throw new IllegalStateException("W2 read " + expected.size() + " rows, expected " + rows);
    }
    Checks.same("W2 all, " + rows + " rows", "raw", expected, "flecto", flecto(), "spring", spring(), "jooq", jooq(),
        "jdbc", jdbc());
  }

  /** Drops the table and closes the stacks. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (s != null) {
      s.close(People.DROP);
      s = null;
    }
  }

  /** {@code repo.all(Query.from(BenchPerson.class).where("age", Op.GE, 0).orderBy("id").limit(rows))}. */
  @Benchmark
  public List<BenchPerson> flecto() {
    return PeopleOps.flectoPage(s, 0, rows).block();
  }

  /** The statement written by hand on the driver, mapped by index. */
  @Benchmark
  public List<BenchPerson> raw() {
    return PeopleOps.rawPage(s, 0, rows).block();
  }

  /** {@code template.select(query(where("age").greaterThanOrEquals(0)).sort(by("id")).limit(rows), BenchPerson.class)}. */
  @Benchmark
  public List<BenchPerson> spring() {
    return PeopleOps.springPage(s, 0, rows).block();
  }

  /** {@code select(five fields).from(bench_people).where(AGE.ge(0)).orderBy(ID).limit(rows)} over R2DBC. */
  @Benchmark
  public List<BenchPerson> jooq() {
    return PeopleOps.jooqPage(s, 0, rows).block();
  }

  /** A prepared statement on a HikariCP connection. */
  @Benchmark
  public List<BenchPerson> jdbc() {
    return PeopleOps.jdbcPage(s, 0, rows);
  }
}
