package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One child points at this record by its foreign key (Ecto's {@code has_one}): the component is
 * {@code Assoc<Child>}.
 *
 * <pre>{@code
 * @Schema("users") record User(@Id Long id, @HasOne Assoc<Profile> profile) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface HasOne {
  /**
   * The foreign key field, or empty for Ecto's default (this schema's name plus Id, e.g. userId).
   *
   * <pre>{@code foreignKey = "userId" }</pre>
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
