package dev.flecto.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The program the interleaved suite ({@link RoundsSuite}) starts in a JVM of its own for each
 * workload: sets the workload up once, runs its implementations in interleaved rounds
 * ({@link Interleaved}) and writes every measured slice as JSON. The database is
 * {@code FLECTO_BENCH_DATABASE_URL}, else an embedded one.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.RoundsBench --workload=W2 --param=rows=100 \
 *     --warmup-cpu-ms=1500 --rounds=10 --passes=20 --slice-ms=20 --json=w2.json
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.RoundsBench --workload=W8 --concurrency=256 --json=w8.json
 * java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.RoundsBench --workload=W7 --sides=raw,flecto \
 *     --warmup-cpu-ms=2000 --rounds=10 --passes=16 --slice-ms=20 --json=w7.json   # prints the ratios too
 * }</pre>
 */
public final class RoundsBench {
  private RoundsBench() {}

  /**
   * Runs one workload's rounds; the JSON is a list of {@link Interleaved.Slice}.
   *
   * <pre>{@code RoundsBench.main(new String[] {"--workload=W1", "--rounds=5", "--json=w1.json"}); }</pre>
   *
   * @param args {@code --workload=W1..W8} (not W6), {@code --param=name=value} (a JMH {@code @Param}),
   *     {@code --concurrency=N} (W8), {@code --warmup-cpu-ms=N}, {@code --rounds=N}, {@code --passes=N}, {@code --slice-ms=N},
   *     {@code --sides=raw,flecto} (only these implementations; raw among them), {@code --json=FILE}
   */
  public static void main(String[] args) {
    ProgramArgs a = ProgramArgs.parse(args, "workload", "param", "concurrency", "warmup-cpu-ms", "rounds", "passes", "slice-ms",
        "sides", "json");
    String id = a.text("workload").orElseThrow(() -> new IllegalArgumentException("--workload=W.. is required"));
    Suite.Workload w = Suite.select(id).get(0);
    Interleaved.Plan plan = new Interleaved.Plan(Duration.ofMillis(a.atLeast("warmup-cpu-ms", 0, 2_000)),
        a.positive("rounds", 10), a.positive("passes", 1), Duration.ofMillis(a.positive("slice-ms", 500)));
    Path json = a.path("json").orElseThrow(() -> new IllegalArgumentException("--json=FILE is required"));
    List<String> only = a.text("sides").map(ids -> List.of(ids.split(","))).orElse(null);
    List<Interleaved.Slice> slices = slices(w, a.text("param").orElse(""), a.positive("concurrency",
        W8MixedLoad.CONCURRENCY), plan, only);
    RoundsSuite.json(json, slices);
    // The ratios at once, for a quick comparison; the suite's report is where they are kept.
    for (RoundFigures f : RoundFigures.of(slices)) {
      System.out.println(f.implementation() + (f.ops() == null ? " (the baseline)" : ": ops/s " + f.ops().text()
          + ", CPU/op " + f.cpu().text() + ", B/op " + f.bytes().text() + (f.p99() == null ? "" : ", p99 " + f.p99().text())
          + ", client CPU/s " + f.cores().text()));
    }
  }

  /**
   * The sides a run measures: all of them, or only those named, raw among them (every ratio divides
   * by raw's figure in the same round).
   *
   * <pre>{@code RoundsBench.chosen(sides, List.of("raw", "flecto")) }</pre>
   *
   * @param sides the workload's sides
   * @param only the ids to keep, or null for all
   * @return the sides to measure, in their order
   * @throws IllegalArgumentException naming an id that is no side, or when raw is left out
   */
  static List<Interleaved.Side> chosen(List<Interleaved.Side> sides, List<String> only) {
    if (only == null) {
      return sides;
    }
    List<String> ids = sides.stream().map(Interleaved.Side::id).toList();
    for (String id : only) {
      if (!ids.contains(id)) {
        throw new IllegalArgumentException("--sides names '" + id + "', which this workload does not have; its sides are " + ids);
      }
    }
    if (!only.contains(RoundFigures.BASELINE)) {
      throw new IllegalArgumentException("--sides=" + String.join(",", only) + " leaves out " + RoundFigures.BASELINE
          + ", which every ratio divides by; add it");
    }
    return sides.stream().filter(s -> only.contains(s.id())).toList();
  }

  /**
   * Runs one workload's rounds in this JVM, on the database {@code FLECTO_BENCH_DATABASE_URL} names.
   *
   * <pre>{@code RoundsBench.slices(Suite.select("W2").get(0), "rows=100", 0, plan) }</pre>
   *
   * @param w the workload
   * @param param a JMH {@code @Param} as {@code name=value}, or empty
   * @param concurrency W8's operations in flight
   * @param plan how long
   * @return every measured slice
   */
  static List<Interleaved.Slice> slices(Suite.Workload w, String param, int concurrency, Interleaved.Plan plan) {
    return slices(w, param, concurrency, plan, null);
  }

  static List<Interleaved.Slice> slices(Suite.Workload w, String param, int concurrency, Interleaved.Plan plan,
      List<String> only) {
    return w.type() == W8MixedLoad.class ? mixedLoad(concurrency, plan, only)
        : jmh(w, param.isEmpty() ? Map.of() : param(param), plan, only);
  }

  static Map<String, String> param(String nameValue) {
    int eq = nameValue.indexOf('=');
    if (eq < 1) {
      throw new IllegalArgumentException("--param wants name=value, got '" + nameValue + "'");
    }
    return Map.of(nameValue.substring(0, eq), nameValue.substring(eq + 1));
  }

  private static List<Interleaved.Slice> jmh(Suite.Workload w, Map<String, String> params, Interleaved.Plan plan,
      List<String> only) {
    if (!w.jmh()) {
      throw new IllegalArgumentException(w.id() + " is not measured in rounds");
    }
    @SuppressWarnings("unchecked")
    Class<? extends StacksBenchmark> type = (Class<? extends StacksBenchmark>) w.type();
    try (JmhSides sides = JmhSides.open(type, params)) {
      return Interleaved.run(chosen(sides.sides(), only), plan);
    }
  }

  /** W8's sides: each slice a load of {@code concurrency} operations in flight, latency recorded. */
  static List<Interleaved.Slice> mixedLoad(int concurrency, Interleaved.Plan plan, List<String> only) {
    try (W8MixedLoad bench = new W8MixedLoad(concurrency, W8MixedLoad.SEED)) {
      People.create(bench.stacks());
      List<Interleaved.Side> sides = new ArrayList<>();
      List<W8MixedLoad.Side> order = new ArrayList<>(List.of(W8MixedLoad.Side.values()));
      order.sort(Comparator.comparing(s -> !s.id().equals("raw"))); // raw first, the others as listed
      for (W8MixedLoad.Side side : order) {
        sides.add(new Interleaved.Side() {
          @Override
          public String id() {
            return side.id();
          }

          @Override
          public Interleaved.Measured run(Duration slice) {
            ClientMeter.Reading before = ClientMeter.read();
            W8MixedLoad.Result r = bench.slice(side, slice);
            ClientMeter.Usage used = ClientMeter.read().since(before);
            if (!r.ok()) {
              throw new IllegalStateException("W8 " + side.id() + " at " + concurrency + " in flight failed: " + r.failure());
            }
            return new Interleaved.Measured(r.operations(), r.nanos(), used, r.latency());
          }
        });
      }
      return Interleaved.run(chosen(sides, only), plan);
    }
  }
}
