package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The interleaved method without a database: every side warmed before any is measured, the rounds
 * in rotated order, slices summed into rounds, and the client meter's CPU time and bytes.
 */
class InterleavedTest {
  /** A side that records when it ran and measures nothing real. */
  private static Interleaved.Side side(String id, List<String> log) {
    return new Interleaved.Side() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Interleaved.Measured run(Duration slice) {
        log.add(id);
        Histogram h = new Histogram(3);
        h.recordValue(1_000_000);
        return new Interleaved.Measured(10, 1_000_000, new ClientMeter.Usage(5_000, 800), h);
      }
    };
  }

  @Test
  void aWarmUpLastsUntilTheSideSpentItsCpuTime() {
    List<String> log = new ArrayList<>();
    // Each fake slice spends 5 us of CPU: 12 us take three slices.
    Interleaved.warmUp(side("raw", log), new Interleaved.Plan(Duration.ofNanos(12_000), 1, 1, Duration.ofMillis(1)));
    assertThat(log).containsExactly("raw", "raw", "raw");
  }

  @Test
  void roundsRotateTheOrderPassByPassAndSumTheirSlices() {
    List<String> log = new ArrayList<>();
    List<Interleaved.Side> sides = List.of(side("raw", log), side("flecto", log), side("spring", log));
    // No warm-up (and so no waiting for the JIT): only the measured rounds run.
    List<Interleaved.Slice> slices = Interleaved.run(sides, new Interleaved.Plan(Duration.ZERO, 3, 2,
        Duration.ofMillis(1)));

    // Round r, pass p runs the order rotated by 2r + p.
    assertThat(log).containsExactly("raw", "flecto", "spring", "flecto", "spring", "raw",
        "spring", "raw", "flecto", "raw", "flecto", "spring",
        "flecto", "spring", "raw", "spring", "raw", "flecto");
    assertThat(slices).hasSize(9);
    Interleaved.Slice first = slices.get(0);
    assertThat(first.round()).isZero();
    assertThat(first.ops()).isEqualTo(20); // two passes summed
    assertThat(first.nanos()).isEqualTo(2_000_000);
    assertThat(first.opsPerSecond()).isEqualTo(10_000);
    assertThat(first.cpuNanosPerOp()).isEqualTo(500);
    assertThat(first.bytesPerOp()).isEqualTo(80);
    assertThat(first.p99Ms()).isBetween(0.99, 1.01);
  }

  @Test
  void anOperationsSideLeavesItsPerOperationSetupOutOfTheMeasurement() throws Exception {
    AtomicLong calls = new AtomicLong();
    Interleaved.Side plain = Interleaved.operations("raw", () -> new byte[1024], null);
    Interleaved.Measured m = plain.run(Duration.ofMillis(20));
    assertThat(m.ops()).isPositive();
    assertThat(m.latency()).isNull();
    assertThat(m.usage().bytes() / m.ops()).as("bytes an operation").isGreaterThanOrEqualTo(1024);

    Interleaved.Side withSetup = Interleaved.operations("raw", calls::incrementAndGet, () -> sleep(5));
    Interleaved.Measured s = withSetup.run(Duration.ofMillis(30));
    assertThat(s.ops()).isEqualTo(calls.get()).isPositive();
    // The setup sleeps 5 ms before every operation; none of it is in the measured time.
    assertThat(s.nanos()).isLessThan(s.ops() * 5_000_000L / 2);
  }

  @Test
  void theMeterCountsTheWorkOfEveryThreadAndKeepsARetiredOnesCounters() throws Exception {
    ClientMeter.Reading before = ClientMeter.read();
    Thread t = new Thread(() -> {
      byte[][] keep = new byte[64][];
      for (int i = 0; i < keep.length; i++) {
        keep[i] = new byte[16 * 1024];
      }
      // Spin until this thread has had 10 ms of CPU, however busy the machine (a wall-clock spin may get less).
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long end = threads.getCurrentThreadCpuTime() + 10_000_000;
      long x = 0;
      while (threads.getCurrentThreadCpuTime() < end) {
        x += keep.length;
      }
      if (x == 42) {
        System.out.println(x);
      }
      ClientMeter.retire();
    });
    t.start();
    t.join();
    ClientMeter.Usage used = ClientMeter.read().since(before);
    assertThat(used.bytes()).isGreaterThanOrEqualTo(64 * 16 * 1024);
    // The thread has ended: its counters come only from what it left when it retired.
    assertThat(t.isAlive()).isFalse();
    assertThat(used.cpuNanos()).isGreaterThanOrEqualTo(10_000_000);
  }

  @Test
  void figuresAreRatiosToRawRoundByRound() {
    List<Interleaved.Slice> slices = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      double load = 1 + r; // the machine gets busier each round: both sides alike
      slices.add(new Interleaved.Slice(r, 0, "raw", 1_000, (long) (1e9 * load), (long) (100_000_000 * load), 20_000_000,
          Double.NaN, Double.NaN));
      slices.add(new Interleaved.Slice(r, 1, "flecto", 800, (long) (1e9 * load), (long) (100_000_000 * load), 20_000_000,
          Double.NaN, Double.NaN));
    }
    List<RoundFigures> figures = RoundFigures.of(slices);
    assertThat(figures).extracting(RoundFigures::implementation).containsExactly("raw", "flecto");
    RoundFigures raw = figures.get(0);
    assertThat(raw.ops()).isNull();
    RoundFigures flecto = figures.get(1);
    assertThat(flecto.ops().value()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(flecto.ops().usable()).isTrue();
    assertThat(flecto.cpu().value()).isCloseTo(1.25, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(flecto.bytes().value()).isCloseTo(1.25, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(flecto.p99()).isNull();
    // Both kept the client equally busy (CPU a second of wall time): the client's CPU bounded both.
    assertThat(flecto.cores().value()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(Map.of("rounds", flecto.rounds())).containsEntry("rounds", 6);
  }

  @Test
  void clientCpuASecondTellsAClientThatWaitedOnSomethingElse() {
    List<Interleaved.Slice> slices = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      // Same CPU an operation, but flecto's operations took longer than their CPU: it did fewer a second, and its
      // client was busy half as much, so what held it back was not its CPU.
      slices.add(new Interleaved.Slice(r, 0, "raw", 1_000, 1_000_000_000L, 800_000_000L, 20_000_000, Double.NaN, Double.NaN));
      slices.add(new Interleaved.Slice(r, 1, "flecto", 500, 1_000_000_000L, 400_000_000L, 10_000_000, Double.NaN, Double.NaN));
    }
    RoundFigures flecto = RoundFigures.of(slices).get(1);
    assertThat(flecto.ops().value()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(flecto.cpu().value()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(flecto.cores().value()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(RoundFigures.of(slices).get(0).cores()).isNull();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
