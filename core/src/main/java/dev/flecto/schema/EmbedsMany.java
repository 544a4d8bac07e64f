package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list of embedded records stored in one jsonb column as a JSON array (Ecto's
 * {@code embeds_many}): the component is a {@code List<E>} of an {@link Embedded} record. A
 * component of such a type is an embed without this annotation too; the annotation documents it
 * and carries its options. A NULL column loads as an empty list, as in Ecto.
 *
 * <pre>{@code
 * @Schema("orders")
 * public record Order(@Id Long id, @EmbedsMany(onReplace = OnReplace.DELETE) List<Item> items) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface EmbedsMany {
  /**
   * What {@code castEmbed} and {@code putEmbed} do with current records the new list leaves out
   * (Ecto's {@code :on_replace}): RAISE (the default), MARK_AS_INVALID or DELETE (they are dropped).
   *
   * <pre>{@code @EmbedsMany(onReplace = OnReplace.DELETE) }</pre>
   *
   * @return the action
   */
  OnReplace onReplace() default OnReplace.RAISE;

  /**
   * Whether the column is a PostgreSQL {@code jsonb[]} (Ecto's {@code {:array, :map}}, migration
   * type {@code ColumnType.arrayOf(ColumnType.MAP)}), one jsonb per record, rather than one jsonb
   * holding a JSON array (the default, which Ecto recommends). JSON paths in queries apply to a
   * jsonb column only.
   *
   * <pre>{@code @EmbedsMany(array = true) List<Item> items }</pre>
   *
   * @return true for a jsonb[] column
   */
  boolean array() default false;

  /**
   * Whether queries that read the whole record load this embed (Ecto's {@code :load_in_query},
   * default true); as {@link Column#loadInQuery()}: when false it loads only when a query names it,
   * and is an empty list otherwise.
   *
   * <pre>{@code @EmbedsMany(loadInQuery = false) List<Item> items }</pre>
   *
   * @return false to load the embed only when a query selects it
   */
  boolean loadInQuery() default true;
}
