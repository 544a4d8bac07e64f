package dev.flecto;

/**
 * Raised when a call is given an argument it cannot take: Ecto's {@code ArgumentError}. The
 * message names the argument, the field, the schema or the option at fault. A Repo method never
 * throws it at call time: its publisher fails with it. Building a value (a changeset, a Multi,
 * options) throws it at once, where Ecto raises too.
 *
 * <pre>{@code
 * repo.insert((Changeset<Post>) null)          // Mono fails: ArgumentException "insert was given null ..."
 * Changeset.change(post, Map.of("titel", "x")) // throws: field 'titel' does not exist in Post ...
 * }</pre>
 */
public class ArgumentException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new ArgumentException("StreamOptions.maxRows must be at least 1, got 0"); }</pre>
   *
   * @param message what was given and why it cannot be taken, naming the argument at fault
   */
  public ArgumentException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * <pre>{@code throw new ArgumentException("...", cause); }</pre>
   *
   * @param message what was given and why it cannot be taken
   * @param cause the underlying exception
   */
  public ArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
