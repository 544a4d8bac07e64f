package dev.flecto;

/**
 * Raised when a preload cannot be done as asked: an association the schema does not have, a join
 * preload given to {@code repo.preload}, a preload query over another schema or selecting
 * something else than the associated records, or a preload function returning something else;
 * the message names the owner schema and the association.
 *
 * <pre>{@code
 * repo.preload(posts, Preload.of("author").query(Query.from(Tag.class)))
 * // PreloadException: preload 'author' of schema Post (table posts): its query must be over User (table users), not from Tag
 * }</pre>
 */
public class PreloadException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new PreloadException("preload 'author' of schema Post (table posts): ..."); }</pre>
   *
   * @param message what went wrong, naming the owner schema and the association
   */
  public PreloadException(String message) {
    super(message);
  }
}
