package dev.flecto.changeset;

import dev.flecto.schema.Association;
import java.util.List;

/**
 * What a changeset's {@code putAssoc} will write for one association: the associated records
 * to insert, update or keep, and those the new value replaces, with what happens to them (the
 * association's {@code onReplace}). The Repo writes it in the parent's transaction: a belongs-to
 * parent before the record, has-one and has-many children after it, with their foreign key set.
 *
 * <pre>{@code
 * Changeset<Post> cs = Changeset.change(post).putAssoc("comments", List.of(keptComment, Map.of("body", "new")));
 * cs.assocChanges().get("comments").entries() // [KEEP keptComment, INSERT {body: new}, DELETE removed...]
 * }</pre>
 *
 * @param association the association
 * @param entries what to do with each associated record, the new value's in its order first
 */
public record AssocChange(Association association, List<Entry> entries) {
  /**
   * Copies the entries.
   *
   * <pre>{@code new AssocChange(association, List.of(new AssocChange.Entry(AssocChange.Op.INSERT, Changeset.change(comment)))) }</pre>
   */
  public AssocChange {
    entries = List.copyOf(entries);
  }

  /**
   * What happens to one associated record.
   *
   * <pre>{@code AssocChange.Op.NILIFY }</pre>
   */
  public enum Op {
    /** A new record: inserted (for has-one and has-many, with the parent's key). */
    INSERT,
    /** A record of the database: its changes written (for has-one and has-many, with the parent's key). */
    UPDATE,
    /** Already associated and unchanged: nothing is written. */
    KEEP,
    /** Replaced: its foreign key set to null. */
    NILIFY,
    /** Replaced: deleted; a record that is gone already is a stale entry. */
    DELETE,
    /** Replaced: deleted when it still exists. */
    DELETE_IF_EXISTS;

    /**
     * Whether the record stays associated after the write.
     *
     * <pre>{@code AssocChange.Op.KEEP.kept() // true }</pre>
     *
     * @return true for INSERT, UPDATE and KEEP
     */
    public boolean kept() {
      return this == INSERT || this == UPDATE || this == KEEP;
    }
  }

  /**
   * One associated record and what happens to it.
   *
   * <pre>{@code new AssocChange.Entry(AssocChange.Op.UPDATE, Changeset.change(comment, Map.of("body", "edited"))) }</pre>
   *
   * @param op the operation
   * @param changeset the record, with its changes
   */
  public record Entry(Op op, Changeset<?> changeset) {}
}
