package dev.flecto.query;

import dev.flecto.QueryException;
import java.util.List;

/**
 * A function call: an aggregate ({@code count}, {@code sum}, ...) or a scalar function.
 *
 * <pre>{@code Exprs.countDistinct(Exprs.field("authorId")) // Call[fn=COUNT, args=[...], distinct=true] }</pre>
 *
 * @param fn the function
 * @param args the arguments ({@code count()} has none and counts rows)
 * @param distinct whether {@code DISTINCT} applies to the arguments
 * @param filter an aggregate's {@code FILTER (WHERE ...)} condition, or null
 */
public record Call(Fn fn, List<Expr> args, boolean distinct, Expr filter) implements Expr {
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
      throw new QueryException("a call needs a function");
    }
    args = List.copyOf(args);
    if (filter != null && !fn.aggregate()) {
      throw new QueryException(fn.sql() + " is not an aggregate, so it takes no filter");
    }
  }

  /**
   * A call without a filter.
   *
   * <pre>{@code new Call(Call.Fn.SUM, List.of(Exprs.field("votes")), false) }</pre>
   *
   * @param fn the function
   * @param args the arguments
   * @param distinct whether DISTINCT applies
   */
  public Call(Fn fn, List<Expr> args, boolean distinct) {
    this(fn, args, distinct, null);
  }

  /**
   * The aggregate over only the rows meeting a condition (Ecto's {@code filter/2}).
   *
   * <pre>{@code Exprs.count().filter(Exprs.field("published").eq(true)) // count(*) FILTER (WHERE ...) }</pre>
   *
   * @param condition the condition
   * @return the filtered aggregate
   */
  public Call filter(Expr condition) {
    return new Call(fn, args, distinct, condition);
  }
}
