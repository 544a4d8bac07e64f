package dev.flecto.query;

import dev.flecto.QueryException;

/**
 * A list spliced into a fragment as one parameter per element (Ecto's {@code splice}):
 * {@code fragment("? IN (?)", field("id"), splice(ids))} becomes {@code p0."id" IN ($1, $2, $3)}.
 * The number of elements is part of the query's shape.
 *
 * <pre>{@code Exprs.fragment("coalesce(?)", Exprs.splice(List.of(field("a"), field("b"), 0))) }</pre>
 *
 * @param values the elements (expressions or values)
 */
public record Splice(java.util.List<Expr> values) implements Expr {
  /**
   * Copies the list; it must not be empty.
   *
   * <pre>{@code new Splice(List.of(Exprs.param(1))) }</pre>
   */
  public Splice {
    if (values.isEmpty()) {
      throw new QueryException("splice needs at least one value");
    }
    values = java.util.List.copyOf(values);
  }
}
