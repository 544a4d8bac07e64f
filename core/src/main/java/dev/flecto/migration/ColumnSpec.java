package dev.flecto.migration;

import java.util.List;

/**
 * What {@code createTable} takes: a column ({@link Migrations#add}) or a group of them
 * ({@link Migrations#timestamps()}).
 *
 * <pre>{@code Migrations.createTable(Migrations.table("posts"), Migrations.add("title", ColumnType.STRING), Migrations.timestamps()) }</pre>
 */
public sealed interface ColumnSpec permits Column, Timestamps {
  /**
   * The columns, in order.
   *
   * <pre>{@code Migrations.timestamps().columns() // inserted_at, updated_at }</pre>
   *
   * @return the columns
   */
  List<Column> columns();
}
