package dev.flecto.planner;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A {@code selectList} row: its values, read-only, over the array the row was read into, which
 * nothing else holds. One object a row, where {@code unmodifiableList(Arrays.asList(values))}
 * made two; nulls are kept, as SQL's NULLs are values of the row. Serializable, as the list it
 * replaces was.
 */
final class RowValues extends AbstractList<Object> implements RandomAccess, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Object[] values;

  RowValues(Object[] values) {
    this.values = values;
  }

  @Override
  public Object get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }
}
