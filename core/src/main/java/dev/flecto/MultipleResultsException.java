package dev.flecto;

/**
 * Raised when a lookup that expects at most one row ({@code one}, {@code getBy}) matched several; the message names the schema, the lookup and the count.
 *
 * <pre>{@code
 * repo.getBy(Person.class, Map.of("lastName", "Smith")) // MultipleResultsException when two Smiths exist
 * }</pre>
 */
public class MultipleResultsException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new MultipleResultsException("..."); }</pre>
   *
   * @param message what went wrong, naming the schema, field or lookup at fault
   */
  public MultipleResultsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * <pre>{@code throw new MultipleResultsException("...", cause); }</pre>
   *
   * @param message what went wrong
   * @param cause the underlying exception
   */
  public MultipleResultsException(String message, Throwable cause) {
    super(message, cause);
  }
}
