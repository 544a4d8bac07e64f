package dev.flecto.r2dbc;

import dev.flecto.planner.ColumnReader;
import dev.flecto.planner.SelectedColumn;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How to decode a row: column index to driver class and conversion, made once per schema (for
 * a write's RETURNING) or per query shape, so there are no by-name lookups or reflection per row.
 */
final class RowPlan {
  // Most columns load as the driver reads them (SchemaField.asRead()): no call for those.
  private static final UnaryOperator<Object> AS_READ = SchemaField.asRead();
  private final SelectedColumn[] columns;

  /** A schema's loaded columns (what an insert returns), in {@link SchemaMeta#loadedFields()} order. */
  RowPlan(SchemaMeta<?> meta) {
    this.columns = columns(meta, meta.loadedFields());
  }

  /** The plan of reading the given fields' columns of a schema, in that order; a value a field cannot load names them. */
  static SelectedColumn[] columns(SchemaMeta<?> meta, List<SchemaField> fields) {
    String schema = "schema " + meta.describe();
    SelectedColumn[] columns = new SelectedColumn[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      SchemaField f = fields.get(i);
      columns[i] = new SelectedColumn(f.readType(), f.loader(schema));
    }
    return columns;
  }

  /** Each selected column read as its plan says, by index. */
  static Object[] read(Readable row, SelectedColumn[] columns) {
    Object[] values = new Object[columns.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(row, columns, i);
    }
    return values;
  }

  private static Object value(Readable row, SelectedColumn[] columns, int i) {
    Class<?> type = columns[i].readType();
    Object raw = type == Object.class ? row.get(i) : row.get(i, type);
    UnaryOperator<Object> load = columns[i].convert();
    return raw == null || load == AS_READ ? raw : load.apply(raw);
  }

  /**
   * How a query's rows are read, one column at a time, as its plan says: {@link
   * dev.flecto.planner.PlannedQuery#read} takes the values straight into a record's constructor
   * where it can. Stateless, so one reader serves every row.
   */
  static ColumnReader<Readable> reader(List<SelectedColumn> selected) {
    SelectedColumn[] columns = selected.toArray(new SelectedColumn[0]);
    return (row, i) -> value(row, columns, i);
  }

  /** The loaded value of every loaded field, in {@link SchemaMeta#loadedFields()} order. */
  Object[] decode(Readable row) {
    return read(row, columns);
  }
}
