package dev.flecto.query;

/**
 * Sort direction of an {@link Order}.
 *
 * <pre>{@code Query.from(Person.class).orderBy(Order.desc("age")) }</pre>
 */
public enum Direction {
  /** Ascending. */
  ASC,
  /** Descending. */
  DESC
}
