package dev.flecto.migration;


/**
 * A column as a migration adds or modifies it ({@code add}, {@code modify} of Ecto's migrations):
 * its name, its type (a {@link ColumnType} or a {@link Reference}) and its options. Every step
 * returns a new value; options left unset are left out of the SQL.
 *
 * <pre>{@code
 * Migrations.add("title", ColumnType.STRING).size(100).notNull().comment("shown in lists")
 * Migrations.add("price", ColumnType.DECIMAL).precision(10).scale(2).defaultValue(0)
 * Migrations.add("inserted_at", ColumnType.UTC_DATETIME).defaultFragment("now()")
 * Migrations.modify("title", ColumnType.TEXT).from(ColumnType.STRING)        // reversible
 * }</pre>
 *
 * @param name the column
 * @param type its type, or null when it is a reference
 * @param reference the foreign key it is, or null
 * @param size {@code varchar(size)} and the like, or null
 * @param precision a decimal's precision (or a timestamp's), or null
 * @param scale a decimal's scale, or null
 * @param nullable false: {@code NOT NULL}; true: {@code NULL}; null: unsaid
 * @param hasDefault whether a default is given
 * @param defaultValue the default value (a string, number, boolean, or null for {@code DEFAULT NULL})
 * @param defaultFragment the default as SQL ({@code now()}), or null
 * @param partOfPrimaryKey whether it is (part of) the primary key
 * @param comment the column's comment, or null
 * @param generated {@code GENERATED ALWAYS AS (expr) STORED}: the expression, or null
 * @param from for {@code modify}: the column as it was (its type and options), which makes the
 *     modify reversible; null otherwise
 * @param kind in {@code alterTable}: add, add if not exists, or modify
 */
