package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.benchmarks.StreamBenchmark.Run;
import dev.flecto.benchmarks.StreamBenchmark.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps {@link StreamBenchmark} from rotting: both sides, both consumers, on 20,000 rows, see the same rows. */
class StreamBenchmarkTest {
  private static final int ROWS = 20_000;

  @Test
  void flectoAndTheRawCursorLoopSeeTheSameRowsFastAndSlow() {
    try (StreamBenchmark bench = new StreamBenchmark(ROWS, 500, 1_000)) {
      List<Run> runs = List.of(bench.run(Side.FLECTO, false), bench.run(Side.RAW, false),
          bench.run(Side.FLECTO, true), bench.run(Side.RAW, true));
      long expected = 0;
      for (long id = 1; id <= ROWS; id++) {
        expected += id * 1_000_003L + (id % 1000) * 31L + ("event " + id).hashCode();
      }
      for (Run run : runs) {
        assertThat(run.rows()).as("%s", run).isEqualTo(ROWS);
        assertThat(run.checksum()).as("%s", run).isEqualTo(expected);
        assertThat(run.rowsPerSecond()).isPositive();
        assertThat(run.peakUsed()).isPositive();
      }
      List<Run> measured = bench.measureAll(1);
      assertThat(measured).hasSize(4);
      String report = bench.report(measured);
      assertThat(report).contains("| Flecto repo.stream | fast | 20,000 |").contains("| raw r2dbc DECLARE/FETCH loop | slow (1 ms every 1000 rows) |");
    }
  }
}
