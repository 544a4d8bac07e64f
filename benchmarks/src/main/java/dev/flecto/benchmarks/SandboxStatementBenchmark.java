package dev.flecto.benchmarks;

import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import reactor.core.publisher.Flux;

/**
 * What the test sandbox's savepoint per statement costs (issue 12, Ecto's sandbox mode): the same
 * {@value #STATEMENTS} gets by id, one after another on one connection, as a checkout of the
 * pool's connection (one round trip each) and in the sandbox, where each statement runs between
 * its own SAVEPOINT and RELEASE so a failed one leaves the test's transaction usable. The
 * difference, divided by {@value #STATEMENTS}, is the cost per statement.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar SandboxStatementBenchmark }</pre>
 */
public class SandboxStatementBenchmark extends StacksBenchmark {
  /** Statements per benchmark operation. */
  public static final int STATEMENTS = 100;

  private Sandbox sandbox;

  @Override
  void prepare() {
    People.create(s);
    sandbox = Sandbox.open(s.pool(), RepoOptions.defaults()).block(Duration.ofSeconds(30));
    Checks.same("sandbox get by id", "checkout", heldConnection(), "sandbox", sandbox());
  }

  @Override
  String dropTables() {
    return People.DROP;
  }

  /** Rolls the sandbox's transaction back (and releases its connection) before the tables go (JMH calls this override). */
  @Override
  public void tearDown() {
    if (sandbox != null) {
      sandbox.rollback().block(Duration.ofSeconds(30));
      sandbox = null;
    }
    super.tearDown();
  }

  /**
   * {@value #STATEMENTS} gets in one checkout of a pooled connection.
   *
   * <pre>{@code heldConnection() }</pre>
   *
   * @return how many rows were read
   */
  @Benchmark
  public long heldConnection() {
    Repo repo = s.repo();
    return repo.checkout(() -> gets(repo)).block();
  }

  /**
   * {@value #STATEMENTS} gets in the sandbox, each in a savepoint of its own.
   *
   * <pre>{@code sandbox() }</pre>
   *
   * @return how many rows were read
   */
  @Benchmark
  public long sandbox() {
    return gets(sandbox.repo()).block();
  }

  private static reactor.core.publisher.Mono<Long> gets(Repo repo) {
    return Flux.range(0, STATEMENTS)
        .concatMap(i -> repo.get(BenchPerson.class, ThreadLocalRandom.current().nextLong(1, People.ROWS + 1)))
        .count();
  }
}
