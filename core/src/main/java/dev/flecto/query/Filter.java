package dev.flecto.query;

/**
 * One condition of a query's where clause: a field, an operator and a value. Conditions are
 * joined with AND.
 *
 * <pre>{@code new Filter("lastName", Op.EQ, "Smith") }</pre>
 *
 * @param field the schema field name
 * @param op the operator
 * @param value the value (null for {@link Op#IS_NULL} and {@link Op#IS_NOT_NULL})
 */
public record Filter(String field, Op op, Object value) {
  /**
   * Checks the parts.
   *
   * <pre>{@code new Filter("age", Op.GT, 18) }</pre>
   */
  public Filter {
    if (field == null || op == null) {
      throw new IllegalArgumentException("a filter needs a field and an operator");
    }
  }
}
