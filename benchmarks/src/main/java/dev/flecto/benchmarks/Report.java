package dev.flecto.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The suite's three outputs from one run's scores: {@code results/suite.json} (everything,
 * machine-readable), {@code RESULTS.md} (a summary of ratios to raw, then each workload's scores,
 * then the setup: machine, JVM, PostgreSQL and its settings) and {@code results/ratios.png} (the
 * ratios as a bar chart).
 *
 * <pre>{@code new Report(Suite.Profile.FULL, Suite.WORKLOADS, scores, Map.of(), environment).write(Path.of("benchmarks")); }</pre>
 */
final class Report {
  private static final List<String> EXTRA_ORDER = List.of("p50 ms", "p99 ms", "p99.9 ms", "max ms", "B/op",
      "peak heap MB", "heap after GC MB", "slow consumer rows/s");

  /** Labels of the implementations, in the report's column order; others (variants) follow. */
  static final Map<String, String> LABELS = labels();

  private final Suite.Profile profile;
  private final List<Suite.Workload> workloads;
  private final List<Score> scores;
  private final Map<String, String> failures;
  private final Environment environment;

  Report(Suite.Profile profile, List<Suite.Workload> workloads, List<Score> scores, Map<String, String> failures,
      Environment environment) {
    this.profile = profile;
    this.workloads = workloads;
    this.scores = List.copyOf(scores);
    this.failures = Map.copyOf(failures);
    this.environment = environment;
  }

