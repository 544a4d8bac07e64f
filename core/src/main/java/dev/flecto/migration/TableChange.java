package dev.flecto.migration;

/**
 * One change of {@code alterTable}: a column added or modified ({@link Column}, by its
 * {@link Column.Kind}), timestamps added ({@link Timestamps}), or a column removed ({@link Remove}).
 *
 * <pre>{@code
 * Migrations.alterTable(Migrations.table("posts"),
 *     Migrations.add("summary", ColumnType.TEXT),
 *     Migrations.modify("title", ColumnType.TEXT).from(ColumnType.STRING),
 *     Migrations.remove("legacy_id", ColumnType.INTEGER))
 * }</pre>
 */
public sealed interface TableChange permits Column, Timestamps, TableChange.Remove {
  /**
   * A column removed ({@code DROP COLUMN}). With the column as it was, {@code alterTable} can be
   * reversed (the column is added back, empty); without, it cannot.
   *
   * <pre>{@code Migrations.remove("legacy_id", ColumnType.INTEGER) }</pre>
   *
   * @param name the column
   * @param previous the column as it was (type and options), or null
   * @param ifExists {@code DROP COLUMN IF EXISTS} (not reversible)
   */
  record Remove(String name, Column previous, boolean ifExists) implements TableChange {
    /**
     * Checks the name.
     *
     * <pre>{@code new TableChange.Remove("legacy_id", null, false) }</pre>
     */
    public Remove {
      Checks.given(name, "name", "a column removal");
    }

    @Override
    public String toString() {
      return (ifExists ? "remove_if_exists " : "remove ") + name + (previous != null ? " " + previous.typeName() : "");
    }
  }
}
