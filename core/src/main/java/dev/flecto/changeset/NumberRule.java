package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.math.BigDecimal;

/**
 * One bound of {@link Changeset#validateNumber(String, NumberRule...)}, with Ecto's messages.
 *
 * <pre>{@code
 * import static dev.flecto.changeset.NumberRule.*;
 * cs.validateNumber("age", greaterThanOrEqualTo(18), lessThan(150))
 * cs.validateNumber("pi", greaterThan(3), lessThan(4).message("must be about pi"))
 * }</pre>
 *
 * @param kind the comparison
 * @param number the number compared with
 * @param message a custom message, or null for Ecto's
 */
public record NumberRule(Kind kind, Number number, String message) {
  /**
   * The comparisons, with Ecto's names and messages.
   *
   * <pre>{@code NumberRule.Kind.LESS_THAN.ectoName() // "less_than" }</pre>
   */
  public enum Kind {
    /** must be less than. */
    LESS_THAN("less_than", "must be less than %{number}"),
    /** must be greater than. */
    GREATER_THAN("greater_than", "must be greater than %{number}"),
    /** must be less than or equal to. */
    LESS_THAN_OR_EQUAL_TO("less_than_or_equal_to", "must be less than or equal to %{number}"),
    /** must be greater than or equal to. */
    GREATER_THAN_OR_EQUAL_TO("greater_than_or_equal_to", "must be greater than or equal to %{number}"),
    /** must be equal to. */
    EQUAL_TO("equal_to", "must be equal to %{number}"),
    /** must be not equal to. */
    NOT_EQUAL_TO("not_equal_to", "must be not equal to %{number}");

    private final String ectoName;
    private final String defaultMessage;

    Kind(String ectoName, String defaultMessage) {
      this.ectoName = ectoName;
      this.defaultMessage = defaultMessage;
    }

    /**
     * The name used in error metadata ({@code kind}).
     *
     * <pre>{@code NumberRule.Kind.EQUAL_TO.ectoName() // "equal_to" }</pre>
     *
     * @return the name
     */
    public String ectoName() {
      return ectoName;
    }

    /**
     * Ecto's message template.
     *
     * <pre>{@code NumberRule.Kind.LESS_THAN.defaultMessage() // "must be less than %{number}" }</pre>
     *
     * @return the template
     */
    public String defaultMessage() {
      return defaultMessage;
    }

    boolean holds(int comparison) {
      switch (this) {
        case LESS_THAN: return comparison < 0;
        case GREATER_THAN: return comparison > 0;
        case LESS_THAN_OR_EQUAL_TO: return comparison <= 0;
        case GREATER_THAN_OR_EQUAL_TO: return comparison >= 0;
        case EQUAL_TO: return comparison == 0;
        case NOT_EQUAL_TO: return comparison != 0;
        default: throw new AssertionError(this);
      }
    }
  }

  /**
   * Checks the parts.
   *
   * <pre>{@code new NumberRule(NumberRule.Kind.LESS_THAN, 10, null) }</pre>
   */
  public NumberRule {
    if (kind == null || number == null) {
      throw new ArgumentException("a NumberRule needs a kind and a number");
    }
  }

  /**
   * {@code < n}.
   *
   * <pre>{@code NumberRule.lessThan(100) }</pre>
   *
   * @param n the bound
   * @return the rule
   */
  public static NumberRule lessThan(Number n) {
    return new NumberRule(Kind.LESS_THAN, n, null);
  }

  /**
   * {@code > n}.
   *
   * <pre>{@code NumberRule.greaterThan(0) }</pre>
   *
   * @param n the bound
   * @return the rule
   */
  public static NumberRule greaterThan(Number n) {
    return new NumberRule(Kind.GREATER_THAN, n, null);
  }

  /**
   * {@code <= n}.
   *
   * <pre>{@code NumberRule.lessThanOrEqualTo(100) }</pre>
   *
   * @param n the bound
   * @return the rule
   */
  public static NumberRule lessThanOrEqualTo(Number n) {
    return new NumberRule(Kind.LESS_THAN_OR_EQUAL_TO, n, null);
  }

  /**
   * {@code >= n}.
   *
   * <pre>{@code NumberRule.greaterThanOrEqualTo(18) }</pre>
   *
   * @param n the bound
   * @return the rule
   */
  public static NumberRule greaterThanOrEqualTo(Number n) {
    return new NumberRule(Kind.GREATER_THAN_OR_EQUAL_TO, n, null);
  }

  /**
   * {@code = n}.
   *
   * <pre>{@code NumberRule.equalTo(42) }</pre>
   *
   * @param n the number
   * @return the rule
   */
  public static NumberRule equalTo(Number n) {
    return new NumberRule(Kind.EQUAL_TO, n, null);
  }

  /**
   * {@code <> n}.
   *
   * <pre>{@code NumberRule.notEqualTo(0) }</pre>
   *
   * @param n the number
   * @return the rule
   */
  public static NumberRule notEqualTo(Number n) {
    return new NumberRule(Kind.NOT_EQUAL_TO, n, null);
  }

  /**
   * With a custom message (it may use {@code %{number}}).
   *
   * <pre>{@code NumberRule.greaterThan(0).message("must be positive") }</pre>
   *
   * @param m the message
   * @return the new rule
   */
  public NumberRule message(String m) {
    return new NumberRule(kind, number, m);
  }

  boolean holdsFor(Number value) {
    if (integral(value) && integral(number)) { // the common case, without two BigDecimals a check
      return kind.holds(Long.compare(value.longValue(), number.longValue()));
    }
    return kind.holds(decimal(value).compareTo(decimal(number)));
  }

  private static boolean integral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }

  static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
  }
}
