package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component Flecto never writes (Ecto's {@code writable: :never}): a column the database fills
 * with a default, a trigger or a generated expression. Queries read it, and it is read back after
 * every insert and update.
 *
 * <pre>{@code
 * @Schema("orders") record Order(@Id Long id, Long cents, @ReadOnly Long centsWithTax) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface ReadOnly {
}
