package dev.flecto;

/**
 * Raised at a schema's first use when its record is not a valid schema: an unsupported component type, two components on one column, a missing {@code @Id} where one is needed; the message names the record and the component.
 *
 * <pre>{@code
 * Schemas.of(BadRecord.class) // SchemaException: schema BadRecord, component \x27tags\x27: type java.util.List is not supported
 * }</pre>
 */
public class SchemaException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new SchemaException("..."); }</pre>
   *
   * @param message what went wrong, naming the schema, field or lookup at fault
   */
  public SchemaException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * <pre>{@code throw new SchemaException("...", cause); }</pre>
   *
   * @param message what went wrong
   * @param cause the underlying exception
   */
  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
