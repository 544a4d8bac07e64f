package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.benchmarks.W6Stream.Measurement;
import dev.flecto.benchmarks.W6Stream.Run;
import dev.flecto.benchmarks.W6Stream.Side;
import dev.flecto.benchmarks.W6Stream.Skip;
import io.r2dbc.pool.PoolMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@link W6Stream} from rotting: every side, fast and slow, on 10,000 rows, sees the rows
 * seeded; the scores are what the suite reads back; the program's arguments and JSON work end to end.
 */
class W6StreamTest {
  private static final int ROWS = 10_000;

  @Test
  void everySideSeesTheSeededRowsFastAndSlowAndIsScored(@TempDir Path dir) {
    long sum = 0;
    for (long id = 1; id <= ROWS; id++) {
      sum += id * 1_000_003L + (id % 1000) * 31L + ("event " + id).hashCode();
    }
    long expected = sum;
    assertThat(W6Stream.expectedChecksum(ROWS)).isEqualTo(expected);
    try (W6Stream bench = new W6Stream(ROWS, 500, 1_000)) {
      Measurement m = bench.measureAll(2, List.of(Side.values()));
      assertThat(m.skips()).isEmpty();
      assertThat(m.failed()).isFalse();
      // Two fast runs and a slow one of each side, each with every row seeded (measureAll throws otherwise).
      assertThat(m.runs()).hasSize(3 * Side.values().length).allSatisfy(r -> {
        assertThat(r.rows()).as("%s", r).isEqualTo(ROWS);
        assertThat(r.checksum()).as("%s", r).isEqualTo(expected);
        assertThat(r.peakUsed()).isPositive();
      });
      assertThat(m.runs()).filteredOn(Run::slow).extracting(Run::side).containsExactly(Side.values());
      // No stream left a connection behind, whichever way it ended.
      assertThat(bench.stacks().pool().getMetrics().map(PoolMetrics::acquiredSize)).contains(0);
      assertThat(bench.stacks().jdbc().getHikariPoolMXBean().getActiveConnections()).isZero();

      List<Score> scores = W6Stream.scores(m);
      assertThat(scores).extracting(Score::implementation).containsExactly("flecto", "raw", "spring", "jooq", "jdbc");
      for (Score s : scores) {
        assertThat(s.workload()).isEqualTo("W6");
        assertThat(s.variant()).isEmpty();
        assertThat(s.unit()).isEqualTo("rows/s");
        assertThat(s.score()).isPositive();
        assertThat(s.error()).isNotNaN().isNotNegative();
        assertThat(s.extra()).containsOnlyKeys("peak heap MB", "heap after GC MB", "slow consumer rows/s");
        assertThat(s.extra().values()).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(s.note()).isNull();
      }
      Path json = dir.resolve("w6.json");
      Scores.write(json, scores);
      assertThat(Scores.read(json)).isEqualTo(scores);

      assertThat(bench.report(m)).contains("### W6: streaming 10,000 rows, 500 a fetch")
          .contains("| jdbc | JDBC setFetchSize, ResultSet loop |")
          .contains("| spring | slow (1 ms every 1000 rows) | 10,000 |");
    }
  }

  @Test
  void aSideThatRanOutOfMemoryIsScoredAsSkippedAndTheOthersStand() {
    Run fast = new Run(Side.RAW, false, 10, 1, 1_000_000_000L, 3 << 20, 2 << 20);
    Run slow = new Run(Side.RAW, true, 10, 1, 2_000_000_000L, 4 << 20, 1 << 20);
    Measurement m = new Measurement(List.of(Side.SPRING, Side.RAW), List.of(fast, slow),
        Map.of(Side.SPRING, new Skip(true, "ran out of memory under -Xmx64m in the slow run")));
    assertThat(m.failed()).isFalse();
    List<Score> scores = W6Stream.scores(m);
    assertThat(scores.get(0)).isEqualTo(Score.skipped("W6", "", "spring", "ran out of memory under -Xmx64m in the slow run"));
    assertThat(scores.get(1).score()).isEqualTo(10.0);
    assertThat(scores.get(1).error()).isNaN(); // one round: no spread
    assertThat(scores.get(1).extra()).containsEntry("peak heap MB", 4.0).containsEntry("heap after GC MB", 2.0)
        .containsEntry("slow consumer rows/s", 5.0);
    assertThat(new Measurement(List.of(Side.RAW), List.of(), Map.of(Side.RAW, new Skip(false, "failed"))).failed()).isTrue();
  }

  @Test
  void theProgramWritesOneScorePerSideAsked(@TempDir Path dir) {
    Path json = dir.resolve("out/w6.json");
    W6Stream.main(new String[] {"--rows=2_000", "--fetch=300", "--rounds=1", "--slow-every=1000", "--sides=jdbc,flecto",
        "--json=" + json});
    List<Score> scores = Scores.read(json);
    assertThat(scores).extracting(Score::implementation).containsExactly("jdbc", "flecto");
    assertThat(scores).allSatisfy(s -> {
      assertThat(s.score()).isPositive();
      assertThat(s.error()).isNaN();
    });
    assertThatThrownBy(() -> W6Stream.main(new String[] {"--sides=flecto,hibernate"}))
        .hasMessageContaining("unknown implementation 'hibernate'");
    assertThatThrownBy(() -> W6Stream.main(new String[] {"--row=5"})).hasMessageContaining("unknown argument '--row=5'");
    assertThatThrownBy(() -> W6Stream.main(new String[] {"--rounds=0"})).hasMessageContaining("--rounds must be at least 1");
  }
}
