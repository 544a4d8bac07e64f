package dev.flecto.adapter;

import java.util.Collections;
import java.util.List;

/**
 * The rows of a schemaless {@code Repo.insertAll("table", maps)} (Ecto's {@code insert_all("table",
 * entries)}), as the Repo hands them to the adapter: columns by name and values as given, no
 * casting; {@link BulkInsert#DEFAULT} where an entry leaves a column out.
 *
 * <pre>{@code
 * new SchemalessInsert(null, "events", List.of("kind", "at"), List.of(new Object[] {"signup", Instant.now()}),
 *     BulkInsert.Conflict.RAISE, List.of(), null, null, List.of())
 * }</pre>
 *
 * @param prefix the PostgreSQL schema, or null for the search path
 * @param table the table
 * @param columns the columns written; empty when no entry gives one (every row is {@code (DEFAULT)})
 * @param rows one array per row, one value per column
 * @param conflict the conflict handling: RAISE, NOTHING, or REPLACE of {@code replace}
 * @param targetColumns the columns of the unique index deciding a conflict, or empty
 * @param targetConstraint the constraint deciding a conflict, or null
 * @param targetFragment raw SQL deciding a conflict, or null
 * @param replace for REPLACE, the columns taking the proposed values
 */
public record SchemalessInsert(String prefix, String table, List<String> columns, List<Object[]> rows,
    BulkInsert.Conflict conflict, List<String> targetColumns, String targetConstraint, String targetFragment,
    List<String> replace) {
  /**
   * Copies the column lists and keeps the rows (not copied).
   *
   * <pre>{@code new SchemalessInsert(null, "t", List.of("a"), rows, BulkInsert.Conflict.NOTHING, List.of(), null, null, List.of()) }</pre>
   */
  public SchemalessInsert {
    columns = List.copyOf(columns);
    rows = Collections.unmodifiableList(rows);
    targetColumns = List.copyOf(targetColumns);
    replace = List.copyOf(replace);
  }

  /**
   * The statement's shape, by which its SQL is cached: this insert without its rows.
   *
   * <pre>{@code insert.shapeOnly() }</pre>
   *
   * @return the shape
   */
  public SchemalessInsert shapeOnly() {
    return new SchemalessInsert(prefix, table, columns, List.of(), conflict, targetColumns, targetConstraint,
        targetFragment, replace);
  }
}
