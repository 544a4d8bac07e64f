package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Children point at this record by their foreign key (Ecto's {@code has_many}): the component is
 * {@code Assoc<List<Child>>}; the children's foreign key defaults to this schema's name, lower camel
 * case, plus {@code Id}.
 *
 * <pre>{@code
 * @Schema("posts") record Post(@Id Long id, @HasMany Assoc<List<Comment>> comments) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface HasMany {
  /**
   * The foreign key field, or empty for Ecto's default (this schema's name plus Id, e.g. postId).
   *
   * <pre>{@code foreignKey = "postId" }</pre>
   *
   * @return the field name
   */
  String foreignKey() default "";

  /**
   * The referenced field, or empty for the primary key.
   *
   * <pre>{@code references = "id" }</pre>
   *
   * @return the field name
   */
  String references() default "";

  /**
   * What deleting this record does to the associated records.
   *
   * <pre>{@code onDelete = OnDelete.DELETE_ALL }</pre>
   *
   * @return the action
   */
  OnDelete onDelete() default OnDelete.NOTHING;
}
