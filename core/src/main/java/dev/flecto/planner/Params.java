package dev.flecto.planner;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A planned query's bind values, read-only: the planner hands over the list it filled, which
 * nothing else holds, so {@link PlannedQuery} need not copy it; any other list is copied.
 */
final class Params extends AbstractList<Object> implements RandomAccess {
  private final List<Object> owned;

  private Params(List<Object> owned) {
    this.owned = owned;
  }

  /** The planner's own list, which it no longer changes. */
  static Params owning(List<Object> values) {
    return new Params(values);
  }

  /** A copy of a caller's list (which may hold nulls). */
  static List<Object> of(List<Object> values) {
    return values instanceof Params p ? p : new Params(new java.util.ArrayList<>(values));
  }

  @Override
  public Object get(int index) {
    return owned.get(index);
  }

  @Override
  public int size() {
    return owned.size();
  }
}
