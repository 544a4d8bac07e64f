package dev.flecto.benchmarks;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;

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
public class W3Insert extends StacksBenchmark {
  private final AtomicLong next = new AtomicLong();

  /**
   * Creates {@code bench_people}, and checks that every implementation stores the
   * same row from the same form (and that Flecto refuses a bad one, as the others do).
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Override
  void prepare() {
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

  @Override
  String dropTables() {
    return People.DROP;
  }

  /** A changeset cast from the form, validated, inserted by {@code repo.insert}. */
  @Benchmark
  public BenchPerson flecto() {
    return PeopleOps.flectoInsert(s, PeopleOps.form(next.incrementAndGet())).block();
  }

  /** {@link #flecto()} with SQL logging on ({@code SqlLogger} at DEBUG into a logger that drops the lines). */
  @Benchmark
  public BenchPerson flectoLogged() {
    return PeopleOps.flectoInsert(s.loggedRepo(), PeopleOps.form(next.incrementAndGet())).block();
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

  private static BenchPerson withoutId(BenchPerson p) {
    return p == null ? null : new BenchPerson(null, p.firstName(), p.lastName(), p.age(), p.insertedAt());
  }
}
