package dev.flecto.benchmarks;

import java.util.Map;

/**
 * One result of the benchmark suite: how fast one implementation ran one workload (in one variant),
 * or why it did not run. JMH workloads give operations per second with JMH's 99.9% error; the
 * programs (W6 stream, W8 mixed load) give their own unit and extra figures (latency percentiles,
 * heap). The suite's JSON is a list of these; the report divides each score by the score of
 * implementation {@code raw} in the same workload and variant.
 *
 * <pre>{@code
 * new Score("W1", "", "flecto", "ops/s", 4_700, 300, Map.of(), null);
 * Score.skipped("W7", "", "flecto", "not yet");
 * }</pre>
 *
 * @param workload the workload's id, {@code W1}..{@code W8}
 * @param variant the variant within the workload ({@code "rows=100"}), empty when there is one
 * @param implementation who ran it: {@code flecto}, {@code raw} (the baseline), a raw variant
 *     ({@code raw-copy}, {@code raw-sequential}), {@code spring}, {@code jooq}, {@code jdbc}, or a
 *     peer's variant ({@code jooq-multiset})
 * @param unit the score's unit ({@code ops/s}, {@code rows/s})
 * @param score higher is better; NaN when it did not run
 * @param error the 99.9% half-width of the score, NaN when unknown
 * @param extra other figures by name ({@code "p50 ms"}, {@code "p99 ms"}, {@code "peak heap MB"})
 * @param note why it did not run ({@code "not yet"}, or what the peer cannot do), else null
 */
public record Score(String workload, String variant, String implementation, String unit, double score,
    double error, Map<String, Double> extra, String note) {

  /** The canonical constructor: copies {@code extra}, which may be null. */
  public Score {
    extra = extra == null ? Map.of() : Map.copyOf(extra);
    variant = variant == null ? "" : variant;
  }

  /**
   * A workload an implementation did not run, and why.
   *
   * <pre>{@code Score.skipped("W4", "", "spring", "no bulk insert API in R2dbcEntityTemplate") }</pre>
   *
   * @param workload the workload's id
   * @param variant the variant, or empty
   * @param implementation who did not run it
   * @param note why
   * @return the score, with a NaN score
   */
  public static Score skipped(String workload, String variant, String implementation, String note) {
    return new Score(workload, variant, implementation, "", Double.NaN, Double.NaN, Map.of(), note);
  }

  /**
   * Whether it ran.
   *
   * <pre>{@code if (m.ran()) { ... } }</pre>
   *
   * @return true when the score is a number
   */
  public boolean ran() {
    return !Double.isNaN(score);
  }
}
