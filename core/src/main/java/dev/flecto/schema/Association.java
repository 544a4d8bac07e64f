package dev.flecto.schema;

import java.util.List;

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
 * @param joinSchema the join schema of a many-to-many declared with {@code joinThrough}, or null;
 *     then {@code joinTable} is its table and {@code joinKey}/{@code relatedKey} are its fields
 * @param through the chain of associations a has-many or has-one {@code through} follows, or empty
 * @param where the filter the associated records must match, or empty
 * @param preloadOrder the order of preloaded records ({@code "votes desc"}), or empty
 * @param onReplace what a changeset's putAssoc does with a replaced associated record
 * @param unique whether a changeset refuses two associated records with the same primary key
 *     (Ecto's {@code :unique}: true for has-one, has-many and belongs-to, an option of many-to-many)
 */
public record Association(String name, Kind kind, Class<?> target, String foreignKey, String references,
    String joinTable, String joinKey, String relatedKey, OnDelete onDelete, Class<?> joinSchema,
    List<String> through, List<Filter> where, List<String> preloadOrder, OnReplace onReplace, boolean unique,
    java.util.Map<String, String> joinDefaults) {

  /**
   * Copies the lists and the join defaults.
   *
   * <pre>{@code new Association("tags", Kind.MANY_TO_MANY, Tag.class, "", "", "posts_tags", "post_id", "tag_id",
   *     OnDelete.NOTHING, null, List.of(), List.of(), List.of(), OnReplace.RAISE, false, Map.of()) }</pre>
   */
  public Association {
    through = List.copyOf(through);
    where = List.copyOf(where);
    preloadOrder = List.copyOf(preloadOrder);
    joinDefaults = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(joinDefaults));
  }

  /**
   * An association without join defaults.
   *
   * <pre>{@code new Association("tags", Kind.MANY_TO_MANY, Tag.class, "", "", "posts_tags", "post_id", "tag_id",
   *     OnDelete.NOTHING, null, List.of(), List.of(), List.of(), OnReplace.RAISE, true) }</pre>
   *
   * @param name the name
   * @param kind the kind
   * @param target the target
   * @param foreignKey the foreign key field
   * @param references the referenced field
   * @param joinTable the join table
   * @param joinKey the join key column
   * @param relatedKey the related key column
   * @param onDelete the delete action
   * @param joinSchema the join schema, or null
   * @param through the through chain
   * @param where the filter
   * @param preloadOrder the preload order
   * @param onReplace the replace action
   * @param unique whether a changeset refuses the same associated record twice
   */
  public Association(String name, Kind kind, Class<?> target, String foreignKey, String references,
      String joinTable, String joinKey, String relatedKey, OnDelete onDelete, Class<?> joinSchema,
      List<String> through, List<Filter> where, List<String> preloadOrder, OnReplace onReplace, boolean unique) {
    this(name, kind, target, foreignKey, references, joinTable, joinKey, relatedKey, onDelete, joinSchema, through,
        where, preloadOrder, onReplace, unique, java.util.Map.of());
  }

  /**
   * An association unique as Ecto's default for its kind (every kind but many-to-many).
   *
   * <pre>{@code new Association("tags", Kind.MANY_TO_MANY, Tag.class, "", "", "posts_tags", "post_id", "tag_id",
   *     OnDelete.NOTHING, null, List.of(), List.of(), List.of(), OnReplace.RAISE) }</pre>
   *
   * @param name the name
   * @param kind the kind
   * @param target the target
   * @param foreignKey the foreign key field
   * @param references the referenced field
   * @param joinTable the join table
   * @param joinKey the join key column
   * @param relatedKey the related key column
   * @param onDelete the delete action
   * @param joinSchema the join schema, or null
   * @param through the through chain
   * @param where the filter
   * @param preloadOrder the preload order
   * @param onReplace the replace action
   */
  public Association(String name, Kind kind, Class<?> target, String foreignKey, String references,
      String joinTable, String joinKey, String relatedKey, OnDelete onDelete, Class<?> joinSchema,
      List<String> through, List<Filter> where, List<String> preloadOrder, OnReplace onReplace) {
    this(name, kind, target, foreignKey, references, joinTable, joinKey, relatedKey, onDelete, joinSchema, through,
        where, preloadOrder, onReplace, kind != Kind.MANY_TO_MANY);
  }

  /**
   * A direct association with no filter, order or join schema.
   *
   * <pre>{@code new Association("comments", Kind.HAS_MANY, Comment.class, "postId", "", "", "", "", OnDelete.DELETE_ALL) }</pre>
   *
   * @param name the name
   * @param kind the kind
   * @param target the target
   * @param foreignKey the foreign key field
   * @param references the referenced field
   * @param joinTable the join table
   * @param joinKey the join key column
   * @param relatedKey the related key column
   * @param onDelete the delete action
   */
  public Association(String name, Kind kind, Class<?> target, String foreignKey, String references,
      String joinTable, String joinKey, String relatedKey, OnDelete onDelete) {
    this(name, kind, target, foreignKey, references, joinTable, joinKey, relatedKey, onDelete, null, List.of(),
        List.of(), List.of(), OnReplace.RAISE);
  }

  /**
   * Whether the association is defined through a chain of other associations (read-only).
   *
   * <pre>{@code Schemas.of(Post.class).association("commentAuthors").isThrough() // true }</pre>
   *
   * @return true for a has-many or has-one {@code through}
   */
  public boolean isThrough() {
    return !through.isEmpty();
  }

  /**
   * One condition of an association's filter: the field equals one of the values (cast from text
   * to the field's type), or is null, or is not null.
   *
   * <pre>{@code new Association.Filter("public", Association.Filter.Kind.EQUAL, List.of("true")) }</pre>
   *
   * @param field the associated schema's field
   * @param kind the comparison
   * @param values the values, as text (one for EQUAL, any number for IN, none otherwise)
   */
  public record Filter(String field, Kind kind, List<String> values) {
    /**
     * Copies the values.
     *
     * <pre>{@code new Association.Filter("deletedAt", Association.Filter.Kind.IS_NULL, List.of()) }</pre>
     */
    public Filter {
      values = List.copyOf(values);
    }

    /**
     * The comparisons a filter makes.
     *
     * <pre>{@code Association.Filter.Kind.IN }</pre>
     */
    public enum Kind {
      /** The field equals the value. */
      EQUAL,
      /** The field equals one of the values. */
      IN,
      /** The field is null. */
      IS_NULL,
      /** The field is not null. */
      NOT_NULL
    }
  }

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
