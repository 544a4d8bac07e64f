package dev.flecto.schema;

import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;

/**
 * The driver's interval (a {@code TemporalAmount} of years, months, days and a time) as a
 * {@link Duration} or a {@link Period} field's value, refused where the interval holds what the
 * field cannot: {@link FieldType#DURATION} and {@link FieldType#PERIOD} load through it.
 */
final class Intervals {
  private Intervals() {}

  /**
   * Exact only without months and years; a day is 24 hours. The driver's {@code getUnits()} leaves
   * out MINUTES, so each unit is asked for by name.
   */
  static Duration duration(TemporalAmount p) {
    if (p.get(ChronoUnit.YEARS) != 0 || p.get(ChronoUnit.MONTHS) != 0) {
      throw new IllegalArgumentException("the interval " + p + " has months or years, which are no exact duration");
    }
    return Duration.ofDays(p.get(ChronoUnit.DAYS)).plusHours(p.get(ChronoUnit.HOURS))
        .plusMinutes(p.get(ChronoUnit.MINUTES)).plusSeconds(p.get(ChronoUnit.SECONDS))
        .plus(p.get(ChronoUnit.MICROS), ChronoUnit.MICROS);
  }

  /** The calendar part; an interval with a time part is refused. */
  static Period period(TemporalAmount p) {
    if (p.get(ChronoUnit.HOURS) != 0 || p.get(ChronoUnit.MINUTES) != 0 || p.get(ChronoUnit.SECONDS) != 0
        || p.get(ChronoUnit.MICROS) != 0) {
      throw new IllegalArgumentException("the interval " + p + " has a time part, which a Period does not hold");
    }
    return Period.of(Math.toIntExact(p.get(ChronoUnit.YEARS)), Math.toIntExact(p.get(ChronoUnit.MONTHS)),
        Math.toIntExact(p.get(ChronoUnit.DAYS)));
  }
}
