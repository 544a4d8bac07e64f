package dev.flecto.multi;

import dev.flecto.ArgumentException;
import dev.flecto.FlectoException;
import dev.flecto.changeset.Changeset;

/**
 * Raised by {@code repo.transact(multi)} when a step failed (Ecto's
 * {@code {:error, failed_operation, failed_value, changes_so_far}}): the transaction was rolled
 * back, or never began when a changeset given to the Multi was invalid. It names the step, holds
 * the failed value and the results of the steps that ran before (rolled back too).
 *
 * <ul>
 *   <li>An invalid changeset, or one whose declared constraint was violated: the changeset, with its
 *       errors and action; the cause is the {@link dev.flecto.changeset.InvalidChangesetException}.
 *   <li>An {@code error} step: its value.
 *   <li>A step that called {@code repo.rollback(value)}: that value.
 *   <li>Any other failure of a step (an exception of a {@code run} step, an undeclared constraint,
 *       a stale entry): the exception, which is also the cause.
 * </ul>
 *
 * <pre>{@code
 * repo.transact(multi).onErrorResume(MultiFailedException.class, e -> switch (e.step()) {
 *   case "user" -> Mono.error(new BadRequest(e.changeset(User.class).errorsByField()));
 *   default -> Mono.error(e);
 * });
 * }</pre>
 */
public final class MultiFailedException extends FlectoException {
  private static final long serialVersionUID = 1L;
  private final String step;
  private final transient Object value;
  private final transient Changes changesSoFar;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new MultiFailedException("post", invalidChangeset, changes, null); }</pre>
   *
   * @param step the failed step's name
   * @param value the failed value
   * @param changesSoFar the results of the steps that ran before
   * @param cause the exception the step failed with, or null (an {@code error} step)
   */
  public MultiFailedException(String step, Object value, Changes changesSoFar, Throwable cause) {
    super("Multi step '" + step + "' failed with " + describe(value) + "; the steps that ran before (rolled back) were "
        + changesSoFar.names(), cause);
    this.step = step;
    this.value = value;
    this.changesSoFar = changesSoFar;
  }

  /**
   * The failed step's name.
   *
   * <pre>{@code e.step() // "post" }</pre>
   *
   * @return the name
   */
  public String step() {
    return step;
  }

  /**
   * The failed value: the invalid changeset, the error step's value, the rollback value, or the exception.
   *
   * <pre>{@code e.value() }</pre>
   *
   * @return the value, possibly null
   */
  public Object value() {
    return value;
  }

  /**
   * The failed value as the given type.
   *
   * <pre>{@code Changeset<?> cs = e.value(Changeset.class); }</pre>
   *
   * @param type the value's class
   * @param <T> the value type
   * @return the value
   * @throws ArgumentException naming the step when the value is of another type
   */
  public <T> T value(Class<T> type) {
    if (value != null && !type.isInstance(value)) {
      throw new ArgumentException("the failed value of step '" + step + "' is a " + value.getClass().getName()
          + ", not a " + type.getName());
    }
    return type.cast(value);
  }

  /**
   * The failed value as a changeset over the given data type, when the step failed on a changeset.
   *
   * <pre>{@code Map<String, List<String>> errors = e.changeset(User.class).errorsByField(); }</pre>
   *
   * @param dataType the changeset's data class
   * @param <T> the data type
   * @return the changeset, with its errors and action
   * @throws ArgumentException naming the step when the value is not a changeset over that type
   */
  @SuppressWarnings("unchecked")
  public <T> Changeset<T> changeset(Class<T> dataType) {
    Changeset<?> cs = value(Changeset.class);
    if (cs == null || !dataType.isInstance(cs.data())) {
      throw new ArgumentException("the failed value of step '" + step + "' is " + describe(value) + ", not a changeset over "
          + dataType.getName());
    }
    return (Changeset<T>) cs;
  }

  /**
   * The results of the steps that ran before the failed one; none of them remains in the database.
   *
   * <pre>{@code e.changesSoFar().names() // [user] }</pre>
   *
   * @return the changes so far
   */
  public Changes changesSoFar() {
    return changesSoFar;
  }

  private static String describe(Object value) {
    if (value instanceof Changeset<?> cs) {
      return "an invalid changeset for " + cs.describe() + " (action " + cs.action() + "): errors " + cs.errorsByField();
    }
    if (value instanceof Throwable t) {
      return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
    return "value " + value;
  }
}
