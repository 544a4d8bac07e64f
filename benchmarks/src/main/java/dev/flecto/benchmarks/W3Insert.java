package dev.flecto.benchmarks;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
 * W3: one {@link BenchPerson} inserted from a form (text values by field name) that is cast and
 * validated first: through a Flecto changeset ({@code cast}, {@code validateRequired},
 * {@code validateLength}, {@code validateNumber}, {@code repo.insert}), and by the others with the
 * same rules written by hand ({@link PeopleOps#validate}) before their INSERT (raw and JDBC send
 * Flecto's statement, RETURNING every column; Spring and jOOQ read back the id, as they do).
 * Each operation inserts a new row; the table starts with {@value People#ROWS} rows each trial.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar W3Insert -f 1 -wi 2 -i 3 }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 4, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 4, timeUnit = TimeUnit.SECONDS)
public class W3Insert {
  private final AtomicLong next = new AtomicLong();
  private Stacks s;

  /**
   * Opens the stacks, creates {@code bench_people}, and checks that every implementation stores the
   * same row from the same form (and that Flecto refuses a bad one, as the others do).
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Setup(Level.Trial)
  public void setup() {
    s = Stacks.open();
    People.create(s);
    Map<String, Object> form = PeopleOps.form(7);
    BenchPerson raw = PeopleOps.rawInsert(s, form).block();
    BenchPerson[] others = {PeopleOps.flectoInsert(s, form).block(), PeopleOps.springInsert(s, form).block(),
        PeopleOps.jooqInsert(s, form).block(), PeopleOps.jdbcInsert(s, form)};
    String[] names = {"flecto", "spring", "jooq", "jdbc"};
    for (int i = 0; i < others.length; i++) {
      BenchPerson stored = PeopleOps.rawGet(s, others[i].id()).block();
      Checks.same("W3 insert", "raw", withoutId(raw), names[i], withoutId(others[i]), names[i] + " (as stored)",
          withoutId(stored));
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

  /** A changeset cast from the form, validated, inserted by {@code repo.insert}. */
  @Benchmark
  public BenchPerson flecto() {
    return PeopleOps.flectoInsert(s, PeopleOps.form(next.incrementAndGet())).block();
  }

  /** Validated by hand, then INSERT ... RETURNING id written on the driver. */
  @Benchmark
  public BenchPerson raw() {
    return PeopleOps.rawInsert(s, PeopleOps.form(next.incrementAndGet())).block();
  }

  /** Validated by hand, then {@code template.insert(person)}. */
  @Benchmark
  public BenchPerson spring() {
    return PeopleOps.springInsert(s, PeopleOps.form(next.incrementAndGet())).block();
  }

  /** Validated by hand, then {@code insertInto(...).values(...).returningResult(ID)} over R2DBC. */
  @Benchmark
  public BenchPerson jooq() {
    return PeopleOps.jooqInsert(s, PeopleOps.form(next.incrementAndGet())).block();
  }

  /** Validated by hand, then a prepared INSERT ... RETURNING id on a HikariCP connection. */
  @Benchmark
  public BenchPerson jdbc() {
    return PeopleOps.jdbcInsert(s, PeopleOps.form(next.incrementAndGet()));
  }

  /** The operations' stacks, for tests. */
  Stacks stacks() {
    return s;
  }

  private static BenchPerson withoutId(BenchPerson p) {
    return p == null ? null : new BenchPerson(null, p.firstName(), p.lastName(), p.age(), p.insertedAt());
  }
}
