package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component that is never persisted: never read from or written to the database; it keeps the
 * value the caller or a changeset gave it (Ecto's {@code virtual: true}).
 *
 * <pre>{@code
 * @Schema("users") record User(@Id Long id, String email, @Virtual String password) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Virtual {
}
