package dev.flecto.benchmarks;

import dev.flecto.test.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark suite: every workload W1..W8 through every implementation (Flecto, raw
 * r2dbc-postgresql, Spring Data R2DBC, jOOQ, JDBC with HikariCP) in one run on one database, then a
 * JSON of the scores, a Markdown report ({@code RESULTS.md}) with each score's ratio to raw, and a
 * PNG chart of the ratios. W1..W5 and W7 run under JMH (one fork each); W6 (a stream in a 64 MB
 * heap) and W8 (a mixed load with latency percentiles) are programs started in their own JVMs.
 * Its ratios compare implementations measured one after the other, so on a shared machine they
 * drift with whatever else runs; the figures to steer by come from the interleaved suite
 * ({@link RoundsSuite}), which writes the committed report. This one stays for W6 and for JMH's
 * own view of a workload.
 *
 * <p>The database is {@code FLECTO_BENCH_DATABASE_URL} (environment or system property) when set,
 * else one embedded PostgreSQL started by the suite and handed to every fork and program.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.Suite --profile=smoke
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.Suite --profile=full
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.Suite --profile=smoke --only=W1,W6 --out=/tmp/bench
 * }</pre>
 */
public final class Suite {
  /**
   * How long the suite measures.
   *
   * <pre>{@code Suite.Profile.valueOf("SMOKE") }</pre>
   */
  public enum Profile {
    /** Minutes: one short warm-up and two 1-second iterations a method, 100,000 streamed rows, 5 s of mixed load. */
    SMOKE(1, 1, 2, 1, 100_000, 1, 2, 5, true),
    /**
     * About half an hour: 3 x 2 s warm-up and 10 x 2 s measured a method (ten samples: a 99.9%
     * interval about half as wide as five give), 1,000,000 streamed rows, 3 rounds, and 15 s of
     * warm-up (enough for the JIT to compile a side's whole path) then 20 s of mixed load a side.
     */
    FULL(3, 2, 10, 2, 1_000_000, 3, 15, 20, true),
    /** For the build's test: one 1-second iteration, no warm-up, in the test's own JVM (no fork). */
    CI(0, 1, 1, 1, 20_000, 1, 1, 1, false);

    final int warmups;
    final int warmupSeconds;
    final int iterations;
    final int iterationSeconds;
    final int streamRows;
    final int streamRounds;
    final int loadWarmupSeconds;
    final int loadSeconds;
    final boolean fork;

    Profile(int warmups, int warmupSeconds, int iterations, int iterationSeconds, int streamRows, int streamRounds,
        int loadWarmupSeconds, int loadSeconds, boolean fork) {
      this.warmups = warmups;
      this.warmupSeconds = warmupSeconds;
      this.iterations = iterations;
      this.iterationSeconds = iterationSeconds;
      this.streamRows = streamRows;
      this.streamRounds = streamRounds;
      this.loadWarmupSeconds = loadWarmupSeconds;
      this.loadSeconds = loadSeconds;
      this.fork = fork;
    }

    /** What the profile measures, for the report. */
    String describe() {
      return String.format(Locale.ROOT, "JMH: %s, %d warm-up iteration(s) of %d s, %d measured iteration(s) of %d s, "
              + "1 thread; W6: %,d rows, %d round(s); W8: %d s warm-up, %d s measured a side",
          fork ? "1 fork a workload" : "no fork", warmups, warmupSeconds, iterations, iterationSeconds, streamRows,
          streamRounds, loadWarmupSeconds, loadSeconds);
    }
  }

  /**
   * One workload of the suite.
   *
   * <pre>{@code Suite.WORKLOADS.get(0).title() // "get by primary key" }</pre>
   *
   * @param id W1..W8
   * @param title what it does
   * @param type the JMH class or the program's main class
   * @param jmh whether it runs under JMH (else it is a program writing {@link Score}s)
   */
  public record Workload(String id, String title, Class<?> type, boolean jmh) {}

