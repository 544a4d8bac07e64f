package dev.flecto.schema;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One condition of an association's filter (Ecto's association {@code :where}): the associated
 * records must have the field equal to a value, one of several values, null, or not null. Values are
 * text cast to the field's type as changesets cast params ({@code "true"}, {@code "42"}). Querying
 * ({@code Assocs.assoc}), joining ({@code joinAssoc}) and preloading the association apply it.
 *
 * <pre>{@code
 * @HasMany(foreignKey = "postId", where = @Where(field = "public", value = "true"))
 * Assoc<List<Comment>> publicComments
 * @HasMany(foreignKey = "postId", where = {@Where(field = "state", in = {"draft", "review"}),
 *     @Where(field = "deletedAt", isNull = true)})
 * Assoc<List<Comment>> openComments
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Where {
  /**
   * The associated schema's field.
   *
   * <pre>{@code field = "public" }</pre>
   *
   * @return the field name
   */
  String field();

  /**
   * The value the field must equal, as text cast to the field's type.
   *
   * <pre>{@code value = "true" }</pre>
   *
   * @return the value, or empty when another form is used
   */
  String value() default "";

  /**
   * The values one of which the field must equal (Ecto's {@code {:in, list}}).
   *
   * <pre>{@code in = {"draft", "review"} }</pre>
   *
   * @return the values
   */
  String[] in() default {};

  /**
   * Whether the field must be null (Ecto's {@code nil}).
   *
   * <pre>{@code isNull = true }</pre>
   *
   * @return true for IS NULL
   */
  boolean isNull() default false;

  /**
   * Whether the field must not be null (Ecto's {@code {:not, nil}}).
   *
   * <pre>{@code notNull = true }</pre>
   *
   * @return true for IS NOT NULL
   */
  boolean notNull() default false;
}
