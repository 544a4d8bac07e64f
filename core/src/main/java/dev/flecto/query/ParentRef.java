package dev.flecto.query;

/**
 * A field of a binding of the enclosing query, used inside a subquery (Ecto's {@code parent_as}).
 *
 * <pre>{@code
 * Query.from(Post.class).as("p").where(Exprs.exists(
 *     Query.from(Comment.class).where(Exprs.field("postId").eq(Exprs.parentAs("p", "id")))))
 * }</pre>
 *
 * @param binding the enclosing query's binding name
 * @param field the field name
 */
public record ParentRef(String binding, String field) implements Expr {}
