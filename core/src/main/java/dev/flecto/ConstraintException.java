package dev.flecto;

/**
 * A constraint violation (unique, foreign key, check, not null, exclusion) that no changeset
 * declared. The message names the constraint and says how to declare it so it becomes a field
 * error instead.
 *
 * <pre>{@code
 * repo.insert(person) // ConstraintException: constraint people_email_index (unique) violated on table people
 * }</pre>
 */
public class ConstraintException extends DatabaseException {
  private static final long serialVersionUID = 1L;
  private final String constraint;
  private final String table;

  /**
   * Creates the exception.
   *
   * <pre>{@code new ConstraintException(msg, "23505", "people_email_index", "people", sql, cause) }</pre>
   *
   * @param message the message, naming the constraint
   * @param sqlState the SQLSTATE (23xxx)
   * @param constraint the violated constraint's name, or null when the server gave none
   * @param table the table, or null
   * @param sql the failing SQL
   * @param cause the driver's exception
   */
  public ConstraintException(
      String message, String sqlState, String constraint, String table, String sql, Throwable cause) {
    super(message, sqlState, sql, cause);
    this.constraint = constraint;
    this.table = table;
  }

  /**
   * The violated constraint's name as the server reported it.
   *
   * <pre>{@code e.constraint() // "people_email_index" }</pre>
   *
   * @return the constraint name, or null
   */
  public String constraint() {
    return constraint;
  }

  /**
   * The table the constraint belongs to.
   *
   * <pre>{@code e.table() // "people" }</pre>
   *
   * @return the table, or null
   */
  public String table() {
    return table;
  }
}
