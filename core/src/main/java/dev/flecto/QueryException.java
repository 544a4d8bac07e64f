package dev.flecto;

/**
 * Raised when a query cannot be planned: an unknown field, a value that cannot be cast to its field's type, a comparison with null; the message names the query, the field and a hint.
 *
 * <pre>{@code
 * repo.all(Query.from(Person.class).where("agee", 3)) // QueryException: field \x27agee\x27 does not exist in schema Person
 * }</pre>
 */
public class QueryException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new QueryException("..."); }</pre>
   *
   * @param message what went wrong, naming the schema, field or lookup at fault
   */
  public QueryException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * <pre>{@code throw new QueryException("...", cause); }</pre>
   *
   * @param message what went wrong
   * @param cause the underlying exception
   */
  public QueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
