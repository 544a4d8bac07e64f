package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One embedded record stored in a jsonb column (Ecto's {@code embeds_one}): the component's type is
 * an {@link Embedded} record. A component of such a type is an embed without this annotation too;
 * the annotation documents it and carries its options. A NULL column loads as null.
 *
 * <pre>{@code
 * @Schema("users")
 * public record User(@Id Long id, @EmbedsOne(onReplace = OnReplace.UPDATE) Profile profile) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface EmbedsOne {
  /**
   * What {@code castEmbed} and {@code putEmbed} do with the current record when a new one replaces
   * it (Ecto's {@code :on_replace}): RAISE (the default), MARK_AS_INVALID, UPDATE (the new params
   * update the current record, keeping its id) or DELETE (it is dropped).
   *
   * <pre>{@code @EmbedsOne(onReplace = OnReplace.DELETE) }</pre>
   *
   * @return the action
   */
  OnReplace onReplace() default OnReplace.RAISE;
}
