package dev.flecto.query;

/**
 * {@code CAST(e AS type)} for a field type's Java class (Ecto's {@code type/2}): the expression has
 * that type, and a parameter cast this way is cast to it before it is bound.
 *
 * <pre>{@code
 * Exprs.cast(Exprs.field("price"), BigDecimal.class)
 * Exprs.cast(Exprs.param(2), Double.class)   // bound as 2.0
 * }</pre>
 *
 * @param operand the expression
 * @param type the target Java type (one of the field types)
 */
public record CastExpr(Expr operand, Class<?> type) implements Expr {}
