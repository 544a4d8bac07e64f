package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the interleaved method's two kinds of side from rotting, on the database: a JMH workload's
 * methods as sides (W2 at 100 rows a call), and W8's load slices.
 */
class RoundsOnTheDatabaseTest {
  private static final Interleaved.Plan TINY = new Interleaved.Plan(Duration.ZERO, 2, 1, Duration.ofMillis(10));

  @Test
  void aJmhWorkloadsMethodsAreItsSides() {
    try (JmhSides w = JmhSides.open(W2All.class, RoundsBench.param("rows=100"))) {
      assertThat(w.sides()).extracting(Interleaved.Side::id).containsExactly("raw", "flecto", "spring", "jooq", "jdbc");
      List<Interleaved.Slice> slices = Interleaved.run(w.sides(), TINY);
      assertThat(slices).hasSize(10);
      assertThat(slices).allSatisfy(s -> {
        assertThat(s.ops()).isPositive();
        assertThat(s.cpuNanos()).isPositive();
        assertThat(s.bytesPerOp()).isGreaterThan(1_000); // 100 rows a call
        assertThat(s.p99Ms()).isNaN();
      });
      assertThat(RoundFigures.of(slices).get(1).ops().text()).isEqualTo("too short: 2 round(s), 6 needed");
    }
  }

  @Test
  void w8SlicesCarryTheirLatencies() {
    List<Interleaved.Slice> slices = RoundsBench.mixedLoad(8, TINY, null);
    assertThat(slices).hasSize(2 * W8MixedLoad.Side.values().length);
    assertThat(slices.get(0).implementation()).isEqualTo("raw");
    assertThat(slices).allSatisfy(s -> {
      assertThat(s.ops()).isGreaterThanOrEqualTo(8);
      assertThat(s.p50Ms()).isPositive().isLessThanOrEqualTo(s.p99Ms());
      assertThat(s.cpuNanos()).isPositive();
    });
    assertThat(Map.of("jdbc", slices.stream().filter(s -> s.implementation().equals("jdbc")).count()))
        .containsEntry("jdbc", 2L);
  }

  @Test
  void onlyTheNamedSidesRunWhenAskedAndRawMustBeAmongThem() {
    List<Interleaved.Slice> slices = RoundsBench.mixedLoad(8, TINY, List.of("raw", "flecto"));
    assertThat(slices).extracting(Interleaved.Slice::implementation).containsOnly("raw", "flecto").hasSize(4);
    assertThatThrownBy(() -> RoundsBench.mixedLoad(8, TINY, List.of("flecto")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves out raw");
    assertThatThrownBy(() -> RoundsBench.mixedLoad(8, TINY, List.of("raw", "hibernate")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hibernate'")
        .hasMessageContaining("its sides are [raw, flecto, spring, jooq, jdbc");
  }
}
