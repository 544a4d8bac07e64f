package dev.flecto.schema;

/**
 * An association a schema declares, with its keys resolved to Ecto's defaults where not given.
 *
 * <pre>{@code Schemas.of(Post.class).association("comments").foreignKey() // "postId" }</pre>
 *
 * @param name the component's name
 * @param kind belongs-to, has-one, has-many or many-to-many
 * @param target the associated schema record class
 * @param foreignKey the foreign key field: on this schema for belongs-to, on the target for has-one
 *     and has-many; empty for many-to-many
 * @param references the referenced field, or empty for the primary key (of the target for
 *     belongs-to, of this schema otherwise)
 * @param joinTable the join table (many-to-many), or empty
 * @param joinKey the join table's column pointing at this schema (many-to-many), or empty
 * @param relatedKey the join table's column pointing at the target (many-to-many), or empty
 * @param onDelete what deleting the owner does to the associated records (has-one, has-many, many-to-many)
 */
public record Association(String name, Kind kind, Class<?> target, String foreignKey, String references,
    String joinTable, String joinKey, String relatedKey, OnDelete onDelete) {

  /**
   * An association whose deletion leaves the children alone.
   *
   * <pre>{@code new Association("author", Association.Kind.BELONGS_TO, User.class, "authorId", "", "", "", "") }</pre>
   *
   * @param name the name
   * @param kind the kind
   * @param target the target
   * @param foreignKey the foreign key field
   * @param references the referenced field
   * @param joinTable the join table
   * @param joinKey the join key column
   * @param relatedKey the related key column
   */
  public Association(String name, Kind kind, Class<?> target, String foreignKey, String references,
      String joinTable, String joinKey, String relatedKey) {
    this(name, kind, target, foreignKey, references, joinTable, joinKey, relatedKey, OnDelete.NOTHING);
  }

  /**
   * The kinds of association.
   *
   * <pre>{@code Association.Kind.HAS_MANY.many() // true }</pre>
   */
  public enum Kind {
    /** {@code belongs_to}. */
    BELONGS_TO,
    /** {@code has_one}. */
    HAS_ONE,
    /** {@code has_many}. */
    HAS_MANY,
    /** {@code many_to_many}. */
    MANY_TO_MANY;

    /**
     * Whether the association holds a list.
     *
     * <pre>{@code Association.Kind.BELONGS_TO.many() // false }</pre>
     *
     * @return true for has-many and many-to-many
     */
    public boolean many() {
      return this == HAS_MANY || this == MANY_TO_MANY;
    }
  }
}
