package dev.flecto.planner;

/**
 * How an adapter reads one column of a row it holds: the column's value as the query's
 * {@link SelectedColumn} says (read as its class, then converted), or null. Stateless, so one
 * reader serves every row of a statement, and {@link PlannedQuery#read} can pass each value
 * straight to a record's constructor with no array between.
 *
 * <pre>{@code
 * ColumnReader<Readable> reader = (row, i) -> columns[i].convert().apply(row.get(i, columns[i].readType()));
 * Person p = planned.read(row, reader);
 * }</pre>
 *
 * @param <R> the adapter's row
 */
@FunctionalInterface
public interface ColumnReader<R> {
  /**
   * The loaded value of one selected column.
   *
   * <pre>{@code reader.value(row, 0) // 42L }</pre>
   *
   * @param row the row
   * @param column the column's index among the query's selected columns
   * @return its value, or null
   */
  Object value(R row, int column);
}
