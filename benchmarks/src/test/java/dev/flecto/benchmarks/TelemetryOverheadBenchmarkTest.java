package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the telemetry benchmark from rotting: the three sides read the same record, and the listener is told. */
class TelemetryOverheadBenchmarkTest {
  @Test
  void theThreeSidesReadTheSameRecordAndTheListenerIsTold() {
    TelemetryOverheadBenchmark bench = new TelemetryOverheadBenchmark();
    bench.setup();
    try {
      long before = bench.told();
      BenchPerson none = bench.none(7);
      assertThat(none.id()).isEqualTo(7L);
      assertThat(bench.counted(7)).isEqualTo(none);
      assertThat(bench.logged(7)).isEqualTo(none);
      assertThat(bench.told() - before).as("one event for the counted get").isEqualTo(1L);
    } finally {
      bench.tearDown();
    }
  }
}
