package dev.flecto.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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
 * W1: one {@link BenchPerson} by primary key, a random one of {@value People#ROWS}, through each
 * implementation (see {@link Stacks}). Every method is one operation; the suite divides each
 * score by {@link #raw()}'s.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar W1GetById -f 1 -wi 2 -i 3 }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 4, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 4, timeUnit = TimeUnit.SECONDS)
public class W1GetById {
  private Stacks s;

  /**
   * Opens the stacks, seeds {@code bench_people} and checks that every implementation reads the same records.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Setup(Level.Trial)
  public void setup() {
    s = Stacks.open();
    People.create(s);
    for (long id : new long[] {1, 10, People.ROWS / 2, People.ROWS}) {
      BenchPerson expected = raw(id);
      Checks.same("W1 get by id " + id, "raw", expected, "flecto", flecto(id), "spring", spring(id), "jooq", jooq(id),
          "jdbc", jdbc(id));
    }
  }

  /** Drops the table and closes the stacks. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (s != null) {
      s.close(People.DROP);
      s = null;
    }
  }

  /** {@code repo.get(BenchPerson.class, id)}. */
  @Benchmark
  public BenchPerson flecto() {
    return flecto(randomId());
  }

  /** The statement written by hand on the driver, mapped by index. */
  @Benchmark
  public BenchPerson raw() {
    return raw(randomId());
  }

  /** {@code template.selectOne(query(where("id").is(id)), BenchPerson.class)}. */
  @Benchmark
  public BenchPerson spring() {
    return spring(randomId());
  }

  /** {@code select(five fields).from(bench_people).where(ID.eq(id))} over R2DBC. */
  @Benchmark
  public BenchPerson jooq() {
    return jooq(randomId());
  }

  /** A prepared statement on a HikariCP connection. */
  @Benchmark
  public BenchPerson jdbc() {
    return jdbc(randomId());
  }

  BenchPerson flecto(long id) {
    return PeopleOps.flectoGet(s, id).block();
  }

  BenchPerson raw(long id) {
    return PeopleOps.rawGet(s, id).block();
  }

  BenchPerson spring(long id) {
    return PeopleOps.springGet(s, id).block();
  }

  BenchPerson jooq(long id) {
    return PeopleOps.jooqGet(s, id).block();
  }

  BenchPerson jdbc(long id) {
    return PeopleOps.jdbcGet(s, id);
  }

  private static long randomId() {
    return ThreadLocalRandom.current().nextLong(1, People.ROWS + 1);
  }
}
