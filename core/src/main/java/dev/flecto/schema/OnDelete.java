package dev.flecto.schema;

/**
 * What deleting a parent does to its has-one, has-many or many-to-many children (Ecto's
 * {@code on_delete}); the Repo applies it in the delete's transaction, before deleting the parent.
 *
 * <pre>{@code @HasMany(foreignKey = "postId", onDelete = OnDelete.DELETE_ALL) Assoc<List<Comment>> comments }</pre>
 */
public enum OnDelete {
  /** Leave them (the database's foreign key decides). */
  NOTHING,
  /** Set their foreign key to null; for a many-to-many, the same as {@code DELETE_ALL} on the join rows. */
  NILIFY_ALL,
  /** Delete them (for a many-to-many, the join table's rows), with one statement. */
  DELETE_ALL
}
