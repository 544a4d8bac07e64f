package dev.flecto.query;

import dev.flecto.QueryException;

/**
 * A join of another schema, named by a binding, on a condition.
 *
 * <pre>{@code new Join(JoinKind.INNER, new Source.Schema(Comment.class, null), "c", Exprs.field("c", "postId").eq(Exprs.field("id"))) }</pre>
 *
 * @param kind the kind
 * @param source the joined source
 * @param as the binding name
 * @param on the condition (null for a cross join)
 */
public record Join(JoinKind kind, Source source, String as, Expr on) {
  /**
   * Checks the parts.
   *
   * <pre>{@code new Join(JoinKind.CROSS, new Source.Table("tags"), "t", null) }</pre>
   */
  public Join {
    if (kind == null || source == null || as == null || as.isBlank()) {
      throw new QueryException("a join needs a kind, a source and a binding name");
    }
    if ((on == null) != (kind == JoinKind.CROSS) && !(source instanceof Source.Assoc && on == null)) {
      throw new QueryException(kind == JoinKind.CROSS ? "a cross join takes no condition"
          : "a " + kind + " join of " + Source.describe(source) + " needs an on condition");
    }
    if ((kind == JoinKind.INNER_LATERAL || kind == JoinKind.LEFT_LATERAL) && !(source instanceof Source.Subquery)) {
      throw new QueryException("a lateral join takes a subquery, not " + Source.describe(source));
    }
  }
}
