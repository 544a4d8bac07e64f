package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flecto.ConstraintException;
import dev.flecto.DatabaseException;
import dev.flecto.TransactionException;
import dev.flecto.changeset.Changeset;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiFailedException;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.StreamOptions;
import dev.flecto.repo.TransactionOptions;
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
import java.util.Collections;
import java.util.EnumMap;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
  private static final Duration TRIAL_BOUND = Duration.ofSeconds(30);
  private static final Duration BATCH_BOUND = Duration.ofMinutes(3);
  private static final String ROLLBACK_VALUE = "fuzz rollback";
  private static final Set<String> DELIBERATE_CONSTRAINTS = Set.of("fz_pairs_trial_pair_no_key", "fz_singles_code_key");
  private static final int PARENTS = 300;
  private static final int PARENTS_WITH_CHILDREN = 200;

  private ConnectionPool pool;
  private Repo repo;
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

    Report report = new Report(seed, trials, batchSize, poolSize, replay);
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

  private boolean runBatch(int number, int concurrency, List<Trial> trials, Report report) {
    List<String> problems = new ArrayList<>();
    boolean healthy = true;
    try {
      Flux.fromIterable(trials).flatMap(this::run, concurrency).blockLast(BATCH_BOUND);
    } catch (RuntimeException e) {
      problems.add("the batch did not end within " + BATCH_BOUND + " although every trial has a bound of "
          + TRIAL_BOUND + ": " + describe(e));
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

  // ---------------------------------------------------------------------------------------------
  // A trial: its operation, cut by its operator, bounded, its errors sorted

  private Mono<Void> run(Trial t) {
    return Mono.defer(() -> cut(t, operation(t), false))
        .doOnSubscribe(s -> t.startedAt = Instant.now())
        .doOnSuccess(v -> t.outcome = "completed")
        .doFinally(s -> t.endedAt = Instant.now())
        .timeout(TRIAL_BOUND, Mono.error(() -> new TrialHang(t)))
        .onErrorResume(e -> {
          Throwable u = Exceptions.unwrap(e);
          if (expected(t, u)) {
            t.outcome = "expected " + u.getClass().getSimpleName();
          } else {
            t.outcome = "UNEXPECTED " + u.getClass().getSimpleName();
            t.unexpected = u;
          }
          return Mono.empty();
        });
  }

  /** The errors a trial causes on purpose; anything else is a bug (or, for WrongData, a wrong result). */
  private static boolean expected(Trial t, Throwable e) {
    if (e instanceof Injected) {
      return true;
    }
    if (e instanceof TimeoutException) {
      return t.cut == Cut.TIMEOUT; // the trial's own timeout operator (the bound raises TrialHang)
    }
    if (e instanceof MultiFailedException m) {
      return t.failure == Failure.ROLLBACK && ROLLBACK_VALUE.equals(m.value())
          || m.getCause() != null && m.getCause() != e && expected(t, m.getCause());
    }
    if (e instanceof ConstraintException c) {
      return t.failure == Failure.CONSTRAINT && DELIBERATE_CONSTRAINTS.contains(c.constraint());
    }
    if (e instanceof TransactionException x) {
      if (ROLLBACK_VALUE.equals(x.value())) {
        return t.failure == Failure.ROLLBACK;
      }
      // A transaction that fails because of what failed inside it, never a BEGIN, COMMIT or ROLLBACK of its own.
      return x.getCause() != null && x.getCause() != e && expected(t, x.getCause());
    }
    return false;
  }

  private Mono<Void> cut(Trial t, Flux<?> source, boolean inner) {
    switch (t.cut) {
      case TAKE:
        return source.take(t.cutN).then();
      case NEXT:
        return source.next().then();
      case TIMEOUT:
        return source.timeout(Duration.ofMillis(t.cutMs)).then();
      case ZIP_FAIL:
        return Flux.zip(source, Flux.range(0, t.cutN)
            .concatWith(Mono.delay(Duration.ofMillis(t.cutMs)).then(Mono.error(new Injected("zip sibling of trial #" + t.index)))))
            .then();
      case DISPOSE:
        return inner ? source.takeUntilOther(Mono.delay(Duration.ofMillis(t.cutMs))).then() : disposeAfter(source, t.cutMs);
      case THROW_KTH:
        return Flux.defer(() -> {
          AtomicInteger seen = new AtomicInteger();
          return source.map(x -> {
            if (seen.incrementAndGet() == t.cutN + 1) {
              throw new Injected("map of trial #" + t.index + " threw at element " + (t.cutN + 1));
            }
            return x;
          });
        }).then();
      case NONE:
      default:
        return source.then();
    }
  }

  /** Subscribes, and disposes the subscription after the delay unless it ended first (then it ends with it). */
  private static Mono<Void> disposeAfter(Flux<?> source, int millis) {
    return Mono.create(sink -> {
      AtomicBoolean over = new AtomicBoolean();
      Disposable.Swap running = Disposables.swap();
      Disposable timer = Schedulers.parallel().schedule(() -> {
        if (over.compareAndSet(false, true)) {
          running.dispose();
          sink.success();
        }
      }, millis, TimeUnit.MILLISECONDS);
      running.update(source.subscribe(x -> { }, e -> {
        if (over.compareAndSet(false, true)) {
          timer.dispose();
          sink.error(e);
        }
      }, () -> {
        if (over.compareAndSet(false, true)) {
          timer.dispose();
          sink.success();
        }
      }));
      sink.onCancel(() -> {
        timer.dispose();
        running.dispose();
      });
    });
  }

  private Flux<?> operation(Trial t) {
    switch (t.op) {
      case GET:
      case ALL:
      case AGGREGATE:
      case PRELOAD:
      case STREAM:
        return read(t.read);
      case INSERT:
        return Flux.from(insertSingle(t, 1).flatMap(s -> t.failure == Failure.CONSTRAINT
            ? repo.insert(FzSingle.of(t.index, s.code())) : Mono.just(s)));
      case UPDATE:
        return Flux.from(insertSingle(t, 1).flatMap(s -> repo.update(Changeset.change(s, Map.of("note", "updated", "hits", 1)))));
      case DELETE:
        return Flux.from(repo.insert(FzSingle.of(t.index, code(t, 1)))
            .flatMap(s -> repo.delete(s).doOnNext(d -> t.goneIds.add(s.id()))));
      case INSERT_ALL:
        return Flux.from(insertAllSingles(t));
      case UPDATE_ALL:
        return Flux.from(insertAllSingles(t).then(repo.updateAll(ownSingles(t), Updates.inc("hits", 1))));
      case DELETE_ALL:
        return Flux.from(repo.insertAll(FzSingle.class, singleEntries(t)).then(repo.deleteAll(ownSingles(t)))
            .doOnNext(n -> t.singlesGone = true));
      case CHECKOUT:
        return Flux.from(repo.checkout(() -> read(t.read).then(insertSingle(t, 1)).then(read(t.read2).then())
            .thenReturn(t.index)));
      case TX:
      case TX_STREAM:
        return Flux.from(committed(t, repo.transact(() -> steps(t))));
      case CHECKOUT_TX:
        return Flux.from(repo.checkout(() -> insertSingle(t, 1).then(committed(t, repo.transact(() -> steps(t))))));
      case TX_MULTI:
        return Flux.from(committed(t, repo.transact(multi(t, true))));
      case TX_NESTED_MULTI:
      default:
        return Flux.from(committed(t, repo.transact(() -> repo.insert(FzPair.of(t.index, 1))
            .then(repo.transact(multi(t, false))).thenReturn(t.index))));
    }
  }

  /** Marks the trial committed when its transaction emits: Repo.transact emits only after COMMIT succeeded. */
  private static <V> Mono<V> committed(Trial t, Mono<V> transaction) {
    return transaction.doOnNext(v -> t.committed = true);
  }

  /** The statements of a transactional trial, one after another, each subscribed only when the one before completed. */
  private Mono<Integer> steps(Trial t) {
    Mono<?> chain = Mono.empty();
    for (Step s : t.steps) {
      chain = chain.then(Mono.defer(() -> step(t, s)));
    }
    return chain.then(Mono.just(t.index));
  }

  private Mono<?> step(Trial t, Step s) {
    switch (s.kind) {
      case W1:
        return repo.insert(FzPair.of(t.index, 1));
      case W2:
        return second(t);
      case PAIR_ALL:
        return repo.insertAll(FzPair.class, List.of(FzPair.of(t.index, 1), FzPair.of(t.index, 2)));
      case READ:
        return s.cut ? cut(t, read(s.read), true) : read(s.read).then();
      case STREAM_UPDATES:
        return s.cut ? cut(t, streamWithUpdates(t, s.read), true) : streamWithUpdates(t, s.read).then();
      case UPDATE_OWN:
        return repo.updateAll(ownPairs(t), Updates.set("note", "updated in trial " + t.index));
      case TEMP_ROW:
        return repo.insert(FzPair.of(t.index, 3)).then(repo.deleteAll(ownPairs(t).where("pairNo", 3)));
      case FAIL_CONSTRAINT:
        return repo.insert(FzPair.of(t.index, 1));
      case FAIL_ROLLBACK:
        return repo.rollback(ROLLBACK_VALUE);
      case FAIL_INNER:
      default:
        return repo.transact(s.savepoint ? TransactionOptions.defaults().withSavepoint(true) : TransactionOptions.defaults(),
            () -> repo.insert(FzPair.of(t.index, 4)).then(Mono.error(new Injected("nested transact of trial #" + t.index))));
    }
  }

  private Mono<?> second(Trial t) {
    FzPair second = FzPair.of(t.index, 2);
    switch (t.second) {
      case PLAIN:
        return repo.insert(second);
      case NESTED_TX:
        return repo.transact(() -> repo.insert(second));
      case NESTED_SAVEPOINT:
        return repo.transact(TransactionOptions.defaults().withSavepoint(true), () -> repo.insert(second));
      case NESTED_MULTI:
      default:
        return repo.transact(Multi.create().insert("second", second));
    }
  }

  /** The pair (or its second row) in a Multi, with a read between (cut when the trial's cut is inner) and the trial's failure. */
  private Multi multi(Trial t, boolean both) {
    Multi m = Multi.create();
    if (both) {
      m = m.insert("first", FzPair.of(t.index, 1));
    }
    m = m.run("read", (r, changes) -> t.inner ? cut(t, read(t.read), true) : read(t.read).then())
        .insert("second", FzPair.of(t.index, 2));
    switch (t.failure) {
      case CONSTRAINT:
        return m.insert("duplicate", FzPair.of(t.index, 2));
      case ROLLBACK:
        return m.run("rollback", (r, changes) -> r.rollback(ROLLBACK_VALUE));
      case INNER_ERROR:
        return m.run("fail", (r, changes) -> Mono.error(new Injected("Multi step of trial #" + t.index)));
      case NONE:
      default:
        return m;
    }
  }

  private Flux<?> read(Read r) {
    Query<FzParent> upTo = Query.from(FzParent.class).where(field("id").le(r.n)).orderBy("id");
    switch (r.kind) {
      case GET:
        return Flux.from(repo.get(FzParent.class, (long) r.n).doOnNext(p -> {
          if (p.id() != r.n) {
            throw new WrongData("get(" + r.n + ") gave parent " + p.id());
          }
        }));
      case ALL:
        return inOrder(repo.all(upTo), r, false);
      case AGGREGATE: {
        Query<FzChild> children = Query.from(FzChild.class).where(field("parentId").le(r.n));
        long withChildren = Math.min(r.n, PARENTS_WITH_CHILDREN);
        Mono<Long> value = r.variant ? repo.aggregate(children, Aggregate.COUNT)
            : repo.aggregate(children, Aggregate.SUM, "pos", Long.class);
        long want = r.variant ? 3 * withChildren : 6 * withChildren;
        return Flux.from(value.doOnNext(v -> {
          if (v != want) {
            throw new WrongData((r.variant ? "count" : "sum") + " of children of parents <= " + r.n + " gave " + v
                + " instead of " + want);
          }
        }));
      }
      case PRELOAD:
        return inOrder(r.variant ? repo.all(upTo.preload(r.paths))
            : repo.all(upTo).collectList().flatMap(list -> repo.preload(list, r.paths)).flatMapIterable(l -> l), r, true);
      case STREAM:
      default:
        return inOrder(repo.stream(r.variant ? upTo.preload("children") : upTo, StreamOptions.maxRows(r.maxRows)), r,
            r.variant);
    }
  }

  /** A stream inside the trial's transaction that updates the trial's own pair between fetches. */
  private Flux<?> streamWithUpdates(Trial t, Read r) {
    Query<FzParent> upTo = Query.from(FzParent.class).where(field("id").le(r.n)).orderBy("id");
    return inOrder(repo.stream(upTo, StreamOptions.maxRows(r.maxRows)), r, false)
        .concatMap(p -> p.id() % 4 == 0
            ? repo.updateAll(ownPairs(t), Updates.set("note", "saw parent " + p.id())).thenReturn(p) : Mono.just(p));
  }

  /** Parents 1..n in order, with the associations the read preloads loaded and right. */
  private static Flux<FzParent> inOrder(Flux<FzParent> parents, Read r, boolean preloaded) {
    return Flux.defer(() -> {
      AtomicLong next = new AtomicLong(1);
      return parents.doOnNext(p -> {
        long want = next.getAndIncrement();
        if (p.id() != want || want > r.n) {
          throw new WrongData(r + " gave parent " + p.id() + " where parent " + want + " was due");
        }
        if (preloaded) {
          checkAssociations(p, r);
        }
      });
    });
  }

  private static void checkAssociations(FzParent p, Read r) {
    List<String> paths = r.kind == ReadKind.STREAM ? List.of("children") : List.of(r.paths);
    if (paths.contains("children")) {
      int want = p.id() <= PARENTS_WITH_CHILDREN ? 3 : 0;
      List<FzChild> children = p.children().get();
      if (children.size() != want || children.stream().anyMatch(c -> !c.parentId().equals(p.id()))) {
        throw new WrongData(r + ": parent " + p.id() + " has children " + children);
      }
    }
    if (paths.contains("owner")) {
      FzOwner owner = p.owner().get();
      if (p.ownerId() == null ? owner != null : owner == null || !owner.id().equals(p.ownerId())) {
        throw new WrongData(r + ": parent " + p.id() + " with ownerId " + p.ownerId() + " has owner " + owner);
      }
    }
    if (paths.contains("tags")) {
      Set<Long> want = Set.of(1 + p.id() % 8, 1 + (p.id() + 1) % 8);
      Set<Long> got = p.tags().get().stream().map(FzTag::id).collect(Collectors.toSet());
      if (!got.equals(want) || p.tags().get().size() != 2) {
        throw new WrongData(r + ": parent " + p.id() + " has tags " + p.tags().get());
      }
    }
  }

  private Mono<FzSingle> insertSingle(Trial t, int k) {
    return repo.insert(FzSingle.of(t.index, code(t, k))).doOnNext(s -> t.singlesSeen.incrementAndGet());
  }

  private Mono<Long> insertAllSingles(Trial t) {
    return repo.insertAll(FzSingle.class, singleEntries(t)).doOnNext(n -> t.singlesSeen.addAndGet(n.intValue()));
  }

  private static List<Map<String, Object>> singleEntries(Trial t) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int k = 0; k < t.count; k++) {
      entries.add(Map.of("trial", t.index, "code", "t" + t.index + "-all-" + k, "hits", 0, "note", "insertAll"));
    }
    return entries;
  }

  private static String code(Trial t, int k) {
    return "t" + t.index + "-" + k;
  }

  private static Query<FzSingle> ownSingles(Trial t) {
    return Query.from(FzSingle.class).where("trial", t.index);
  }

  private static Query<FzPair> ownPairs(Trial t) {
    return Query.from(FzPair.class).where("trial", t.index);
  }

  // ---------------------------------------------------------------------------------------------
  // The plan: every random choice of a trial is drawn when the trial is made, in trial order, so a
  // seed gives the same trials (the timing of their cuts is the machine's).

  enum Op {
    GET(false, 1), ALL(false, 1), INSERT(false, 1), UPDATE(false, 1), DELETE(false, 1), INSERT_ALL(false, 1),
    UPDATE_ALL(false, 1), DELETE_ALL(false, 1), AGGREGATE(false, 1), PRELOAD(false, 2), STREAM(false, 2),
    CHECKOUT(false, 1), TX(true, 5), TX_STREAM(true, 2), TX_MULTI(true, 2), TX_NESTED_MULTI(true, 1),
    CHECKOUT_TX(true, 1);

    final boolean pair;
    final int weight;

    Op(boolean pair, int weight) {
      this.pair = pair;
      this.weight = weight;
    }
  }

  private static final List<Op> WEIGHTED_OPS = weighted();

  private static List<Op> weighted() {
    List<Op> ops = new ArrayList<>();
    for (Op op : Op.values()) {
      for (int i = 0; i < op.weight; i++) {
        ops.add(op);
      }
    }
    return List.copyOf(ops);
  }

  enum Cut { TAKE, NEXT, TIMEOUT, ZIP_FAIL, DISPOSE, THROW_KTH, NONE }

  enum Failure { NONE, CONSTRAINT, ROLLBACK, INNER_ERROR }

  enum ReadKind { GET, ALL, AGGREGATE, PRELOAD, STREAM }

  enum StepKind { W1, W2, PAIR_ALL, READ, STREAM_UPDATES, UPDATE_OWN, TEMP_ROW, FAIL_CONSTRAINT, FAIL_ROLLBACK, FAIL_INNER }

  enum Second { PLAIN, NESTED_TX, NESTED_SAVEPOINT, NESTED_MULTI }

  /** One read: kind, the parents 1..n it reads (or the id it gets), the stream's chunk, the preloaded paths, a variant. */
  record Read(ReadKind kind, int n, int maxRows, String[] paths, boolean variant) {
    static Read random(Random r, boolean streamAllowed) {
      ReadKind kind = ReadKind.values()[r.nextInt(streamAllowed ? 5 : 4)];
      int n = 1 + r.nextInt(kind == ReadKind.GET ? PARENTS + 20 : kind == ReadKind.STREAM ? PARENTS : 120);
      int maxRows = 1 + r.nextInt(60);
      List<String> paths = new ArrayList<>(List.of("owner", "children", "tags"));
      Collections.shuffle(paths, r);
      String[] chosen = paths.subList(0, 2 + r.nextInt(2)).toArray(new String[0]);
      return new Read(kind, n, maxRows, chosen, r.nextBoolean());
    }

    static Read stream(Random r) {
      return new Read(ReadKind.STREAM, 1 + r.nextInt(PARENTS), 1 + r.nextInt(60), new String[0], false);
    }

    @Override
    public String toString() {
      switch (kind) {
        case GET:
          return "get(" + n + ")";
        case ALL:
          return "all(id<=" + n + ")";
        case AGGREGATE:
          return (variant ? "count" : "sum") + "(parent<=" + n + ")";
        case PRELOAD:
          return (variant ? "all(id<=" + n + ").preload" : "preload(all(id<=" + n + "))") + String.join("+", paths);
        case STREAM:
        default:
          return "stream(id<=" + n + ", maxRows " + maxRows + (variant ? ", preload children" : "") + ")";
      }
    }
  }

  record Step(StepKind kind, Read read, boolean cut, boolean savepoint) {
    @Override
    public String toString() {
      String s = kind == StepKind.READ || kind == StepKind.STREAM_UPDATES ? kind + " " + read : kind.toString();
      return s + (savepoint ? " in a savepoint" : "") + (cut ? " <-cut" : "");
    }
  }

  static final class Trial {
    final int index;
    final Op op;
    final Cut cut;
    final int cutN;
    final int cutMs;
    final Failure failure;
    final Read read;
    final Read read2;
    final int count;
    final Second second;
    final boolean inner;
    final List<Step> steps;
    final String description;

    volatile boolean committed;
    volatile Instant startedAt;
    volatile Instant endedAt;
    volatile String outcome = "never ran";
    volatile Throwable unexpected;
    volatile boolean singlesGone;
    final AtomicInteger singlesSeen = new AtomicInteger();
    final Set<Long> goneIds = ConcurrentHashMap.newKeySet();

    Trial(int index, Random r) {
      this.index = index;
      this.op = WEIGHTED_OPS.get(r.nextInt(WEIGHTED_OPS.size()));
      this.cut = Cut.values()[r.nextInt(Cut.values().length)];
      this.cutN = r.nextInt(r.nextBoolean() ? 3 : 40);
      this.cutMs = r.nextInt(21);
      int f = r.nextInt(100);
      this.failure = op.pair ? (f < 6 ? Failure.CONSTRAINT : f < 12 ? Failure.ROLLBACK : f < 18 ? Failure.INNER_ERROR : Failure.NONE)
          : op == Op.INSERT && f < 15 ? Failure.CONSTRAINT : Failure.NONE;
      boolean streamAllowed = op != Op.CHECKOUT; // a stream in a checkout would take a second connection
      Read drawn = Read.random(r, streamAllowed);
      ReadKind wanted = switch (op) {
        case GET -> ReadKind.GET;
        case ALL -> ReadKind.ALL;
        case AGGREGATE -> ReadKind.AGGREGATE;
        case PRELOAD -> ReadKind.PRELOAD;
        case STREAM -> ReadKind.STREAM;
        default -> drawn.kind;
      };
      this.read = new Read(wanted, wanted == drawn.kind ? drawn.n : 1 + drawn.n % (wanted == ReadKind.STREAM ? PARENTS : 120),
          drawn.maxRows, drawn.paths, drawn.variant);
      this.read2 = Read.random(r, false);
      this.count = 1 + r.nextInt(20);
      this.second = Second.values()[r.nextInt(Second.values().length)];
      boolean wantInner = r.nextBoolean();
      List<Step> plan = new ArrayList<>();
      boolean innerCut = false;
      if (op == Op.TX || op == Op.TX_STREAM || op == Op.CHECKOUT_TX) {
        int k = 1 + r.nextInt(5);
        if (op == Op.TX_STREAM) {
          k = Math.max(k, 3);
        }
        if (k == 1) {
          plan.add(new Step(StepKind.PAIR_ALL, null, false, false));
        } else {
          plan.add(new Step(StepKind.W1, null, false, false));
          plan.add(new Step(StepKind.W2, null, false, false));
          for (int j = 2; j < k; j++) {
            StepKind kind = op == Op.TX_STREAM && j == 2 ? StepKind.STREAM_UPDATES
                : List.of(StepKind.READ, StepKind.READ, StepKind.UPDATE_OWN, StepKind.TEMP_ROW).get(r.nextInt(4));
            Read stepRead = kind == StepKind.READ ? Read.random(r, true) : kind == StepKind.STREAM_UPDATES ? Read.stream(r) : null;
            plan.add(new Step(kind, stepRead, false, false));
          }
          Collections.shuffle(plan, r);
        }
        List<Integer> reads = new ArrayList<>();
        for (int j = 0; j < plan.size(); j++) {
          if (plan.get(j).read() != null) {
            reads.add(j);
          }
        }
        if (wantInner && !reads.isEmpty()) {
          int j = reads.get(r.nextInt(reads.size()));
          Step s = plan.get(j);
          plan.set(j, new Step(s.kind(), s.read(), true, false));
          innerCut = true;
        }
        if (failure == Failure.INNER_ERROR) {
          plan.add(r.nextInt(plan.size() + 1), new Step(StepKind.FAIL_INNER, null, false, r.nextBoolean()));
        } else if (failure == Failure.CONSTRAINT) {
          plan.add(new Step(StepKind.FAIL_CONSTRAINT, null, false, false));
        } else if (failure == Failure.ROLLBACK) {
          plan.add(new Step(StepKind.FAIL_ROLLBACK, null, false, false));
        }
      } else if (op == Op.TX_MULTI || op == Op.TX_NESTED_MULTI) {
        innerCut = wantInner;
      }
      this.inner = innerCut;
      this.steps = List.copyOf(plan);
      this.description = describe();
    }

    private String describe() {
      StringBuilder sb = new StringBuilder(op.toString());
      switch (op) {
        case GET, ALL, AGGREGATE, PRELOAD, STREAM -> sb.append(' ').append(read);
        case INSERT_ALL, UPDATE_ALL, DELETE_ALL -> sb.append(" of ").append(count);
        case CHECKOUT -> sb.append(" [").append(read).append(", insert, ").append(read2).append(']');
        case TX, TX_STREAM, CHECKOUT_TX -> sb.append(' ').append(steps).append(steps.size() > 1 ? ", second row " + second : "");
        case TX_MULTI, TX_NESTED_MULTI -> sb.append(" [read ").append(read).append(']');
        default -> { }
      }
      if (failure != Failure.NONE) {
        sb.append(", fails by ").append(failure);
      }
      sb.append(", cut ").append(cut);
      switch (cut) {
        case TAKE -> sb.append('(').append(cutN).append(')');
        case TIMEOUT, DISPOSE -> sb.append('(').append(cutMs).append(" ms)");
        case ZIP_FAIL -> sb.append("(after ").append(cutN).append(" items, ").append(cutMs).append(" ms)");
        case THROW_KTH -> sb.append("(at ").append(cutN + 1).append(')');
        default -> { }
      }
      if (op.pair) {
        sb.append(inner ? " around an inner read" : " around the whole");
      }
      return sb.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reporting

  /** The failures of a run, by batch, each batch with the trials that ran in it. */
  static final class Report {
    private final long seed;
    private final int trials;
    private final int batchSize;
    private final int poolSize;
    private final String replay;
    private final List<String> batches = new ArrayList<>();
    private final Set<Integer> reportedHalfPairs = new HashSet<>();
    String stopped;

    Report(long seed, int trials, int batchSize, int poolSize, String replay) {
      this.seed = seed;
      this.trials = trials;
      this.batchSize = batchSize;
      this.poolSize = poolSize;
      this.replay = replay;
    }

    boolean isEmpty() {
      return batches.isEmpty();
    }

    List<String> newHalfPairs(Map<Integer, String> halfPairs) {
      List<String> problems = new ArrayList<>();
      halfPairs.forEach((trial, what) -> {
        if (reportedHalfPairs.add(trial)) {
          problems.add("fz_pairs breaks the invariant for trial #" + trial + ": " + what);
        }
      });
      return problems;
    }

    void add(int number, int concurrency, List<Trial> ran, List<String> problems) {
      StringBuilder sb = new StringBuilder();
      sb.append("batch ").append(number).append(" (trials #").append(ran.get(0).index).append("..#")
          .append(ran.get(ran.size() - 1).index).append(", ").append(concurrency).append(" at a time):\n");
      problems.stream().limit(30).forEach(p -> sb.append("  PROBLEM ").append(p.replace("\n", "\n    ")).append('\n'));
      if (problems.size() > 30) {
        sb.append("  ... and ").append(problems.size() - 30).append(" more problems\n");
      }
      if (batches.size() < 5) {
        sb.append("  trials of the batch:\n");
        for (Trial t : ran) {
          sb.append("    #").append(t.index).append(' ').append(t.description).append(" -> ").append(t.outcome)
              .append(t.committed ? " (committed)" : "").append('\n');
        }
      }
      batches.add(sb.toString());
    }

    String render() {
      return "CancellationFuzzIT failed: seed=" + seed + ", " + trials + " trials in batches of " + batchSize
          + ", pool of " + poolSize + "; " + replay + "\n" + String.join("", batches)
          + (stopped == null ? "" : stopped + "\n") + "(seed=" + seed + "; " + replay + ")";
    }
  }

  private static String summary(List<Trial> all, int batches, long elapsedMs, Map<String, AtomicInteger> dropped) {
    Map<Op, Map<String, Integer>> byOp = new EnumMap<>(Op.class);
    Map<Cut, Integer> byCut = new EnumMap<>(Cut.class);
    for (Trial t : all) {
      String outcome = t.outcome.startsWith("expected") ? "expected error" : t.outcome;
      byOp.computeIfAbsent(t.op, k -> new TreeMap<>()).merge(outcome + (t.committed ? " (committed)" : ""), 1, Integer::sum);
      byCut.merge(t.cut, 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder("CancellationFuzzIT: ").append(all.size()).append(" trials in ").append(batches)
        .append(" batches, ").append(elapsedMs).append(" ms; ")
        .append(all.stream().filter(t -> t.committed).count()).append(" transactions committed\n");
    byOp.forEach((op, outcomes) -> sb.append("  ").append(op).append(": ").append(outcomes).append('\n'));
    sb.append("  cuts: ").append(byCut).append('\n');
    if (!dropped.isEmpty()) {
      sb.append("  errors dropped by Reactor after a cancel (not failures): ");
      dropped.forEach((what, n) -> sb.append("\n    ").append(n).append(" x ").append(what));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.getClass().getName());
    if (e instanceof DatabaseException d) {
      sb.append(" [SQLSTATE ").append(d.sqlState()).append(']');
    }
    sb.append(": ").append(abbreviate(e.getMessage(), 600));
    if (!(e instanceof DatabaseException) && !(e instanceof TrialHang) && !(e instanceof WrongData)) {
      StackTraceElement[] frames = e.getStackTrace();
      for (int i = 0; i < Math.min(4, frames.length); i++) {
        sb.append("\n    at ").append(frames[i]);
      }
    }
    Throwable c = e.getCause();
    for (int depth = 0; c != null && c != e && depth < 4; depth++, c = c.getCause()) {
      sb.append("\n  caused by ").append(c.getClass().getName()).append(": ").append(abbreviate(c.getMessage(), 300));
    }
    return sb.toString();
  }

  private static String describeShort(Throwable e) {
    String state = e instanceof DatabaseException d ? " [SQLSTATE " + d.sqlState() + "]" : "";
    return e.getClass().getName() + state + ": " + abbreviate(e.getMessage(), 160);
  }

  private static String abbreviate(String s, int max) {
    if (s == null) {
      return "(no message)";
    }
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An error a trial injects on purpose (a zip sibling, a map, a nested transact, a Multi step). */
  static final class Injected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Injected(String message) {
      super(message, null, false, false);
    }
  }

  /** A read that gave rows it should not have: always a failure. */
  static final class WrongData extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrongData(String message) {
      super(message);
    }
  }

  /** A trial still running after its bound: a hang, always a failure. */
  static final class TrialHang extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrialHang(Trial t) {
      super("trial #" + t.index + " (" + t.description + ") did not end within " + TRIAL_BOUND);
    }
  }
}
