package dev.flecto.query;

/**
 * {@code CAST(e AS type)} for a field type's Java class (Ecto's {@code type/2}).
 *
 * <pre>{@code Exprs.cast(Exprs.field("price"), BigDecimal.class) }</pre>
 *
 * @param operand the expression
 * @param type the target Java type (one of the field types)
 */
public record CastExpr(Expr operand, Class<?> type) implements Expr {}
