package dev.flecto.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who is expected in each workload, and why someone is missing: the report shows every
 * implementation of every workload, with "not yet" for a Flecto feature that does not exist and the
 * reason a peer cannot do a workload, instead of leaving a gap.
 *
 * <pre>{@code Peers.cannot(Suite.WORKLOADS, scores) }</pre>
 */
final class Peers {
  /** The implementations every workload is expected to have, in report order. */
  static final List<String> EXPECTED = List.of("flecto", "raw", "spring", "jooq", "jdbc");

  /** Why an implementation does not run a workload, by workload and implementation (none at present). */
  static final Map<String, Map<String, String>> REASONS = Map.of();

  /** What the report says about how a peer ran a workload it has no direct API for, by workload and implementation. */
  static final Map<String, Map<String, String>> NOTES = Map.of(
      "W4", Map.of("spring", W4InsertAll.SPRING_CANNOT),
      "W6", Map.of("spring", "R2dbcEntityTemplate sets no fetch size: the SELECT runs unpaged and the driver reads "
          + "rows as they are demanded (TCP backpressure), so the server statement stays busy as long as the consumer"));

  private Peers() {}

  /**
   * A skipped score for each expected implementation that has none in a workload that ran.
   *
   * @param workloads the workloads of the run
   * @param scores what ran
   * @return the skipped scores, with their reasons
   */
  static List<Score> cannot(List<Suite.Workload> workloads, List<Score> scores) {
    List<Score> missing = new ArrayList<>();
    for (Suite.Workload w : workloads) {
      List<String> variants = scores.stream().filter(s -> s.workload().equals(w.id())).map(Score::variant).distinct().toList();
      for (String variant : variants) {
        for (String impl : EXPECTED) {
          boolean present = scores.stream().anyMatch(s -> s.workload().equals(w.id()) && s.variant().equals(variant)
              && s.implementation().equals(impl));
          if (!present) {
            String reason = REASONS.getOrDefault(w.id(), Map.of()).get(impl);
            missing.add(Score.skipped(w.id(), variant, impl,
                reason != null ? reason : impl.equals("flecto") ? "not yet" : "not implemented in the suite"));
          }
        }
      }
    }
    return missing;
  }
}
