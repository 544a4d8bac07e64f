package dev.flecto;

/**
 * Raised when code reads an association that was not preloaded: Flecto never loads lazily. The
 * message names the schema, the association and how to preload it.
 *
 * <pre>{@code
 * post.comments().get() // AssociationNotLoadedException: association 'comments' of Post is not loaded ...
 * }</pre>
 */
public class AssociationNotLoadedException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new AssociationNotLoadedException("association 'comments' of Post is not loaded"); }</pre>
   *
   * @param message what was read and how to preload it
   */
  public AssociationNotLoadedException(String message) {
    super(message);
  }
}
