package dev.flecto.schema;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value a many-to-many writes into a field of its join schema when it links two records (one
 * entry of Ecto's {@code join_defaults}).
 *
 * <pre>{@code
 * @ManyToMany(joinThrough = Membership.class, joinKey = "userId", relatedKey = "groupId",
 *     joinDefaults = {@JoinDefault(field = "role", value = "member"), @JoinDefault(field = "active", value = "true")})
 * Assoc<List<Group>> groups
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface JoinDefault {
  /**
   * The join schema's field.
   *
   * <pre>{@code field = "role" }</pre>
   *
   * @return the field name
   */
  String field();

  /**
   * The value, as text cast to the field's type when the join row is written.
   *
   * <pre>{@code value = "member" }</pre>
   *
   * @return the value
   */
  String value();
}
