package dev.flecto.it;

import dev.flecto.DatabaseException;
import dev.flecto.it.FuzzPlan.Cut;
import dev.flecto.it.FuzzPlan.Op;
import dev.flecto.it.FuzzPlan.Trial;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The failures of a run of {@link CancellationFuzzIT}, by batch, each batch with the trials that ran in
 * it; with the run's summary, the descriptions of errors, and the errors a trial raises on purpose, on
 * a wrong result or on a hang.
 */
final class FuzzReport {
  private final long seed;
  private final int trials;
  private final int batchSize;
  private final int poolSize;
  private final String replay;
  private final List<String> batches = new ArrayList<>();
  private final Set<Integer> reportedHalfPairs = new HashSet<>();
  String stopped;

  FuzzReport(long seed, int trials, int batchSize, int poolSize, String replay) {
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

  static String summary(List<Trial> all, int batches, long elapsedMs, Map<String, AtomicInteger> dropped) {
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

  static String describe(Throwable e) {
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

  static String describeShort(Throwable e) {
    String state = e instanceof DatabaseException d ? " [SQLSTATE " + d.sqlState() + "]" : "";
    return e.getClass().getName() + state + ": " + abbreviate(e.getMessage(), 160);
  }

  private static String abbreviate(String s, int max) {
    if (s == null) {
      return "(no message)";
    }
    return s.length() <= max ? s : s.substring(0, max) + "...";
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
      super("trial #" + t.index + " (" + t.description + ") did not end within " + FuzzOperations.TRIAL_BOUND);
    }
  }
}
