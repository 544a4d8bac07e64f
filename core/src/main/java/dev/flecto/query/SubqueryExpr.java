package dev.flecto.query;

/**
 * A subquery used as a value: {@code (SELECT ...)}, or the list of {@code in(query)}.
 *
 * <pre>{@code field("votes").gt(Exprs.subquery(Query.from(Post.class).select(Exprs.avg(Exprs.field("votes")), BigDecimal.class))) }</pre>
 *
 * @param query the subquery (it selects one column)
 */
public record SubqueryExpr(Query<?> query) implements Expr {}
