package dev.flecto.benchmarks;

import io.r2dbc.pool.PoolMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * W8: a mixed load on {@code bench_people} at a fixed number of concurrent operations, through each
 * implementation in turn (see {@link Stacks}): a closed loop in which each of {@code concurrency}
 * workers starts its next operation as soon as its last one ends, so exactly that many are in
 * flight against pools of {@value Stacks#POOL_SIZE} connections. Each operation is, by a seeded
 * random draw (the same sequence for every implementation), a get by a random id (80%), a page of
 * {@value #PAGE} from a random minimum age (15%) or an insert from a form (5%), all through
 * {@link PeopleOps}, and its result is checked. Measured: completed operations per second and the
 * latency of each (from the moment it is started, so waiting for a connection included) in an
 * HdrHistogram, for p50, p99, p99.9 and max.
 *
 * <p>Every side starts alike: the table is re-created and seeded before it, and after its load
 * every pool must be idle again. An operation that fails or returns a wrong result does not stop
 * the load; after the load, any error fails the side with the first error's message, and so does
 * a connection still in use. The reactive sides run {@code concurrency} workers under one
 * {@code flatMap}; JDBC runs as many platform threads blocking on HikariCP.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.W8MixedLoad --json=w8.json
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.W8MixedLoad --seconds=5 --warmup=2 --sides=flecto,raw
 * }</pre>
 */
public final class W8MixedLoad implements AutoCloseable {
  /** Measured seconds of each side unless {@code --seconds=N} says otherwise. */
  public static final int SECONDS = 20;
  /** Warm-up seconds of each side unless {@code --warmup=N} says otherwise (0: none). */
  public static final int WARMUP = 5;
  /** Operations in flight unless {@code --concurrency=N} says otherwise. */
  public static final int CONCURRENCY = 64;
  /** Rows of a page. */
  public static final int PAGE = 100;
  /** The seed of the workers' random draws unless {@code --seed=N} says otherwise. */
  public static final int SEED = 8;

  // Beyond its duration a load gets this long to finish the operations in flight before the side fails.
  private static final Duration DRAIN = Duration.ofSeconds(60);
  // After the load, how long the pools get to take every connection back.
  private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

  private final Stacks stacks;
  private final int concurrency;
  private final long seed;
  // Form numbers: every insert's form is a new one, across sides and phases.
  private final AtomicLong nextForm = new AtomicLong(1);
  // The interleaved method's random streams, a set a side, carried from one slice of the side to its next.
  private final Map<Side, SplittableRandom[]> streams = new EnumMap<>(Side.class);

  /**
   * Opens the stacks ({@code FLECTO_BENCH_DATABASE_URL}, else an embedded PostgreSQL).
   *
   * <pre>{@code try (W8MixedLoad bench = new W8MixedLoad(64, 8)) { bench.run(Side.FLECTO, Duration.ZERO, Duration.ofSeconds(1)); } }</pre>
   *
   * @param concurrency operations in flight, at least 1
   * @param seed the seed of the random draws
   */
  public W8MixedLoad(int concurrency, long seed) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    this.concurrency = concurrency;
    this.seed = seed;
    this.stacks = Stacks.open();
  }

  /**
   * Who runs the load; the lower-case name is the suite's implementation id.
   *
   * <pre>{@code bench.run(Side.JOOQ, Duration.ofSeconds(5), Duration.ofSeconds(20)) }</pre>
   */
  public enum Side implements Implementation {
    /** Flecto's {@code repo.get}, {@code repo.all} and {@code repo.insert(changeset)}. */
    FLECTO("Flecto Repo, workers under flatMap"),
    /** The same SQL by hand on r2dbc-postgresql, rows mapped by index. */
    RAW("raw r2dbc, workers under flatMap"),
    /** Spring Data R2DBC's R2dbcEntityTemplate. */
    SPRING("Spring R2dbcEntityTemplate, workers under flatMap"),
    /** jOOQ over R2DBC. */
    JOOQ("jOOQ over R2DBC, workers under flatMap"),
    /** Prepared statements on HikariCP, one platform thread per operation in flight. */
    JDBC("JDBC + HikariCP, a platform thread per worker"),
    /** Flecto with {@code RepoOptions.withTransactionPooling(true)} (unnamed statements), straight against the database. */
    FLECTO_TRANSACTION_POOLING("Flecto Repo set up for PgBouncer in transaction mode, workers under flatMap");

    private final String label;

    Side(String label) {
      this.label = label;
    }

    /**
     * How the side runs the load, for the report.
     *
     * <pre>{@code Side.JDBC.label() }</pre>
     *
     * @return the label
     */
    @Override
    public String label() {
      return label;
    }

    /**
     * The implementation id: the lower-case name, words joined by '-' (as the JMH methods' ids).
     *
     * <pre>{@code Side.FLECTO_TRANSACTION_POOLING.id() // "flecto-transaction-pooling" }</pre>
     */
    @Override
    public String id() {
      return Implementation.super.id().replace('_', '-');
    }
  }

  /**
   * The measured load of one side.
   *
   * <pre>{@code result.opsPerSecond(); result.ms(99.0) }</pre>
   *
   * @param side who ran it
   * @param concurrency operations in flight
   * @param gets gets by id completed (and checked)
   * @param pages pages completed
   * @param inserts inserts completed
   * @param errors operations that failed or returned a wrong result, warm-up included
   * @param nanos wall time of the measured load, from its start until its last operation ended
   * @param latency every completed operation's latency in nanoseconds
   * @param failure why the side failed (errors, a connection left in use), else null
   */
  public record Result(Side side, int concurrency, long gets, long pages, long inserts, long errors, long nanos,
      Histogram latency, String failure) {
    /**
     * Operations completed in the measured load.
     *
     * <pre>{@code result.operations() }</pre>
     *
     * @return gets + pages + inserts
     */
    public long operations() {
      return gets + pages + inserts;
    }

    /**
     * Completed operations per second of the measured load.
     *
     * <pre>{@code result.opsPerSecond() // 5200.0 }</pre>
     *
     * @return the rate
     */
    public double opsPerSecond() {
      return operations() * 1e9 / nanos;
    }

    /**
     * A latency percentile in milliseconds.
     *
     * <pre>{@code result.ms(99.9) }</pre>
     *
     * @param percentile 0..100; 100 is the maximum
     * @return the latency
     */
    public double ms(double percentile) {
      return (percentile >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(percentile)) / 1e6;
    }

    /**
     * Whether the side ran without an error and gave its connections back.
     *
     * <pre>{@code if (!result.ok()) System.err.println(result.failure()); }</pre>
     *
     * @return true when there is no failure
     */
    public boolean ok() {
      return failure == null;
    }
  }

  /** One load (warm-up or measured): its counters, shared by the workers, and its deadline. */
  private static final class Phase {
    final long deadline;
    final Recorder latency = new Recorder(3);
    final LongAdder gets = new LongAdder();
    final LongAdder pages = new LongAdder();
    final LongAdder inserts = new LongAdder();
    final LongAdder errors = new LongAdder();
    final AtomicReference<Throwable> firstError = new AtomicReference<>();
    long nanos;

    Phase(Duration length) {
      this.deadline = System.nanoTime() + length.toNanos();
    }

    boolean running() {
      return System.nanoTime() - deadline < 0;
    }

    void done(LongAdder kind, long start) {
      latency.recordValue(System.nanoTime() - start);
      kind.increment();
    }

    void fail(Throwable e) {
      errors.increment();
      firstError.compareAndSet(null, e);
    }
  }

  /**
   * Re-creates and seeds the table, runs the warm-up load (unless zero) and the measured load of
   * one side, then waits for every pool to be idle.
   *
   * <pre>{@code Result r = bench.run(Side.JDBC, Duration.ofSeconds(5), Duration.ofSeconds(20)); }</pre>
   *
   * @param side who runs the load
   * @param warmup how long the unmeasured load runs first
   * @param measured how long the measured load runs
   * @return the measurement, with a failure when an operation failed or a connection stayed in use
   */
  public Result run(Side side, Duration warmup, Duration measured) {
    People.create(stacks);
    // One random stream per worker, carried from the warm-up into the measured load: every side draws the same operations.
    SplittableRandom[] randoms = randoms();
    long errors = 0;
    Throwable first = null;
    if (!warmup.isZero()) {
      Phase p = load(side, warmup, randoms);
      errors += p.errors.sum();
      first = p.firstError.get();
    }
    Phase p = load(side, measured, randoms);
    errors += p.errors.sum();
    first = first != null ? first : p.firstError.get();
    String failure = null;
    if (errors > 0) {
      failure = errors + " operation(s) failed; the first: " + describe(first);
    }
    String inUse = waitIdle();
    if (inUse != null) {
      failure = failure == null ? inUse : failure + "; " + inUse;
    }
    return new Result(side, concurrency, p.gets.sum(), p.pages.sum(), p.inserts.sum(), errors, p.nanos,
        p.latency.getIntervalHistogram(), failure);
  }

  /**
   * One slice of the interleaved method ({@link Interleaved}): a measured load of one side on the
   * table as the slices before left it (create it once first, {@link People#create}), the side's
   * random streams carried on from its previous slice, so that every side draws the same
   * operations round after round; then a wait for every pool to be idle.
   *
   * <pre>{@code Result r = bench.slice(Side.RAW, Duration.ofSeconds(1)); }</pre>
   *
   * @param side who runs the load
   * @param length how long
   * @return the measurement, with a failure when an operation failed or a connection stayed in use
   */
  Result slice(Side side, Duration length) {
    Phase p = load(side, length, streams.computeIfAbsent(side, s -> randoms()));
    String failure = p.errors.sum() == 0 ? null
        : p.errors.sum() + " operation(s) failed; the first: " + describe(p.firstError.get());
    String inUse = waitIdle();
    if (inUse != null) {
      failure = failure == null ? inUse : failure + "; " + inUse;
    }
    return new Result(side, concurrency, p.gets.sum(), p.pages.sum(), p.inserts.sum(), p.errors.sum(), p.nanos,
        p.latency.getIntervalHistogram(), failure);
  }

  private SplittableRandom[] randoms() {
    SplittableRandom[] randoms = new SplittableRandom[concurrency];
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int w = 0; w < concurrency; w++) {
      randoms[w] = seeds.split();
    }
    return randoms;
  }

  private Phase load(Side side, Duration length, SplittableRandom[] randoms) {
    Phase p = new Phase(length);
    long start = System.nanoTime();
    if (side == Side.JDBC) {
      jdbcLoad(p, randoms, length.plus(DRAIN));
    } else {
      try {
        // flatMap subscribes to every worker at once and never to more: exactly `concurrency` operations in flight.
        Flux.range(0, concurrency)
            .flatMap(w -> Mono.defer(() -> reactiveOp(side, randoms[w], p)).repeat(p::running), concurrency)
            .then()
            .block(length.plus(DRAIN));
      } catch (RuntimeException e) {
        p.fail(new IllegalStateException("the load did not end within " + DRAIN.toSeconds() + " s of its deadline", e));
      }
    }
    p.nanos = System.nanoTime() - start;
    return p;
  }

  /** One operation, drawn from {@code r}, checked, timed from its subscription; an error is counted, not raised. */
  private Mono<Void> reactiveOp(Side side, SplittableRandom r, Phase p) {
    long start = System.nanoTime();
    int pick = r.nextInt(100);
    Mono<Void> op;
    if (pick < 80) {
      long id = r.nextLong(1, People.ROWS + 1);
      op = get(side, id)
          .switchIfEmpty(Mono.error(() -> new IllegalStateException("get by id " + id + " found nothing")))
          .doOnNext(found -> checkGet(id, found))
          .then(Mono.fromRunnable(() -> p.done(p.gets, start)));
    } else if (pick < 95) {
      int minAge = r.nextInt(90);
      op = page(side, minAge).doOnNext(rows -> checkPage(minAge, rows)).then(Mono.fromRunnable(() -> p.done(p.pages, start)));
    } else {
      Map<String, Object> form = PeopleOps.form(nextForm.getAndIncrement());
      op = insert(side, form)
          .switchIfEmpty(Mono.error(() -> new IllegalStateException("insert returned nothing")))
          .doOnNext(W8MixedLoad::checkInsert)
          .then(Mono.fromRunnable(() -> p.done(p.inserts, start)));
    }
    return op.onErrorResume(e -> {
      p.fail(e);
      return Mono.empty();
    });
  }

  private Mono<BenchPerson> get(Side side, long id) {
    return switch (side) {
      case FLECTO -> PeopleOps.flectoGet(stacks, id);
      case FLECTO_TRANSACTION_POOLING -> PeopleOps.flectoGet(stacks.poolingRepo(), id);
      case RAW -> PeopleOps.rawGet(stacks, id);
      case SPRING -> PeopleOps.springGet(stacks, id);
      case JOOQ -> PeopleOps.jooqGet(stacks, id);
      case JDBC -> throw new IllegalArgumentException("JDBC blocks");
    };
  }

  private Mono<List<BenchPerson>> page(Side side, int minAge) {
    return switch (side) {
      case FLECTO -> PeopleOps.flectoPage(stacks, minAge, PAGE);
      case FLECTO_TRANSACTION_POOLING -> PeopleOps.flectoPage(stacks.poolingRepo(), minAge, PAGE);
      case RAW -> PeopleOps.rawPage(stacks, minAge, PAGE);
      case SPRING -> PeopleOps.springPage(stacks, minAge, PAGE);
      case JOOQ -> PeopleOps.jooqPage(stacks, minAge, PAGE);
      case JDBC -> throw new IllegalArgumentException("JDBC blocks");
    };
  }

  private Mono<BenchPerson> insert(Side side, Map<String, Object> form) {
    return switch (side) {
      case FLECTO -> PeopleOps.flectoInsert(stacks, form);
      case FLECTO_TRANSACTION_POOLING -> PeopleOps.flectoInsert(stacks.poolingRepo(), form);
      case RAW -> PeopleOps.rawInsert(stacks, form);
      case SPRING -> PeopleOps.springInsert(stacks, form);
      case JOOQ -> PeopleOps.jooqInsert(stacks, form);
      case JDBC -> throw new IllegalArgumentException("JDBC blocks");
    };
  }

  /** {@code concurrency} platform threads, each running operations back to back until the deadline. */
  private void jdbcLoad(Phase p, SplittableRandom[] randoms, Duration limit) {
    List<Thread> threads = new ArrayList<>(concurrency);
    for (int w = 0; w < concurrency; w++) {
      SplittableRandom r = randoms[w];
      Thread t = new Thread(() -> {
        // At least one operation, as every reactive worker completes its first: a thread that starts after a short
        // load's deadline must not count as a worker that did nothing.
        do {
          jdbcOp(r, p);
        } while (p.running());
        ClientMeter.retire(); // the thread ends with the load: keep its CPU time and bytes for the slice
      }, "w8-jdbc-" + w);
      t.setDaemon(true); // a thread stuck on a connection must not keep the JVM alive
      threads.add(t);
    }
    threads.forEach(Thread::start);
    long until = System.nanoTime() + limit.toNanos();
    try {
      for (Thread t : threads) {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
        if (t.isAlive()) {
          p.fail(new IllegalStateException(t.getName() + " did not end within " + DRAIN.toSeconds() + " s of the deadline"));
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.fail(e);
    }
  }

  /** The blocking twin of {@link #reactiveOp}: the same draws, the same checks. */
  private void jdbcOp(SplittableRandom r, Phase p) {
    long start = System.nanoTime();
    try {
      int pick = r.nextInt(100);
      if (pick < 80) {
        long id = r.nextLong(1, People.ROWS + 1);
        BenchPerson found = PeopleOps.jdbcGet(stacks, id);
        if (found == null) {
          throw new IllegalStateException("get by id " + id + " found nothing");
        }
        checkGet(id, found);
        p.done(p.gets, start);
      } else if (pick < 95) {
        int minAge = r.nextInt(90);
        checkPage(minAge, PeopleOps.jdbcPage(stacks, minAge, PAGE));
        p.done(p.pages, start);
      } else {
        checkInsert(PeopleOps.jdbcInsert(stacks, PeopleOps.form(nextForm.getAndIncrement())));
        p.done(p.inserts, start);
      }
    } catch (RuntimeException e) {
      p.fail(e);
    }
  }

  private static void checkGet(long id, BenchPerson found) {
    if (found.id() == null || found.id() != id || found.firstName() == null || !found.firstName().equals("First" + id)) {
      throw new IllegalStateException("get by id " + id + " returned " + found);
    }
  }

  private static void checkPage(int minAge, List<BenchPerson> rows) {
    // Each age below 90 has over 100 seeded rows at or above it, so every page is full.
    if (rows.size() != PAGE || rows.stream().anyMatch(x -> x.age() < minAge)) {
      throw new IllegalStateException("page from age " + minAge + " returned " + rows.size() + " rows: "
          + rows.stream().limit(3).toList() + "...");
    }
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).id() <= rows.get(i - 1).id()) {
        throw new IllegalStateException("page from age " + minAge + " is not ordered by id at row " + i);
      }
    }
  }

  private static void checkInsert(BenchPerson inserted) {
    if (inserted.id() == null || inserted.id() <= People.ROWS) {
      throw new IllegalStateException("insert returned the id " + inserted.id() + ", not a new one above " + People.ROWS);
    }
  }

  private static String describe(Throwable e) {
    return e == null ? "(none recorded)" : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Null when both pools have every connection back within {@link #IDLE_WAIT}, else what is still in use. */
  private String waitIdle() {
    long until = System.nanoTime() + IDLE_WAIT.toNanos();
    while (true) {
      // A pool without metrics counts as busy: a leak must not pass unseen.
      int shared = stacks.pool().getMetrics().map(PoolMetrics::acquiredSize).orElse(-1);
      int pooling = stacks.poolingAcquired();
      int reactive = shared < 0 || pooling < 0 ? -1 : shared + pooling;
      int jdbc = stacks.jdbc().getHikariPoolMXBean().getActiveConnections();
      if (reactive == 0 && jdbc == 0) {
        return null;
      }
      if (System.nanoTime() - until > 0) {
        return "connections still in use " + IDLE_WAIT.toSeconds() + " s after the load: " + reactive
            + " acquired from the r2dbc pool, " + jdbc + " active in HikariCP";
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting for the pools to be idle";
      }
    }
  }

  /**
   * The score of one side: W8, variant "N concurrent", completed operations per second, no error
   * estimate, and the latency percentiles in milliseconds; {@link Score#skipped} with the reason
   * when the side failed.
   *
   * <pre>{@code Scores.write(Path.of("w8.json"), results.stream().map(W8MixedLoad::score).toList()); }</pre>
   *
   * @param r the side's result
   * @return the score
   */
  public static Score score(Result r) {
    String variant = r.concurrency() + " concurrent";
    if (!r.ok()) {
      return Score.skipped("W8", variant, r.side().id(), "failed: " + r.failure());
    }
    return new Score("W8", variant, r.side().id(), "ops/s", r.opsPerSecond(), Double.NaN,
        Map.of("p50 ms", r.ms(50), "p99 ms", r.ms(99), "p99.9 ms", r.ms(99.9), "max ms", r.ms(100)), null);
  }

  /**
   * The results as Markdown: one row per side, then the context they ran in.
   *
   * <pre>{@code System.out.print(bench.report(results)); }</pre>
   *
   * @param results the sides' results
   * @return the report
   */
  public String report(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "### W8: mixed load, %d operations in flight, pools of %d connections%n%n",
        concurrency, Stacks.POOL_SIZE));
    sb.append("| side | how | ops/s | p50 ms | p99 ms | p99.9 ms | max ms | operations (get / page / insert) | seconds |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      if (!r.ok()) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | failed: %s | | | | | | |%n", r.side().id(), r.side().label(),
            r.failure()));
        continue;
      }
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %,d (%,d / %,d / %,d) | %.1f |%n",
          r.side().id(), r.side().label(), r.opsPerSecond(), r.ms(50), r.ms(99), r.ms(99.9), r.ms(100), r.operations(),
          r.gets(), r.pages(), r.inserts(), r.nanos() / 1e9));
    }
    sb.append(String.format(Locale.ROOT, "%nEach operation: 80%% get by a random id, 15%% a page of %d from a random "
            + "minimum age, 5%% an insert from a form (seed %d), its result checked; latency from the start of the "
            + "operation, waiting for a connection included. The table is re-created before each side. Java %s (%s), "
            + "%d CPUs; database: %s.%n", PAGE, seed, System.getProperty("java.version"),
        System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), stacks.database().description()));
    return sb.toString();
  }

  /** The stacks the sides run on. */
  Stacks stacks() {
    return stacks;
  }

  /**
   * Drops the table (unless the database goes away with the run), closes the stacks and the database.
   *
   * <pre>{@code try (W8MixedLoad bench = new W8MixedLoad(64, 8)) { ... } // closed here }</pre>
   */
  @Override
  public void close() {
    stacks.close(People.DROP);
  }

  /**
   * Runs the load through each side in turn, prints the Markdown report to standard output and,
   * with {@code --json=FILE}, writes one {@link Score} per side there. Exits with status 1 when a
   * side failed (after writing the scores, where its note says why).
   *
   * <pre>{@code java -cp benchmarks.jar dev.flecto.benchmarks.W8MixedLoad --seconds=20 --warmup=5 --concurrency=64 --json=w8.json --sides=flecto,raw,jdbc }</pre>
   *
   * @param args {@code --seconds=N}, {@code --warmup=N}, {@code --concurrency=N}, {@code --seed=N},
   *     {@code --json=FILE}, {@code --sides=flecto,raw,spring,jooq,jdbc,flecto-transaction-pooling}
   */
  public static void main(String[] args) {
    ProgramArgs a = ProgramArgs.parse(args, "seconds", "warmup", "concurrency", "seed", "json", "sides");
    Duration measured = Duration.ofSeconds(a.positive("seconds", SECONDS));
    Duration warmup = Duration.ofSeconds(a.atLeast("warmup", 0, WARMUP));
    int concurrency = a.positive("concurrency", CONCURRENCY);
    long seed = a.atLeast("seed", 0, SEED);
    List<Side> sides = a.sides("sides", Side.class);
    Optional<Path> json = a.path("json");
    List<Result> results = new ArrayList<>();
    try (W8MixedLoad bench = new W8MixedLoad(concurrency, seed)) {
      for (Side side : sides) {
        Result r = bench.run(side, warmup, measured);
        if (!r.ok()) {
          System.err.println("W8 " + side.id() + " failed: " + r.failure());
        }
        results.add(r);
      }
      System.out.print(bench.report(results));
    }
    json.ifPresent(p -> Scores.write(p, results.stream().map(W8MixedLoad::score).toList()));
    if (results.stream().anyMatch(r -> !r.ok())) {
      System.exit(1);
    }
  }
}
