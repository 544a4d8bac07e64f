package dev.flecto.benchmarks;

import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.Planner;
import dev.flecto.query.Op;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.postgres.PostgresDialect;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a query costs before it reaches the database: building the immutable value, planning it
 * (field checks, casting parameters, the shape key) and compiling it (a cache hit by shape). No
 * database is involved; compare with {@link W2All}'s execution of the same query.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar QueryPlanBenchmark }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class QueryPlanBenchmark {
  /** The page size of the query, as W2's smaller variant. */
  public static final int PAGE = 100;

  private final PostgresDialect dialect = new PostgresDialect(1024);
  private final Query<BenchPerson> built = query(18);
  private final PlannedQuery<BenchPerson> planned = Planner.plan(built);

  static Query<BenchPerson> query(int age) {
    return Query.from(BenchPerson.class).where("age", Op.GE, age).orderBy("id").limit(PAGE);
  }

  /**
   * Building the query value.
   *
   * <pre>{@code QueryPlanBenchmark.build() }</pre>
   *
   * @return the query
   */
  @Benchmark
  public Query<BenchPerson> build() {
    return query(ThreadLocalRandom.current().nextInt(90));
  }

  /**
   * Planning a built query.
   *
   * <pre>{@code plan() }</pre>
   *
   * @return the planned query
   */
  @Benchmark
  public PlannedQuery<BenchPerson> plan() {
    return Planner.plan(built);
  }

  /**
   * Compiling a planned query whose shape is cached.
   *
   * <pre>{@code compileCached() }</pre>
   *
   * @return the SQL
   */
  @Benchmark
  public String compileCached() {
    return dialect.select(planned.shape());
  }

  /**
   * All three, as every {@code repo.all(query)} call does.
   *
   * <pre>{@code buildPlanCompile() }</pre>
   *
   * @return the SQL
   */
  @Benchmark
  public String buildPlanCompile() {
    return dialect.select(Planner.plan(query(ThreadLocalRandom.current().nextInt(90))).shape());
  }
}
