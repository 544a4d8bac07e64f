package dev.flecto;

/**
 * Raised before a write when a field's value cannot be turned into what its column stores (Ecto's
 * {@code Ecto.ChangeError}, "value ... for ... does not match type"), such as a map (jsonb) value
 * Jackson cannot encode, or one it could not read back; the message names the field, the schema
 * and what is wrong, and no statement is sent, so nothing is written.
 *
 * <pre>{@code
 * repo.insert(new Profile(null, "Ann", Map.of("x", new Object())))
 * // DumpException: cannot write field 'settings' of schema Profile (table profiles) as JSON:
 * //   cannot be encoded as JSON: No serializer found for class java.lang.Object ...
 * }</pre>
 */
public class DumpException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new DumpException("cannot write field 'settings' of schema Profile as JSON: ..."); }</pre>
   *
   * @param message what could not be written, naming the field and the schema
   */
  public DumpException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * <pre>{@code throw new DumpException("cannot write field 'settings' ...", jacksonException); }</pre>
   *
   * @param message what could not be written
   * @param cause the encoder's exception
   */
  public DumpException(String message, Throwable cause) {
    super(message, cause);
  }
}
