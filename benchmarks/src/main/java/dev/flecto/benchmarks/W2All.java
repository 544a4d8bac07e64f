package dev.flecto.benchmarks;

import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * W2: {@code WHERE age >= $1 ORDER BY id LIMIT $2} into {@link BenchPerson} records, {@link #rows}
 * of them (100, or all {@value People#ROWS} seeded rows), through each implementation (see
 * {@link Stacks}). The suite divides each score by {@link #raw()}'s.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar W2All -p rows=100,10000 -f 1 -wi 2 -i 3 }</pre>
 */
public class W2All extends StacksBenchmark {
  /** Rows read a call: the limit, and every seeded row matches the filter. */
  @Param({"100", "10000"})
  public int rows = 100;


  /**
   * Seeds {@code bench_people} and checks that every implementation reads the same page.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Override
  void prepare() {
    People.create(s);
    List<BenchPerson> expected = raw();
    if (expected.size() != rows) {
      throw new IllegalStateException("W2 read " + expected.size() + " rows, expected " + rows);
    }
    Checks.same("W2 all, " + rows + " rows", "raw", expected, "flecto", flecto(), "spring", spring(), "jooq", jooq(),
        "jdbc", jdbc());
  }

  @Override
  String dropTables() {
    return People.DROP;
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
