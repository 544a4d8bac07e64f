package dev.flecto;

/**
 * A failure reported by the database or the driver, translated once at the adapter's edge. It
 * carries the SQLSTATE and the SQL that failed; the driver's exception is its cause.
 *
 * <pre>{@code
 * repo.insert(person).onErrorResume(DatabaseException.class, e -> {
 *   log.warn("{} failed with {}", e.sql(), e.sqlState());
 *   return Mono.empty();
 * });
 * }</pre>
 */
public class DatabaseException extends FlectoException {
  private static final long serialVersionUID = 1L;
  private final String sqlState;
  private final String sql;

  /**
   * Creates the exception.
   *
   * <pre>{@code new DatabaseException("relation \"x\" does not exist", "42P01", "SELECT ...", cause) }</pre>
   *
   * @param message the database's message
   * @param sqlState the SQLSTATE, or null when the driver gave none
   * @param sql the statement that failed, or null
   * @param cause the driver's exception
   */
  public DatabaseException(String message, String sqlState, String sql, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.sql = sql;
  }

  /**
   * The SQLSTATE reported by PostgreSQL, such as {@code 23505} or {@code 40001}.
   *
   * <pre>{@code if ("40001".equals(e.sqlState())) retry(); }</pre>
   *
   * @return the SQLSTATE, or null
   */
  public String sqlState() {
    return sqlState;
  }

  /**
   * The SQL text of the statement that failed.
   *
   * <pre>{@code log.debug(e.sql()); }</pre>
   *
   * @return the SQL, or null when the failure was not tied to one statement
   */
  public String sql() {
    return sql;
  }
}
