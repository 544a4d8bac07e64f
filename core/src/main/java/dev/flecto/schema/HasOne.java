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

  /**
   * Defines the association through a chain of associations (Ecto's {@code has_one :through}):
   * the first is one of this schema's associations, each next one an association of the records
   * the one before loads. Read-only: preloading it preloads the chain's steps too.
   *
   * <pre>{@code @HasOne(through = {"post", "permalink"}) Assoc<Permalink> postPermalink }</pre>
   *
   * @return association names, or empty for a direct association
   */
  String[] through() default {};

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
   * What a changeset's {@code putAssoc} does with an associated record the new value replaces
   * (Ecto's {@code :on_replace}).
   *
   * <pre>{@code onReplace = OnReplace.DELETE }</pre>
   *
   * @return the action
   */
  OnReplace onReplace() default OnReplace.RAISE;
}
