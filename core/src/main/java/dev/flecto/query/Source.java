package dev.flecto.query;

/**
 * What a query or a join reads from: a schema (optionally under another table name, Ecto's
 * {@code {"table", Schema}}, as for a CTE), a table by name with no schema (Ecto's schemaless
 * queries: a select is required), or a subquery.
 *
 * <pre>{@code
 * Query.from(Person.class)                         // Source.Schema
 * Query.from(Category.class, "category_tree")      // a CTE or same-shaped table, typed by Category
 * Query.fromTable("audit_log").select(...)         // Source.Table
 * Query.from(Query.from(Post.class).where(...))    // Source.Subquery
 * }</pre>
 */
public sealed interface Source permits Source.Schema, Source.Table, Source.Subquery {

  /**
   * A schema, read from its own table or, when {@code table} is given, from that table or CTE.
   *
   * <pre>{@code new Source.Schema(Category.class, "category_tree") }</pre>
   *
   * @param type the schema record class
   * @param table another table or CTE name with the schema's columns, or null
   */
  record Schema(Class<?> type, String table) implements Source {
    /**
     * Checks the type.
     *
     * <pre>{@code new Source.Schema(Person.class, null) }</pre>
     */
    public Schema {
      if (type == null) {
        throw new IllegalArgumentException("a schema source needs a schema record class");
      }
    }
  }

  /**
   * A table (or CTE) by name, with no schema: fields are its column names and values are untyped.
   *
   * <pre>{@code new Source.Table("audit_log") }</pre>
   *
   * @param name the table name
   */
  record Table(String name) implements Source {
    /**
     * Checks the name.
     *
     * <pre>{@code new Source.Table("events") }</pre>
     */
    public Table {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a table source needs a name");
      }
    }
  }

  /**
   * A subquery: its fields are what it selects (a schema's fields, or a map's keys).
   *
   * <pre>{@code new Source.Subquery(Query.from(Post.class).where("published", true)) }</pre>
   *
   * @param query the subquery
   */
  record Subquery(Query<?> query) implements Source {}

  /**
   * A readable name for messages.
   *
   * <pre>{@code Source.describe(new Source.Table("events")) // "\"events\"" }</pre>
   *
   * @param source the source
   * @return the name
   */
  static String describe(Source source) {
    if (source instanceof Schema s) {
      return s.table() == null ? s.type().getSimpleName() : "{\"" + s.table() + "\", " + s.type().getSimpleName() + "}";
    }
    if (source instanceof Table t) {
      return "\"" + t.name() + "\"";
    }
    return "subquery(" + ((Subquery) source).query() + ")";
  }
}
