package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This record points at a parent by a foreign key field of its own (Ecto's {@code belongs_to}):
 * the component is {@code Assoc<Parent>}; the foreign key defaults to the association's name plus
 * {@code Id}.
 *
 * <pre>{@code
 * @Schema("comments") record Comment(@Id Long id, Long postId, @BelongsTo Assoc<Post> post) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface BelongsTo {
  /**
   * The foreign key field, or empty for Ecto's default (the association name plus Id, e.g. postId).
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
