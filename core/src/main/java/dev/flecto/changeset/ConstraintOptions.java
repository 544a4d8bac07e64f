package dev.flecto.changeset;

import dev.flecto.ArgumentException;

/**
 * Options of the constraint declarations (Ecto's {@code :name}, {@code :match}, {@code :message}
 * and {@code :error_key}); each step returns new options.
 *
 * <pre>{@code
 * cs.uniqueConstraint(List.of("email", "companyId"), ConstraintOptions.named("users_email_company_id_index"))
 * cs.uniqueConstraint(List.of("email"), ConstraintOptions.named("email_key").match(Constraint.Match.SUFFIX))
 * cs.checkConstraint("price", ConstraintOptions.named("price_must_be_positive").message("must be positive"))
 * }</pre>
 *
 * @param name the constraint name, or null for Ecto's default name
 * @param match how the name is matched
 * @param message the message, or null for the default of the constraint kind
 * @param errorKey the field the error goes to, or null for the first field
 */
public record ConstraintOptions(String name, Constraint.Match match, String message, String errorKey) {
  /**
   * Checks the match.
   *
   * <pre>{@code new ConstraintOptions(null, Constraint.Match.EXACT, null, null) }</pre>
   */
  public ConstraintOptions {
    if (match == null) {
      throw new ArgumentException("ConstraintOptions.match must not be null");
    }
  }

  /**
   * No options: the default name, exact match, the default message.
   *
   * <pre>{@code ConstraintOptions.defaults() }</pre>
   *
   * @return the options
   */
  public static ConstraintOptions defaults() {
    return new ConstraintOptions(null, Constraint.Match.EXACT, null, null);
  }

  /**
   * With an explicit constraint name.
   *
   * <pre>{@code ConstraintOptions.named("users_email_company_id_index") }</pre>
   *
   * @param name the constraint name
   * @return the options
   */
  public static ConstraintOptions named(String name) {
    return defaults().name(name);
  }

  /**
   * With another name.
   *
   * <pre>{@code ConstraintOptions.defaults().name("posts_title_index") }</pre>
   *
   * @param n the name
   * @return the new options
   */
  public ConstraintOptions name(String n) {
    return new ConstraintOptions(n, match, message, errorKey);
  }

  /**
   * With another match.
   *
   * <pre>{@code ConstraintOptions.named("email_key").match(Constraint.Match.SUFFIX) }</pre>
   *
   * @param m the match
   * @return the new options
   */
  public ConstraintOptions match(Constraint.Match m) {
    return new ConstraintOptions(name, m, message, errorKey);
  }

  /**
   * With another message.
   *
   * <pre>{@code ConstraintOptions.defaults().message("is taken") }</pre>
   *
   * @param m the message
   * @return the new options
   */
  public ConstraintOptions message(String m) {
    return new ConstraintOptions(name, match, m, errorKey);
  }

  /**
   * With the field the error is added to.
   *
   * <pre>{@code ConstraintOptions.defaults().errorKey("companyId") }</pre>
   *
   * @param key the field name
   * @return the new options
   */
  public ConstraintOptions errorKey(String key) {
    return new ConstraintOptions(name, match, message, key);
  }
}
