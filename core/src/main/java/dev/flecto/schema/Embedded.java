package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as an embedded schema (Ecto's {@code embedded_schema}): no table of its own; a
 * schema holds it in a jsonb column, one record ({@link EmbedsOne}) or a list of them
 * ({@link EmbedsMany}). Its components are fields of the types a schema's are, including other
 * embeds. A single {@code @Id UUID id} is generated on the client when missing, as Ecto's default
 * {@code {:id, :binary_id, autogenerate: true}}; {@code @Id(generated = IdGeneration.NONE)} turns
 * the generation off, and a record without {@code @Id} has no key (Ecto's
 * {@code @primary_key false}). Each component is stored under its {@link Column} name, else the
 * name the naming strategy gives it, as a schema's columns are. {@link Timestamp} components
 * (Ecto's {@code timestamps()}) are set when the record is written as inserted, the UPDATED one
 * again when a parent's update changes it. A {@link BelongsTo} association stores its foreign key
 * field and can be preloaded, but is never written (Ecto); other associations are refused.
 *
 * <pre>{@code
 * @Embedded
 * public record Address(@Id UUID id, String street, String city, Long countryId,
 *     @BelongsTo Assoc<Country> country, @Timestamp Instant insertedAt, @Timestamp Instant updatedAt) {
 *   public static Changeset<Address> changeset(Address address, Map<String, Object> params) {
 *     return Changeset.cast(address, params, "street", "city").validateRequired("city");
 *   }
 * }
 *
 * @Schema("customers")
 * public record Customer(@Id Long id, String name, @EmbedsOne Address address, @EmbedsMany List<Address> others) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Embedded {
  /**
   * How component names become the keys of the stored JSON object (camelCase to snake_case by
   * default, as a schema's columns), unless {@link Column} names one.
   *
   * <pre>{@code @Embedded(naming = NamingStrategy.AS_IS) }</pre>
   *
   * @return the naming strategy
   */
  NamingStrategy naming() default NamingStrategy.SNAKE_CASE;
}
