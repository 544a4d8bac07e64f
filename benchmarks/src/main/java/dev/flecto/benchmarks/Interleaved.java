package dev.flecto.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;

/**
 * The interleaved method: every implementation of a workload runs in the same JVM on the same
 * database, first a warm-up of each (none measured before all are warm), then a number of rounds
 * in which each runs short slices, in an order rotated from pass to pass
 * ({@link RoundStats#rotated}; see {@link Plan}). Whatever else the machine does drifts slowly
 * next to a pass, so it hits every implementation of a round alike, and a ratio taken within a
 * round survives it.
 * Each slice is measured in wall time, client CPU time and bytes allocated ({@link ClientMeter}),
 * and, for a load, latency.
 *
 * <pre>{@code
 * List<Interleaved.Slice> slices = Interleaved.run(sides, new Interleaved.Plan(Duration.ofMillis(1500), 10, 20,
 *     Duration.ofMillis(20)));
 * }</pre>
 */
final class Interleaved {
  private Interleaved() {}

  /**
   * One implementation of a workload, as the rounds run it.
   *
   * <pre>{@code Interleaved.Side s = Interleaved.operations("raw", () -> bench.raw(), null); }</pre>
   */
  interface Side {
    /** The implementation id ({@code raw}, {@code flecto}, {@code raw-copy}, ...). */
    String id();

    /**
     * Runs the implementation for about {@code slice}, and at least one operation, measuring it.
     *
     * @param slice how long
     * @return what the slice did and spent
     */
    Measured run(Duration slice);
  }

  /**
   * What one slice did and spent.
   *
   * <pre>{@code m.ops() * 1e9 / m.nanos() // ops/s }</pre>
   *
   * @param ops operations completed
   * @param nanos wall time of the operations
   * @param usage client CPU time and bytes allocated during them
   * @param latency each operation's latency in nanoseconds, or null when not recorded
   */
  record Measured(long ops, long nanos, ClientMeter.Usage usage, Histogram latency) {
    /** Two slices of one side as one. */
    Measured plus(Measured o) {
      Histogram h = latency;
      if (o.latency != null) {
        h = h == null ? o.latency.copy() : h.copy();
        if (latency != null) {
          h.add(o.latency);
        }
      }
      return new Measured(ops + o.ops, nanos + o.nanos, usage.plus(o.usage), h);
    }
  }

  /**
   * How long to warm up and to measure. A warm-up lasts until the implementation has spent
   * {@code warmupCpu} of client CPU time (and at least one slice), at most half a minute: on a
   * busy machine a wall-clock warm-up leaves the JIT half done, a CPU-time one does the same work
   * however busy the machine is. A round is {@code passes} passes over the implementations, each
   * pass in the next rotated order, each implementation one slice a pass; what a round measures
   * of an implementation is the sum of its slices. Short slices in many passes interleave the
   * implementations finely (a burst of other work on a 2-core machine lasts longer than a slice of
   * 20 ms, so it meets every implementation), and summing them into rounds gives each round
   * enough operations for a ratio.
   *
   * <pre>{@code new Interleaved.Plan(Duration.ofMillis(1500), 10, 20, Duration.ofMillis(20)) }</pre>
   *
   * @param warmupCpu each implementation's warm-up in client CPU time, all before the first round
   * @param rounds measured rounds
   * @param passes passes a round, at least 1
   * @param slice each implementation's time in a pass
   */
  record Plan(Duration warmupCpu, int rounds, int passes, Duration slice) {}

  // The longest a side's warm-up runs, whatever CPU time it reached; and the longest the JIT gets to settle.
  private static final Duration WARMUP_LIMIT = Duration.ofSeconds(30);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

  /**
   * One implementation's slice of one round, as the suite's JSON keeps it.
   *
   * <pre>{@code slice.opsPerSecond() }</pre>
   *
   * @param round the round, from 0
   * @param position where in the round's order it ran, from 0
   * @param implementation who ran
   * @param ops operations completed
   * @param nanos wall time
   * @param cpuNanos client CPU time
   * @param bytes bytes allocated on the client
   * @param p50Ms median latency in milliseconds, NaN when not recorded
   * @param p99Ms 99th percentile latency in milliseconds, NaN when not recorded
   */
  record Slice(int round, int position, String implementation, long ops, long nanos, long cpuNanos, long bytes,
      double p50Ms, double p99Ms) {
    /** Completed operations per second of wall time. */
    double opsPerSecond() {
      return ops * 1e9 / nanos;
    }

    /** Client CPU nanoseconds per operation. */
    double cpuNanosPerOp() {
      return (double) cpuNanos / ops;
    }

    /** Client bytes allocated per operation. */
    double bytesPerOp() {
      return (double) bytes / ops;
    }

    /**
     * Client CPU seconds per second of wall time: how many cores the client kept busy. It is
     * ops/s times CPU/op, so where two implementations keep the client equally busy, the client's
     * CPU is what bounded both, and the one that needs more CPU an operation does fewer operations.
     */
    double clientCores() {
      return (double) cpuNanos / nanos;
    }
  }

