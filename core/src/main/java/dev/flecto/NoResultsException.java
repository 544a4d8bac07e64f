package dev.flecto;

/**
 * Raised by the failing lookups ({@code getOrFail}, {@code getByOrFail}, {@code oneOrFail}, {@code reloadOrFail}) when nothing matched; the message names the schema and the lookup.
 *
 * <pre>{@code
 * repo.getOrFail(Person.class, 42L) // NoResultsException: expected at least one result for Person (table people) where id = 42, got none
 * }</pre>
 */
public class NoResultsException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new NoResultsException("..."); }</pre>
   *
   * @param message what went wrong, naming the schema, field or lookup at fault
   */
  public NoResultsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * <pre>{@code throw new NoResultsException("...", cause); }</pre>
   *
   * @param message what went wrong
   * @param cause the underlying exception
   */
  public NoResultsException(String message, Throwable cause) {
    super(message, cause);
  }
}
