package dev.flecto.query;

import dev.flecto.QueryException;

/**
 * A field of a binding: the query's source (binding null) or a named source or join.
 *
 * <pre>{@code Exprs.field("c", "votes") // FieldRef[binding=c, field=votes] }</pre>
 *
 * @param binding the binding name given with {@code as}, null for the query's source, or
 *     {@code #n} for the binding at position n ({@link Exprs#field(int, String)})
 * @param field the schema field name
 */
public record FieldRef(String binding, String field) implements Expr {
  /** How a positional binding is written in {@link #binding()}: {@code #0} is the source, {@code #1} the first join. */
  public static final String POSITION = "#";

  /**
   * Checks the field.
   *
   * <pre>{@code new FieldRef(null, "age") }</pre>
   */
  public FieldRef {
    if (field == null || field.isBlank()) {
      throw new QueryException("a field reference needs a field name");
    }
  }
}
