package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report written from the committed runs ({@code results/rounds-N.json}), as {@code suite.sh --report=yes} writes it. */
class RoundsReportTest {
  @Test
  void everyWorkloadHasItsClientCpuASecondBesideItsOtherRatios() {
    List<RoundsSuite.Run> runs = RoundsSuite.read(Path.of("."));
    assertThat(runs).hasSize(3);
    String md = new RoundsReport(RoundsSuite.Profile.FULL, "2026-12-07", runs).markdown();
    List<String> rows = md.lines().filter(l -> l.contains("| client CPU/s |")).toList();
    // One row a workload and variant that ran, as many as of B/op: W1..W5, W7, W8 at three levels, the durable ones.
    long byteRows = md.lines().filter(l -> l.matches("\\| W[^|]* \\| B/op \\|.*")).count();
    assertThat(byteRows).isGreaterThanOrEqualTo(10);
    assertThat(rows).hasSize((int) byteRows);
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("| W8 mixed load").contains("(64 in flight)"));
    for (String row : rows) {
      // A ratio with its interval, or the refusal, in each run's cell: never a bare number.
      assertThat(row.split("\\|")).allSatisfy(cell -> assertThat(cell.strip())
          .matches("|W.*|client CPU/s|[0-9.]+ \\[[0-9.]+, [0-9.]+\\]|\\*too short: .*\\*|\\(?[0-9.]+\\)?|—"));
    }
    assertThat(md).contains("**client CPU/s** ratio");
  }
}
