package dev.flecto.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Markdown report of the interleaved suite ({@link RoundsSuite}): Flecto's ratios to raw in
 * every run with their 95% intervals and their spread across the runs, then every
 * implementation's, then the setup. A ratio the rounds cannot pin down is printed as the refusal
 * ({@code too short: ...}), never as a number.
 *
 * <pre>{@code new RoundsReport(RoundsSuite.Profile.FULL, "2026-12-06", runs).write(Path.of("benchmarks/RESULTS.md")); }</pre>
 */
final class RoundsReport {
  private static final Map<String, String> TITLES = Map.of("W1", "get by primary key",
      "W2", "all() with where + order + limit, into records", "W3", "insert one record through a changeset",
      "W4", "insertAll of 10,000 rows", "W5", "preload 3 associations for 1,000 parents",
      "W7", "a Multi of 5 steps in one transaction", "W8", "mixed load (80% get, 15% page, 5% insert)");

  /** A figure of the report: its name, how its ratio reads, and where it is in {@link RoundFigures}. */
  private record Figure(String name, Function<RoundFigures, RoundStats.Ratio> ratio) {}

  private static final List<Figure> FIGURES = List.of(new Figure("ops/s", RoundFigures::ops),
      new Figure("CPU/op", RoundFigures::cpu), new Figure("B/op", RoundFigures::bytes),
      new Figure("p99", RoundFigures::p99), new Figure("client CPU/s", RoundFigures::cores));

  private final RoundsSuite.Profile profile;
  private final String date;
  private final List<RoundsSuite.Run> runs;

  RoundsReport(RoundsSuite.Profile profile, String date, List<RoundsSuite.Run> runs) {
    this.profile = profile;
    this.date = date;
    this.runs = List.copyOf(runs);
  }

  /** Writes the report, creating the folder. */
  void write(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, markdown());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The report's text. */
  String markdown() {
    StringBuilder md = new StringBuilder("# Flecto benchmark results\n\n");
    md.append(String.format(Locale.ROOT, "Produced by `benchmarks/suite.sh --%s` on %s: the interleaved method, %d run(s), "
            + "each %s; %s.%n%n", profile.name().toLowerCase(Locale.ROOT), date, runs.size(), profile.describe(),
        runs.isEmpty() || runs.get(0).forked() ? "every workload in a JVM of its own"
            : "every workload of a run in one JVM (`--fork=no`)"));
    md.append("""
        Every workload runs through five implementations over one database: Flecto; **raw** r2dbc-postgresql (the \
        ceiling: the same SQL written by hand, rows mapped by index into the same records); Spring Data R2DBC; jOOQ \
        over R2DBC; and blocking JDBC with HikariCP as a reference point; plus a workload's variants. Every trial \
        first checks that all implementations return (or store) the same data. All implementations of a workload \
        share one JVM: each is warmed up before any is measured, then each runs one short slice a round, in an order \
        rotated from round to round, so whatever else the machine does hits every implementation of a round alike.

        A **ratio** is an implementation's figure over raw's in the same round, summarised over the rounds as a \
        median with its 95%% interval `[low, high]` (two order statistics of the rounds' ratios, the sign test's \
        interval, which the odd round that met a burst of other work does not drag). Where the \
        interval reaches more than ±%d%% from the point, or there are fewer than %d rounds, the report prints \
        *too short* instead of a ratio. **ops/s** ratio: above 1 is faster than raw. **CPU/op** ratio: client CPU \
        time an operation (every Java thread of the benchmark JVM: the caller, the driver's event loops, the pools; \
        not the JVM's GC and JIT threads, not the database server), below 1 is cheaper than raw. **B/op** ratio: \
        bytes allocated on the client an operation, below 1 is less. **p99** (W8): the 99th percentile latency, \
        below 1 is better. **client CPU/s** ratio: client CPU time a second of wall time (ops/s times CPU/op: how \
        many cores the client kept busy); near 1, the client's CPU bounded both implementations alike, and the \
        ops/s ratio is then about the inverse of the CPU/op ratio; above 1, the client's CPU is only part of what \
        an operation waits for (round trips and the server are the rest), so extra CPU an operation costs less \
        than its share in ops/s; below 1, Flecto's client waited more than raw's on something else. \
        **Spread**: the largest minus the smallest of the runs' ratios; in parentheses where some run's ratio is \
        too short to print, the spread of the runs' medians all the same (whether the runs agree where each alone \
        cannot pin its ratio down).

        """.formatted(Math.round(RoundStats.MAX_HALF_WIDTH * 100), RoundStats.MIN_ROUNDS));
    md.append("""
        **Which figure to trust for what.** CPU/op and B/op measure what Flecto itself does on the client; they \
        move little with the machine's load, and are the figures to steer by: a change to Flecto's hot path shows \
        there first. The ops/s ratio is what a user waits for, server round trips included; on a shared machine \
        with the database beside the benchmark it is noisier, and a difference inside its interval is none. Where \
        the client CPU/s ratio is near 1, the client's CPU set the pace, so the ops/s goal is a CPU/op goal: ops/s \
        0.95 of raw's needs CPU/op within about 1.05 of raw's. W8's \
        p99 ratio says how Flecto behaves under concurrency; read it with its interval. Absolute ops/s say how fast \
        this machine was on the day, nothing more.

        """);
    flecto(md);
    every(md);
    failures(md);
    setup(md);
    return md.toString();
  }

