package dev.flecto.query;

/**
 * A selected expression with a name that order by, group by and having can refer to with
 * {@link SelectedRef} (Ecto's {@code selected_as}).
 *
 * <pre>{@code
 * q.select(Map.of("day", Exprs.selectedAs(Exprs.fragment("date(?)", field("insertedAt")), "day"), "n", Exprs.count()))
 *  .groupBy(Exprs.selected("day")).orderBy(Order.asc(Exprs.selected("day")))
 * }</pre>
 *
 * @param expr the expression
 * @param name its name in the SQL
 */
public record SelectedAs(Expr expr, String name) implements Expr {}
