package dev.flecto.query;

/**
 * A reference to a {@link SelectedAs} name of the query's select (Ecto's {@code selected_as/1}).
 *
 * <pre>{@code Order.desc(Exprs.selected("total")) }</pre>
 *
 * @param name the selected name
 */
public record SelectedRef(String name) implements Expr {}
