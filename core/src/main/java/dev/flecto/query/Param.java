package dev.flecto.query;

/**
 * A value, always bound as a parameter; the planner casts it to the type of the field it meets.
 * In a planned query's shape its value is a {@link dev.flecto.planner.Placeholder}.
 *
 * <pre>{@code Exprs.param(28) }</pre>
 *
 * @param value the value (a list for {@code in})
 */
public record Param(Object value) implements Expr {}
