package dev.flecto.migration;

import java.util.List;

/**
 * An index in a migration (Ecto's {@code index/3}): columns (names, or SQL expressions such as
 * {@code lower(email)}) and options. Its name is {@code <table>_<columns>_index} unless given.
 * Every step returns a new value.
 *
 * <pre>{@code
 * Migrations.index("posts", "author_id")
 * Migrations.index("users", "email").unique().where("deleted_at IS NULL")
 * Migrations.index("products", "lower(name)").name("products_lower_name_index").using("gin")
 * Migrations.index("events", "taken_at").concurrently()   // the migration must disable its DDL transaction
 * }</pre>
 *
 * @param table the table
 * @param columns columns or expressions, in order
 * @param name the index's name
 * @param prefix the table's prefix, or null
 * @param isUnique {@code UNIQUE}
 * @param isConcurrent {@code CONCURRENTLY}: needs a migration outside a transaction
 * @param using the index method ({@code gin}, {@code gist}, {@code brin}), or null for btree
 * @param include {@code INCLUDE} columns
 * @param onlyParent {@code ON ONLY}: the partitioned table only
 * @param nullsDistinct {@code NULLS [NOT] DISTINCT}, or null for the server's default
 * @param where a partial index's condition, or null
 * @param comment the index's comment, or null
 * @param options SQL appended to the statement, or null
 */
public record Index(String table, List<String> columns, String name, String prefix, boolean isUnique, boolean isConcurrent,
    String using, List<String> include, boolean onlyParent, Boolean nullsDistinct, String where, String comment, String options) {
  /**
   * Checks the parts and copies the lists.
   *
   * <pre>{@code Migrations.index("posts", "author_id") }</pre>
   */
  public Index {
    Checks.given(table, "table", "an index");
    Checks.given(name, "name", "an index");
    columns = List.copyOf(columns);
    include = List.copyOf(include);
  }

  static Index on(String table, List<String> columns) {
    if (columns.isEmpty()) {
      throw new MigrationException("an index on " + table + " needs at least one column");
    }
    return new Index(table, columns, defaultName(table, columns), null, false, false, null, List.of(), false, null, null,
        null, null);
  }

  // Ecto's name: the table and the columns, each made an identifier (an expression loses what is not a letter, digit or _).
  private static String defaultName(String table, List<String> columns) {
    StringBuilder name = new StringBuilder(table);
    for (String column : columns) {
      name.append('_').append(column.replaceAll("[^\\p{Alnum}_]+", "_").replaceAll("^_+|_+$", ""));
    }
    return name.append("_index").toString().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The index's name.
   *
   * <pre>{@code index("posts", "title").name("posts_title_idx") }</pre>
   *
   * @param indexName the name
   * @return a new index
   */
  public Index name(String indexName) {
    return new Index(table, columns, indexName, prefix, isUnique, isConcurrent, using, include, onlyParent, nullsDistinct, where,
        comment, options);
  }

  /**
   * The table's prefix.
   *
   * <pre>{@code index("posts", "title").prefix("tenant_1") }</pre>
   *
   * @param schema the prefix
   * @return a new index
   */
  public Index prefix(String schema) {
    return new Index(table, columns, name, schema, isUnique, isConcurrent, using, include, onlyParent, nullsDistinct, where,
        comment, options);
  }

  /**
   * A unique index.
   *
   * <pre>{@code index("users", "email").unique() }</pre>
   *
   * @return a new index
   */
  public Index unique() {
    return new Index(table, columns, name, prefix, true, isConcurrent, using, include, onlyParent, nullsDistinct, where, comment,
        options);
  }

  /**
   * Built without locking writes ({@code CONCURRENTLY}); PostgreSQL refuses it inside a transaction,
   * so its migration must return true from {@link Migration#disableDdlTransaction()}.
   *
   * <pre>{@code index("events", "taken_at").concurrently() }</pre>
   *
   * @return a new index
   */
  public Index concurrently() {
    return new Index(table, columns, name, prefix, isUnique, true, using, include, onlyParent, nullsDistinct, where, comment,
        options);
  }

  /**
   * The index method.
   *
   * <pre>{@code index("docs", "body_tsv").using("gin") }</pre>
   *
   * @param method {@code gin}, {@code gist}, {@code brin}, {@code hash}
   * @return a new index
   */
  public Index using(String method) {
    return new Index(table, columns, name, prefix, isUnique, isConcurrent, method, include, onlyParent, nullsDistinct, where,
        comment, options);
  }

  /**
   * Columns stored in the index but not part of its key ({@code INCLUDE}).
   *
   * <pre>{@code index("posts", "author_id").include("title") }</pre>
   *
   * @param extra the columns
   * @return a new index
   */
  public Index include(String... extra) {
    return new Index(table, columns, name, prefix, isUnique, isConcurrent, using, List.of(extra), onlyParent, nullsDistinct, where,
        comment, options);
  }

  /**
   * On the partitioned table only ({@code ON ONLY}).
   *
   * <pre>{@code index("measurements", "taken_at").only() }</pre>
   *
   * @return a new index
   */
  public Index only() {
    return new Index(table, columns, name, prefix, isUnique, isConcurrent, using, include, true, nullsDistinct, where,
        comment, options);
  }

  /**
   * Whether NULLs count as distinct in a unique index ({@code NULLS NOT DISTINCT} with false;
   * PostgreSQL 15 and later).
   *
   * <pre>{@code index("users", "email").unique().nullsDistinct(false) }</pre>
   *
   * @param distinct whether NULLs are distinct
   * @return a new index
   */
  public Index nullsDistinct(boolean distinct) {
    return new Index(table, columns, name, prefix, isUnique, isConcurrent, using, include, onlyParent, distinct, where, comment,
        options);
  }

  /**
   * A partial index's condition.
   *
   * <pre>{@code index("users", "email").unique().where("deleted_at IS NULL") }</pre>
   *
   * @param condition the SQL condition
   * @return a new index
   */
  public Index where(String condition) {
    return new Index(table, columns, name, prefix, isUnique, isConcurrent, using, include, onlyParent, nullsDistinct, condition,
        comment, options);
  }

  /**
   * The index's comment.
   *
   * <pre>{@code index("posts", "title").comment("for search") }</pre>
   *
   * @param text the comment
   * @return a new index
   */
  public Index comment(String text) {
    return new Index(table, columns, name, prefix, isUnique, isConcurrent, using, include, onlyParent, nullsDistinct, where, text,
        options);
  }

  /**
   * SQL appended to the statement ({@code WITH (fillfactor = 70)}).
   *
   * <pre>{@code index("posts", "title").options("WITH (fillfactor = 70)") }</pre>
   *
   * @param sql the options
   * @return a new index
   */
  public Index options(String sql) {
    return new Index(table, columns, name, prefix, isUnique, isConcurrent, using, include, onlyParent, nullsDistinct, where,
        comment, sql);
  }

  @Override
  public String toString() {
    return "index " + name + " on " + (prefix != null ? prefix + "." : "") + table + " " + columns;
  }
}
