package dev.flecto.migration;

import java.util.List;
import java.util.Map;

/**
 * A foreign key, as the type of a column ({@code add("post_id", references("posts"))}): Ecto's
 * {@code references/2}. Every step returns a new value.
 *
 * <pre>{@code
 * add("post_id", Migrations.references("posts").onDelete(OnDelete.DELETE_ALL))
 * add("author_id", Migrations.references("users").column("uuid").type(ColumnType.BINARY_ID).prefix("accounts"))
 * add("tenant_post_id", Migrations.references("posts").column("id").with(Map.of("tenant_id", "tenant_id")).match(Match.FULL))
 * }</pre>
 *
 * @param table the referenced table
 * @param column the referenced column (default {@code id})
 * @param type the column's type (default {@link ColumnType#BIGSERIAL}, which a reference makes {@code bigint})
 * @param name the constraint's name (default {@code <table>_<column>_fkey})
 * @param prefix the referenced table's prefix (PostgreSQL schema), or null for the referencing table's
 * @param onDelete what deleting the referenced row does (default {@link OnDelete#NOTHING})
 * @param onUpdate what updating the referenced key does (default {@link OnUpdate#NOTHING})
 * @param nilifyColumns with {@link OnDelete#NILIFY_COLUMNS}: the columns set to NULL
 * @param with further column pairs for a composite key: this table's column to the referenced one's
 * @param match {@code MATCH} of a composite key, or null
 * @param validate false: {@code NOT VALID}, existing rows are not checked
 */
