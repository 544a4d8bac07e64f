package dev.flecto.it;

import static dev.flecto.it.FuzzReport.describe;
import static dev.flecto.it.FuzzReport.describeShort;
import static dev.flecto.it.FuzzReport.summary;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flecto.it.FuzzPlan.Cut;
import dev.flecto.it.FuzzPlan.Failure;
import dev.flecto.it.FuzzPlan.Op;
import dev.flecto.it.FuzzPlan.Trial;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * A bounded randomized cancellation suite: random Repo operations, each cut by a random Reactor
 * operator, run a few at a time on a small pool of the test's own, in batches; after every batch
 * the pool, the server sessions and the data are checked.
 *
 * <p>The operations: get, all, insert, update, delete, insertAll, updateAll, deleteAll, aggregate,
 * preload of 2 or 3 associations (belongs-to, has-many, many-to-many), stream outside a transaction,
 * checkout, transact of 1 to 5 statements (reads, streams with statements between fetches,
 * preloads, updates, nested transacts and savepoints, a nested Multi), transact(multi), a Multi
 * nested in a transaction, and a transaction inside a checkout. Some transactions fail on purpose
 * (a unique violation, {@code repo.rollback(value)}, a failing nested transact whose error is never
 * caught). The cuts: {@code take(n)}, {@code next()}, {@code timeout(0-20 ms)}, {@code zip} with a
 * publisher that fails, a dispose after a random delay, an error thrown from a {@code map} at the
 * k-th element, or none; in a transaction the cut goes either around the whole transact or around
 * one read inside it (a read cut by take/next/cancel lets the transaction go on and commit).
 *
 * <p>Every transactional trial writes exactly two rows of {@code fz_pairs} (pair_no 1 and 2) or
 * none; writes outside a transaction go to {@code fz_singles}. After every batch:
 * <ol>
 *   <li>the pool's {@code acquiredSize} and {@code pendingAcquireSize} are back to 0 within 10 s;</li>
 *   <li>no server session of the pool (application name {@value #APPLICATION_NAME}) stays anything
 *       but idle (no "idle in transaction", aborted or not), and each pooled connection, taken
 *       all at once, is outside any transaction with no cursor open;</li>
 *   <li>the data: no trial has anything but exactly pair_no {1, 2} in {@code fz_pairs} (SQL, GROUP
 *       BY trial HAVING ...); a trial whose transact emitted its value has its pair; a trial whose
 *       transaction must fail has no row; an autocommit write whose value was emitted is there, a
 *       delete whose value was emitted is not; the rows read come in order and with their
 *       associations;</li>
 *   <li>an autocommit insert through the Repo (plain, and one in a checkout on each pooled
 *       connection at once) is visible at once from another connection.</li>
 * </ol>
 * Errors the cuts cause (the timeout's, the injected ones, the deliberate constraint violation and
 * rollback value) are expected; any other error reaching a trial (say a DatabaseException with
 * SQLSTATE 25P02, 25P01 or 08xxx, an IllegalStateException), a trial still running after 30 s,
 * or wrong data fails the test. Errors Reactor drops after a cancel are counted and printed only.
 *
 * <p>2,000 trials by default (under 10 s of trials on 2 cores), in batches of 50, 4 to 8 at a time on a
 * pool of 4 to 6 connections. The seed is random unless given; it is printed at the start and in
 * every failure with the line that replays it. A seed fixes every random choice (the pool's size,
 * each batch's concurrency, and each trial's operation, cut and parameters, which depend only on the
 * seed and the trial's number); the timing of the cuts is the machine's, so a race may need a few
 * replays. A failure lists, per failing batch, the problems and every trial that ran in the batch
 * (number, operation, cut, outcome). The long run, and a replay:
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -pl integration-tests verify -Dit.test=CancellationFuzzIT -Dflecto.fuzz.trials=10000
 * mvn -B -pl integration-tests verify -Dit.test=CancellationFuzzIT -Dflecto.fuzz.seed=123 -Dflecto.fuzz.trials=2000
 * </pre>
 * Failsafe passes {@code -D} user properties on to the forked JVM as system properties. Other
 * properties, to narrow a failure down: {@code -Dflecto.fuzz.only=100-149,203} runs only those
 * trials (the same trials as in the full run), {@code -Dflecto.fuzz.ops=TX,STREAM} and
 * {@code -Dflecto.fuzz.cuts=DISPOSE,TIMEOUT} only trials of those operations and cuts,
 * {@code -Dflecto.fuzz.batch=N} another batch size, and {@code -Dflecto.fuzz.keepGoing=true} goes on
 * after a batch that left the pool unhealthy, with a new pool, to see every kind of failure in one
 * run (by default the run stops there, as later batches would only repeat it).
 *
 * <p>This class runs the batches and checks the pool, the sessions and the data after each; the
 * trials are drawn by {@link FuzzPlan}, run by {@link FuzzOperations} and reported by
 * {@link FuzzReport}.
 */
@FlectoTest(schema = "/fuzz.sql")
@NoSandbox
class CancellationFuzzIT {
  static final String SEED_PROPERTY = "flecto.fuzz.seed";
  static final String TRIALS_PROPERTY = "flecto.fuzz.trials";
  static final String BATCH_PROPERTY = "flecto.fuzz.batch";
  static final String ONLY_PROPERTY = "flecto.fuzz.only";
  static final String KEEP_GOING_PROPERTY = "flecto.fuzz.keepGoing";
  static final String OPS_PROPERTY = "flecto.fuzz.ops";
  static final String CUTS_PROPERTY = "flecto.fuzz.cuts";
  private static final int DEFAULT_TRIALS = 2_000;
  private static final int DEFAULT_BATCH = 50;
  private static final String APPLICATION_NAME = "flecto-fuzz";
  private static final Duration T = Duration.ofSeconds(10);
  private static final Duration SETTLE = Duration.ofSeconds(10);
  private static final Duration BATCH_BOUND = Duration.ofMinutes(3);

  private ConnectionPool pool;
  private Repo repo;
  private FuzzOperations operations;
  private int poolSize;

  @BeforeEach
  void emptyTheWrittenTables() {
    clean();
  }

  @AfterEach
  void cleanUp() {
    try {
      if (pool != null) {
        pool.dispose();
      }
    } finally {
      // A session left behind by a failed run must not hold locks into the next tests.
      TestDatabase.get().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
          + APPLICATION_NAME + "'").block(T);
      clean();
    }
  }

  private static void clean() {
    // DELETE, not TRUNCATE: it never waits for another test's locks on tables it does not touch.
    TestDatabase.get().execute("DELETE FROM fz_pairs; DELETE FROM fz_singles; DELETE FROM fz_probes").block(T);
  }

  @Test
  void randomCancellationsLeaveNoConnectionBusyNoSessionInATransactionAndNoHalfPair() {
    long seed = System.getProperty(SEED_PROPERTY) == null ? ThreadLocalRandom.current().nextLong()
        : Long.parseLong(System.getProperty(SEED_PROPERTY).trim());
    int trials = Integer.parseInt(System.getProperty(TRIALS_PROPERTY, String.valueOf(DEFAULT_TRIALS)).trim());
    int batchSize = Integer.parseInt(System.getProperty(BATCH_PROPERTY, String.valueOf(DEFAULT_BATCH)).trim());
    Set<Op> ops = only(Op.class, System.getProperty(OPS_PROPERTY));
    Set<Cut> cuts = only(Cut.class, System.getProperty(CUTS_PROPERTY));
    List<Integer> indexes = indexes(trials, System.getProperty(ONLY_PROPERTY)).stream()
        .filter(i -> {
          Trial t = new Trial(i, new Random(trialSeed(seed, i)));
          return ops.contains(t.op) && cuts.contains(t.cut);
        }).toList();
    // The pool's size and each batch's concurrency come from the seed; each trial from the seed and its number alone.
    Random shape = new Random(seed);
    poolSize = 4 + shape.nextInt(3);
    String replay = "replay with -D" + SEED_PROPERTY + "=" + seed + " -D" + TRIALS_PROPERTY + "=" + trials
        + (batchSize == DEFAULT_BATCH ? "" : " -D" + BATCH_PROPERTY + "=" + batchSize)
        + Stream.of(ONLY_PROPERTY, OPS_PROPERTY, CUTS_PROPERTY).filter(p -> System.getProperty(p) != null)
            .map(p -> " -D" + p + "=" + System.getProperty(p)).collect(Collectors.joining());
    System.out.printf("CancellationFuzzIT: seed=%d, %d trials in batches of %d on a pool of %d connections; %s%n",
        seed, indexes.size(), batchSize, poolSize, replay);

    boolean keepGoing = Boolean.getBoolean(KEEP_GOING_PROPERTY);
    openPool();

    FuzzReport report = new FuzzReport(seed, trials, batchSize, poolSize, replay);
    Map<String, AtomicInteger> dropped = new ConcurrentHashMap<>();
    Hooks.onErrorDropped(e -> dropped.computeIfAbsent(describeShort(e), k -> new AtomicInteger()).incrementAndGet());
    List<Trial> all = new ArrayList<>();
    long start = System.nanoTime();
    int batches = 0;
    try {
      for (int from = 0; from < indexes.size(); from += batchSize) {
        int concurrency = 4 + shape.nextInt(5);
        List<Trial> batch = new ArrayList<>();
        for (int i : indexes.subList(from, Math.min(indexes.size(), from + batchSize))) {
          batch.add(new Trial(i, new Random(trialSeed(seed, i))));
        }
        all.addAll(batch);
        batches++;
        if (!runBatch(batches - 1, concurrency, batch, report)) {
          if (!keepGoing) {
            report.stopped = "stopped after batch " + (batches - 1) + ": the pool or a server session is not back to "
                + "idle, so later batches would only repeat it (-D" + KEEP_GOING_PROPERTY + "=true replaces the pool and goes on)";
            break;
          }
          System.out.println("CancellationFuzzIT: batch " + (batches - 1) + " left the pool unhealthy; a new pool goes on");
          replacePool();
        }
      }
    } catch (RuntimeException e) {
      // The checks themselves failed (say the database went away): still say how to replay.
      throw new AssertionError("CancellationFuzzIT broke off in batch " + (batches - 1) + ": " + describe(e) + "; seed=" + seed
          + ", " + replay + "\n" + report.render(), e);
    } finally {
      Hooks.resetOnErrorDropped();
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    String summary = summary(all, batches, elapsedMs, dropped);
    System.out.println(summary);

    if (!report.isEmpty()) {
      fail(report.render() + "\n" + summary);
    }
    long transactional = all.stream().filter(t -> t.op.pair).count();
    long committed = all.stream().filter(t -> t.committed).count();
    if (transactional >= 20 && committed == 0) {
      fail("not one of " + transactional + " transactional trials committed: the suite checks nothing; seed=" + seed
          + ", " + replay);
    }
  }

  private void openPool() {
    String url = TestDatabase.get().url();
    pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(
            url + (url.contains("?") ? "&" : "?") + "applicationName=" + APPLICATION_NAME))
        .initialSize(1).maxSize(poolSize).build());
    repo = R2dbcRepos.of(pool, RepoOptions.defaults());
    operations = new FuzzOperations(repo);
  }

  /** After a batch that left the pool unhealthy (only with -Dflecto.fuzz.keepGoing=true): its sessions end, a new pool starts. */
  private void replacePool() {
    pool.dispose();
    TestDatabase.get().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
        + APPLICATION_NAME + "'").block(T);
    Pools.await(() -> rows("SELECT 1 FROM pg_stat_activity WHERE application_name = '" + APPLICATION_NAME + "'").isEmpty());
    openPool();
  }

  /** The constants a property names ("TX,STREAM"), or all of them when it is not set. */
  private static <E extends Enum<E>> Set<E> only(Class<E> type, String names) {
    if (names == null || names.isBlank()) {
      return EnumSet.allOf(type);
    }
    Set<E> out = EnumSet.noneOf(type);
    for (String name : names.split(",")) {
      out.add(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)));
    }
    return out;
  }

  /** Trials 0..trials-1, or those {@code -Dflecto.fuzz.only} names ("103,140-149"), to replay some of a run. */
  private static List<Integer> indexes(int trials, String only) {
    List<Integer> out = new ArrayList<>();
    if (only == null || only.isBlank()) {
      for (int i = 0; i < trials; i++) {
        out.add(i);
      }
      return out;
    }
    for (String part : only.split(",")) {
      String[] range = part.trim().split("-");
      int from = Integer.parseInt(range[0].trim());
      int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
      for (int i = from; i <= to; i++) {
        out.add(i);
      }
    }
    return out;
  }

  /** SplitMix64 of the seed and the trial's number: a trial's choices do not depend on the batches around it. */
  private static long trialSeed(long seed, int index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // ---------------------------------------------------------------------------------------------
  // A batch and the checks after it

  private boolean runBatch(int number, int concurrency, List<Trial> trials, FuzzReport report) {
    List<String> problems = new ArrayList<>();
    boolean healthy = true;
    try {
      Flux.fromIterable(trials).flatMap(operations::run, concurrency).blockLast(BATCH_BOUND);
    } catch (RuntimeException e) {
      problems.add("the batch did not end within " + BATCH_BOUND + " although every trial has a bound of "
          + FuzzOperations.TRIAL_BOUND + ": " + describe(e));
      healthy = false;
    }
    for (Trial t : trials) {
      if (t.unexpected != null) {
        problems.add("trial #" + t.index + " (" + t.description + ") failed with an unexpected "
            + describe(t.unexpected));
      }
    }
    // 1. Every connection given back, nobody waiting.
    Pools.await(() -> idle(pool.getMetrics().orElseThrow()));
    PoolMetrics metrics = pool.getMetrics().orElseThrow();
    if (!idle(metrics)) {
      problems.add("the pool is not idle " + SETTLE.toSeconds() + " s after the batch ended: acquiredSize="
          + metrics.acquiredSize() + ", pendingAcquireSize=" + metrics.pendingAcquireSize() + ", idleSize="
          + metrics.idleSize() + "; sessions: " + sessions(false));
      healthy = false;
    }
    // 2. No session of the pool in a transaction (or still running a statement), polled as releases end asynchronously.
    if (healthy) {
      String busy = sessions(true);
      long deadline = System.nanoTime() + SETTLE.toNanos();
      while (busy != null && System.nanoTime() < deadline) {
        sleep(20);
        busy = sessions(true);
      }
      if (busy != null) {
        problems.add("server sessions of the pool are not idle " + SETTLE.toSeconds() + " s after the pool was: " + busy
            + whoWasRunning(trials));
        healthy = false;
      }
    }
    if (healthy) {
      String stuck = everyPooledConnectionOutsideATransaction();
      if (stuck != null) {
        problems.add(stuck);
        healthy = false;
      }
    }
    // 4. A plain autocommit insert, and one in a checkout on each pooled connection, visible from another connection.
    if (healthy) {
      String probe = probe(number);
      if (probe != null) {
        problems.add(probe);
        healthy = false;
      }
    }
    // 3. The data.
    problems.addAll(report.newHalfPairs(halfPairs()));
    problems.addAll(trialData(trials));
    if (!problems.isEmpty()) {
      report.add(number, concurrency, trials, problems);
    }
    return healthy;
  }

  private static boolean idle(PoolMetrics m) {
    return m.acquiredSize() == 0 && m.pendingAcquireSize() == 0;
  }

  /** The trials that were running when each open transaction of the pool's sessions began. */
  private static String whoWasRunning(List<Trial> trials) {
    StringBuilder sb = new StringBuilder();
    for (List<Object> r : rows("SELECT pid, xact_start FROM pg_stat_activity WHERE application_name = '" + APPLICATION_NAME
        + "' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()")) {
      Instant began = ((OffsetDateTime) r.get(1)).toInstant();
      List<String> running = trials.stream()
          .filter(t -> t.startedAt != null && !began.isBefore(t.startedAt.minusMillis(1))
              && (t.endedAt == null || !began.isAfter(t.endedAt.plusMillis(20))))
          .map(t -> "#" + t.index + " " + t.op + "/" + t.cut).toList();
      sb.append("; the transaction of pid ").append(r.get(0)).append(" began at ").append(began)
          .append(" while these trials ran: ").append(running);
    }
    return sb.toString();
  }

  /** The pool's sessions that are not idle (all of them when {@code onlyBusy} is false), or null when none. */
  private static String sessions(boolean onlyBusy) {
    List<List<Object>> rows = rows("SELECT pid, state, backend_xid::text, xact_start::text, left(query, 160) FROM pg_stat_activity "
        + "WHERE application_name = '" + APPLICATION_NAME + "' AND pid <> pg_backend_pid()"
        + (onlyBusy ? " AND state IS DISTINCT FROM 'idle'" : "") + " ORDER BY pid");
    if (rows.isEmpty()) {
      return onlyBusy ? null : "none";
    }
    return rows.stream().map(r -> "pid " + r.get(0) + " '" + r.get(1) + "' xid=" + r.get(2) + " xact_start=" + r.get(3)
        + " last query: " + r.get(4)).collect(Collectors.joining("; "));
  }

  /** Takes every connection the pool may hold at once: each must answer outside any transaction, no Flecto cursor open. */
  private String everyPooledConnectionOutsideATransaction() {
    List<Connection> taken = new ArrayList<>();
    try {
      taken.addAll(Flux.range(0, poolSize).flatMap(i -> Mono.<Connection>from(pool.create()), poolSize)
          .collectList().block(T));
      List<String> bad = new ArrayList<>();
      for (Connection c : taken) {
        List<Object> r = Flux.from(c.createStatement("SELECT now() = statement_timestamp(), "
                + "(SELECT count(*) FROM pg_cursors WHERE name LIKE 'flecto_cursor_%'), pg_backend_pid()").execute())
            .concatMap(result -> result.map((row, meta) -> List.<Object>of(row.get(0, Boolean.class), row.get(1, Long.class),
                row.get(2, Integer.class))))
            .blockLast(T);
        if (r == null || !Boolean.TRUE.equals(r.get(0)) || ((Long) r.get(1)) != 0L) {
          bad.add("backend " + (r == null ? "?" : r.get(2)) + (r == null ? " gave no row"
              : (Boolean.TRUE.equals(r.get(0)) ? "" : " is inside a transaction begun before") + " with " + r.get(1)
              + " open cursors"));
        }
      }
      return bad.isEmpty() ? null : "pooled connections not clean: " + bad;
    } catch (RuntimeException e) {
      return "a pooled connection did not answer a plain query: " + describe(e);
    } finally {
      Flux.fromIterable(taken).concatMap(Connection::close).onErrorResume(e -> Mono.empty()).blockLast(T);
    }
  }

  private String probe(int batch) {
    try {
      repo.insert(new FzProbe(null, batch, 0)).block(T);
      // Each checkout holds its connection a moment, so they run on different pooled connections.
      Flux.range(1, poolSize).flatMap(slot -> repo.checkout(() -> repo.insert(new FzProbe(null, batch, slot))
          .delayElement(Duration.ofMillis(30))), poolSize).blockLast(T);
    } catch (RuntimeException e) {
      return "an autocommit insert through the Repo failed after the batch: " + describe(e);
    }
    long seen = (Long) rows("SELECT count(*) FROM fz_probes WHERE batch = " + batch).get(0).get(0);
    return seen == poolSize + 1 ? null : "autocommit inserts through the Repo are not all visible from another "
        + "connection: " + seen + " of " + (poolSize + 1) + " (a pooled connection is in a transaction); sessions: "
        + sessions(false);
  }

  /** Trials with anything but exactly pair_no 1 and 2: trial → "rows, pair_no min-max". */
  private static Map<Integer, String> halfPairs() {
    Map<Integer, String> out = new TreeMap<>();
    for (List<Object> r : rows("SELECT trial, count(*), min(pair_no), max(pair_no) FROM fz_pairs GROUP BY trial "
        + "HAVING count(*) <> 2 OR min(pair_no) <> 1 OR max(pair_no) <> 2")) {
      out.put((Integer) r.get(0), r.get(1) + " rows, pair_no " + r.get(2) + ".." + r.get(3));
    }
    return out;
  }

  /** What each trial of the batch knows it did, against the database. */
  private static List<String> trialData(List<Trial> trials) {
    List<String> problems = new ArrayList<>();
    int first = trials.get(0).index;
    int last = trials.get(trials.size() - 1).index;
    Map<Integer, Long> pairs = counts("SELECT trial, count(*) FROM fz_pairs WHERE trial BETWEEN " + first + " AND " + last
        + " GROUP BY trial");
    Map<Integer, Long> singles = counts("SELECT trial, count(*) FROM fz_singles WHERE trial BETWEEN " + first + " AND "
        + last + " GROUP BY trial");
    Set<Long> gone = new HashSet<>();
    for (Trial t : trials) {
      long p = pairs.getOrDefault(t.index, 0L);
      long s = singles.getOrDefault(t.index, 0L);
      if (t.committed && p != 2) {
        problems.add("trial #" + t.index + " (" + t.description + "): its transact emitted its value, after COMMIT, but "
            + p + " of its 2 rows are in fz_pairs");
      }
      if (t.failure != Failure.NONE && (p != 0 || t.committed)) {
        problems.add("trial #" + t.index + " (" + t.description + "): its transaction had to fail (" + t.failure + ") but "
            + (t.committed ? "emitted its value and " : "") + "left " + p + " rows in fz_pairs");
      }
      if (!t.op.pair && p != 0) {
        problems.add("trial #" + t.index + " (" + t.description + ") wrote no pair, yet has " + p + " rows in fz_pairs");
      }
      if (s < t.singlesSeen.get()) {
        problems.add("trial #" + t.index + " (" + t.description + "): " + t.singlesSeen.get() + " autocommit writes emitted "
            + "their rows, but only " + s + " are in fz_singles");
      }
      if (t.singlesGone && s != 0) {
        problems.add("trial #" + t.index + " (" + t.description + "): its deleteAll emitted, yet " + s
            + " of its rows are in fz_singles");
      }
      gone.addAll(t.goneIds);
    }
    if (!gone.isEmpty()) {
      List<List<Object>> still = rows("SELECT id, trial FROM fz_singles WHERE id IN ("
          + gone.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
      for (List<Object> r : still) {
        problems.add("fz_singles row " + r.get(0) + " of trial #" + r.get(1) + " is there although its delete emitted");
      }
    }
    return problems;
  }

  private static Map<Integer, Long> counts(String sql) {
    Map<Integer, Long> out = new HashMap<>();
    for (List<Object> r : rows(sql)) {
      out.put((Integer) r.get(0), (Long) r.get(1));
    }
    return out;
  }

  /** Rows of a query on a connection of the test database's own pool, never the pool under test. */
  private static List<List<Object>> rows(String sql) {
    return Flux.usingWhen(Mono.<Connection>from(TestDatabase.get().connectionFactory().create()),
            c -> Flux.from(c.createStatement(sql).execute()).concatMap(r -> r.map((row, meta) -> {
              List<Object> values = new ArrayList<>();
              for (int i = 0; i < meta.getColumnMetadatas().size(); i++) {
                values.add(row.get(i));
              }
              return values;
            })),
            Connection::close)
        .collectList().block(T);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
