package dev.flecto;

/**
 * Raised while reading rows when a column holds a value its field's type cannot hold, such as a
 * text an enum has no constant for (Ecto's "cannot load ... as type ..."); the message names the
 * value, the field and the schema, and the read fails at that row.
 *
 * <pre>{@code
 * repo.all(Ticket.class)
 * // LoadException: cannot load "ARCHIVED" as Status (one of OPEN, CLOSED) for field 'status' of schema Ticket (table tickets)
 * }</pre>
 */
public class LoadException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new LoadException("cannot load \"ARCHIVED\" as Status for field 'status' of schema Ticket"); }</pre>
   *
   * @param message what could not be loaded, naming the value, the field and the schema
   */
  public LoadException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * <pre>{@code throw new LoadException("cannot load ...", cause); }</pre>
   *
   * @param message what could not be loaded
   * @param cause the conversion's exception
   */
  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
