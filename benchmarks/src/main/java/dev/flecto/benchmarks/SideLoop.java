package dev.flecto.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the chosen implementations of one workload, one after another, each for a while, and prints
 * each one's operations a second, client CPU time and bytes allocated per operation: the loop to put
 * under a profiler (JFR's allocation and execution samples) when a ratio of the suite says an
 * implementation costs more than raw, and a quick check of a change's bytes per operation without a
 * whole suite run. Its figures are one stretch each, not the suite's interleaved rounds: steer by
 * the suite.
 *
 * <pre>{@code
 * java -XX:StartFlightRecording=filename=w3.jfr,settings=profile -cp benchmarks/target/benchmarks.jar \
 *     dev.flecto.benchmarks.SideLoop --workload=W3 --sides=flecto --seconds=30
 * jfr print --events jdk.ObjectAllocationSample w3.jfr
 * }</pre>
 */
public final class SideLoop {
  private SideLoop() {}

  /**
   * Sets up the workload's trial, warms each chosen side for {@code --warmup} seconds, then runs it
   * for {@code --seconds} and prints its figures.
   *
   * <pre>{@code SideLoop.main(new String[] {"--workload=W7", "--sides=raw,flecto", "--seconds=10"}); }</pre>
   *
   * @param args {@code --workload=W1..W7} (not W6, W8), {@code --param=name=value}, {@code --sides=a,b}
   *     (default raw and flecto), {@code --warmup=N} seconds (default 10), {@code --seconds=N} (default 20)
   */
  public static void main(String[] args) {
    ProgramArgs a = ProgramArgs.parse(args, "workload", "param", "sides", "warmup", "seconds");
    String id = a.text("workload").orElseThrow(() -> new IllegalArgumentException("--workload=W.. is required"));
    Suite.Workload w = Suite.select(id).get(0);
    if (!w.jmh()) {
      throw new IllegalArgumentException(w.id() + " is not run by SideLoop");
    }
    List<String> wanted = List.of(a.text("sides").orElse("raw,flecto").split(","));
    Duration warmup = Duration.ofSeconds(a.atLeast("warmup", 0, 10));
    Duration run = Duration.ofSeconds(a.positive("seconds", 20));
    @SuppressWarnings("unchecked")
    Class<? extends StacksBenchmark> type = (Class<? extends StacksBenchmark>) w.type();
    Map<String, String> params = a.text("param").map(RoundsBench::param).orElse(Map.of());
    try (JmhSides sides = JmhSides.open(type, params)) {
      for (Interleaved.Side side : sides.sides()) {
        if (!wanted.contains(side.id())) {
          continue;
        }
        if (!warmup.isZero()) {
          side.run(warmup);
        }
        Interleaved.Measured m = side.run(run);
        System.out.printf("%s %s: %,.0f ops/s, %,.1f us CPU/op, %,d B/op (%,d operations)%n", w.id(), side.id(),
            m.ops() * 1e9 / m.nanos(), m.usage().cpuNanos() / 1e3 / m.ops(), m.usage().bytes() / m.ops(), m.ops());
      }
    }
  }
}
