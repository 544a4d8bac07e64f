package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records related through a join table (Ecto's {@code many_to_many}): the component is
 * {@code Assoc<List<Other>>}; the join table's columns default to each schema's name in snake case
 * plus {@code _id}.
 *
 * <pre>{@code
 * @Schema("posts") record Post(@Id Long id, @ManyToMany(joinTable = "posts_tags") Assoc<List<Tag>> tags) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface ManyToMany {
  /**
   * The join table (Ecto's {@code join_through: "posts_tags"}), or empty when
   * {@link #joinThrough()} names a join schema.
   *
   * <pre>{@code joinTable = "posts_tags" }</pre>
   *
   * @return the table name
   */
  String joinTable() default "";

  /**
   * The join table's column pointing at this record, or empty for the default ({@code post_id}; with
   * a join schema, its field, default {@code postId}).
   *
   * <pre>{@code joinKey = "post_id" }</pre>
   *
   * @return the column
   */
  String joinKey() default "";

  /**
   * The join table's column pointing at the related record, or empty for the default ({@code tag_id};
   * with a join schema, its field, default {@code tagId}).
   *
   * <pre>{@code relatedKey = "tag_id" }</pre>
   *
   * @return the column
   */
  String relatedKey() default "";

  /**
   * What deleting this record does to the associated records.
   *
   * <pre>{@code onDelete = OnDelete.DELETE_ALL }</pre>
   *
   * @return the action
   */
  OnDelete onDelete() default OnDelete.NOTHING;

  /**
   * The join schema (Ecto's {@code join_through: Module}), instead of {@link #joinTable()}; its
   * table is the join table and {@link #joinKey()} and {@link #relatedKey()} name its fields
   * (default {@code postId} and {@code tagId}).
   *
   * <pre>{@code @ManyToMany(joinThrough = PostTag.class) Assoc<List<Tag>> tags }</pre>
   *
   * @return the join schema record class, or {@code void.class} when a join table is named
   */
  Class<?> joinThrough() default void.class;

  /**
   * A filter the associated records must match (Ecto's {@code :where}), applied when the
   * association is queried, joined or preloaded.
   *
   * <pre>{@code where = @Where(field = "public", value = "true") }</pre>
   *
   * @return the conditions, ANDed
   */
  Where[] where() default {};

  /**
   * The order preloaded records come in (Ecto's {@code :preload_order}): field names, each
   * optionally followed by {@code asc} or {@code desc}. A preload query's own order wins over it.
   *
   * <pre>{@code preloadOrder = {"votes desc", "id"} }</pre>
   *
   * @return the order, most significant first
   */
  String[] preloadOrder() default {};

  /**
   * What a changeset's {@code putAssoc} does with an associated record the new value replaces
   * (Ecto's {@code :on_replace}): RAISE, MARK_AS_INVALID, or DELETE (and DELETE_IF_EXISTS), which
   * deletes the join row only, never the associated record.
   *
   * <pre>{@code onReplace = OnReplace.DELETE }</pre>
   *
   * @return the action
   */
  OnReplace onReplace() default OnReplace.RAISE;

  /**
   * Whether a changeset refuses the same associated record twice (Ecto's {@code unique: true}):
   * a {@code putAssoc} or {@code castAssoc} entry whose primary key an earlier entry has gets
   * "has already been taken" on its key, and the association "is invalid". A quick check for
   * feedback only: declare a unique index on the join table's two columns as well.
   *
   * <pre>{@code @ManyToMany(joinTable = "posts_tags", unique = true) Assoc<List<Tag>> tags }</pre>
   *
   * @return true to refuse duplicates
   */
  boolean unique() default false;

  /**
   * Values written into the join schema's fields when a join row is inserted (Ecto's
   * {@code join_defaults}), each as text cast to its field's type; only with a join schema
   * ({@link #joinThrough()}), as Ecto raises otherwise.
   *
   * <pre>{@code @ManyToMany(joinThrough = Membership.class, joinDefaults = @JoinDefault(field = "role", value = "member")) }</pre>
   *
   * @return the defaults
   */
  JoinDefault[] joinDefaults() default {};
}
