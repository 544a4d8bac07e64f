package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a component takes in a new record (Ecto's {@code :default}), written as text and cast
 * to the component's type when the schema is first used. It fills the blank record a changeset
 * starts from, and a null component on insert; a changeset's change to null is written as NULL
 * all the same. A component with no default that is null on insert is left out of the INSERT, so
 * its column's database default applies.
 *
 * <pre>{@code
 * @Schema("posts") record Post(@Id Long id, String title, @Default("0") Integer votes) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Default {
  /**
   * The default, as text cast to the component's type ({@code "0"}, {@code "true"}, an enum
   * constant's name).
   *
   * <pre>{@code @Default("0") }</pre>
   *
   * @return the default value's text
   */
  String value();
}
