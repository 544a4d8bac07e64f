package dev.flecto.benchmarks;

import dev.flecto.query.Query;
import dev.flecto.repo.StreamOptions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * W6: streams a large table through each implementation (see {@link Stacks}) with the same fetch
 * size where the implementation has one, each with a fast consumer and with a slow one (a consumer
 * on its own thread that parks 1 ms every {@code slowEvery} rows, so the database is faster than
 * the consumer and only backpressure keeps memory flat). For each run it measures rows per second
 * and heap: the peak used (young garbage included) and the most left after any collection. Started
 * with {@code -Xmx64m}, completing at all shows that a side does not hold the table in memory; a
 * side that runs out of memory is recorded as such and the others go on. Prints a Markdown table,
 * writes one {@link Score} per side with {@code --json=FILE}, and fails when two sides saw
 * different rows.
 *
 * <p>The database is {@code FLECTO_BENCH_DATABASE_URL} when set, else an embedded PostgreSQL; the
 * table {@code bench_stream} is dropped and re-created there.
 *
 * <pre>{@code
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.W6Stream --json=w6.json
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.W6Stream --rows=200000 --fetch=2000 --sides=flecto,jdbc
 * }</pre>
 */
public final class W6Stream implements AutoCloseable {
  /** Rows seeded unless {@code --rows=N} says otherwise. */
  public static final int ROWS = 1_000_000;
  /** Rows a FETCH (or a page of the portal) unless {@code --fetch=N} says otherwise: Flecto's default. */
  public static final int FETCH = StreamOptions.DEFAULT_MAX_ROWS;
  /** The slow consumer parks 1 ms after this many rows, unless {@code --slow-every=N} says otherwise. */
  public static final int SLOW_EVERY = 100;
  /** Measured fast runs of each side unless {@code --rounds=N} says otherwise. */
  public static final int ROUNDS = 3;

  private static final String SELECT = "SELECT id, label, amount FROM bench_stream";
  private static final String DROP = "DROP TABLE IF EXISTS bench_stream";
  // jOOQ's view of the table, by name (no code generation), as People does for bench_people.
  private static final Table<?> EVENTS = DSL.table(DSL.name("bench_stream"));
  private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
  private static final Field<String> LABEL = DSL.field(DSL.name("label"), SQLDataType.CLOB);
  private static final Field<Integer> AMOUNT = DSL.field(DSL.name("amount"), SQLDataType.INTEGER);
  // A stuck stream fails its side instead of hanging the suite; the slow consumer of 1,000,000 rows takes about 11 s.
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private final int rows;
  private final int fetch;
  private final int slowEvery;
  private final long expectedChecksum;
  private final Stacks stacks;
  private final Scheduler consumerThread = Schedulers.newSingle("slow-consumer");

