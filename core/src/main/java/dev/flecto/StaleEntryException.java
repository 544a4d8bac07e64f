package dev.flecto;

/**
 * Raised when an update or delete by primary key affected no row: the record was deleted (or its key changed) since it was loaded.
 *
 * <pre>{@code
 * repo.delete(person).then(repo.delete(person)) // the second one: StaleEntryException
 * }</pre>
 */
public class StaleEntryException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new StaleEntryException("..."); }</pre>
   *
   * @param message what went wrong, naming the schema, field or lookup at fault
   */
  public StaleEntryException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * <pre>{@code throw new StaleEntryException("...", cause); }</pre>
   *
   * @param message what went wrong
   * @param cause the underlying exception
   */
  public StaleEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
