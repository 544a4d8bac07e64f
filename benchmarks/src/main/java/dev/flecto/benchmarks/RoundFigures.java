package dev.flecto.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One implementation's figures in one run of one workload by the interleaved method: the medians
 * of its slices (ops/s, client CPU ns/op, B/op, p99), and each figure's ratio to raw's in the same
 * round, summarised with a 95% interval over the rounds ({@link RoundStats#ratio}). Raw's own
 * ratios are null.
 *
 * <pre>{@code
 * for (RoundFigures f : RoundFigures.of(slices)) { f.ops().text(); }
 * }</pre>
 *
 * @param implementation the implementation id
 * @param rounds rounds measured
 * @param opsPerSecond median over the rounds
 * @param cpuNanosPerOp median client CPU time an operation, in nanoseconds
 * @param bytesPerOp median bytes allocated on the client an operation
 * @param p99Ms median p99 latency in milliseconds (NaN unless a load)
 * @param ops ops/s over raw's (higher is faster)
 * @param cpu CPU ns/op over raw's (lower is cheaper)
 * @param bytes B/op over raw's (lower is cheaper)
 * @param p99 p99 latency over raw's (lower is better), null unless a load
 * @param cores client CPU seconds per wall second over raw's ({@link Interleaved.Slice#clientCores}):
 *     near 1 when the client's CPU bounded both sides' throughput alike
 */
record RoundFigures(String implementation, int rounds, double opsPerSecond, double cpuNanosPerOp, double bytesPerOp,
    double p99Ms, RoundStats.Ratio ops, RoundStats.Ratio cpu, RoundStats.Ratio bytes, RoundStats.Ratio p99,
    RoundStats.Ratio cores) {

  /** The implementation every ratio divides by. */
  static final String BASELINE = "raw";

  /**
   * The figures of every implementation among the slices, in the order they first appear (raw
   * first when the rounds listed it first).
   *
   * <pre>{@code RoundFigures.of(slices) }</pre>
   *
   * @param slices one workload's slices of one run
   * @return one figure set an implementation
   */
  static List<RoundFigures> of(List<Interleaved.Slice> slices) {
    Map<String, Map<Integer, Interleaved.Slice>> byImpl = new LinkedHashMap<>();
    for (Interleaved.Slice s : slices) {
      byImpl.computeIfAbsent(s.implementation(), k -> new LinkedHashMap<>()).put(s.round(), s);
    }
    Map<Integer, Interleaved.Slice> raw = byImpl.getOrDefault(BASELINE, Map.of());
    List<RoundFigures> out = new ArrayList<>();
    for (Map.Entry<String, Map<Integer, Interleaved.Slice>> e : byImpl.entrySet()) {
      List<Interleaved.Slice> own = List.copyOf(e.getValue().values());
      boolean load = own.stream().anyMatch(s -> !Double.isNaN(s.p99Ms()));
      boolean baseline = e.getKey().equals(BASELINE) || raw.isEmpty();
      out.add(new RoundFigures(e.getKey(), own.size(), median(own, Interleaved.Slice::opsPerSecond),
          median(own, Interleaved.Slice::cpuNanosPerOp), median(own, Interleaved.Slice::bytesPerOp),
          load ? median(own, Interleaved.Slice::p99Ms) : Double.NaN,
          baseline ? null : ratio(e.getValue(), raw, Interleaved.Slice::opsPerSecond),
          baseline ? null : ratio(e.getValue(), raw, Interleaved.Slice::cpuNanosPerOp),
          baseline ? null : ratio(e.getValue(), raw, Interleaved.Slice::bytesPerOp),
          baseline || !load ? null : ratio(e.getValue(), raw, Interleaved.Slice::p99Ms),
          baseline ? null : ratio(e.getValue(), raw, Interleaved.Slice::clientCores)));
    }
    return out;
  }

  /** The ratio of a figure to raw's, round by round, over the rounds both ran. */
  static RoundStats.Ratio ratio(Map<Integer, Interleaved.Slice> impl, Map<Integer, Interleaved.Slice> raw,
      ToDoubleFunction<Interleaved.Slice> figure) {
    List<Double> perRound = new ArrayList<>();
    for (Map.Entry<Integer, Interleaved.Slice> e : impl.entrySet()) {
      Interleaved.Slice base = raw.get(e.getKey());
      if (base != null) {
        perRound.add(figure.applyAsDouble(e.getValue()) / figure.applyAsDouble(base));
      }
    }
    return RoundStats.ratio(perRound.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static double median(List<Interleaved.Slice> slices, ToDoubleFunction<Interleaved.Slice> figure) {
    double[] v = slices.stream().mapToDouble(figure).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  @Override
  public String toString() {
    return implementation + " " + Arrays.asList(ops, cpu, bytes, p99, cores);
  }
}