  /**
   * Opens the stacks and seeds {@code rows} rows on the server.
   *
   * <pre>{@code try (W6Stream bench = new W6Stream(20_000, 500, 100)) { bench.run(Side.FLECTO, false); } }</pre>
   *
   * @param rows rows to seed
   * @param fetch rows a FETCH (a page), every side that has such a setting
   * @param slowEvery rows between the slow consumer's 1 ms pauses
   */
  public W6Stream(int rows, int fetch, int slowEvery) {
    this.rows = rows;
    this.fetch = fetch;
    this.slowEvery = slowEvery;
    this.expectedChecksum = expectedChecksum(rows);
    this.stacks = Stacks.open();
    try {
      stacks.execute(DROP);
      stacks.execute("CREATE TABLE bench_stream (id bigint PRIMARY KEY, label text NOT NULL, amount integer NOT NULL)");
      stacks.execute("INSERT INTO bench_stream (id, label, amount) SELECT g, 'event ' || g, g % 1000 FROM generate_series(1, "
          + rows + ") AS g");
      stacks.execute("ANALYZE bench_stream");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Who reads the rows; the lower-case name is the suite's implementation id.
   *
   * <pre>{@code bench.run(Side.SPRING, true) }</pre>
   */
  public enum Side implements Implementation {
    /** {@code repo.stream(Query.from(BenchEvent.class), StreamOptions.maxRows(fetch))}: a cursor in its own transaction. */
    FLECTO("Flecto repo.stream, maxRows = fetch"),
    /** BEGIN, DECLARE, FETCH in a demand-driven loop, COMMIT, written on the driver; rows mapped by index. */
    RAW("raw r2dbc DECLARE/FETCH loop"),
    /** {@code template.select(BenchEvent.class).all()}: Spring Data R2DBC sets no fetch size. */
    SPRING("Spring template.select(..).all(), no fetch size"),
    /** {@code Flux.from(dsl.select(..).from(..).fetchSize(fetch))}: jOOQ passes the fetch size to the R2DBC statement. */
    JOOQ("jOOQ Flux.from(select .. fetchSize)"),
    /** Autocommit off, {@code setFetchSize(fetch)}, a blocking loop over the {@code ResultSet} on the calling thread. */
    JDBC("JDBC setFetchSize, ResultSet loop");

    private final String label;

    Side(String label) {
      this.label = label;
    }

    /**
     * How the side streams, for the report.
     *
     * <pre>{@code Side.RAW.label() }</pre>
     *
     * @return the label
     */
    @Override
    public String label() {
      return label;
    }
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
   * Why a side stopped: it ran out of memory (an outcome worth reporting, not a bug of the
   * benchmark), or it failed.
   *
   * <pre>{@code new Skip(true, "ran out of memory under -Xmx64m in the warm-up run") }</pre>
   *
   * @param outOfMemory whether an {@link OutOfMemoryError} stopped it
   * @param note what happened, for {@link Score#note()}
   */
  public record Skip(boolean outOfMemory, String note) {}

  /**
   * What {@link #measureAll} measured.
   *
   * <pre>{@code m.runs().stream().filter(r -> r.side() == Side.JDBC) }</pre>
   *
   * @param sides the sides asked for, in order
   * @param runs the measured runs (warm-up excluded), in order
   * @param skips why a side stopped, for the sides that did
   */
  public record Measurement(List<Side> sides, List<Run> runs, Map<Side, Skip> skips) {
    /**
     * Whether any side failed for another reason than memory.
     *
     * <pre>{@code if (m.failed()) System.exit(1); }</pre>
     *
     * @return true when a side failed
     */
    public boolean failed() {
      return skips.values().stream().anyMatch(s -> !s.outOfMemory());
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
    long[] seen = new long[2]; // rows, checksum: written by one thread at a time, read after the stream ends
    try (HeapWatch heap = HeapWatch.start()) {
      long start = System.nanoTime();
      if (side == Side.JDBC) {
        jdbc(seen, slow);
      } else {
        Flux<BenchEvent> source = source(side);
        Flux<BenchEvent> consumed = slow
            ? source.publishOn(consumerThread, 256).doOnNext(e -> consume(seen, e, true))
            : source.doOnNext(e -> consume(seen, e, false));
        consumed.then().block(RUN_TIMEOUT);
      }
      long nanos = System.nanoTime() - start;
      return new Run(side, slow, seen[0], seen[1], nanos, heap.peakUsed(), heap.peakAfterGc());
    }
  }

  Flux<BenchEvent> source(Side side) {
    return switch (side) {
      case FLECTO -> flecto();
      case RAW -> raw();
      case SPRING -> spring();
      case JOOQ -> jooq();
      case JDBC -> throw new IllegalArgumentException("JDBC blocks: it has no Flux");
    };
  }

  Flux<BenchEvent> flecto() {
    return stacks.repo().stream(Query.from(BenchEvent.class), StreamOptions.maxRows(fetch));
  }

  /** The loop a user would write on the driver: FETCH when the previous chunk is taken, one chunk read ahead at most. */
  Flux<BenchEvent> raw() {
    return Flux.usingWhen(stacks.pool().create(),
        c -> Mono.from(c.beginTransaction())
            .thenMany(Flux.from(c.createStatement("DECLARE raw_cursor NO SCROLL CURSOR FOR " + SELECT).execute())
                .concatMap(Result::getRowsUpdated))
            .thenMany(Flux.range(0, Integer.MAX_VALUE)
                .concatMap(i -> Flux.from(c.createStatement("FETCH " + fetch + " FROM raw_cursor").execute())
                    .concatMap(r -> r.map(W6Stream::event)).collectList(), 0)
                .takeUntil(chunk -> chunk.size() < fetch)
                .concatMapIterable(chunk -> chunk, 1)),
        c -> Mono.from(c.commitTransaction()).then(Mono.from(c.close())),
        (c, e) -> rollbackAndClose(c),
        W6Stream::rollbackAndClose);
  }

  /**
   * Spring's way to read a whole table as a stream. R2dbcEntityTemplate has no fetch size, so the
   * driver sends the SELECT unpaged: the server runs it to the end while the driver reads only what
   * is demanded (TCP backpressure), and the server statement stays busy as long as the consumer.
   */
  Flux<BenchEvent> spring() {
    return stacks.template().select(BenchEvent.class).all();
  }

  /** jOOQ's reactive SELECT; its fetch size goes to the R2DBC statement, so the driver pages through a portal. */
  Flux<BenchEvent> jooq() {
    return Flux.from(stacks.jooq().select(ID, LABEL, AMOUNT).from(EVENTS).fetchSize(fetch))
        .map(Records.mapping(BenchEvent::new));
  }

  /**
   * JDBC's way to stream: PostgreSQL's driver reads {@code fetch} rows at a time through a portal
   * only with autocommit off (else it reads the whole result into memory), so this runs in a
   * read-only transaction that HikariCP rolls back and resets to autocommit when the connection is
   * returned.
   */
  private void jdbc(long[] seen, boolean slow) {
    try (java.sql.Connection c = stacks.jdbc().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(SELECT, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(fetch);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consume(seen, new BenchEvent(rs.getLong(1), rs.getString(2), rs.getInt(3)), slow);
          }
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("JDBC stream of bench_stream: " + e.getMessage(), e);
    }
  }

  private static Mono<Void> rollbackAndClose(Connection c) {
    return Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.from(c.close()));
  }

  private static BenchEvent event(Readable row) {
    return new BenchEvent(row.get(0, Long.class), row.get(1, String.class), row.get(2, Integer.class));
  }

  private void consume(long[] seen, BenchEvent e, boolean slow) {
    seen[0]++;
    seen[1] += checksum(e.id(), e.label(), e.amount());
    if (slow && seen[0] % slowEvery == 0) {
      LockSupport.parkNanos(1_000_000);
    }
  }

  private static long checksum(long id, String label, int amount) {
    return id * 1_000_003L + amount * 31L + label.hashCode();
  }

  /**
   * The checksum of the rows {@code 1..rows} as seeded, which every run must reproduce.
   *
   * <pre>{@code W6Stream.expectedChecksum(20_000) }</pre>
   *
   * @param rows rows seeded
   * @return the sum of every row's checksum
   */
  static long expectedChecksum(int rows) {
    long sum = 0;
    for (long id = 1; id <= rows; id++) {
      sum += checksum(id, "event " + id, (int) (id % 1000));
    }
    return sum;
  }

  /**
   * A warm-up pass of each side, then {@code rounds} fast runs of each, the sides taking turns,
   * then one slow run of each. A side that runs out of memory or fails is recorded and left out of
   * the rest; the others go on.
   *
   * <pre>{@code bench.measureAll(3, List.of(Side.values())) }</pre>
   *
   * @param rounds fast runs of each side
   * @param sides the sides, in order
   * @return the measured runs and the sides that stopped
   * @throws IllegalStateException when a run saw other rows than those seeded
   */
  public Measurement measureAll(int rounds, List<Side> sides) {
    Map<Side, Skip> skips = new LinkedHashMap<>();
    List<Run> all = new ArrayList<>();
    List<Run> measured = new ArrayList<>();
    for (Side side : sides) {
      attempt(side, false, "the warm-up run", skips).ifPresent(all::add);
    }
    for (int i = 0; i < rounds; i++) {
      for (Side side : sides) {
        if (!skips.containsKey(side)) {
          attempt(side, false, "fast run " + (i + 1), skips).ifPresent(measured::add);
        }
      }
    }
    for (Side side : sides) {
      if (!skips.containsKey(side)) {
        attempt(side, true, "the slow run", skips).ifPresent(measured::add);
      }
    }
    all.addAll(measured);
    for (Run r : all) {
      if (r.rows() != rows || r.checksum() != expectedChecksum) {
        throw new IllegalStateException("W6: " + r.side().id() + " read other rows than seeded: " + r.rows() + " rows, checksum "
            + r.checksum() + ", expected " + rows + " rows, checksum " + expectedChecksum + " (" + r + ")");
      }
    }
    return new Measurement(List.copyOf(sides), measured, skips);
  }

  /** One run; out of memory or any failure is recorded in {@code skips} instead of ending the benchmark. */
  private Optional<Run> attempt(Side side, boolean slow, String which, Map<Side, Skip> skips) {
    try {
      return Optional.of(run(side, slow));
    } catch (OutOfMemoryError e) {
      // The stream, its buffers and its rows were only referenced from the frames just unwound: collectable now.
      skips.put(side, outOfMemory(which));
    } catch (RuntimeException e) {
      // An OutOfMemoryError on the driver's event loop reaches the caller as the connection's failure.
      skips.put(side, causedByOutOfMemory(e) ? outOfMemory(which)
          : new Skip(false, "failed in " + which + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    System.gc();
    System.err.println("W6 " + side.id() + ": " + skips.get(side).note());
    return Optional.empty();
  }

  private static Skip outOfMemory(String which) {
    return new Skip(true, "ran out of memory under -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m in " + which);
  }

  private static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  /**
   * One {@link Score} per side asked for, in order: W6, unit rows/s, the median of the fast runs,
   * half their spread as the error (NaN with one round), and as extra figures the peak heap used and
   * the peak heap after a collection over the side's fast and slow runs (MB) and the slow
   * consumer's rows per second. A side that stopped gets {@link Score#skipped} with the reason.
   *
   * <pre>{@code Scores.write(Path.of("w6.json"), W6Stream.scores(bench.measureAll(3, List.of(Side.values())))); }</pre>
   *
   * @param m what {@link #measureAll} returned
   * @return the scores
   */
  public static List<Score> scores(Measurement m) {
    List<Score> out = new ArrayList<>();
    for (Side side : m.sides()) {
      Skip skip = m.skips().get(side);
      if (skip != null) {
        out.add(Score.skipped("W6", "", side.id(), skip.note()));
        continue;
      }
      double[] fast = m.runs().stream().filter(r -> r.side() == side && !r.slow()).mapToDouble(Run::rowsPerSecond).sorted()
          .toArray();
      Run slow = m.runs().stream().filter(r -> r.side() == side && r.slow()).findFirst().orElseThrow();
      List<Run> mine = m.runs().stream().filter(r -> r.side() == side).toList();
      Map<String, Double> extra = Map.of(
          "peak heap MB", mine.stream().mapToLong(Run::peakUsed).max().orElseThrow() / 1048576.0,
          "heap after GC MB", mine.stream().mapToLong(Run::peakAfterGc).max().orElseThrow() / 1048576.0,
          "slow consumer rows/s", slow.rowsPerSecond());
      double error = fast.length < 2 ? Double.NaN : (fast[fast.length - 1] - fast[0]) / 2;
      out.add(new Score("W6", "", side.id(), "rows/s", median(fast), error, extra, null));
    }
    return out;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * The measurement as Markdown: a summary per side (what {@link #scores} writes), every run, then
   * the context they ran in.
   *
   * <pre>{@code System.out.println(bench.report(m)); }</pre>
   *
   * @param m what {@link #measureAll} returned
   * @return the report
   */
  public String report(Measurement m) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "### W6: streaming %,d rows, %,d a fetch, max heap %d MB%n%n", rows, fetch,
        Runtime.getRuntime().maxMemory() >> 20));
    sb.append("| side | how | fast rows/s (median) | ± | slow rows/s | peak heap used (MB) | peak heap after GC (MB) |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    List<Score> scores = scores(m);
    for (int i = 0; i < scores.size(); i++) {
      Score s = scores.get(i);
      Side side = m.sides().get(i);
      if (!s.ran()) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | | | | |%n", side.id(), side.label(), s.note()));
        continue;
      }
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %,.0f | %.1f | %.1f |%n", side.id(), side.label(),
          s.score(), Double.isNaN(s.error()) ? "" : String.format(Locale.ROOT, "%,.0f", s.error()),
          s.extra().get("slow consumer rows/s"), s.extra().get("peak heap MB"), s.extra().get("heap after GC MB")));
    }
    sb.append("\n| side | consumer | rows | seconds | rows/s | peak heap used (MB) | peak heap after GC (MB) |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Run r : m.runs()) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %,.0f | %.1f | %.1f |%n", r.side().id(),
          r.slow() ? "slow (1 ms every " + slowEvery + " rows)" : "fast", r.rows(), r.nanos() / 1e9, r.rowsPerSecond(),
          r.peakUsed() / 1048576.0, r.peakAfterGc() / 1048576.0));
    }
    sb.append(String.format(Locale.ROOT, "%nJava %s (%s), GC %s, %d CPUs; database: %s; every run read the rows seeded "
            + "(count and checksum checked). Spring sets no fetch size: the server runs its SELECT to the end while the "
            + "driver reads only what is demanded (TCP backpressure), so the statement stays busy as long as the consumer.%n",
        System.getProperty("java.version"), System.getProperty("java.vm.name"), HeapWatch.collectors(),
        Runtime.getRuntime().availableProcessors(), stacks.database().description()));
    return sb.toString();
  }

  /** The stacks the sides read through. */
  Stacks stacks() {
    return stacks;
  }

  /**
   * Drops the table (unless the database goes away with the run), closes the stacks and the database.
   *
   * <pre>{@code try (W6Stream bench = new W6Stream(1_000, 500, 100)) { ... } // closed here }</pre>
   */
  @Override
  public void close() {
    try {
      consumerThread.dispose();
    } finally {
      stacks.close(DROP);
    }
  }

  /**
   * Runs the benchmark, prints the Markdown report to standard output and, with {@code --json=FILE},
   * writes one {@link Score} per side there. Exits with status 1 when a side failed for another
   * reason than running out of memory (after writing the scores).
   *
   * <pre>{@code java -Xmx64m -cp benchmarks.jar dev.flecto.benchmarks.W6Stream --rows=1000000 --fetch=500 --slow-every=100 --rounds=3 --json=w6.json --sides=flecto,raw }</pre>
   *
   * @param args {@code --rows=N}, {@code --fetch=N}, {@code --slow-every=N}, {@code --rounds=N},
   *     {@code --json=FILE}, {@code --sides=flecto,raw,spring,jooq,jdbc}
   */
  public static void main(String[] args) {
    ProgramArgs a = ProgramArgs.parse(args, "rows", "fetch", "slow-every", "rounds", "json", "sides");
    int rounds = a.positive("rounds", ROUNDS);
    List<Side> sides = a.sides("sides", Side.class);
    Optional<Path> json = a.path("json");
    boolean failed;
    try (W6Stream bench = new W6Stream(a.positive("rows", ROWS), a.positive("fetch", FETCH),
        a.positive("slow-every", SLOW_EVERY))) {
      Measurement m = bench.measureAll(rounds, sides);
      System.out.print(bench.report(m));
      json.ifPresent(p -> Scores.write(p, scores(m)));
      failed = m.failed();
    }
    if (failed) {
      System.err.println("W6: a side failed; its reason is in the table above");
      System.exit(1);
    }
  }
}
