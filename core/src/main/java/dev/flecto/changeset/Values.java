package dev.flecto.changeset;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Whether two values of a field are the same value, as Ecto's {@code Ecto.Type.equal?/3} decides
 * it: what change detection (cast, putChange) and {@code changedTo}/{@code changedFrom} compare
 * with. Decimals compare by value ({@code 1} and {@code 1.0} are equal), binaries by content, and
 * lists element by element with the same rules (Ecto's {@code {:array, :decimal}}); anything
 * else with {@code equals}.
 *
 * <pre>{@code
 * Values.same(new BigDecimal("1"), new BigDecimal("1.0"))                   // true
 * Values.same(List.of(new BigDecimal("1")), List.of(new BigDecimal("1.0"))) // true
 * }</pre>
 */
final class Values {
  private Values() {}

  /**
   * As {@link #same(Object, Object)}, by the field's custom type's {@code equal} when it has one (a
   * list of Ecto.Enum elements compares as lists of enums do).
   */
  static boolean same(dev.flecto.schema.SchemaField field, Object a, Object b) {
    return field != null && field.custom() != null && field.elementType() == null ? field.custom().equal(a, b) : same(a, b);
  }

  static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return sameElements(x, y);
    }
    return Objects.equals(a, b);
  }

  // Ecto's equal_list?: same length and each pair equal by the element type's rule. Maps (jsonb,
  // Ecto's :map) are left to equals, as Ecto compares :map values structurally.
  private static boolean sameElements(List<?> x, List<?> y) {
    if (x.size() != y.size()) {
      return false;
    }
    Iterator<?> i = x.iterator();
    Iterator<?> j = y.iterator();
    while (i.hasNext()) {
      if (!same(i.next(), j.next())) {
        return false;
      }
    }
    return true;
  }
}
