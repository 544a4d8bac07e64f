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
   * The join table.
   *
   * <pre>{@code joinTable = "posts_tags" }</pre>
   *
   * @return the table name
   */
  String joinTable();

  /**
   * The join table's column pointing at this record, or empty for the default ({@code post_id}).
   *
   * <pre>{@code joinKey = "post_id" }</pre>
   *
   * @return the column
   */
  String joinKey() default "";

  /**
   * The join table's column pointing at the related record, or empty for the default ({@code tag_id}).
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
}
