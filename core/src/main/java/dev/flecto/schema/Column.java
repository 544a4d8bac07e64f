package dev.flecto.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column of a component explicitly, overriding the schema's naming strategy (Ecto's
 * {@code :source}), and gives it a {@link CustomType} (Ecto's {@code field :price, Money}), with
 * params for a parameterized one.
 *
 * <pre>{@code
 * public record Person(@Id Long id, @Column("surname") String lastName,
 *     @Column(type = CentsType.class) Cents balance) {}
 * }</pre>
 *
 * <p>{@link #loadInQuery()} false keeps a large column out of the queries that read whole
 * records (Ecto's {@code load_in_query: false}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Column {
  /**
   * The column name.
   *
   * <pre>{@code @Column("surname") }</pre>
   *
   * @return the column, unquoted as it is in the database; empty for the naming strategy's
   */
  String value() default "";

  /**
   * The field's custom type; {@code CustomType.class} (the default) for none.
   *
   * <pre>{@code @Column(type = CentsType.class) }</pre>
   *
   * @return the custom type's class
   */
  @SuppressWarnings("rawtypes")
  Class<? extends CustomType> type() default CustomType.class;

  /**
   * The custom type's params (Ecto's parameterized type options), each {@code key=value}, given to
   * its constructor taking a {@code Map<String, String>}.
   *
   * <pre>{@code @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2"}) }</pre>
   *
   * @return the params
   */
  String[] params() default {};

  /**
   * Whether queries that read the whole record load this column (Ecto's {@code :load_in_query},
   * default true). When false, {@code repo.all}, {@code get}, {@code one}, {@code stream},
   * preloads, reloads and the record an insert returns leave it out of their SQL: the field holds
   * its default (null unless {@link Default}). A query loads it only when it names it: a
   * {@code recordOf}/{@code mapOf} with fields, a {@code selectMerge}, or a select of the field.
   * Writes still write it when given, and an update writes only changes, so a record loaded
   * without it never writes null over it. A primary key is always loaded.
   *
   * <pre>{@code
   * @Schema("documents") record Doc(@Id Long id, String title, @Column(loadInQuery = false) String body) {}
   * repo.all(Query.from(Doc.class).as("d").select(recordOf("d", "id", "title", "body"), Doc.class))
   * }</pre>
   *
   * @return false to load the column only when a query selects it
   */
  boolean loadInQuery() default true;
}
