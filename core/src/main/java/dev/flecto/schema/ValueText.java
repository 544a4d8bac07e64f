package dev.flecto.schema;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * A value as error messages quote it: a string in double quotes, an array element by element, and
 * anything longer than 200 characters cut to its start and its size, since a JSON document or a
 * hostile key can be megabytes and a message should name the value, not carry it.
 *
 * <pre>{@code
 * ValueText.quoted("abc")              // "abc" (with the quotes)
 * ValueText.quoted("x".repeat(50_000)) // "xxx...x... (50000 characters)"
 * }</pre>
 */
public final class ValueText {
  private static final int SHOWN = 200;

  private ValueText() {}

  /**
   * The value quoted for a message.
   *
   * <pre>{@code ValueText.quoted(new int[] {1, 2}) // [1, 2] }</pre>
   *
   * @param value any value, or null
   * @return its text for a message
   */
  public static String quoted(Object value) {
    if (value != null && value.getClass().isArray()) {
      Object[] boxed = new Object[Array.getLength(value)];
      for (int i = 0; i < boxed.length; i++) {
        boxed[i] = quoted(Array.get(value, i));
      }
      return Arrays.toString(boxed);
    }
    String text = String.valueOf(value);
    if (text.length() > SHOWN) {
      text = text.substring(0, SHOWN) + "... (" + text.length() + " characters)";
    }
    return value instanceof CharSequence ? "\"" + text + "\"" : text;
  }
}
