package dev.flecto.query;

/**
 * {@code EXISTS (SELECT ...)}.
 *
 * <pre>{@code Exprs.exists(Query.from(Comment.class).where(Exprs.field("postId").eq(Exprs.parentAs("p", "id")))) }</pre>
 *
 * @param query the subquery
 */
public record ExistsExpr(Query<?> query) implements Expr {}