  private void flecto(StringBuilder md) {
    md.append("## Flecto against raw, run by run\n\n| workload | figure |");
    for (int i = 1; i <= runs.size(); i++) {
      md.append(" run ").append(i).append(" |");
    }
    md.append(" spread |\n|---|---|").append("---:|".repeat(runs.size())).append("---:|\n");
    for (RoundsSuite.Entry e : entries()) {
      List<Optional<RoundFigures>> perRun = figures(e, "flecto");
      for (Figure f : FIGURES) {
        if (perRun.stream().allMatch(o -> o.map(x -> f.ratio().apply(x) == null).orElse(true))) {
          continue;
        }
        md.append("| ").append(title(e)).append(" | ").append(f.name()).append(" |");
        for (Optional<RoundFigures> o : perRun) {
          md.append(' ').append(o.map(x -> cell(f.ratio().apply(x))).orElse("failed")).append(" |");
        }
        md.append(' ').append(spread(perRun, f)).append(" |\n");
      }
    }
    md.append('\n');
  }

  private void every(StringBuilder md) {
    md.append("## Every implementation\n\nRatios of runs 1");
    for (int i = 2; i <= runs.size(); i++) {
      md.append(i == runs.size() ? " and " : ", ").append(i);
    }
    md.append(" one under the other; absolute figures are the median of the runs' medians.\n\n");
    for (RoundsSuite.Entry e : entries()) {
      boolean load = e.concurrency() > 0;
      md.append("### ").append(title(e)).append("\n\n| implementation | ops/s | ops/s ratio | spread | CPU µs/op | CPU/op ratio "
          + "| spread | B/op | B/op ratio | spread |").append(load ? " p99 ms | p99 ratio | spread |" : "").append('\n');
      md.append("|---|").append("---:|".repeat(load ? 12 : 9)).append('\n');
      for (String impl : implementations(e)) {
        List<Optional<RoundFigures>> perRun = figures(e, impl);
        md.append("| ").append(Report.label(impl)).append(" | ")
            .append(Report.num(median(perRun, RoundFigures::opsPerSecond))).append(" | ")
            .append(ratios(perRun, FIGURES.get(0))).append(" | ").append(spread(perRun, FIGURES.get(0))).append(" | ")
            .append(Report.num(median(perRun, RoundFigures::cpuNanosPerOp) / 1e3)).append(" | ")
            .append(ratios(perRun, FIGURES.get(1))).append(" | ").append(spread(perRun, FIGURES.get(1))).append(" | ")
            .append(Report.num(median(perRun, RoundFigures::bytesPerOp))).append(" | ")
            .append(ratios(perRun, FIGURES.get(2))).append(" | ").append(spread(perRun, FIGURES.get(2))).append(" |");
        if (load) {
          md.append(' ').append(Report.num(median(perRun, RoundFigures::p99Ms))).append(" | ")
              .append(ratios(perRun, FIGURES.get(3))).append(" | ").append(spread(perRun, FIGURES.get(3))).append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }
  }

  private void failures(StringBuilder md) {
    List<String> lines = new ArrayList<>();
    for (RoundsSuite.Run r : runs) {
      for (RoundsSuite.EntryResult er : r.entries()) {
        if (er.failure() != null) {
          lines.add("- run " + r.run() + ", " + title(er.entry()) + ": " + er.failure());
        }
      }
    }
    if (!lines.isEmpty()) {
      md.append("## Failures\n\n").append(String.join("\n", lines)).append("\n\n");
    }
  }

  private void setup(StringBuilder md) {
    md.append("## Setup\n\n");
    if (runs.isEmpty()) {
      return;
    }
    Map<String, Environment> servers = runs.get(0).servers();
    Environment env = servers.values().iterator().next();
    md.append(String.format(Locale.ROOT, "- Machine: %d CPUs (%s), %.0f GiB memory, %s. The database server runs on the "
            + "same machine and shares its CPUs.%n", env.cpus(), env.cpuModel(),
        env.memoryGb(), env.os()));
    md.append("- JVM: ").append(env.jvm()).append(runs.get(0).forked()
        ? ", default GC, a fixed heap of 1 GiB (`-Xms1g -Xmx1g`), one JVM a workload and run.\n"
        : ", default GC and heap, every workload of a run in one JVM (`--fork=no`: the machine was too busy for a JVM "
            + "start and warm-up a workload; the JIT's profiles mix the workloads, for every implementation alike).\n");
    servers.forEach((name, s) -> md.append("- ").append(name.equals("durable") ? "Durable server (W3, W4, W7 marked "
            + "durable)" : "Default server").append(": PostgreSQL ").append(s.postgresVersion()).append(", ")
        .append(s.database()).append(". Settings: ")
        .append(String.join(", ", s.settings().entrySet().stream().map(x -> "`" + x.getKey() + "` = " + x.getValue()).toList()))
        .append(".").append(s.nonDurable().isEmpty() ? "" : " **Not durable**: " + String.join(", ", s.nonDurable())
            + " off, so commits are cheaper than on a production server, for every implementation alike.").append('\n'));
    md.append("""
        - Pools: the four reactive implementations share one r2dbc-pool of 8 connections (opened up front, LOCAL \
        validation, r2dbc-postgresql's prepared-statement cache of 256 statements a connection); JDBC has a HikariCP \
        pool of 8 connections with `prepareThreshold=1`, the same cache size and `reWriteBatchedInserts=true`.
        - W1..W7 call `block()` on the reactive implementations from one thread: one operation at a time. W4 empties \
        its table before every operation, outside the measurement. W8 keeps 8, 64 or 256 operations in flight, its \
        table created once and its random draws carried from slice to slice.
        - W6 (a stream in a 64 MB heap) measures memory, not speed, and is not part of this method: \
        `benchmarks/suite.sh --jmh --only=W6`.
        - Per round and implementation the JSON under `results/rounds-N.json` keeps operations, wall, CPU and bytes \
        (and W8's p50 and p99).
        """);
  }

  private List<RoundsSuite.Entry> entries() {
    List<RoundsSuite.Entry> out = new ArrayList<>();
    for (RoundsSuite.Run r : runs) {
      for (RoundsSuite.EntryResult er : r.entries()) {
        if (!out.contains(er.entry())) {
          out.add(er.entry());
        }
      }
    }
    return out;
  }

  private List<String> implementations(RoundsSuite.Entry e) {
    List<String> out = new ArrayList<>();
    for (RoundsSuite.Run r : runs) {
      r.entries().stream().filter(er -> er.entry().equals(e))
          .flatMap(er -> RoundFigures.of(er.slices()).stream()).map(RoundFigures::implementation)
          .filter(id -> !out.contains(id)).forEach(out::add);
    }
    return out;
  }

  /** The implementation's figures in each run, empty where the entry failed or lacks it. */
  private List<Optional<RoundFigures>> figures(RoundsSuite.Entry e, String impl) {
    List<Optional<RoundFigures>> out = new ArrayList<>();
    for (RoundsSuite.Run r : runs) {
      out.add(r.entries().stream().filter(er -> er.entry().equals(e) && er.failure() == null).findFirst()
          .flatMap(er -> RoundFigures.of(er.slices()).stream().filter(f -> f.implementation().equals(impl)).findFirst()));
    }
    return out;
  }

  static String title(RoundsSuite.Entry e) {
    String t = e.workload() + " " + TITLES.getOrDefault(e.workload(), "");
    if (!e.variant().isEmpty()) {
      t += " (" + e.variant() + ")";
    }
    return e.durable() ? t + ", durable server" : t;
  }

  private static String cell(RoundStats.Ratio r) {
    return r == null ? "" : r.usable() ? r.text() : "*" + r.refusal() + "*";
  }

  private static String ratios(List<Optional<RoundFigures>> perRun, Figure f) {
    List<String> cells = new ArrayList<>();
    for (Optional<RoundFigures> o : perRun) {
      // The reason of a refusal is in the first table; here "too short" is enough.
      cells.add(o.map(x -> f.ratio().apply(x) == null ? "1" : f.ratio().apply(x).usable() ? f.ratio().apply(x).text()
          : "*too short*").orElse("failed"));
    }
    return String.join("<br>", cells);
  }

  /**
   * Largest minus smallest ratio over the runs; in parentheses when some run's ratio was refused
   * (the spread of the runs' medians then says whether the runs agree where each alone cannot
   * pin its ratio down); a dash without two runs or where a run has no ratio at all.
   */
  static String spread(List<Optional<RoundFigures>> perRun, Figure f) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    boolean allUsable = true;
    for (Optional<RoundFigures> o : perRun) {
      RoundStats.Ratio r = o.map(f.ratio()).orElse(null);
      if (r == null || Double.isNaN(r.value())) {
        return "—";
      }
      allUsable &= r.usable();
      lo = Math.min(lo, r.value());
      hi = Math.max(hi, r.value());
    }
    if (perRun.size() < 2) {
      return "—";
    }
    return allUsable ? RoundStats.fmt(hi - lo) : "(" + RoundStats.fmt(hi - lo) + ")";
  }

  private static double median(List<Optional<RoundFigures>> perRun, java.util.function.ToDoubleFunction<RoundFigures> f) {
    double[] v = perRun.stream().flatMap(Optional::stream).mapToDouble(f).filter(x -> !Double.isNaN(x)).sorted().toArray();
    return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
