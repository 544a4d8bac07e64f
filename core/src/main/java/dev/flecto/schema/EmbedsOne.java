package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One embedded record stored in a jsonb column (Ecto's {@code embeds_one}): the component's type is
 * an {@link Embedded} record. A component of such a type is an embed without this annotation too;
 * the annotation documents it and carries its options. A NULL column loads as null, even with
 * {@link #defaultsToStruct()}.
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

  /**
   * Whether queries that read the whole record load this embed (Ecto's {@code :load_in_query},
   * default true); as {@link Column#loadInQuery()}: when false it loads only when a query names it,
   * and holds its default otherwise.
   *
   * <pre>{@code @EmbedsOne(loadInQuery = false) Profile profile }</pre>
   *
   * @return false to load the embed only when a query selects it
   */
  boolean loadInQuery() default true;

  /**
   * Whether the field defaults to the embedded record with its defaults (Ecto's
   * {@code :defaults_to_struct}, default false): what {@code Schemas.of(type).blank()} builds, so
   * a new parent starts with it, an insert writes it when the field is null and not changed, and
   * a whole-record query that does not load the field, or a parent embed's JSON without the key,
   * holds it. As in Ecto, a value that is stored as NULL still loads as null. Its key is null
   * until it is written, and {@code castEmbed}/{@code putEmbed} params without a key update it in
   * place (Ecto matches the two nil keys), whatever the {@link #onReplace()}.
   *
   * <pre>{@code
   * @Embedded record Settings(Boolean darkMode, @Default("10") Integer pageSize) {}
   * @Schema("accounts") record Account(@Id Long id, @EmbedsOne(defaultsToStruct = true) Settings settings) {}
   * Schemas.of(Account.class).blank().settings() // Settings[darkMode=null, pageSize=10]
   * }</pre>
   *
   * @return true for the default record in place of null
   */
  boolean defaultsToStruct() default false;
}
