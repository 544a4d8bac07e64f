package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What CI runs of the suite so that it cannot rot: one short iteration of one workload (W1, every
 * implementation, JMH in this JVM), and the three files it writes.
 */
class SuiteTest {
  @Test
  void oneShortIterationOfW1WritesTheJsonTheReportAndTheChart(@TempDir Path out) throws Exception {
    Suite.Outcome outcome = new Suite(Suite.Profile.CI, Suite.select("W1"), out).run();

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.scores()).extracting(Score::implementation)
        .containsExactlyInAnyOrder("flecto", "raw", "spring", "jooq", "jdbc", "flecto-transaction-pooling", "flecto-logged");
    assertThat(outcome.scores()).allSatisfy(s -> {
      assertThat(s.workload()).isEqualTo("W1");
      assertThat(s.unit()).isEqualTo("ops/s");
      assertThat(s.score()).isPositive();
    });

    List<Path> files = Report.files(out);
    String md = Files.readString(files.get(0));
    assertThat(md).contains("# Flecto benchmark results", "## Ratio to raw", "| W1 get by primary key |",
        "### W1 get by primary key", "| Spring Data R2DBC |", "PostgreSQL 17", "**This server is not durable**",
        "`fsync` = off", "![Ratios to raw](results/ratios.png)", "Where Flecto is furthest from raw");

    JsonNode json = Scores.json().readTree(files.get(1).toFile());
    assertThat(json.get("profile").asText()).isEqualTo("ci");
    assertThat(json.get("scores")).hasSize(7);
    assertThat(json.get("environment").get("settings").get("fsync").asText()).isEqualTo("off");

    BufferedImage chart = ImageIO.read(files.get(2).toFile());
    assertThat(chart.getWidth()).isEqualTo(1200);
    assertThat(chart.getHeight()).isGreaterThan(150);
  }

  @Test
  void badArgumentsNameWhatIsWrong() {
    assertThatThrownBy(() -> Suite.select("W1,W9")).hasMessageContaining("unknown workload 'W9'");
    assertThatThrownBy(() -> Suite.main(new String[] {"--profile=huge"})).hasMessageContaining("unknown profile 'huge'");
    assertThatThrownBy(() -> Suite.main(new String[] {"--fast"})).hasMessageContaining("unknown argument '--fast'");
    assertThat(Suite.implementation("rawCopy")).isEqualTo("raw-copy");
    assertThat(Suite.implementation("jooqMultiset")).isEqualTo("jooq-multiset");
  }
}
