package dev.flecto.benchmarks;

import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.StreamOptions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Streams a large table through {@code Repo.stream} next to a hand-written r2dbc-postgresql
 * {@code DECLARE}/{@code FETCH} loop with the same fetch size, in one run over one pool, each with
 * a fast consumer and with a slow one (a consumer on its own thread that parks 1 ms every
 * {@code slowEvery} rows, so the database is faster than the consumer and only backpressure keeps
 * memory flat). For each run it measures rows per second and heap: the peak used (young garbage
 * included) and the most left after any collection. Started with {@code -Xmx64m}, completing at
 * all shows that neither side holds the table in memory. Prints a Markdown table; fails when the two
 * sides saw different rows.
 *
 * <p>The database is {@code FLECTO_BENCH_DATABASE_URL} when set, else an embedded PostgreSQL; the
 * table {@code bench_stream} is dropped and re-created there.
 *
 * <pre>{@code
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.StreamBenchmark
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.StreamBenchmark --rows=200000 --fetch=2000
 * }</pre>
 */
public final class StreamBenchmark implements AutoCloseable {
  /** Rows seeded unless {@code --rows=N} says otherwise. */
  public static final int ROWS = 1_000_000;
  /** Rows a FETCH unless {@code --fetch=N} says otherwise: Flecto's default. */
  public static final int FETCH = StreamOptions.DEFAULT_MAX_ROWS;
  /** The slow consumer parks 1 ms after this many rows, unless {@code --slow-every=N} says otherwise. */
  public static final int SLOW_EVERY = 100;

  private static final String RAW_SELECT = "SELECT id, label, amount FROM bench_stream";

  private final int rows;
  private final int fetch;
  private final int slowEvery;
  private final BenchDatabase database;
  private final Repo repo;
  private final Scheduler consumerThread = Schedulers.newSingle("slow-consumer");

  /**
   * Opens the database and seeds {@code rows} rows on the server.
   *
   * <pre>{@code try (StreamBenchmark bench = new StreamBenchmark(20_000, 500, 100)) { bench.run(Side.FLECTO, false); } }</pre>
   *
   * @param rows rows to seed
   * @param fetch rows a FETCH, both sides
   * @param slowEvery rows between the slow consumer's 1 ms pauses
   */
  public StreamBenchmark(int rows, int fetch, int slowEvery) {
    this.rows = rows;
    this.fetch = fetch;
    this.slowEvery = slowEvery;
    this.database = BenchDatabase.open(2, ValidationDepth.LOCAL);
    this.repo = R2dbcRepos.of(database.pool(), RepoOptions.defaults());
    database.execute("DROP TABLE IF EXISTS bench_stream");
    database.execute("CREATE TABLE bench_stream (id bigint PRIMARY KEY, label text NOT NULL, amount integer NOT NULL)");
    database.execute("INSERT INTO bench_stream (id, label, amount) SELECT g, 'event ' || g, g % 1000 FROM generate_series(1, "
        + rows + ") AS g");
    database.execute("ANALYZE bench_stream");
  }

  /** Which code reads the rows. */
  public enum Side {
    /** {@code repo.stream(Query.from(BenchEvent.class), StreamOptions.maxRows(fetch))}. */
    FLECTO,
    /** BEGIN, DECLARE, FETCH in a demand-driven loop, COMMIT, written on the driver. */
    RAW
  }

  /**
   * One measured stream.
   *
   * <pre>{@code run.rowsPerSecond() }</pre>
   *
   * @param side who read
   * @param slow whether the consumer was the slow one
   * @param rows rows seen
   * @param checksum an order-independent sum over every row's values
   * @param nanos wall time
   * @param peakUsed the most heap in use (bytes, garbage included) during the stream
   * @param peakAfterGc the most heap left after any collection during the stream (bytes)
   */
  public record Run(Side side, boolean slow, long rows, long checksum, long nanos, long peakUsed, long peakAfterGc) {
    /**
     * Rows per second of wall time.
     *
     * <pre>{@code run.rowsPerSecond() // 400000.0 }</pre>
     *
     * @return the rate
     */
    public double rowsPerSecond() {
      return rows * 1e9 / nanos;
    }
  }

  /**
   * Streams every row once through one side, with the fast or the slow consumer, and measures it.
   *
   * <pre>{@code bench.run(Side.RAW, true) }</pre>
   *
   * @param side who reads
   * @param slow whether the consumer is slow
   * @return the measurement
   */
  public Run run(Side side, boolean slow) {
    Flux<BenchEvent> source = side == Side.FLECTO ? flecto() : raw();
    long[] seen = new long[2]; // rows, checksum: written by one thread at a time, read after block()
    Flux<BenchEvent> consumed = slow
        ? source.publishOn(consumerThread, 256).doOnNext(e -> {
          add(seen, e);
          if (seen[0] % slowEvery == 0) {
            LockSupport.parkNanos(1_000_000);
          }
        })
        : source.doOnNext(e -> add(seen, e));
    try (HeapWatch heap = HeapWatch.start()) {
      long start = System.nanoTime();
      consumed.then().block(Duration.ofMinutes(10));
      long nanos = System.nanoTime() - start;
      return new Run(side, slow, seen[0], seen[1], nanos, heap.peakUsed(), heap.peakAfterGc());
    }
  }

  Flux<BenchEvent> flecto() {
    return repo.stream(Query.from(BenchEvent.class), StreamOptions.maxRows(fetch));
  }

