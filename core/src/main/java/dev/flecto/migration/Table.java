package dev.flecto.migration;


/**
 * A table in a migration (Ecto's {@code table/2}): its name, its prefix (PostgreSQL schema), the
 * primary key {@code createTable} adds (by default {@code id bigserial PRIMARY KEY}), options
 * appended to {@code CREATE TABLE} and a comment. Every step returns a new value.
 *
 * <pre>{@code
 * Migrations.table("posts")
 * Migrations.table("events").prefix("tenant_1").comment("audit trail")
 * Migrations.table("tags").primaryKey("uuid", ColumnType.BINARY_ID)
 * Migrations.table("posts_tags").noPrimaryKey()
 * Migrations.table("measurements").options("PARTITION BY RANGE (taken_at)")
 * }</pre>
 *
 * @param name the table
 * @param prefix its schema, or null for the search path's
 * @param primaryKey whether createTable adds a primary key column
 * @param primaryKeyName that column's name (default {@code id})
 * @param primaryKeyType that column's type (default {@link ColumnType#BIGSERIAL})
 * @param options SQL appended to CREATE TABLE, or null
 * @param comment the table's comment, or null
 */
public record Table(String name, String prefix, boolean primaryKey, String primaryKeyName, ColumnType primaryKeyType,
    String options, String comment) {
  /**
   * Checks the parts.
   *
   * <pre>{@code Migrations.table("posts") }</pre>
   */
  public Table {
    Checks.given(name, "name", "a migration table");
    Checks.given(primaryKeyName, "primaryKeyName", "a migration table");
    Checks.given(primaryKeyType, "primaryKeyType", "a migration table");
  }

  static Table named(String name) {
    return new Table(name, null, true, "id", ColumnType.BIGSERIAL, null, null);
  }

  /**
   * The table's prefix (PostgreSQL schema).
   *
   * <pre>{@code table("posts").prefix("tenant_1") }</pre>
   *
   * @param schema the prefix
   * @return a new table
   */
  public Table prefix(String schema) {
    return new Table(name, schema, primaryKey, primaryKeyName, primaryKeyType, options, comment);
  }

  /**
   * No primary key column added by createTable (Ecto's {@code primary_key: false}).
   *
   * <pre>{@code table("posts_tags").noPrimaryKey() }</pre>
   *
   * @return a new table
   */
  public Table noPrimaryKey() {
    return new Table(name, prefix, false, primaryKeyName, primaryKeyType, options, comment);
  }

  /**
   * The primary key column createTable adds: its name and type (Ecto's
   * {@code primary_key: [name: :uuid, type: :binary_id]}).
   *
   * <pre>{@code table("tags").primaryKey("uuid", ColumnType.BINARY_ID) }</pre>
   *
   * @param column the column's name
   * @param type its type
   * @return a new table
   */
  public Table primaryKey(String column, ColumnType type) {
    return new Table(name, prefix, true, column, type, options, comment);
  }

  /**
   * SQL appended to {@code CREATE TABLE (...)}.
   *
   * <pre>{@code table("measurements").options("PARTITION BY RANGE (taken_at)") }</pre>
   *
   * @param sql the options
   * @return a new table
   */
  public Table options(String sql) {
    return new Table(name, prefix, primaryKey, primaryKeyName, primaryKeyType, sql, comment);
  }

  /**
   * The table's comment ({@code COMMENT ON TABLE}).
   *
   * <pre>{@code table("posts").comment("blog posts") }</pre>
   *
   * @param text the comment
   * @return a new table
   */
  public Table comment(String text) {
    return new Table(name, prefix, primaryKey, primaryKeyName, primaryKeyType, options, text);
  }

  @Override
  public String toString() {
    return "table " + (prefix != null ? prefix + "." : "") + name;
  }
}
