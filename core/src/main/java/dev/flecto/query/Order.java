package dev.flecto.query;

import dev.flecto.QueryException;

/**
 * One term of a query's order by: an expression, a direction, and where nulls go.
 *
 * <pre>{@code
 * Query.from(Person.class).orderBy(Order.asc("lastName"), Order.desc("age").nullsLast())
 * Query.from(Post.class).orderBy(Order.desc(Exprs.count(Exprs.field("c", "id"))))
 * }</pre>
 *
 * @param expr what is ordered by
 * @param direction the direction
 * @param nulls where nulls go
 */
public record Order(Expr expr, Direction direction, Nulls nulls) {
  /**
   * Where nulls are placed.
   *
   * <pre>{@code Order.Nulls.FIRST }</pre>
   */
  public enum Nulls {
    /** PostgreSQL's default: last when ascending, first when descending. */
    DEFAULT,
    /** {@code NULLS FIRST}. */
    FIRST,
    /** {@code NULLS LAST}. */
    LAST
  }

  /**
   * Checks the parts.
   *
   * <pre>{@code new Order(Exprs.field("age"), Direction.DESC, Order.Nulls.LAST) }</pre>
   */
  public Order {
    if (expr == null || direction == null || nulls == null) {
      throw new QueryException("an order needs an expression, a direction and a nulls placement");
    }
  }

  /**
   * Ascending by a field of the source.
   *
   * <pre>{@code Order.asc("lastName") }</pre>
   *
   * @param field the field name
   * @return the order
   */
  public static Order asc(String field) {
    return asc(Exprs.field(field));
  }

  /**
   * Descending by a field of the source.
   *
   * <pre>{@code Order.desc("age") }</pre>
   *
   * @param field the field name
   * @return the order
   */
  public static Order desc(String field) {
    return desc(Exprs.field(field));
  }

  /**
   * Ascending by an expression.
   *
   * <pre>{@code Order.asc(Exprs.field("c", "insertedAt")) }</pre>
   *
   * @param e the expression
   * @return the order
   */
  public static Order asc(Expr e) {
    return new Order(e, Direction.ASC, Nulls.DEFAULT);
  }

  /**
   * Descending by an expression.
   *
   * <pre>{@code Order.desc(Exprs.count()) }</pre>
   *
   * @param e the expression
   * @return the order
   */
  public static Order desc(Expr e) {
    return new Order(e, Direction.DESC, Nulls.DEFAULT);
  }

  /**
   * With nulls first.
   *
   * <pre>{@code Order.asc("age").nullsFirst() }</pre>
   *
   * @return the new order
   */
  public Order nullsFirst() {
    return new Order(expr, direction, Nulls.FIRST);
  }

  /**
   * With nulls last.
   *
   * <pre>{@code Order.desc("age").nullsLast() }</pre>
   *
   * @return the new order
   */
  public Order nullsLast() {
    return new Order(expr, direction, Nulls.LAST);
  }

  /**
   * The same term in the other direction (nulls placement kept as written).
   *
   * <pre>{@code Order.asc("age").reversed() // desc }</pre>
   *
   * @return the reversed order
   */
  public Order reversed() {
    Nulls flipped = nulls == Nulls.FIRST ? Nulls.LAST : nulls == Nulls.LAST ? Nulls.FIRST : Nulls.DEFAULT;
    return new Order(expr, direction == Direction.ASC ? Direction.DESC : Direction.ASC, flipped);
  }
}
