package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A timestamp the Repo fills (Ecto's {@code timestamps()}): an {@code INSERTED} one on insert, an
 * {@code UPDATED} one on insert and on every update that changes something. The kind defaults from
 * the component's name ({@code insertedAt}, {@code updatedAt}); the type may be {@code Instant},
 * {@code OffsetDateTime} or {@code LocalDateTime}, truncated to microseconds as PostgreSQL stores them.
 * In an {@link Embedded} record they are set when the parent's write inserts the record, and the
 * UPDATED one when the parent's update changes it, as Ecto's embedded {@code timestamps()}.
 *
 * <pre>{@code
 * @Schema("posts") record Post(@Id Long id, String title, @Timestamp Instant insertedAt, @Timestamp Instant updatedAt) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Timestamp {
  /**
   * Which timestamp this is; {@code AUTO} infers it from the component's name.
   *
   * <pre>{@code @Timestamp(Timestamp.Kind.INSERTED) Instant createdAt }</pre>
   *
   * @return the kind
   */
  Kind value() default Kind.AUTO;

  /**
   * The kinds of timestamp.
   *
   * <pre>{@code @Timestamp(Timestamp.Kind.UPDATED) Instant modifiedAt }</pre>
   */
  enum Kind {
    /** {@code INSERTED} for a component named {@code insertedAt}, {@code UPDATED} for {@code updatedAt}. */
    AUTO,
    /** Set once, when the record is inserted. */
    INSERTED,
    /** Set on insert and on every update that changes a column. */
    UPDATED
  }
}
