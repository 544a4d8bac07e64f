package dev.flecto.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The benchmark suite by the interleaved method: each workload in a JVM of its own
 * ({@link RoundsBench}), its implementations warmed up and then measured in rotated rounds; W8 at
 * 8, 64 and 256 operations in flight; W3, W4 and W7 also on a durable server (fsync and
 * synchronous_commit on). The whole method runs {@code --runs=N} times, each run on newly started
 * servers, and the report ({@link RoundsReport}) gives every ratio with its 95% interval in each
 * run and its spread across the runs. W6 (a stream in a 64 MB heap) is a memory test and stays
 * with the JMH suite ({@link Suite}).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.RoundsSuite --profile=full --runs=3
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.RoundsSuite --profile=smoke --only=W1,W8 --out=/tmp/bench
 * }</pre>
 */
public final class RoundsSuite {
  /**
   * How long each workload warms up and is measured.
   *
   * <pre>{@code RoundsSuite.Profile.FULL.rounds() }</pre>
   */
  public enum Profile {
    /** Minutes: 3 rounds, too few for a ratio by design (the report says so); for trying the suite out. */
    SMOKE(500, new Rounds(3, 5, 20), new Rounds(3, 1, 300), new Rounds(3, 1, 500), 1),
    /**
     * Every implementation warmed up by 2 s of client CPU and until the JIT is quiet (so that the
     * rounds measure compiled code, not the interpreter's); 10 rounds of 16 passes of 20 ms slices,
     * 10 rounds of one 0.3 s slice for the bulk workloads, 20 of one 1 s slice for W8 (its latency
     * needs them); three runs.
     */
    FULL(2_000, new Rounds(10, 16, 20), new Rounds(10, 1, 300), new Rounds(20, 1, 1_000), 3),
    /** For the build's test: a short warm-up, 2 rounds. */
    CI(100, new Rounds(2, 2, 20), new Rounds(2, 1, 50), new Rounds(2, 1, 200), 1);

    final int warmupCpuMs;
    final Rounds ops;
    final Rounds bulk;
    final Rounds load;
    final int runs;

    Profile(int warmupCpuMs, Rounds ops, Rounds bulk, Rounds load, int runs) {
      this.warmupCpuMs = warmupCpuMs;
      this.ops = ops;
      this.bulk = bulk;
      this.load = load;
      this.runs = runs;
    }

    /** The rounds of an entry: short operations, bulk ones (tens of milliseconds and up), or W8's load. */
    Rounds rounds(Entry e) {
      return e.concurrency() > 0 ? load : BULK.contains(e.workload() + e.param()) ? bulk : ops;
    }

    /** What the profile measures, for the report. */
    String describe() {
      return String.format(Locale.ROOT, "every implementation warmed up until it spent %.1f s of client CPU time, then until "
              + "the JIT was quiet (or 10 s more), then %s (W2 rows=10000, W4, W5: %s; W8: %s)",
          warmupCpuMs / 1e3, ops, bulk, load);
    }
  }

  // The entries whose operations take tens of milliseconds or more: fewer, longer slices.
  private static final List<String> BULK = List.of("W2rows=10000", "W4", "W5");

  /**
   * How many rounds, and each implementation's slice of a round.
   *
   * <pre>{@code new RoundsSuite.Rounds(10, 20, 20).toString() // "10 rounds of 20 passes of 20 ms slices" }</pre>
   *
   * @param rounds measured rounds
   * @param passes passes over the implementations a round
   * @param sliceMs milliseconds a slice
   */
  record Rounds(int rounds, int passes, int sliceMs) {
    @Override
    public String toString() {
      return passes == 1 ? String.format(Locale.ROOT, "%d rounds of a %.1f s slice", rounds, sliceMs / 1e3)
          : String.format(Locale.ROOT, "%d rounds of %d passes of %d ms slices", rounds, passes, sliceMs);
    }
  }

  /**
   * One workload as the suite runs it: a JMH workload with its {@code @Param} values, or W8 at a
   * number of operations in flight; on the default server or the durable one.
   *
   * <pre>{@code new RoundsSuite.Entry("W8", "", 256, false).variant() // "256 in flight" }</pre>
   *
   * @param workload W1..W8
   * @param param a JMH {@code @Param} as {@code name=value}, or empty
   * @param concurrency W8's operations in flight, else 0
   * @param durable whether on the durable server
   */
  public record Entry(String workload, String param, int concurrency, boolean durable) {
    /** The variant within the workload: the param, or the operations in flight. */
    String variant() {
      return concurrency > 0 ? concurrency + " in flight" : param;
    }