  private static Map<String, String> labels() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("raw", "raw r2dbc-postgresql");
    m.put("flecto", "Flecto");
    m.put("spring", "Spring Data R2DBC");
    m.put("jooq", "jOOQ (R2DBC)");
    m.put("jdbc", "JDBC + HikariCP (blocking)");
    return m;
  }

  /** A label for an implementation id: the known ones by name, variants as they are. */
  static String label(String implementation) {
    return LABELS.getOrDefault(implementation, implementation);
  }

  /** Where the three files of a run in {@code out} go. */
  static List<Path> files(Path out) {
    return List.of(out.resolve("RESULTS.md"), out.resolve("results").resolve("suite.json"),
        out.resolve("results").resolve("ratios.png"));
  }

  /** Writes the JSON, the Markdown and the chart under {@code out}. */
  void write(Path out) {
    List<Path> files = files(out);
    try {
      Files.createDirectories(files.get(1).getParent());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("profile", profile.name().toLowerCase(Locale.ROOT));
      json.put("settings", profile.describe());
      json.put("environment", environment);
      json.put("failures", failures);
      json.put("scores", scores);
      Scores.json().writeValue(files.get(1).toFile(), json);
      Files.writeString(files.get(0), markdown(out.relativize(files.get(2)).toString()));
      Chart.write(files.get(2), rows(), "Ratio to raw r2dbc-postgresql (log scale; higher is better), "
          + profile.name().toLowerCase(Locale.ROOT) + " profile, " + environment.date());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report to " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * One row of the summary: a workload's variant and each implementation's ratio to raw.
   *
   * @param workload the workload's id
   * @param title the workload's title with its variant
   * @param ratios ratio to raw by implementation, in column order (raw itself excluded)
   */
  record Row(String workload, String title, Map<String, Double> ratios) {}

  List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Suite.Workload w : workloads) {
      for (String variant : variants(w.id())) {
        Optional<Score> raw = find(w.id(), variant, "raw");
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String impl : implementations(w.id(), variant)) {
          if (impl.equals("raw")) {
            continue;
          }
          Optional<Score> s = find(w.id(), variant, impl);
          ratios.put(impl, raw.isPresent() && raw.get().ran() && s.isPresent() && s.get().ran()
              ? s.get().score() / raw.get().score() : Double.NaN);
        }
        rows.add(new Row(w.id(), w.id() + " " + w.title() + (variant.isEmpty() ? "" : " (" + variant + ")"), ratios));
      }
    }
    return rows;
  }

  String markdown(String chart) {
    StringBuilder md = new StringBuilder();
    md.append("# Flecto benchmark results\n\n");
    md.append("Produced by ").append(profile == Suite.Profile.CI ? "the build's `SuiteTest`"
            : "`benchmarks/suite.sh --" + profile.name().toLowerCase(Locale.ROOT) + "`")
        .append(" on ").append(environment.date()).append(" (").append(profile.describe()).append(").\n\n");
    md.append("Every workload runs through five implementations over one database: Flecto; **raw** r2dbc-postgresql "
        + "(the ceiling: the same SQL written by hand, rows mapped by index into the same records); Spring Data R2DBC "
        + "(`R2dbcEntityTemplate`, no Spring Boot); jOOQ 3.19 over R2DBC; and blocking JDBC with HikariCP as a "
        + "reference point. Higher is better everywhere. **Ratio** is a score divided by raw's score in the same "
        + "workload: below 1 is slower than raw. Errors are JMH's 99.9% confidence half-widths (a ratio's error "
        + "combines its two scores'); where they overlap 1, the run cannot tell the two apart. Every trial first "
        + "checks that all implementations return (or store) the same data.\n\n");
    if (!failures.isEmpty()) {
      md.append("**Failed workloads:**\n\n");
      failures.forEach((id, why) -> md.append("- ").append(id).append(": ").append(oneLine(why)).append('\n'));
      md.append('\n');
    }
    md.append("![Ratios to raw](").append(chart).append(")\n\n");
    summary(md);
    furthest(md);
    details(md);
    setup(md);
    return md.toString();
  }

  private void summary(StringBuilder md) {
    md.append("## Ratio to raw\n\n");
    List<String> columns = new ArrayList<>(List.of("flecto", "spring", "jooq", "jdbc"));
    md.append("| workload | raw | Flecto | Spring Data R2DBC | jOOQ | JDBC (blocking) | variants |\n");
    md.append("|---|---:|---:|---:|---:|---:|---|\n");
    for (Suite.Workload w : workloads) {
      for (String variant : variants(w.id())) {
        Optional<Score> raw = find(w.id(), variant, "raw");
        md.append("| ").append(w.id()).append(' ').append(w.title()).append(variant.isEmpty() ? "" : " (" + variant + ")")
            .append(" | ").append(raw.filter(Score::ran).map(s -> num(s.score()) + " " + s.unit()).orElse("-"));
        for (String impl : columns) {
          md.append(" | ").append(ratioCell(w.id(), variant, impl, raw));
        }
        List<String> others = new ArrayList<>();
        for (String impl : implementations(w.id(), variant)) {
          if (!impl.equals("raw") && !columns.contains(impl)) {
            others.add(impl + " " + ratioCell(w.id(), variant, impl, raw));
          }
        }
        md.append(" | ").append(String.join("; ", others)).append(" |\n");
      }
    }
    md.append('\n');
  }

  private String ratioCell(String workload, String variant, String impl, Optional<Score> raw) {
    Optional<Score> s = find(workload, variant, impl);
    if (s.isEmpty()) {
      return "-";
    }
    if (!s.get().ran()) {
      return s.get().note().equals("not yet") ? "not yet" : "cannot (see below)";
    }
    if (raw.isEmpty() || !raw.get().ran()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f", s.get().score() / raw.get().score());
  }

  private void furthest(StringBuilder md) {
    List<Row> flecto = rows().stream().filter(r -> r.ratios().containsKey("flecto") && !r.ratios().get("flecto").isNaN())
        .sorted(Comparator.comparingDouble(r -> r.ratios().get("flecto")))
        .toList();
    if (flecto.isEmpty()) {
      return;
    }
    md.append("Where Flecto is furthest from raw in this run: ");
    List<String> parts = new ArrayList<>();
    for (Row r : flecto.subList(0, Math.min(3, flecto.size()))) {
      parts.add(String.format(Locale.ROOT, "%s (%.2f)", r.title(), r.ratios().get("flecto")));
    }
    md.append(String.join("; ", parts)).append(".\n\n");
  }

  private void details(StringBuilder md) {
    md.append("## Scores\n\n");
    for (Suite.Workload w : workloads) {
      for (String variant : variants(w.id())) {
        md.append("### ").append(w.id()).append(' ').append(w.title()).append(variant.isEmpty() ? "" : " (" + variant + ")")
            .append("\n\n");
        Optional<Score> raw = find(w.id(), variant, "raw");
        Set<String> found = new LinkedHashSet<>();
        for (String impl : implementations(w.id(), variant)) {
          find(w.id(), variant, impl).ifPresent(s -> found.addAll(s.extra().keySet()));
        }
        // Known figures in a reading order (percentiles rising), others after them by name.
        Set<String> extraKeys = new LinkedHashSet<>();
        EXTRA_ORDER.stream().filter(found::contains).forEach(extraKeys::add);
        found.stream().sorted().forEach(extraKeys::add);
        md.append("| implementation | score | ratio to raw");
        extraKeys.forEach(k -> md.append(" | ").append(k));
        md.append(" |\n|---|---:|---:");
        extraKeys.forEach(k -> md.append("|---:"));
        md.append("|\n");
        List<String> notes = new ArrayList<>();
        for (String impl : implementations(w.id(), variant)) {
          Score s = find(w.id(), variant, impl).orElseThrow();
          md.append("| ").append(label(impl)).append(" | ");
          if (!s.ran()) {
            md.append(s.note().equals("not yet") ? "not yet" : "cannot").append(" | -");
            extraKeys.forEach(k -> md.append(" | -"));
            md.append(" |\n");
            if (!s.note().equals("not yet")) {
              notes.add(label(impl) + ": " + s.note());
            }
            continue;
          }
          md.append(num(s.score()));
          if (!Double.isNaN(s.error())) {
            md.append(" ± ").append(num(s.error()));
          }
          md.append(' ').append(s.unit()).append(" | ");
          md.append(raw.isPresent() && raw.get().ran() ? ratioWithError(s, raw.get()) : "-");
          for (String k : extraKeys) {
            Double v = s.extra().get(k);
            md.append(" | ").append(v == null ? "-" : num(v));
          }
          md.append(" |\n");
          String note = Peers.NOTES.getOrDefault(w.id(), Map.of()).get(impl);
          if (note != null) {
            notes.add(label(impl) + ": " + note);
          }
        }
        md.append('\n');
        for (String n : notes) {
          md.append("- ").append(n).append('\n');
        }
        if (!notes.isEmpty()) {
          md.append('\n');
        }
      }
    }
  }

  private void setup(StringBuilder md) {
    Environment e = environment;
    md.append("## Setup\n\n");
    md.append(String.format(Locale.ROOT, "- Machine: %d CPUs (%s), %.0f GiB memory, %s. The database server runs on "
        + "the same machine and shares its CPUs.%n", e.cpus(), e.cpuModel(), e.memoryGb(), e.os()));
    md.append("- JVM: ").append(e.jvm()).append(", default GC and heap (W6: `-Xmx64m`).\n");
    md.append("- PostgreSQL ").append(e.postgresVersion()).append(", ").append(e.database()).append(". Settings: ");
    List<String> settings = new ArrayList<>();
    e.settings().forEach((k, v) -> settings.add("`" + k + "` = " + v));
    md.append(String.join(", ", settings)).append(".\n");
    List<String> off = e.nonDurable();
    if (!off.isEmpty()) {
      md.append("- **This server is not durable**: ").append(String.join(", ", off)).append(off.size() == 1 ? " is" : " are")
          .append(" off, so a crash can lose committed transactions or corrupt the data. Commits and writes (W3, W4, W7, "
              + "and W8's inserts) are cheaper here than on a durable server, for every implementation alike. Never run "
              + "a production database like this.\n");
    }
    md.append("- Pools: the four reactive implementations share one r2dbc-pool of ").append(Stacks.POOL_SIZE)
        .append(" connections (opened up front, LOCAL validation, r2dbc-postgresql's prepared-statement cache of ")
        .append(BenchDatabase.STATEMENT_CACHE_QUERIES).append(" statements a connection, the driver's default event "
            + "loop); JDBC has a HikariCP pool of ").append(Stacks.POOL_SIZE).append(" connections with "
            + "`prepareThreshold=1` (server-side prepared from the first use, like r2dbc-postgresql), a cache of ")
        .append(BenchDatabase.STATEMENT_CACHE_QUERIES).append(" statements and `reWriteBatchedInserts=true`.\n");
    md.append("- JMH workloads call `block()` on the reactive implementations from one benchmark thread: one "
        + "operation at a time, so each score is the inverse of one operation's latency. W8 measures concurrency.\n\n");
  }

  private List<String> variants(String workload) {
    return scores.stream().filter(s -> s.workload().equals(workload)).map(Score::variant).distinct()
        .sorted(VARIANT_ORDER).toList();
  }

  // "rows=100" before "rows=10000": the numbers in a variant compare as numbers.
  private static final Comparator<String> VARIANT_ORDER = Comparator.comparing((String v) -> v.replaceAll("[0-9]", ""))
      .thenComparingLong(v -> {
        String digits = v.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits.substring(0, Math.min(18, digits.length())));
      });

  /** The implementations of one workload's variant: the known ones in column order, then the variants by name. */
  private List<String> implementations(String workload, String variant) {
    Set<String> present = new LinkedHashSet<>();
    scores.stream().filter(s -> s.workload().equals(workload) && s.variant().equals(variant))
        .map(Score::implementation).sorted().forEach(present::add);
    List<String> ordered = new ArrayList<>();
    LABELS.keySet().stream().filter(present::contains).forEach(ordered::add);
    present.stream().filter(i -> !LABELS.containsKey(i)).forEach(ordered::add);
    return ordered;
  }

  private Optional<Score> find(String workload, String variant, String impl) {
    return scores.stream().filter(s -> s.workload().equals(workload) && s.variant().equals(variant)
        && s.implementation().equals(impl)).findFirst();
  }

  /** The ratio of two scores, with its error when both have one (first-order propagation of the two half-widths). */
  static String ratioWithError(Score s, Score raw) {
    double q = s.score() / raw.score();
    if (Double.isNaN(s.error()) || Double.isNaN(raw.error())) {
      return String.format(Locale.ROOT, "%.2f", q);
    }
    double e = q * Math.sqrt(Math.pow(s.error() / s.score(), 2) + Math.pow(raw.error() / raw.score(), 2));
    return String.format(Locale.ROOT, "%.2f ± %.2f", q, e);
  }

  static String num(double x) {
    if (Double.isNaN(x)) {
      return "n/a";
    }
    double a = Math.abs(x);
    return a >= 100 ? String.format(Locale.ROOT, "%,.0f", x) : a >= 1 ? String.format(Locale.ROOT, "%,.2f", x)
        : String.format(Locale.ROOT, "%.3f", x);
  }

  private static String oneLine(String s) {
    String line = s.replace('\n', ' ');
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }
}