public record Column(String name, ColumnType type, Reference reference, Integer size, Integer precision, Integer scale,
    Boolean nullable, boolean hasDefault, Object defaultValue, String defaultFragment, boolean partOfPrimaryKey, String comment,
    String generated, Column from, Kind kind) implements ColumnSpec, TableChange {

  /** What a column stands for in {@code alterTable}: added, added unless there, or modified. */
  public enum Kind {
    /** {@code add}: {@code ADD COLUMN}. */
    ADD,
    /** {@code addIfNotExists}: {@code ADD COLUMN IF NOT EXISTS} (not reversible). */
    ADD_IF_NOT_EXISTS,
    /** {@code modify}: {@code ALTER COLUMN} to the type and options given. */
    MODIFY
  }

  /**
   * Checks the name and that exactly one of type and reference is given.
   *
   * <pre>{@code Migrations.add("title", ColumnType.STRING) }</pre>
   */
  public Column {
    Checks.given(name, "name", "a migration column");
    Checks.given(kind, "kind", "a migration column");
    if ((type == null) == (reference == null)) {
      throw new MigrationException("column " + name + " needs a type or a reference, and not both");
    }
  }

  static Column of(String name, ColumnType type) {
    return new Column(name, Checks.given(type, "type of column " + name, "a migration column"), null, null, null, null, null, false,
        null, null, false, null, null, null, Kind.ADD);
  }

  static Column of(String name, Reference reference) {
    return new Column(name, null, Checks.given(reference, "reference of column " + name, "a migration column"), null, null, null, null,
        false, null, null, false, null, null, null, Kind.ADD);
  }

  /**
   * The type's size ({@code varchar(40)}, {@code bit(8)}).
   *
   * <pre>{@code add("city", ColumnType.STRING).size(40) }</pre>
   *
   * @param n the size
   * @return a new column
   */
  public Column size(int n) {
    return new Column(name, type, reference, n, precision, scale, nullable, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, comment, generated, from, kind);
  }

  /**
   * A decimal's precision (digits in all), or a time's fractional digits.
   *
   * <pre>{@code add("price", ColumnType.DECIMAL).precision(10).scale(2) }</pre>
   *
   * @param p the precision
   * @return a new column
   */
  public Column precision(int p) {
    return new Column(name, type, reference, size, p, scale, nullable, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, comment, generated, from, kind);
  }

  /**
   * A decimal's scale (digits after the point); needs a precision.
   *
   * <pre>{@code add("price", ColumnType.DECIMAL).precision(10).scale(2) }</pre>
   *
   * @param s the scale
   * @return a new column
   */
  public Column scale(int s) {
    return new Column(name, type, reference, size, precision, s, nullable, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, comment, generated, from, kind);
  }

  /**
   * {@code NOT NULL}.
   *
   * <pre>{@code add("title", ColumnType.STRING).notNull() }</pre>
   *
   * @return a new column
   */
  public Column notNull() {
    return nullable(false);
  }

  /**
   * {@code NULL} (true) or {@code NOT NULL} (false); in a {@code modify}, the change of it.
   *
   * <pre>{@code modify("title", ColumnType.STRING).nullable(true).from(Migrations.add("title", ColumnType.STRING).notNull()) }</pre>
   *
   * @param allowed whether NULL is allowed
   * @return a new column
   */
  public Column nullable(boolean allowed) {
    return new Column(name, type, reference, size, precision, scale, allowed, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, comment, generated, from, kind);
  }

  /**
   * A default value, bound as a literal in the DDL ({@code null} for {@code DEFAULT NULL}):
   * strings, numbers, booleans.
   *
   * <pre>{@code add("status", ColumnType.STRING).defaultValue("draft") }</pre>
   *
   * @param value the default
   * @return a new column
   */
  public Column defaultValue(Object value) {
    return new Column(name, type, reference, size, precision, scale, nullable, true, value, null, partOfPrimaryKey, comment,
        generated, from, kind);
  }

  /**
   * A default given as SQL, Ecto's {@code fragment}.
   *
   * <pre>{@code add("inserted_at", ColumnType.UTC_DATETIME).defaultFragment("now()") }</pre>
   *
   * @param sql the default expression
   * @return a new column
   */
  public Column defaultFragment(String sql) {
    return new Column(name, type, reference, size, precision, scale, nullable, true, null, Checks.given(sql, "sql", "a migration column"),
        partOfPrimaryKey, comment, generated, from, kind);
  }

  /**
   * Part of the primary key.
   *
   * <pre>{@code add("code", ColumnType.STRING).primaryKey() }</pre>
   *
   * @return a new column
   */
  public Column primaryKey() {
    return new Column(name, type, reference, size, precision, scale, nullable, hasDefault, defaultValue, defaultFragment,
        true, comment, generated, from, kind);
  }

  /**
   * The column's comment ({@code COMMENT ON COLUMN}).
   *
   * <pre>{@code add("title", ColumnType.STRING).comment("shown in lists") }</pre>
   *
   * @param text the comment
   * @return a new column
   */
  public Column comment(String text) {
    return new Column(name, type, reference, size, precision, scale, nullable, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, text, generated, from, kind);
  }

  /**
   * A generated column: {@code GENERATED ALWAYS AS (expression) STORED}.
   *
   * <pre>{@code add("full_name", ColumnType.TEXT).generated("first_name || ' ' || last_name") }</pre>
   *
   * @param expression the SQL expression
   * @return a new column
   */
  public Column generated(String expression) {
    return new Column(name, type, reference, size, precision, scale, nullable, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, comment, Checks.given(expression, "expression", "a migration column"), from, kind);
  }

  /**
   * For {@code modify}: the column's type before, which makes the modify reversible (Ecto's
   * {@code from:}).
   *
   * <pre>{@code modify("title", ColumnType.TEXT).from(ColumnType.STRING) }</pre>
   *
   * @param previous the type it had
   * @return a new column
   */
  public Column from(ColumnType previous) {
    return from(of(name, previous));
  }

  /**
   * For {@code modify}: the column before, with its options (Ecto's {@code from: {type, opts}}),
   * which makes the modify reversible.
   *
   * <pre>{@code modify("post_id", Migrations.references("posts").onDelete(OnDelete.DELETE_ALL)).from(Migrations.add("post_id", Migrations.references("posts"))) }</pre>
   *
   * @param previous the column as it was (its name is ignored)
   * @return a new column
   */
  public Column from(Column previous) {
    return new Column(name, type, reference, size, precision, scale, nullable, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, comment, generated, Checks.given(previous, "from", "a migration column"), kind);
  }

  /**
   * The column as {@code alterTable} adds or modifies it.
   *
   * <pre>{@code add("title", ColumnType.STRING).as(Column.Kind.MODIFY) }</pre>
   *
   * @param what add, add if not exists, or modify
   * @return a new column
   */
  public Column as(Kind what) {
    return new Column(name, type, reference, size, precision, scale, nullable, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, comment, generated, from, what);
  }

  /**
   * The column itself, added by createTable.
   *
   * <pre>{@code add("title", ColumnType.STRING).columns() }</pre>
   *
   * @return this column
   */
  @Override
  public java.util.List<Column> columns() {
    return java.util.List.of(this);
  }

  /** The same definition under another name (a removed column added back, a from). */
  Column nameAs(String newName) {
    return new Column(newName, type, reference, size, precision, scale, nullable, hasDefault, defaultValue,
        defaultFragment, partOfPrimaryKey, comment, generated, from, kind);
  }

  /** The same definition without its from (the inverse of a modify takes it as its own from). */
  Column withoutFrom() {
    return new Column(name, type, reference, size, precision, scale, nullable, hasDefault, defaultValue, defaultFragment,
        partOfPrimaryKey, comment, generated, null, kind);
  }

  /** The column's type as Ecto prints it: the type, or the reference. */
  String typeName() {
    return type != null ? type.toString() : reference.toString();
  }

  @Override
  public String toString() {
    return name + " " + typeName();
  }
}