  /**
   * Warms up every side, then runs the rounds.
   *
   * <pre>{@code Interleaved.run(sides, plan) }</pre>
   *
   * @param sides the implementations, in their listed order (round 0 runs them so)
   * @param plan how long
   * @return every measured slice, round by round
   */
  static List<Slice> run(List<Side> sides, Plan plan) {
    // A plan without a warm-up (the build's tests) skips the settling too.
    if (!plan.warmupCpu().isZero()) {
      for (Side s : sides) {
        warmUp(s, plan);
      }
      settle(sides, plan);
    }
    List<Slice> slices = new ArrayList<>();
    for (int round = 0; round < plan.rounds(); round++) {
      Map<String, Measured> sums = new LinkedHashMap<>();
      Map<String, Integer> firstPosition = new LinkedHashMap<>();
      for (int pass = 0; pass < plan.passes(); pass++) {
        List<Side> order = RoundStats.rotated(sides, round * plan.passes() + pass);
        for (int position = 0; position < order.size(); position++) {
          Side s = order.get(position);
          sums.merge(s.id(), s.run(plan.slice()), Measured::plus);
          firstPosition.putIfAbsent(s.id(), position);
        }
      }
      for (Map.Entry<String, Measured> e : sums.entrySet()) {
        Measured m = e.getValue();
        Histogram h = m.latency();
        slices.add(new Slice(round, firstPosition.get(e.getKey()), e.getKey(), m.ops(), m.nanos(), m.usage().cpuNanos(),
            m.usage().bytes(), h == null ? Double.NaN : h.getValueAtPercentile(50) / 1e6,
            h == null ? Double.NaN : h.getValueAtPercentile(99) / 1e6));
      }
      System.err.printf(Locale.ROOT, "# round %d of %d done%n", round + 1, plan.rounds());
    }
    return slices;
  }

  /**
   * Runs passes of one slice a side until the JIT is quiet: a pass in which the compilers worked
   * less than {@value #QUIET_COMPILATION} of its time. A warm-up by time or by CPU alone may end
   * with the compilers' queue still full on a busy machine, and then the first rounds measure
   * code half compiled (slower rounds that trail off, not noise).
   */
  static void settle(List<Side> sides, Plan plan) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long end = System.nanoTime() + SETTLE_LIMIT.toNanos();
    int passes = 0;
    double share;
    do {
      long compiling = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      for (int pass = 0; pass < plan.passes(); pass++) {
        for (Side s : sides) {
          s.run(plan.slice());
        }
      }
      share = (jit.getTotalCompilationTime() - compiling) * 1e6 / (System.nanoTime() - start);
      passes++;
    } while (share > QUIET_COMPILATION && System.nanoTime() - end < 0);
    System.err.printf(Locale.ROOT, "# JIT %s after %d pass(es): %.1f%% of the last compiling%n",
        share > QUIET_COMPILATION ? "still busy" : "quiet", passes, share * 100);
  }

  // A pass is quiet when the compilers worked less than this share of its wall time.
  static final double QUIET_COMPILATION = 0.02;

  /** Runs the side in slices until it spent the plan's warm-up CPU time, or for the limit. */
  static void warmUp(Side s, Plan plan) {
    long cpu = 0;
    long end = System.nanoTime() + WARMUP_LIMIT.toNanos();
    do {
      cpu += s.run(plan.slice()).usage().cpuNanos();
    } while (cpu < plan.warmupCpu().toNanos() && System.nanoTime() - end < 0);
    System.err.printf(Locale.ROOT, "# %s warmed up: %.1f s of client CPU%n", s.id(), cpu / 1e9);
  }

  /**
   * A side of one blocking operation at a time, run back to back: measured over the whole slice,
   * or, when {@code beforeEach} is given (a per-operation setup such as emptying a table),
   * operation by operation with the setup left out of time, CPU and bytes.
   *
   * <pre>{@code Interleaved.operations("raw", bench::raw, null) }</pre>
   *
   * @param id the implementation id
   * @param op one operation; its result is kept from being optimised away
   * @param beforeEach run before every operation, unmeasured; or null
   * @return the side
   */
  static Side operations(String id, Callable<Object> op, Runnable beforeEach) {
    return new Side() {
      // Results folded in here, so that no operation's result is dead code.
      private int sink;

      @Override
      public String id() {
        return id;
      }

      @Override
      public Measured run(Duration slice) {
        long ops = 0;
        long nanos = 0;
        ClientMeter.Usage usage = ClientMeter.Usage.NONE;
        long end = System.nanoTime() + slice.toNanos();
        if (beforeEach == null) {
          ClientMeter.Reading before = ClientMeter.read();
          long start = System.nanoTime();
          do {
            sink += call(op);
            ops++;
          } while (System.nanoTime() - end < 0);
          nanos = System.nanoTime() - start;
          usage = ClientMeter.read().since(before);
        } else {
          do {
            beforeEach.run();
            ClientMeter.Reading before = ClientMeter.read();
            long start = System.nanoTime();
            sink += call(op);
            nanos += System.nanoTime() - start;
            usage = usage.plus(ClientMeter.read().since(before));
            ops++;
          } while (System.nanoTime() - end < 0);
        }
        return new Measured(ops, nanos, usage, null);
      }
    };
  }

  private static int call(Callable<Object> op) {
    try {
      return System.identityHashCode(op.call());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
