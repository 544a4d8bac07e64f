package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The statistics of the interleaved method: round order, the ratio's interval, and the refusals. */
class RoundStatsTest {
  @Test
  void rotationPutsEveryImplementationInEveryPositionOnceEveryNRounds() {
    List<String> sides = List.of("raw", "flecto", "spring", "jooq", "jdbc");
    assertThat(RoundStats.rotated(sides, 0)).isEqualTo(sides);
    assertThat(RoundStats.rotated(sides, 1)).containsExactly("flecto", "spring", "jooq", "jdbc", "raw");
    assertThat(RoundStats.rotated(sides, 5)).isEqualTo(sides);
    for (int position = 0; position < sides.size(); position++) {
      Set<String> seen = new HashSet<>();
      for (int round = 0; round < sides.size(); round++) {
        seen.add(RoundStats.rotated(sides, round).get(position));
      }
      assertThat(seen).as("position %d", position).containsExactlyInAnyOrderElementsOf(sides);
    }
  }

  @Test
  void theIntervalIsTheSignTestsOrderStatistics() {
    // Coverage of [x(k), x(n+1-k)] is 1 - 2 P(Binomial(n, 1/2) < k): 96.9% for k=1 of 6, 97.9% for k=2 of 10.
    assertThat(RoundStats.orderStatistic(5)).isZero();
    assertThat(RoundStats.orderStatistic(6)).isEqualTo(1);
    assertThat(RoundStats.orderStatistic(10)).isEqualTo(2);
    assertThat(RoundStats.orderStatistic(30)).isEqualTo(10);

    RoundStats.Ratio r = RoundStats.ratio(new double[] {1.04, 0.97, 1.00, 1.02, 0.99, 1.01, 0.98, 1.03, 1.05, 0.96});
    assertThat(r.usable()).isTrue();
    assertThat(r.rounds()).isEqualTo(10);
    assertThat(r.value()).isCloseTo(Math.sqrt(1.00 * 1.01), within(1e-12)); // the median of an even count
    assertThat(r.low()).isEqualTo(0.97); // the 2nd smallest
    assertThat(r.high()).isEqualTo(1.04); // the 2nd largest
    assertThat(r.text()).isEqualTo("1.00 [0.97, 1.04]");
  }

  @Test
  void oneWildRoundDoesNotMoveTheRatio() {
    double[] calm = {1.20, 1.22, 1.21, 1.19, 1.23, 1.20, 1.21, 1.22, 1.20, 1.21};
    double[] oneBurst = calm.clone();
    oneBurst[3] = 3.5; // the round whose raw slice met a burst of other work
    assertThat(RoundStats.ratio(oneBurst).value()).isCloseTo(RoundStats.ratio(calm).value(), within(0.011));
    assertThat(RoundStats.ratio(oneBurst).usable()).isTrue();
  }

  @Test
  void tooFewRoundsOrTooWideAnIntervalIsRefusedNotPrinted() {
    RoundStats.Ratio few = RoundStats.ratio(new double[] {1.0, 1.0, 1.0});
    assertThat(few.usable()).isFalse();
    assertThat(few.text()).isEqualTo("too short: 3 round(s), 6 needed");
    assertThat(RoundStats.ratio(new double[] {1.0, 1.0, 1.0, 1.0, 1.0}).usable()).isFalse();

    List<Double> noisy = new ArrayList<>(List.of(0.6, 1.4, 0.8, 1.2, 1.0, 0.7, 1.3, 0.9, 1.1, 1.0));
    RoundStats.Ratio wide = RoundStats.ratio(noisy.stream().mapToDouble(Double::doubleValue).toArray());
    assertThat(wide.usable()).isFalse();
    assertThat(wide.halfWidth()).isGreaterThan(RoundStats.MAX_HALF_WIDTH);
    assertThat(wide.text()).startsWith("too short: ±").endsWith("over 10 rounds");

    assertThat(RoundStats.ratio(new double[] {1, 1, 0, 1, 1, 1}).text()).isEqualTo("no ratio: a round measured nothing");
    assertThat(RoundStats.ratio(new double[0]).usable()).isFalse();
  }

  @Test
  void smallRatiosKeepThreeDecimals() {
    assertThat(RoundStats.fmt(0.093)).isEqualTo("0.093");
    assertThat(RoundStats.fmt(1.234)).isEqualTo("1.23");
  }
}
