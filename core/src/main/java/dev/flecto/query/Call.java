package dev.flecto.query;

import java.util.List;

/**
 * A function call: an aggregate ({@code count}, {@code sum}, ...) or a scalar function.
 *
 * <pre>{@code Exprs.countDistinct(Exprs.field("authorId")) // Call[fn=COUNT, args=[...], distinct=true] }</pre>
 *
 * @param fn the function
 * @param args the arguments ({@code count()} has none and counts rows)
 * @param distinct whether {@code DISTINCT} applies to the arguments
 */
public record Call(Fn fn, List<Expr> args, boolean distinct) implements Expr {
  /**
   * The functions.
   *
   * <pre>{@code Call.Fn.COALESCE.sql() // "coalesce" }</pre>
   */
  public enum Fn {
    /** count. */
    COUNT("count", true),
    /** sum. */
    SUM("sum", true),
    /** avg. */
    AVG("avg", true),
    /** min. */
    MIN("min", true),
    /** max. */
    MAX("max", true),
    /** coalesce. */
    COALESCE("coalesce", false),
    /** lower. */
    LOWER("lower", false),
    /** upper. */
    UPPER("upper", false),
    /** row_number, over a window. */
    ROW_NUMBER("row_number", false),
    /** rank, over a window. */
    RANK("rank", false),
    /** dense_rank, over a window. */
    DENSE_RANK("dense_rank", false),
    /** lag, over a window. */
    LAG("lag", false),
    /** lead, over a window. */
    LEAD("lead", false),
    /** first_value, over a window. */
    FIRST_VALUE("first_value", false),
    /** last_value, over a window. */
    LAST_VALUE("last_value", false),
    /** nth_value, over a window. */
    NTH_VALUE("nth_value", false);

    private final String sql;
    private final boolean aggregate;

    Fn(String sql, boolean aggregate) {
      this.sql = sql;
      this.aggregate = aggregate;
    }

    /**
     * The SQL name.
     *
     * <pre>{@code Call.Fn.SUM.sql() // "sum" }</pre>
     *
     * @return the name
     */
    public String sql() {
      return sql;
    }

    /**
     * Whether it aggregates rows.
     *
     * <pre>{@code Call.Fn.MAX.aggregate() // true }</pre>
     *
     * @return true for aggregates
     */
    public boolean aggregate() {
      return aggregate;
    }

    /**
     * Whether it exists only over a window (row_number, rank, lag, ...).
     *
     * <pre>{@code Call.Fn.RANK.windowOnly() // true }</pre>
     *
     * @return true for window functions
     */
    public boolean windowOnly() {
      return ordinal() >= ROW_NUMBER.ordinal();
    }
  }

  /**
   * Copies the arguments.
   *
   * <pre>{@code new Call(Call.Fn.LOWER, List.of(Exprs.field("email")), false) }</pre>
   */
  public Call {
    if (fn == null) {
      throw new IllegalArgumentException("a call needs a function");
    }
    args = List.copyOf(args);
  }
}
