package dev.flecto.query;

/**
 * Comparison operators of a {@link Filter}.
 *
 * <pre>{@code Query.from(Person.class).where("age", Op.GE, 18) }</pre>
 */
public enum Op {
  /** Equal ({@code =}); comparing with null is refused, use {@link #IS_NULL}. */
  EQ,
  /** Not equal ({@code <>}). */
  NE,
  /** Less than. */
  LT,
  /** Less than or equal. */
  LE,
  /** Greater than. */
  GT,
  /** Greater than or equal. */
  GE,
  /** {@code IS NULL}; takes no value. */
  IS_NULL,
  /** {@code IS NOT NULL}; takes no value. */
  IS_NOT_NULL;

  /**
   * Whether the operator compares with a value (all but the null tests).
   *
   * <pre>{@code Op.EQ.takesValue() // true }</pre>
   *
   * @return true when a value is bound
   */
  public boolean takesValue() {
    return this != IS_NULL && this != IS_NOT_NULL;
  }
}