    /** {@code durable} or {@code default}. */
    String server() {
      return durable ? "durable" : "default";
    }
  }

  /** Every entry, in order: the durable variants of the write workloads last. */
  public static final List<Entry> ENTRIES = List.of(new Entry("W1", "", 0, false), new Entry("W2", "rows=100", 0, false),
      new Entry("W2", "rows=10000", 0, false), new Entry("W3", "", 0, false), new Entry("W4", "", 0, false),
      new Entry("W5", "", 0, false), new Entry("W7", "", 0, false), new Entry("W8", "", 8, false),
      new Entry("W8", "", 64, false), new Entry("W8", "", 256, false), new Entry("W3", "", 0, true),
      new Entry("W4", "", 0, true), new Entry("W7", "", 0, true));

  /**
   * What one entry gave in one run: its slices, or why it failed.
   *
   * <pre>{@code RoundFigures.of(result.slices()) }</pre>
   *
   * @param entry the entry
   * @param slices every measured slice
   * @param failure why it failed, else null
   */
  public record EntryResult(Entry entry, List<Interleaved.Slice> slices, String failure) {}

  /**
   * One run of the method, as written to {@code results/rounds-N.json}.
   *
   * <pre>{@code run.entries().get(0).slices() }</pre>
   *
   * @param profile the profile's name
   * @param run its number, from 1
   * @param forked whether each workload ran in a JVM of its own
   * @param servers each server's environment, by {@link Entry#server()}
   * @param entries every entry's result
   */
  public record Run(String profile, int run, boolean forked, Map<String, Environment> servers,
      List<EntryResult> entries) {}

  private final Profile profile;
  private final List<Entry> entries;
  private final Path out;
  private boolean fork = true;

  /**
   * A suite.
   *
   * <pre>{@code new RoundsSuite(RoundsSuite.Profile.FULL, RoundsSuite.ENTRIES, Path.of("benchmarks")).run(3) }</pre>
   *
   * @param profile how long
   * @param entries which entries
   * @param out the folder of {@code RESULTS.md} and {@code results/rounds-N.json}
   */
  public RoundsSuite(Profile profile, List<Entry> entries, Path out) {
    this.profile = profile;
    this.entries = List.copyOf(entries);
    this.out = out;
  }

  /**
   * Whether each workload runs in a JVM of its own (the default) or in this one.
   *
   * <pre>{@code suite.fork(false).run(3) }</pre>
   *
   * @param fork false to run every workload in this JVM
   * @return this suite
   */
  public RoundsSuite fork(boolean fork) {
    this.fork = fork;
    return this;
  }

