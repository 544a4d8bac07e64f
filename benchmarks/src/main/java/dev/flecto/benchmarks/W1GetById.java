package dev.flecto.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * W1: one {@link BenchPerson} by primary key, a random one of {@value People#ROWS}, through each
 * implementation (see {@link Stacks}). Every method is one operation; the suite divides each
 * score by {@link #raw()}'s.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar W1GetById -f 1 -wi 2 -i 3 }</pre>
 */
public class W1GetById extends StacksBenchmark {
  /**
   * Seeds {@code bench_people} and checks that every implementation reads the same records.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Override
  void prepare() {
    People.create(s);
    for (long id : new long[] {1, 10, People.ROWS / 2, People.ROWS}) {
      BenchPerson expected = raw(id);
      Checks.same("W1 get by id " + id, "raw", expected, "flecto", flecto(id), "spring", spring(id), "jooq", jooq(id),
          "jdbc", jdbc(id));
      Checks.same("W1 get by id " + id, "raw", expected, "flecto-transaction-pooling", flectoTransactionPooling(id));
    }
  }

  @Override
  String dropTables() {
    return People.DROP;
  }

  /** {@code repo.get(BenchPerson.class, id)}. */
  @Benchmark
  public BenchPerson flecto() {
    return flecto(randomId());
  }

  /**
   * {@code repo.get} with SQL logging on ({@code SqlLogger} at DEBUG into a logger that drops the
   * lines): what a listener costs, against {@link #flecto()}, which has none.
   */
  @Benchmark
  public BenchPerson flectoLogged() {
    return PeopleOps.flectoGet(s.loggedRepo(), randomId()).block();
  }

  /**
   * {@code repo.get} with {@code RepoOptions.withTransactionPooling(true)} (as behind PgBouncer in
   * transaction mode), straight against the database: what unnamed statements cost.
   */
  @Benchmark
  public BenchPerson flectoTransactionPooling() {
    return flectoTransactionPooling(randomId());
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

  BenchPerson flectoTransactionPooling(long id) {
    return PeopleOps.flectoGet(s.poolingRepo(), id).block();
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