public record Reference(String table, String column, ColumnType type, String name, String prefix, OnDelete onDelete,
    OnUpdate onUpdate, List<String> nilifyColumns, Map<String, String> with, Match match, boolean validate) {

  /** What deleting a referenced row does. <pre>{@code references("posts").onDelete(OnDelete.DELETE_ALL)}</pre> */
  public enum OnDelete {
    /** No action (the default): the delete fails while rows reference it. */
    NOTHING,
    /** {@code ON DELETE CASCADE}. */
    DELETE_ALL,
    /** {@code ON DELETE SET NULL}. */
    NILIFY_ALL,
    /** {@code ON DELETE SET NULL (columns)}: only the columns of {@link Reference#nilifyColumns()}. */
    NILIFY_COLUMNS,
    /** {@code ON DELETE SET DEFAULT}. */
    DEFAULT_ALL,
    /** {@code ON DELETE RESTRICT}. */
    RESTRICT
  }

  /** What updating a referenced key does. <pre>{@code references("posts").onUpdate(OnUpdate.UPDATE_ALL)}</pre> */
  public enum OnUpdate {
    /** No action (the default). */
    NOTHING,
    /** {@code ON UPDATE CASCADE}. */
    UPDATE_ALL,
    /** {@code ON UPDATE SET NULL}. */
    NILIFY_ALL,
    /** {@code ON UPDATE RESTRICT}. */
    RESTRICT
  }

  /** {@code MATCH} of a composite foreign key. <pre>{@code references("posts").match(Match.FULL)}</pre> */
  public enum Match {
    /** {@code MATCH SIMPLE} (PostgreSQL's default). */
    SIMPLE,
    /** {@code MATCH FULL}. */
    FULL,
    /** {@code MATCH PARTIAL}. */
    PARTIAL
  }

  /**
   * Checks the parts and copies the collections.
   *
   * <pre>{@code Migrations.references("posts") }</pre>
   */
  public Reference {
    Checks.given(table, "table", "a reference");
    Checks.given(column, "column", "a reference");
    Checks.given(type, "type", "a reference");
    Checks.given(onDelete, "onDelete", "a reference");
    Checks.given(onUpdate, "onUpdate", "a reference");
    nilifyColumns = List.copyOf(nilifyColumns);
    with = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(with));
  }

  static Reference to(String table) {
    return new Reference(table, "id", ColumnType.BIGSERIAL, null, null, OnDelete.NOTHING, OnUpdate.NOTHING, List.of(),
        Map.of(), null, true);
  }

  /**
   * The referenced column.
   *
   * <pre>{@code references("users").column("uuid") }</pre>
   *
   * @param referencedColumn its name
   * @return a new reference
   */
  public Reference column(String referencedColumn) {
    return new Reference(table, referencedColumn, type, name, prefix, onDelete, onUpdate, nilifyColumns, with, match, validate);
  }

  /**
   * The referencing column's type (the referenced key's).
   *
   * <pre>{@code references("users").type(ColumnType.BINARY_ID) }</pre>
   *
   * @param columnType the type
   * @return a new reference
   */
  public Reference type(ColumnType columnType) {
    return new Reference(table, column, columnType, name, prefix, onDelete, onUpdate, nilifyColumns, with, match, validate);
  }

  /**
   * The constraint's name.
   *
   * <pre>{@code references("posts").name("comments_post_fk") }</pre>
   *
   * @param constraintName the name
   * @return a new reference
   */
  public Reference name(String constraintName) {
    return new Reference(table, column, type, constraintName, prefix, onDelete, onUpdate, nilifyColumns, with, match, validate);
  }

  /**
   * The referenced table's prefix (PostgreSQL schema).
   *
   * <pre>{@code references("users").prefix("accounts") }</pre>
   *
   * @param schema the prefix
   * @return a new reference
   */
  public Reference prefix(String schema) {
    return new Reference(table, column, type, name, schema, onDelete, onUpdate, nilifyColumns, with, match, validate);
  }

  /**
   * What deleting a referenced row does.
   *
   * <pre>{@code references("posts").onDelete(OnDelete.NILIFY_ALL) }</pre>
   *
   * @param action the action
   * @return a new reference
   */
  public Reference onDelete(OnDelete action) {
    return new Reference(table, column, type, name, prefix, action, onUpdate, List.of(), with, match, validate);
  }

  /**
   * {@code ON DELETE SET NULL (columns)}: deleting a referenced row sets only these columns to NULL
   * (PostgreSQL 15 and later).
   *
   * <pre>{@code references("posts").with(Map.of("tenant_id", "tenant_id")).onDeleteNilify("post_id") }</pre>
   *
   * @param columns the columns set to NULL
   * @return a new reference
   */
  public Reference onDeleteNilify(String... columns) {
    return new Reference(table, column, type, name, prefix, OnDelete.NILIFY_COLUMNS, onUpdate, List.of(columns), with,
        match, validate);
  }

  /**
   * What updating a referenced key does.
   *
   * <pre>{@code references("posts").onUpdate(OnUpdate.UPDATE_ALL) }</pre>
   *
   * @param action the action
   * @return a new reference
   */
  public Reference onUpdate(OnUpdate action) {
    return new Reference(table, column, type, name, prefix, onDelete, action, nilifyColumns, with, match, validate);
  }

  /**
   * Further column pairs of a composite foreign key, this table's column to the referenced one's.
   *
   * <pre>{@code references("posts").with(Map.of("tenant_id", "tenant_id")) }</pre>
   *
   * @param columns the pairs, in order (use a LinkedHashMap for more than one)
   * @return a new reference
   */
  public Reference with(Map<String, String> columns) {
    return new Reference(table, column, type, name, prefix, onDelete, onUpdate, nilifyColumns, columns, match, validate);
  }

  /**
   * {@code MATCH} of a composite key.
   *
   * <pre>{@code references("posts").with(Map.of("tenant_id", "tenant_id")).match(Match.FULL) }</pre>
   *
   * @param kind the match
   * @return a new reference
   */
  public Reference match(Match kind) {
    return new Reference(table, column, type, name, prefix, onDelete, onUpdate, nilifyColumns, with, kind, validate);
  }

  /**
   * Whether existing rows are checked; false adds the constraint {@code NOT VALID}.
   *
   * <pre>{@code references("posts").validate(false) }</pre>
   *
   * @param check whether to validate
   * @return a new reference
   */
  public Reference validate(boolean check) {
    return new Reference(table, column, type, name, prefix, onDelete, onUpdate, nilifyColumns, with, match, check);
  }

  @Override
  public String toString() {
    return "references(" + (prefix != null ? prefix + "." : "") + table + ", column: " + column + ", type: " + type
        + (onDelete != OnDelete.NOTHING ? ", on_delete: " + onDelete : "") + ")";
  }
}
