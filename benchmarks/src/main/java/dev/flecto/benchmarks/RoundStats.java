package dev.flecto.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The statistics of the interleaved method ({@link Interleaved}): the order of each round, and a
 * ratio's 95% interval over the rounds, or a refusal when the rounds cannot give a usable one.
 *
 * <p>A ratio is taken per round (an implementation's figure over raw's in the same round, so that
 * whatever else the machine did then hits both alike), and the rounds' ratios are summarised by
 * their median with a distribution-free 95% interval: the order statistics {@code k} and
 * {@code n + 1 - k} of the sorted ratios, {@code k} the largest for which a binomial(n, 1/2) count
 * below {@code k} has a chance of at most 2.5% (the sign test's interval). A busy shared machine
 * gives the odd round whose two slices saw very different loads; a median and its order-statistic
 * interval are not dragged by such a round, where a mean and a t interval are. The binomial comes
 * from Commons Math (which JMH brings in).
 *
 * <pre>{@code
 * RoundStats.Ratio r = RoundStats.ratio(new double[] {1.02, 0.98, 1.05, 1.01, 0.99, 1.00});
 * r.text() // "1.01 [0.98, 1.05]"
 * }</pre>
 */
final class RoundStats {
  /** Fewer rounds than this give no ratio: below 6, even [min, max] covers a median less than 95% of the time. */
  static final int MIN_ROUNDS = 6;
  /** A ratio whose 95% interval reaches further than this from its point (relative) is refused. */
  static final double MAX_HALF_WIDTH = 0.10;

  private RoundStats() {}

  /**
   * The order in which a round runs the implementations: the list rotated by the round's number,
   * so that over as many rounds as there are implementations each runs once in every position
   * (first after the previous round's last, second, ..., last).
   *
   * <pre>{@code RoundStats.rotated(List.of("a", "b", "c"), 1) // [b, c, a] }</pre>
   *
   * @param items the implementations in their listed order
   * @param round the round, from 0
   * @param <T> what is ordered
   * @return the round's order
   */
  static <T> List<T> rotated(List<T> items, int round) {
    List<T> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(items.get((round + i) % items.size()));
    }
    return out;
  }

  /**
   * A ratio over the rounds with its 95% interval; {@code refusal} says why it is not usable.
   *
   * <pre>{@code r.usable() ? r.text() : r.refusal() }</pre>
   *
   * @param rounds how many rounds gave a ratio
   * @param value the median of the rounds' ratios (NaN without rounds)
   * @param low the interval's lower end (NaN with fewer than 6 rounds)
   * @param high its upper end
   * @param refusal null when usable, else why not ({@code "too short: 3 rounds, 6 needed"})
   */
  record Ratio(int rounds, double value, double low, double high, String refusal) {
    /** Whether the ratio may be used. */
    boolean usable() {
      return refusal == null;
    }

    /**
     * The interval's reach from the point, relative: 0.04 for [0.96, 1.04] around 1.
     *
     * <pre>{@code r.halfWidth() }</pre>
     *
     * @return the larger of the two relative distances
     */
    double halfWidth() {
      return Math.max(high / value - 1, 1 - low / value);
    }

    /**
     * The ratio as the report prints it: {@code 1.01 [0.97, 1.05]}, or the refusal.
     *
     * <pre>{@code r.text() }</pre>
     *
     * @return the text
     */
    String text() {
      if (!usable()) {
        return refusal;
      }
      return String.format(Locale.ROOT, "%s [%s, %s]", fmt(value), fmt(low), fmt(high));
    }
  }

  /**
   * The median of the rounds' ratios with its 95% interval, or a refusal: fewer than
   * {@value #MIN_ROUNDS} rounds, a round without a ratio (NaN, zero, infinite), or an interval
   * reaching further than {@value #MAX_HALF_WIDTH} of the point on either side.
   *
   * <pre>{@code RoundStats.ratio(new double[] {1.1, 1.0, 1.2, 1.1, 1.05, 1.08}) }</pre>
   *
   * @param perRound each round's ratio
   * @return the ratio
   */
  static Ratio ratio(double[] perRound) {
    int n = perRound.length;
    for (double q : perRound) {
      if (!(q > 0) || Double.isInfinite(q)) {
        return new Ratio(n, Double.NaN, Double.NaN, Double.NaN, "no ratio: a round measured nothing");
      }
    }
    if (n == 0) {
      return new Ratio(0, Double.NaN, Double.NaN, Double.NaN, "no ratio: no rounds");
    }
    double[] q = perRound.clone();
    Arrays.sort(q);
    double median = n % 2 == 1 ? q[n / 2] : Math.sqrt(q[n / 2 - 1] * q[n / 2]);
    int k = orderStatistic(n);
    if (k == 0) {
      return new Ratio(n, median, Double.NaN, Double.NaN, tooShort(n, Double.NaN));
    }
    Ratio r = new Ratio(n, median, q[k - 1], q[n - k], null);
    if (n < MIN_ROUNDS || r.halfWidth() > MAX_HALF_WIDTH) {
      return new Ratio(n, median, r.low(), r.high(), tooShort(n, r.halfWidth()));
    }
    return r;
  }

  /**
   * The {@code k} of the 95% interval {@code [x(k), x(n+1-k)]} of a median of {@code n} values
   * (1-based order statistics): the largest {@code k} with {@code 2 P(X < k) <= 0.05} for
   * {@code X ~ binomial(n, 1/2)}; 0 when even {@code [min, max]} covers less than 95% (n below 6).
   *
   * <pre>{@code RoundStats.orderStatistic(6) // 1; orderStatistic(30) // 10 }</pre>
   *
   * @param n the number of values
   * @return k
   */
  static int orderStatistic(int n) {
    BinomialDistribution b = new BinomialDistribution(null, n, 0.5);
    int k = 0;
    while (k + 1 <= (n + 1) / 2 && 2 * b.cumulativeProbability(k) <= 0.05) {
      k++;
    }
    return k;
  }

  private static String tooShort(int rounds, double halfWidth) {
    if (rounds < MIN_ROUNDS || Double.isNaN(halfWidth)) {
      return String.format(Locale.ROOT, "too short: %d round(s), %d needed", rounds, MIN_ROUNDS);
    }
    return String.format(Locale.ROOT, "too short: ±%.0f%% over %d rounds", halfWidth * 100, rounds);
  }

  /** Two decimals, or three below 0.1 (ratios of the slow peers). */
  static String fmt(double x) {
    return String.format(Locale.ROOT, Math.abs(x) < 0.1 ? "%.3f" : "%.2f", x);
  }
}
