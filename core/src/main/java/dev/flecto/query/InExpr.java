package dev.flecto.query;

/**
 * {@code operand = ANY($n)} with the values bound as one array (Ecto's {@code in ^list}).
 *
 * <pre>{@code Exprs.field("id").in(List.of(1L, 2L)) }</pre>
 *
 * @param operand the tested expression
 * @param values a {@link Param} holding a list
 * @param negated whether it is {@code NOT IN}
 */
public record InExpr(Expr operand, Expr values, boolean negated) implements Expr {}
