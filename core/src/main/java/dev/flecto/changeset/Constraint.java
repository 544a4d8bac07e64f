package dev.flecto.changeset;

import dev.flecto.ArgumentException;

/**
 * A database constraint a changeset declared (Ecto's {@code constraints/1} entries): when a write
 * violates a constraint of this type whose name matches, the Repo turns the violation into an error
 * on {@link #field()} instead of raising.
 *
 * <pre>{@code
 * cs.uniqueConstraint("email").constraints()
 * // [Constraint[type=UNIQUE, name=users_email_index, match=EXACT, field=email,
 * //             message=has already been taken, errorType=unique]]
 * }</pre>
 *
 * @param type the kind of database constraint
 * @param name the constraint name
 * @param match how {@code name} is compared with the violated constraint's name
 * @param field the field the error is added to
 * @param message the error message
 * @param errorType the {@code constraint} metadata of the error: unique, foreign, assoc, no_assoc, check, exclusion
 */
public record Constraint(Type type, String name, Match match, String field, String message, String errorType) {
  /**
   * The kinds of database constraint, by the SQLSTATE PostgreSQL reports.
   *
   * <pre>{@code Constraint.Type.UNIQUE.sqlState() // "23505" }</pre>
   */
  public enum Type {
    /** unique_violation. */
    UNIQUE("23505"),
    /** foreign_key_violation. */
    FOREIGN_KEY("23503"),
    /** check_violation. */
    CHECK("23514"),
    /** exclusion_violation. */
    EXCLUSION("23P01");

    private final String sqlState;

    Type(String sqlState) {
      this.sqlState = sqlState;
    }

    /**
     * The SQLSTATE of a violation of this kind.
     *
     * <pre>{@code Constraint.Type.CHECK.sqlState() // "23514" }</pre>
     *
     * @return the SQLSTATE
     */
    public String sqlState() {
      return sqlState;
    }
  }

  /**
   * How a declared name is compared with the violated constraint's name.
   *
   * <pre>{@code ConstraintOptions.named("email_key").match(Constraint.Match.SUFFIX) }</pre>
   */
  public enum Match {
    /** The names are equal. */
    EXACT,
    /** The violated name ends with the declared one (partitioned tables). */
    SUFFIX,
    /** The violated name starts with the declared one. */
    PREFIX
  }

  /**
   * Checks the parts.
   *
   * <pre>{@code new Constraint(Constraint.Type.UNIQUE, "users_email_index", Constraint.Match.EXACT, "email", "has already been taken", "unique") }</pre>
   */
  public Constraint {
    if (type == null || name == null || match == null || field == null || message == null || errorType == null) {
      throw new ArgumentException("a constraint needs a type, name, match, field, message and error type");
    }
  }

  /**
   * Whether a violation reported by the database is this constraint.
   *
   * <pre>{@code constraint.matches("23505", "users_email_index") }</pre>
   *
   * @param sqlState the violation's SQLSTATE
   * @param violated the violated constraint's name
   * @return true when the type and the name match
   */
  public boolean matches(String sqlState, String violated) {
    if (!type.sqlState().equals(sqlState) || violated == null) {
      return false;
    }
    switch (match) {
      case EXACT:
        return violated.equals(name);
      case SUFFIX:
        return violated.endsWith(name);
      case PREFIX:
        return violated.startsWith(name);
      default:
        throw new AssertionError(match);
    }
  }
}
