package dev.flecto.schema;

/**
 * What happens to an associated record that a changeset's {@code putAssoc} replaces (Ecto's
 * {@code on_replace}): a child of the parent that the new value no longer holds.
 *
 * <pre>{@code @HasMany(foreignKey = "postId", onReplace = OnReplace.DELETE) Assoc<List<Comment>> comments }</pre>
 */
public enum OnReplace {
  /** Refuse the change with an exception naming the association (the default, as in Ecto). */
  RAISE,
  /** Mark the changeset invalid with an error on the association ("is invalid"). */
  MARK_AS_INVALID,
  /** Set the replaced children's foreign key to null (has-one, has-many). */
  NILIFY,
  /**
   * Update the one associated record in place with the new value's fields, given as a map
   * (has-one, belongs-to); null unlinks it, keeping its row (has-one: its foreign key set to null;
   * belongs-to: the owner's foreign key cleared); another record or a changeset of one is refused,
   * as Ecto refuses a struct for {@code on_replace: :update}.
   */
  UPDATE,
  /** Delete the replaced children (for a many-to-many, their join rows). */
  DELETE,
  /** Delete the replaced children if they still exist, without failing when they are gone. */
  DELETE_IF_EXISTS
}