  /**
   * Runs the method {@code runs} times, writing each run's JSON as it ends, then the report.
   *
   * <pre>{@code List<RoundsSuite.Run> done = suite.run(3); }</pre>
   *
   * @param runs how many times
   * @return the runs
   */
  public List<Run> run(int runs) {
    List<Run> done = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      long start = System.nanoTime();
      Run r = once(i);
      done.add(r);
      System.err.printf(Locale.ROOT, "# rounds suite: run %d of %d done in %.0f s%n", i, runs, (System.nanoTime() - start) / 1e9);
    }
    new RoundsReport(profile, LocalDate.now().toString(), done).write(out.resolve("RESULTS.md"));
    return done;
  }

  private Run once(int run) {
    String external = BenchDatabase.databaseUrl();
    boolean durableWanted = entries.stream().anyMatch(Entry::durable);
    Map<String, String> urls = new LinkedHashMap<>();
    List<AutoCloseable> servers = new ArrayList<>();
    try {
      if (external != null) {
        urls.put("default", external);
      } else {
        servers.add(start(false));
        urls.put("default", url((EmbeddedPostgres) servers.get(0)));
      }
      if (durableWanted && external == null) {
        EmbeddedPostgres durable = start(true);
        servers.add(durable);
        urls.put("durable", url(durable));
      }
      Map<String, Environment> environments = new LinkedHashMap<>();
      urls.forEach((server, url) -> environments.put(server, environment(url, external == null)));
      List<EntryResult> results = new ArrayList<>();
      String name = profile.name().toLowerCase(Locale.ROOT);
      for (Entry e : entries) {
        String url = urls.get(e.server());
        if (url == null) {
          results.add(new EntryResult(e, List.of(), "no durable server: the suite starts one only when it starts "
              + "its own database (" + BenchDatabase.DATABASE_URL + " is set)"));
          continue;
        }
        results.add(fork ? fork(e, url) : inProcess(e, url));
        // Written after every entry: a run cut short keeps what it measured (--report=yes reads it).
        json(out.resolve("results").resolve("rounds-" + run + ".json"), new Run(name, run, fork, environments, results));
      }
      return new Run(name, run, fork, environments, results);
    } finally {
      for (AutoCloseable s : servers) {
        try {
          s.close();
        } catch (Exception ex) {
          System.err.println("# could not stop an embedded PostgreSQL: " + ex.getMessage());
        }
      }
    }
  }

  /**
   * An embedded PostgreSQL: the suite's default (durability off, as the tests run it) or a durable
   * one (fsync, synchronous_commit and full_page_writes on: what users run).
   */
  static EmbeddedPostgres start(boolean durable) {
    String on = durable ? "on" : "off";
    try {
      return EmbeddedPostgres.builder()
          .setServerConfig("fsync", on)
          .setServerConfig("synchronous_commit", on)
          .setServerConfig("full_page_writes", on)
          .setServerConfig("max_connections", "200")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static String url(EmbeddedPostgres server) {
    return "r2dbc:postgresql://postgres@localhost:" + server.getPort() + "/postgres";
  }

  private static Environment environment(String url, boolean embedded) {
    String previous = System.getProperty(BenchDatabase.DATABASE_URL);
    System.setProperty(BenchDatabase.DATABASE_URL, url);
    try {
      return Environment.read(embedded);
    } finally {
      if (previous == null) {
        System.clearProperty(BenchDatabase.DATABASE_URL);
      } else {
        System.setProperty(BenchDatabase.DATABASE_URL, previous);
      }
    }
  }

  /**
   * Runs one entry in this JVM ({@code --fork=no}): on a machine too busy for a JVM start, class
   * loading and warm-up per workload, every workload after the first finds the stacks' classes
   * loaded and much of their code compiled. The JIT's profiles then mix the workloads, as in an
   * application that runs them all; both sides of every ratio share that.
   */
  private EntryResult inProcess(Entry e, String url) {
    long start = System.nanoTime();
    String previous = System.getProperty(BenchDatabase.DATABASE_URL);
    System.setProperty(BenchDatabase.DATABASE_URL, url);
    try {
      Rounds r = profile.rounds(e);
      return new EntryResult(e, RoundsBench.slices(Suite.select(e.workload()).get(0), e.param(), e.concurrency(),
          new Interleaved.Plan(Duration.ofMillis(profile.warmupCpuMs), r.rounds(), r.passes(),
              Duration.ofMillis(r.sliceMs()))), null);
    } catch (RuntimeException ex) {
      return new EntryResult(e, List.of(), ex.getClass().getSimpleName() + ": " + ex.getMessage());
    } finally {
      if (previous == null) {
        System.clearProperty(BenchDatabase.DATABASE_URL);
      } else {
        System.setProperty(BenchDatabase.DATABASE_URL, previous);
      }
      System.err.printf(Locale.ROOT, "# rounds suite: %s %s (%s server) done in %.0f s%n", e.workload(), e.variant(),
          e.server(), (System.nanoTime() - start) / 1e9);
    }
  }

  /** Runs one entry in a JVM of its own; a failure is kept with the entry, and the suite goes on. */
  private EntryResult fork(Entry e, String url) {
    long start = System.nanoTime();
    Path json = null;
    try {
      json = Files.createTempFile("flecto-rounds-", ".json");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // A fixed heap: no resizing in the middle of the rounds.
          "-Xms1g", "-Xmx1g", "-D" + BenchDatabase.DATABASE_URL + "=" + url, "-cp", System.getProperty("java.class.path"),
          RoundsBench.class.getName(), "--workload=" + e.workload(), "--warmup-cpu-ms=" + profile.warmupCpuMs,
          "--rounds=" + profile.rounds(e).rounds(), "--passes=" + profile.rounds(e).passes(),
          "--slice-ms=" + profile.rounds(e).sliceMs(), "--json=" + json));
      if (!e.param().isEmpty()) {
        command.add("--param=" + e.param());
      }
      if (e.concurrency() > 0) {
        command.add("--concurrency=" + e.concurrency());
      }
      Process p = new ProcessBuilder(command).inheritIO().start();
      if (!p.waitFor(1, TimeUnit.HOURS)) {
        p.destroyForcibly();
        return new EntryResult(e, List.of(), "did not finish within an hour");
      }
      if (p.exitValue() != 0) {
        return new EntryResult(e, List.of(), "exited with " + p.exitValue() + "; see its output");
      }
      return new EntryResult(e, Scores.json().readValue(json.toFile(), new TypeReference<List<Interleaved.Slice>>() {}),
          null);
    } catch (IOException ex) {
      return new EntryResult(e, List.of(), ex.getClass().getSimpleName() + ": " + ex.getMessage());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return new EntryResult(e, List.of(), "interrupted");
    } finally {
      System.err.printf(Locale.ROOT, "# rounds suite: %s %s (%s server) done in %.0f s%n", e.workload(), e.variant(),
          e.server(), (System.nanoTime() - start) / 1e9);
      if (json != null) {
        try {
          Files.deleteIfExists(json);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  /** Writes a value as the suite's JSON, creating the folder. */
  static void json(Path file, Object value) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Scores.json().writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The runs written under {@code out/results}, by number. */
  static List<Run> read(Path out) {
    Path dir = out.resolve("results");
    try (Stream<Path> files = Files.list(dir)) {
      List<Run> runs = new ArrayList<>();
      for (Path f : files.filter(f -> f.getFileName().toString().matches("rounds-[0-9]+\\.json")).sorted().toList()) {
        runs.add(Scores.json().readValue(f.toFile(), Run.class));
      }
      return runs;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the runs under " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs the suite, or with {@code --report} only rewrites the report from the runs' JSON; exits
   * with 1 when an entry failed.
   *
   * <pre>{@code java -cp benchmarks.jar dev.flecto.benchmarks.RoundsSuite --profile=full --runs=3 }</pre>
   *
   * @param args {@code --profile=smoke|full|ci}, {@code --only=W1,W8}, {@code --runs=N} (the
   *     profile's by default), {@code --out=DIR} ({@code benchmarks} for full, else
   *     {@code benchmarks/target/<profile>}), {@code --report=yes}, {@code --fork=no} (every workload in this JVM)
   */
  public static void main(String[] args) {
    ProgramArgs a = ProgramArgs.parse(args, "profile", "only", "runs", "out", "report", "fork");
    String name = a.text("profile").orElse("smoke");
    Profile profile;
    try {
      profile = Profile.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown profile '" + name + "'; expected smoke, full or ci");
    }
    List<String> only = a.text("only").map(ids -> Suite.select(ids).stream().map(Suite.Workload::id).toList())
        .orElse(null);
    List<Entry> chosen = ENTRIES.stream().filter(e -> only == null || only.contains(e.workload())).toList();
    Path out = a.path("out").orElse(profile == Profile.FULL ? Path.of("benchmarks")
        : Path.of("benchmarks", "target", profile.name().toLowerCase(Locale.ROOT)));
    List<Run> runs;
    if (a.text("report").isPresent()) {
      runs = read(out);
      new RoundsReport(profile, LocalDate.now().toString(), runs).write(out.resolve("RESULTS.md"));
    } else {
      runs = new RoundsSuite(profile, chosen, out).fork(!a.text("fork").orElse("yes").equals("no"))
          .run(a.positive("runs", profile.runs));
    }
    System.out.println("Wrote " + out.resolve("RESULTS.md") + " and " + out.resolve("results"));
    List<String> failed = runs.stream().flatMap(r -> r.entries().stream()).filter(e -> e.failure() != null)
        .map(e -> e.entry().workload() + " " + e.entry().variant() + " (" + e.entry().server() + "): " + e.failure())
        .toList();
    if (!failed.isEmpty()) {
      failed.forEach(f -> System.err.println("FAILED " + f));
      System.exit(1);
    }
  }
}
