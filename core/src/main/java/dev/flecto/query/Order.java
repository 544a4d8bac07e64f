package dev.flecto.query;

/**
 * One term of a query's order by.
 *
 * <pre>{@code Query.from(Person.class).orderBy(Order.asc("lastName"), Order.desc("age")) }</pre>
 *
 * @param field the schema field name
 * @param direction the direction
 */
public record Order(String field, Direction direction) {
  /**
   * Checks the parts.
   *
   * <pre>{@code new Order("age", Direction.DESC) }</pre>
   */
  public Order {
    if (field == null || direction == null) {
      throw new IllegalArgumentException("an order needs a field and a direction");
    }
  }

  /**
   * Ascending by a field.
   *
   * <pre>{@code Order.asc("lastName") }</pre>
   *
   * @param field the field name
   * @return the order
   */
  public static Order asc(String field) {
    return new Order(field, Direction.ASC);
  }

  /**
   * Descending by a field.
   *
   * <pre>{@code Order.desc("age") }</pre>
   *
   * @param field the field name
   * @return the order
   */
  public static Order desc(String field) {
    return new Order(field, Direction.DESC);
  }
}
