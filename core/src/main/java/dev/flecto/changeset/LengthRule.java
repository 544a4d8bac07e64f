package dev.flecto.changeset;

import dev.flecto.ArgumentException;

/**
 * The bounds of {@link Changeset#validateLength(String, LengthRule)} (Ecto's {@code :is},
 * {@code :min}, {@code :max}, {@code :count} and {@code :message}). Strings count graphemes by
 * default, or code points or UTF-8 bytes; {@code byte[]} counts bytes; lists count items.
 *
 * <pre>{@code
 * cs.validateLength("name", LengthRule.min(3))
 * cs.validateLength("code", LengthRule.is(6).countBy(LengthRule.Count.BYTES))
 * cs.validateLength("tags", LengthRule.between(1, 5).message("pick one to five tags"))
 * }</pre>
 *
 * @param min the least length, or null
 * @param max the most length, or null
 * @param is the exact length, or null
 * @param count how strings are counted
 * @param message a custom message, or null for Ecto's
 */
public record LengthRule(Integer min, Integer max, Integer is, Count count, String message) {
  /**
   * How string lengths are counted.
   *
   * <pre>{@code LengthRule.max(10).countBy(LengthRule.Count.CODEPOINTS) }</pre>
   */
  public enum Count {
    /** User-perceived characters (extended grapheme clusters, regex {@code \X}). */
    GRAPHEMES,
    /** Unicode code points. */
    CODEPOINTS,
    /** UTF-8 bytes (the error's type is then "binary"). */
    BYTES
  }

  /**
   * Checks that some bound is given.
   *
   * <pre>{@code new LengthRule(1, null, null, LengthRule.Count.GRAPHEMES, null) }</pre>
   */
  public LengthRule {
    if (min == null && max == null && is == null) {
      throw new ArgumentException("a LengthRule needs min, max or is");
    }
    if (count == null) {
      throw new ArgumentException("LengthRule.count must not be null");
    }
  }

  /**
   * At least {@code n}.
   *
   * <pre>{@code LengthRule.min(3) }</pre>
   *
   * @param n the least length
   * @return the rule
   */
  public static LengthRule min(int n) {
    return new LengthRule(n, null, null, Count.GRAPHEMES, null);
  }

  /**
   * At most {@code n}.
   *
   * <pre>{@code LengthRule.max(100) }</pre>
   *
   * @param n the most length
   * @return the rule
   */
  public static LengthRule max(int n) {
    return new LengthRule(null, n, null, Count.GRAPHEMES, null);
  }

  /**
   * Exactly {@code n}.
   *
   * <pre>{@code LengthRule.is(6) }</pre>
   *
   * @param n the length
   * @return the rule
   */
  public static LengthRule is(int n) {
    return new LengthRule(null, null, n, Count.GRAPHEMES, null);
  }

  /**
   * Between {@code min} and {@code max}, inclusive.
   *
   * <pre>{@code LengthRule.between(2, 30) }</pre>
   *
   * @param min the least length
   * @param max the most length
   * @return the rule
   */
  public static LengthRule between(int min, int max) {
    return new LengthRule(min, max, null, Count.GRAPHEMES, null);
  }

  /**
   * With another way of counting strings.
   *
   * <pre>{@code LengthRule.max(255).countBy(LengthRule.Count.BYTES) }</pre>
   *
   * @param c how to count
   * @return the new rule
   */
  public LengthRule countBy(Count c) {
    return new LengthRule(min, max, is, c, message);
  }

  /**
   * With a custom message (it may use {@code %{count}}).
   *
   * <pre>{@code LengthRule.min(8).message("needs %{count} characters or more") }</pre>
   *
   * @param m the message
   * @return the new rule
   */
  public LengthRule message(String m) {
    return new LengthRule(min, max, is, count, m);
  }
}
