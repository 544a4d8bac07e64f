package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a schema mapped to a table. Components become columns through the
 * {@link #naming() naming strategy} (camelCase to snake_case by default) unless {@link Column}
 * names one.
 *
 * <pre>{@code
 * @Schema("people")
 * public record Person(@Id Long id, String firstName, String lastName, Integer age) {}
 *
 * @Schema(value = "events", prefix = "audit") // the table audit.events
 * public record Event(@Id UUID id, String kind) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Schema {
  /**
   * The table name.
   *
   * <pre>{@code @Schema("people") }</pre>
   *
   * @return the table, unquoted as it is in the database
   */
  String value();

  /**
   * The PostgreSQL schema the table lives in (Ecto's {@code @schema_prefix}); empty for the
   * connection's search path.
   *
   * <pre>{@code @Schema(value = "events", prefix = "audit") }</pre>
   *
   * @return the prefix, or empty
   */
  String prefix() default "";

  /**
   * How component names become column names when no {@link Column} is given.
   *
   * <pre>{@code @Schema(value = "People", naming = NamingStrategy.AS_IS) }</pre>
   *
   * @return the naming strategy
   */
  NamingStrategy naming() default NamingStrategy.SNAKE_CASE;
}
