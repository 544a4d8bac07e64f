package dev.flecto.query;

import dev.flecto.QueryException;

/**
 * A window function or aggregate computed over a window: an inline one or a named one of the
 * query (Ecto's {@code over/2}).
 *
 * <pre>{@code
 * Exprs.over(Exprs.rowNumber(), Window.partitionBy(field("authorId")).orderBy(Order.desc("votes")))
 * Exprs.over(Exprs.sum(field("votes")), "w")   // with query.window("w", ...)
 * }</pre>
 *
 * @param function the window function or aggregate
 * @param windowName the query's named window, or null
 * @param window the inline window, or null
 */
public record Over(Call function, String windowName, Window window) implements Expr {
  /**
   * Checks that exactly one window is given.
   *
   * <pre>{@code new Over(Exprs.rank(), "w", null) }</pre>
   */
  public Over {
    if (function == null || (windowName == null) == (window == null)) {
      throw new QueryException("over needs a function and either a window name or a window");
    }
  }
}
