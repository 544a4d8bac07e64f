package dev.flecto.multi;

import dev.flecto.changeset.Changeset;
import dev.flecto.multi.Operation.Kind;
import dev.flecto.schema.SchemaMeta;
import java.util.Locale;

/**
 * Which action a write step does with its changeset, and Ecto's rule that a changeset whose action
 * is already another one is refused (Ecto.Multi's {@code put_action}).
 *
 * <pre>{@code Actions.refusal("post", cs.withAction("validate"), Kind.INSERT) // ConflictingActionException }</pre>
 */
final class Actions {
  private Actions() {}

  /** The action of a write step: insert, update or delete; insertOrUpdate as Repo.insertOrUpdate decides it. */
  static String of(Kind kind, Changeset<?> cs) {
    return kind == Kind.INSERT_OR_UPDATE ? (loaded(cs) ? "update" : "insert") : kind.name().toLowerCase(Locale.ROOT);
  }

  /** Whether the changeset's data is stored already: it has its whole primary key (an update, not an insert). */
  static <T> boolean loaded(Changeset<T> cs) {
    SchemaMeta<T> meta = cs.schema();
    return !meta.primaryKey().isEmpty() && meta.primaryKey().stream().allMatch(k -> meta.get(cs.data(), k) != null);
  }

  /** The refusal of a changeset whose action is another than the step's, or null when it may be written. */
  static ConflictingActionException refusal(String step, Changeset<?> cs, Kind kind) {
    if (cs.action() == null) {
      return null; // the common case, and insertOrUpdate's decision reads the schema only when needed
    }
    String action = of(kind, cs);
    return cs.action().equals(action) ? null : new ConflictingActionException(step, cs, action);
  }
}
