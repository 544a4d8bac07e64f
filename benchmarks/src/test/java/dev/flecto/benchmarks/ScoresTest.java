package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoresTest {
  @Test
  void scoresSurviveTheRoundTripIncludingOnesThatDidNotRun(@TempDir Path dir) {
    List<Score> scores = List.of(
        new Score("W8", "", "flecto", "ops/s", 1234.5, Double.NaN, Map.of("p50 ms", 1.5, "p99 ms", 9.0), null),
        Score.skipped("W4", "", "spring", "no bulk API"));
    Path file = dir.resolve("sub/w.json");
    Scores.write(file, scores);
    List<Score> back = Scores.read(file);
    assertThat(back).hasSize(2);
    assertThat(back.get(0).score()).isEqualTo(1234.5);
    assertThat(back.get(0).error()).isNaN();
    assertThat(back.get(0).extra()).containsEntry("p99 ms", 9.0);
    assertThat(back.get(1).ran()).isFalse();
    assertThat(back.get(1).note()).isEqualTo("no bulk API");
  }
}
