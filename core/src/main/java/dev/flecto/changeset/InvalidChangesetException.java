package dev.flecto.changeset;

import dev.flecto.FlectoException;

/**
 * Raised by a Repo write given a changeset with errors (nothing was sent to the database), or
 * whose write violated a declared constraint (nothing of it remains). It carries the changeset,
 * so an API can hand its {@linkplain Changeset#errorsByField() errors} back to its client.
 *
 * <pre>{@code
 * repo.insert(cs).onErrorResume(InvalidChangesetException.class,
 *     e -> Mono.error(new BadRequest(e.changeset().errorsByField())));
 * }</pre>
 */
public final class InvalidChangesetException extends FlectoException {
  private static final long serialVersionUID = 1L;
  private final transient Changeset<?> changeset;
  private final String action;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new InvalidChangesetException("insert", cs); }</pre>
   *
   * @param action the write attempted: insert, update or delete
   * @param changeset the changeset with its errors
   */
  public InvalidChangesetException(String action, Changeset<?> changeset) {
    super("could not perform " + action + " because changeset is invalid for "
        + changeset.describe() + ": errors " + ChangesetErrors.traverse(changeset, ChangesetError::formatted)
        + ", changes " + changeset.changes());
    this.action = action;
    this.changeset = changeset;
  }

  /**
   * The changeset, with its errors.
   *
   * <pre>{@code e.changeset().errorsByField() }</pre>
   *
   * @return the changeset
   */
  public Changeset<?> changeset() {
    return changeset;
  }

  /**
   * The changeset, typed: its data must be of the given class.
   *
   * <pre>{@code Changeset<User> cs = e.changeset(User.class); }</pre>
   *
   * @param type the data's class
   * @param <T> the data type
   * @return the changeset
   * @throws dev.flecto.ArgumentException naming both classes when the data is of another class
   */
  @SuppressWarnings("unchecked")
  public <T> Changeset<T> changeset(Class<T> type) {
    if (!type.isInstance(changeset.data())) {
      throw new dev.flecto.ArgumentException("the refused changeset is over " + changeset.describe() + ", not "
          + type.getName());
    }
    return (Changeset<T>) changeset;
  }

  /**
   * The write that was refused.
   *
   * <pre>{@code e.action() // "insert" }</pre>
   *
   * @return insert, update or delete
   */
  public String action() {
    return action;
  }
}