  /** The loop a user would write on the driver: FETCH when the previous chunk is taken, one chunk read ahead at most. */
  Flux<BenchEvent> raw() {
    return Flux.usingWhen(database.pool().create(),
        c -> Mono.from(c.beginTransaction())
            .thenMany(Flux.from(c.createStatement("DECLARE raw_cursor NO SCROLL CURSOR FOR " + RAW_SELECT).execute())
                .concatMap(Result::getRowsUpdated))
            .thenMany(Flux.range(0, Integer.MAX_VALUE)
                .concatMap(i -> Flux.from(c.createStatement("FETCH " + fetch + " FROM raw_cursor").execute())
                    .concatMap(r -> r.map(StreamBenchmark::event)).collectList(), 0)
                .takeUntil(chunk -> chunk.size() < fetch)
                .concatMapIterable(chunk -> chunk, 1)),
        c -> Mono.from(c.commitTransaction()).then(Mono.from(c.close())),
        (c, e) -> rollbackAndClose(c),
        StreamBenchmark::rollbackAndClose);
  }

  private static Mono<Void> rollbackAndClose(Connection c) {
    return Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.from(c.close()));
  }

  private static BenchEvent event(Readable row) {
    return new BenchEvent(row.get(0, Long.class), row.get(1, String.class), row.get(2, Integer.class));
  }

  private static void add(long[] seen, BenchEvent e) {
    seen[0]++;
    seen[1] += e.id() * 1_000_003L + e.amount() * 31L + e.label().hashCode();
  }

  /**
   * A warm-up pass of each side, then {@code rounds} fast runs of each, alternating, then one slow
   * run of each; fails when any run saw other rows than the first.
   *
   * <pre>{@code bench.measureAll(3) }</pre>
   *
   * @param rounds fast runs of each side
   * @return the measured runs, in order
   */
  public List<Run> measureAll(int rounds) {
    List<Run> runs = new ArrayList<>();
    List<Run> warmUp = List.of(run(Side.FLECTO, false), run(Side.RAW, false));
    for (int i = 0; i < rounds; i++) {
      runs.add(run(Side.FLECTO, false));
      runs.add(run(Side.RAW, false));
    }
    runs.add(run(Side.FLECTO, true));
    runs.add(run(Side.RAW, true));
    Run first = warmUp.get(0);
    for (Run r : concat(warmUp, runs)) {
      if (r.rows() != rows || r.rows() != first.rows() || r.checksum() != first.checksum()) {
        throw new IllegalStateException("runs disagree: " + first + " and " + r + ", " + rows + " rows seeded");
      }
    }
    return runs;
  }

  /**
   * The runs as Markdown: each run, then the context they ran in.
   *
   * <pre>{@code System.out.println(bench.report(bench.measureAll(3))); }</pre>
   *
   * @param runs the runs
   * @return the report
   */
  public String report(List<Run> runs) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "### Streaming %,d rows, %,d a FETCH, max heap %d MB%n%n", rows, fetch,
        Runtime.getRuntime().maxMemory() >> 20));
    sb.append("| side | consumer | rows | seconds | rows/s | peak heap used (MB) | peak heap after GC (MB) |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Run r : runs) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %,.0f | %.1f | %.1f |%n",
          r.side() == Side.FLECTO ? "Flecto repo.stream" : "raw r2dbc DECLARE/FETCH loop",
          r.slow() ? "slow (1 ms every " + slowEvery + " rows)" : "fast", r.rows(), r.nanos() / 1e9, r.rowsPerSecond(),
          r.peakUsed() / 1048576.0, r.peakAfterGc() / 1048576.0));
    }
    sb.append(String.format(Locale.ROOT, "%nJava %s (%s), GC %s, %d CPUs; database: %s; both sides read the same rows "
            + "(count and checksum checked).%n", System.getProperty("java.version"), System.getProperty("java.vm.name"),
        HeapWatch.collectors(), Runtime.getRuntime().availableProcessors(), database.description()));
    return sb.toString();
  }

  private static <X> List<X> concat(List<X> a, List<X> b) {
    List<X> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Drops the table (unless the database goes away with the run), closes the pool and the database. */
  @Override
  public void close() {
    try {
      if (!database.embedded()) {
        database.execute("DROP TABLE IF EXISTS bench_stream");
      }
    } finally {
      consumerThread.dispose();
      database.close();
    }
  }

  /**
   * Runs the benchmark and prints the Markdown report to standard output.
   *
   * <pre>{@code java -Xmx64m -cp benchmarks.jar dev.flecto.benchmarks.StreamBenchmark --rows=1000000 --fetch=500 --slow-every=100 }</pre>
   *
   * @param args {@code --rows=N}, {@code --fetch=N}, {@code --slow-every=N}, {@code --rounds=N}
   */
  public static void main(String[] args) {
    for (String a : args) {
      if (!a.matches("--(rows|fetch|slow-every|rounds)=[0-9_]+")) {
        throw new IllegalArgumentException("unknown argument '" + a + "'; expected --rows=N, --fetch=N, --slow-every=N or --rounds=N");
      }
    }
    try (StreamBenchmark bench = new StreamBenchmark(option(args, "rows", ROWS), option(args, "fetch", FETCH),
        option(args, "slow-every", SLOW_EVERY))) {
      System.out.print(bench.report(bench.measureAll(option(args, "rounds", 3))));
    }
  }

  private static int option(String[] args, String name, int otherwise) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        int value = Integer.parseInt(a.substring(name.length() + 3).replace("_", ""));
        if (value < 1) {
          throw new IllegalArgumentException("--" + name + " must be at least 1, got " + value);
        }
        return value;
      }
    }
    return otherwise;
  }
}
