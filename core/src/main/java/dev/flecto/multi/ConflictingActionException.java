package dev.flecto.multi;

import dev.flecto.FlectoException;
import dev.flecto.changeset.Changeset;

/**
 * Raised by {@code repo.transact(multi)} when an insert, update or delete step of the
 * {@link Multi} was given a changeset whose action is already another one (Ecto's Multi raises
 * {@code ArgumentError}: "you provided a changeset with an action already set"), such as a form's
 * changeset from {@code applyAction("validate")} given to {@code insert}. A changeset given as a
 * value is refused before the transaction begins, so no step runs; one a function gives is
 * refused when its step runs, which fails the Multi at that step ({@link MultiFailedException},
 * with this exception as its cause) and rolls back the steps before it. {@code repo.insert},
 * {@code update} and {@code delete} refuse such a changeset the same way (Ecto's Repo raises
 * {@code ArgumentError}: "a changeset with action :validate was given to Repo.insert/2"), inside
 * their Mono and before any SQL; {@link #step()} is then null.
 *
 * <pre>{@code
 * Changeset<Post> checked = Changeset.cast(Post.class, params, "title").withAction("validate");
 * repo.transact(Multi.create().insert("post", checked))
 *     .onErrorResume(ConflictingActionException.class, e -> Mono.error(new IllegalStateException(e.getMessage())));
 * // e.step() "post", e.action() "validate", e.attempted() "insert"
 * }</pre>
 */
public final class ConflictingActionException extends FlectoException {
  private static final long serialVersionUID = 1L;
  private final String step;
  private final String action;
  private final String attempted;
  private final transient Changeset<?> changeset;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new ConflictingActionException("post", cs, "insert"); }</pre>
   *
   * @param step the step's name
   * @param changeset the changeset refused, whose action is set
   * @param attempted what the step was to do with it: insert, update or delete
   */
  public ConflictingActionException(String step, Changeset<?> changeset, String attempted) {
    super("Multi step '" + step + "' was given a changeset over " + changeset.describe() + " whose action is already '"
        + changeset.action() + "' when trying to " + attempted + " it; give the step a changeset with no action, or "
        + "with the action '" + attempted + "'");
    this.step = step;
    this.action = changeset.action();
    this.attempted = attempted;
    this.changeset = changeset;
  }

  /**
   * Creates the exception for a changeset given to a Repo method directly, not through a Multi.
   *
   * <pre>{@code throw new ConflictingActionException(cs, "insert"); }</pre>
   *
   * @param changeset the changeset refused, whose action is set
   * @param attempted the Repo method: insert, update or delete
   */
  public ConflictingActionException(Changeset<?> changeset, String attempted) {
    super("Repo." + attempted + " was given a changeset over " + changeset.describe() + " whose action is already '"
        + changeset.action() + "'; give it a changeset with no action, or with the action '" + attempted + "'");
    this.step = null;
    this.action = changeset.action();
    this.attempted = attempted;
    this.changeset = changeset;
  }

  /**
   * The step's name.
   *
   * <pre>{@code e.step() // "post" }</pre>
   *
   * @return the name, or null when a Repo method refused the changeset directly
   */
  public String step() {
    return step;
  }

  /**
   * The action the changeset already had.
   *
   * <pre>{@code e.action() // "validate" }</pre>
   *
   * @return the action
   */
  public String action() {
    return action;
  }

  /**
   * What the step was to do: insert, update or delete.
   *
   * <pre>{@code e.attempted() // "insert" }</pre>
   *
   * @return the action attempted
   */
  public String attempted() {
    return attempted;
  }

  /**
   * The changeset refused.
   *
   * <pre>{@code e.changeset().errorsByField() }</pre>
   *
   * @return the changeset
   */
  public Changeset<?> changeset() {
    return changeset;
  }
}