  /** Every workload, in order. */
  public static final List<Workload> WORKLOADS = List.of(
      new Workload("W1", "get by primary key", W1GetById.class, true),
      new Workload("W2", "all() with where + order + limit, into records", W2All.class, true),
      new Workload("W3", "insert one record through a changeset (cast + validate)", W3Insert.class, true),
      new Workload("W4", "insertAll of 10,000 rows", W4InsertAll.class, true),
      new Workload("W5", "preload 3 associations for 1,000 parents", W5Preload.class, true),
      new Workload("W6", "stream 1,000,000 rows in a 64 MB heap", W6Stream.class, false),
      new Workload("W7", "a Multi of 5 steps in one transaction", W7Multi.class, true),
      new Workload("W8", "mixed load at 64 concurrent operations", W8MixedLoad.class, false));

  private final Profile profile;
  private final List<Workload> workloads;
  private final Path out;

  /**
   * A suite run.
   *
   * <pre>{@code new Suite(Suite.Profile.SMOKE, Suite.WORKLOADS, Path.of("benchmarks/results/smoke")).run() }</pre>
   *
   * @param profile how long to measure
   * @param workloads which workloads
   * @param out the folder of {@code suite.json}, {@code RESULTS.md} and {@code ratios.png}
   */
  public Suite(Profile profile, List<Workload> workloads, Path out) {
    this.profile = profile;
    this.workloads = List.copyOf(workloads);
    this.out = out;
  }

