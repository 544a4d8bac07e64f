package dev.flecto.query;

import dev.flecto.QueryException;

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
public sealed interface Source permits Source.Schema, Source.Table, Source.Subquery, Source.Values, Source.Assoc, Source.Sql {

  /**
   * A schema, read from its own table or, when {@code table} is given, from that table or CTE.
   *
   * <pre>{@code new Source.Schema(Category.class, "category_tree") }</pre>
   *
   * @param type the schema record class
   * @param table another table or CTE name with the schema's columns, or null
   * @param prefix the PostgreSQL schema to read it from (over the schema's and the query's), or null
   */
  record Schema(Class<?> type, String table, String prefix) implements Source {
    /**
     * Checks the type.
     *
     * <pre>{@code new Source.Schema(Person.class, null, "tenant_1") }</pre>
     */
    public Schema {
      if (type == null) {
        throw new QueryException("a schema source needs a schema record class");
      }
    }

    /**
     * A schema source with no prefix of its own.
     *
     * <pre>{@code new Source.Schema(Person.class, null) }</pre>
     *
     * @param type the schema record class
     * @param table another table or CTE name, or null
     */
    public Schema(Class<?> type, String table) {
      this(type, table, null);
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
        throw new QueryException("a table source needs a name");
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
   * A list of rows given in the query (Ecto's {@code values/2}): {@code (VALUES (...), (...))}, each
   * value bound and cast to its column's type.
   *
   * <pre>{@code new Source.Values(List.of(Map.of("id", 1L, "name", "a")), Map.of("id", Long.class, "name", String.class)) }</pre>
   *
   * @param rows the rows, each a map of every column to its value
   * @param types the columns, in order, to their Java types
   */
  record Values(java.util.List<java.util.Map<String, Object>> rows, java.util.Map<String, Class<?>> types) implements Source {
    /**
     * Copies the rows and types, keeping the types' order.
     *
     * <pre>{@code new Source.Values(rows, types) }</pre>
     */
    public Values {
      if (rows.isEmpty()) {
        throw new QueryException("values needs at least one row");
      }
      java.util.List<java.util.Map<String, Object>> copy = new java.util.ArrayList<>();
      for (java.util.Map<String, Object> r : rows) {
        if (!r.keySet().equals(types.keySet())) {
          throw new QueryException("values row " + r.keySet() + " does not have exactly the columns " + types.keySet());
        }
        // Cells follow the columns' order, whatever order each row's map iterates in.
        java.util.Map<String, Object> ordered = new java.util.LinkedHashMap<>();
        types.keySet().forEach(k -> ordered.put(k, r.get(k)));
        copy.add(java.util.Collections.unmodifiableMap(ordered));
      }
      rows = java.util.List.copyOf(copy);
      types = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(types));
    }
  }

  /**
   * The target of an association of an earlier binding (Ecto's {@code join: c in assoc(p, :comments)}):
   * the planner joins the associated schema on the association's keys (through the join table for
   * a many-to-many), and ANDs any further condition given.
   *
   * <pre>{@code q.joinAssoc(JoinKind.LEFT, "p", "comments", "c") }</pre>
   *
   * @param owner the binding whose schema declares the association (null for the source)
   * @param name the association's name
   */
  record Assoc(String owner, String name) implements Source {}

  /**
   * A SQL fragment as a source (Ecto's {@code from f in fragment("...")}), its rows read as a
   * schema's records when a schema is given (its columns named as the schema's), else selected by
   * column name ({@code select(field("x"), ...)}). Its {@code ?} are bound as any fragment's.
   *
   * <pre>{@code new Source.Sql(fragment("SELECT * FROM posts_for(?)", userId), Post.class) }</pre>
   *
   * @param fragment the SQL, a subquery's text
   * @param schema the schema its rows are, or null
   */
  record Sql(Fragment fragment, Class<?> schema) implements Source {
    /**
     * Checks the fragment is given.
     *
     * <pre>{@code new Source.Sql(fragment("SELECT generate_series(1, ?) AS n", 10), null) }</pre>
     */
    public Sql {
      if (fragment == null) {
        throw new QueryException("a fragment source needs a fragment");
      }
    }
  }

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
    if (source instanceof Assoc a) {
      return "assoc(" + (a.owner() == null ? "source" : a.owner()) + ", " + a.name() + ")";
    }
    if (source instanceof Values v) {
      return "values(" + v.rows().size() + " rows of " + v.types().keySet() + ")";
    }
    if (source instanceof Sql f) {
      return "fragment(\"" + f.fragment().sql() + "\")" + (f.schema() == null ? "" : " as " + f.schema().getSimpleName());
    }
    return "subquery(" + ((Subquery) source).query() + ")";
  }
}
