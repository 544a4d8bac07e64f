package dev.flecto.query;

/**
 * Date and time arithmetic (Ecto's {@code datetime_add}, {@code date_add}, {@code ago},
 * {@code from_now}): {@code base + amount * interval '1 unit'}.
 *
 * <pre>{@code
 * Exprs.datetimeAdd(field("insertedAt"), 3, DateAdd.Unit.DAY)
 * field("insertedAt").gt(Exprs.ago(7, DateAdd.Unit.DAY))
 * }</pre>
 *
 * @param base the date or timestamp
 * @param amount how many units (may be negative)
 * @param unit the unit
 * @param dateOnly whether the result is cast back to a date (date_add)
 */
public record DateAdd(Expr base, Expr amount, Unit unit, boolean dateOnly) implements Expr {
  /**
   * The interval units.
   *
   * <pre>{@code DateAdd.Unit.HOUR.sql() // "hour" }</pre>
   */
  public enum Unit {
    /** year. */ YEAR,
    /** month. */ MONTH,
    /** week. */ WEEK,
    /** day. */ DAY,
    /** hour. */ HOUR,
    /** minute. */ MINUTE,
    /** second. */ SECOND,
    /** millisecond. */ MILLISECOND,
    /** microsecond. */ MICROSECOND;

    /**
     * The unit's SQL name.
     *
     * <pre>{@code DateAdd.Unit.DAY.sql() // "day" }</pre>
     *
     * @return the name
     */
    public String sql() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