  /**
   * Runs the workloads and writes the three files. A workload that fails is reported as failed
   * (with the reason) and the others still run; the returned outcome says whether any failed.
   *
   * <pre>{@code Suite.Outcome o = suite.run(); o.failures().isEmpty() }</pre>
   *
   * @return the scores and the failures
   */
  public Outcome run() {
    String url = BenchDatabase.databaseUrl();
    EmbeddedDatabase embedded = url == null ? EmbeddedDatabase.start() : null;
    String databaseUrl = url != null ? url : embedded.url();
    String previous = System.getProperty(BenchDatabase.DATABASE_URL);
    System.setProperty(BenchDatabase.DATABASE_URL, databaseUrl);
    try {
      Environment environment = Environment.read(embedded != null);
      List<Score> scores = new ArrayList<>();
      Map<String, String> failures = new LinkedHashMap<>();
      for (Workload w : workloads) {
        long start = System.nanoTime();
        try {
          scores.addAll(w.jmh() ? jmh(w, databaseUrl) : program(w, databaseUrl));
        } catch (RuntimeException | RunnerException e) {
          failures.put(w.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        System.err.printf(Locale.ROOT, "# suite: %s done in %.0f s%n", w.id(), (System.nanoTime() - start) / 1e9);
      }
      scores.addAll(Peers.cannot(workloads, scores));
      Report report = new Report(profile, workloads, scores, failures, environment);
      report.write(out);
      return new Outcome(scores, failures);
    } finally {
      if (previous == null) {
        System.clearProperty(BenchDatabase.DATABASE_URL);
      } else {
        System.setProperty(BenchDatabase.DATABASE_URL, previous);
      }
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /**
   * What a run produced.
   *
   * <pre>{@code outcome.scores().size() }</pre>
   *
   * @param scores every score, including the implementations that could not run a workload
   * @param failures the workloads that failed, with why
   */
  public record Outcome(List<Score> scores, Map<String, String> failures) {}

  private List<Score> jmh(Workload w, String databaseUrl) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + w.type().getName().replace(".", "\\.") + "\\.")
        .forks(profile.fork ? 1 : 0)
        .warmupIterations(profile.warmups)
        .warmupTime(TimeValue.seconds(profile.warmupSeconds))
        .measurementIterations(profile.iterations)
        .measurementTime(TimeValue.seconds(profile.iterationSeconds))
        .threads(1)
        .timeUnit(TimeUnit.SECONDS)
        .shouldFailOnError(true)
        .jvmArgsAppend("-D" + BenchDatabase.DATABASE_URL + "=" + databaseUrl);
    if (profile.fork) {
      // Bytes allocated per operation: what host load does not move, and where a gap to raw often starts.
      options = options.addProfiler(GCProfiler.class);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    List<Score> scores = new ArrayList<>();
    for (RunResult r : results) {
      BenchmarkParams params = r.getParams();
      String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      StringBuilder variant = new StringBuilder();
      for (String key : params.getParamsKeys()) {
        variant.append(variant.length() == 0 ? "" : ", ").append(key).append('=').append(params.getParam(key));
      }
      Result<?> primary = r.getPrimaryResult();
      Map<String, Double> extra = new LinkedHashMap<>();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      if (alloc != null) {
        extra.put("B/op", alloc.getScore());
      }
      scores.add(new Score(w.id(), variant.toString(), implementation(method), primary.getScoreUnit(),
          primary.getScore(), primary.getScoreError(), extra, null));
    }
    if (scores.isEmpty()) {
      throw new IllegalStateException(w.type().getSimpleName() + " produced no results; see its JMH log above");
    }
    return scores;
  }

  /** {@code rawCopy} to {@code raw-copy}: a JMH method's name to the implementation id of the report. */
  static String implementation(String method) {
    StringBuilder sb = new StringBuilder();
    for (char c : method.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('-').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private List<Score> program(Workload w, String databaseUrl) {
    Path json;
    try {
      json = Files.createTempFile("flecto-" + w.id().toLowerCase(Locale.ROOT) + "-", ".json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      if (w.type() == W6Stream.class) {
        command.add("-Xmx64m");
      }
      command.add("-D" + BenchDatabase.DATABASE_URL + "=" + databaseUrl);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(w.type().getName());
      command.add("--json=" + json);
      if (w.type() == W6Stream.class) {
        command.add("--rows=" + profile.streamRows);
        command.add("--rounds=" + profile.streamRounds);
      } else {
        command.add("--warmup=" + profile.loadWarmupSeconds);
        command.add("--seconds=" + profile.loadSeconds);
      }
      Process process = new ProcessBuilder(command).inheritIO().start();
      if (!process.waitFor(Duration.ofHours(1).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(w.type().getSimpleName() + " did not finish within an hour");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(w.type().getSimpleName() + " exited with " + process.exitValue()
            + "; see its output above");
      }
      return Scores.read(json);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + w.type().getSimpleName() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + w.type().getSimpleName() + " ran", e);
    } finally {
      try {
        Files.deleteIfExists(json);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }

  /**
   * Runs the suite; exits with 1 when a workload failed.
   *
   * <pre>{@code java -cp benchmarks.jar dev.flecto.benchmarks.Suite --profile=full --only=W1,W2 --out=benchmarks }</pre>
   *
   * @param args {@code --profile=smoke|full} (default smoke), {@code --only=W1,W2,...},
   *     {@code --out=DIR} (default {@code benchmarks/target/jmh-<profile>}; a
   *     path relative to the working directory, which {@code benchmarks/suite.sh} makes the repository root)
   */
  public static void main(String[] args) {
    ProgramArgs a = ProgramArgs.parse(args, "profile", "only", "out");
    String name = a.text("profile").orElse("smoke");
    Profile profile;
    try {
      profile = Profile.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown profile '" + name + "'; expected smoke, full or ci");
    }
    List<Workload> chosen = a.text("only").map(Suite::select).orElse(WORKLOADS);
    // The committed report (benchmarks/RESULTS.md) is the interleaved suite's (RoundsSuite); this one goes under target/.
    Path out = a.path("out").orElse(Path.of("benchmarks", "target", "jmh-" + profile.name().toLowerCase(Locale.ROOT)));
    Outcome outcome = new Suite(profile, chosen, out).run();
    System.out.println("Wrote " + Report.files(out));
    if (!outcome.failures().isEmpty()) {
      outcome.failures().forEach((id, why) -> System.err.println("FAILED " + id + ": " + why));
      System.exit(1);
    }
  }

  /** The workloads named in {@code W1,W3}, in suite order. */
  static List<Workload> select(String ids) {
    List<String> wanted = List.of(ids.toUpperCase(Locale.ROOT).split(","));
    for (String id : wanted) {
      if (WORKLOADS.stream().noneMatch(w -> w.id().equals(id.strip()))) {
        throw new IllegalArgumentException("unknown workload '" + id + "'; expected W1..W8");
      }
    }
    return WORKLOADS.stream().filter(w -> wanted.stream().anyMatch(id -> id.strip().equals(w.id()))).toList();
  }
}
