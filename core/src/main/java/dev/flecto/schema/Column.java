package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column of a component explicitly, overriding the schema's naming strategy (Ecto's {@code :source}).
 *
 * <pre>{@code
 * public record Person(@Id Long id, @Column("surname") String lastName) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Column {
  /**
   * The column name.
   *
   * <pre>{@code @Column("surname") }</pre>
   *
   * @return the column, unquoted as it is in the database
   */
  String value();
}
