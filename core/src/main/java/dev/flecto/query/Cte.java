package dev.flecto.query;

/**
 * A common table expression the query defines (Ecto's {@code with_cte}).
 *
 * <pre>{@code
 * Query.from(Category.class, "tree")
 *     .withCte("tree", Query.from(Category.class).whereNull("parentId")
 *         .unionAll(Query.from(Category.class).as("c").join(Category.class, "t", ...)))
 *     .recursiveCtes(true)
 * }</pre>
 *
 * @param name the CTE's name
 * @param query its query
 */
public record Cte(String name, Query<?> query) {}
