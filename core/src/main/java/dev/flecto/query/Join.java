package dev.flecto.query;

/**
 * A join of another schema, named by a binding, on a condition.
 *
 * <pre>{@code new Join(JoinKind.INNER, Comment.class, "c", Exprs.field("c", "postId").eq(Exprs.field("id"))) }</pre>
 *
 * @param kind the kind
 * @param schema the joined schema record class
 * @param as the binding name
 * @param on the condition (null for a cross join)
 */
public record Join(JoinKind kind, Class<?> schema, String as, Expr on) {
  /**
   * Checks the parts.
   *
   * <pre>{@code new Join(JoinKind.CROSS, Tag.class, "t", null) }</pre>
   */
  public Join {
    if (kind == null || schema == null || as == null || as.isBlank()) {
      throw new IllegalArgumentException("a join needs a kind, a schema and a binding name");
    }
    if ((on == null) != (kind == JoinKind.CROSS)) {
      throw new IllegalArgumentException(kind == JoinKind.CROSS ? "a cross join takes no condition"
          : "a " + kind + " join of " + schema.getSimpleName() + " needs an on condition");
    }
  }
}
