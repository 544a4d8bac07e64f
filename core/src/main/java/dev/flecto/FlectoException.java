package dev.flecto;

/**
 * The root of Flecto's unchecked exception hierarchy. Every error Flecto raises, from a bad schema
 * to a driver failure, is one of its subclasses; a database error keeps the driver's exception as
 * its {@linkplain #getCause() cause}.
 *
 * <pre>{@code
 * repo.insert(changeset)
 *     .onErrorResume(FlectoException.class, e -> Mono.empty());
 * }</pre>
 */
public class FlectoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * <pre>{@code throw new FlectoException("something went wrong"); }</pre>
   *
   * @param message what went wrong, naming the field, schema, option or SQL at fault
   */
  public FlectoException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * <pre>{@code throw new FlectoException("while decoding", driverException); }</pre>
   *
   * @param message what went wrong
   * @param cause the underlying exception, usually the driver's
   */
  public FlectoException(String message, Throwable cause) {
    super(message, cause);
  }
}
