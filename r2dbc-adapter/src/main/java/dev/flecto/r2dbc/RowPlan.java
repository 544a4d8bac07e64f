package dev.flecto.r2dbc;

import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import io.r2dbc.spi.Readable;
import java.util.List;

/**
 * How to decode a row of a schema's persisted columns, made once per schema: column index to
 * field, the driver class to ask for, no by-name lookups or reflection per row.
 */
final class RowPlan {
  private final SchemaField[] fields;
  private final Class<?>[] readTypes;

  RowPlan(SchemaMeta<?> meta) {
    List<SchemaField> persisted = meta.persistedFields();
    this.fields = persisted.toArray(new SchemaField[0]);
    this.readTypes = new Class<?>[fields.length];
    for (int i = 0; i < fields.length; i++) {
      readTypes[i] = fields[i].readType();
    }
  }

  /** Each selected column read as its plan says, by index. */
  static Object[] read(Readable row, dev.flecto.planner.SelectedColumn[] columns) {
    Object[] values = new Object[columns.length];
    for (int i = 0; i < values.length; i++) {
      Class<?> type = columns[i].readType();
      Object raw = type == Object.class ? row.get(i) : row.get(i, type);
      values[i] = raw == null ? null : columns[i].convert().apply(raw);
    }
    return values;
  }

  /** The loaded value of every persisted field, in {@link SchemaMeta#persistedFields()} order. */
  Object[] decode(Readable row) {
    Object[] values = new Object[fields.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = fields[i].load(row.get(i, readTypes[i]));
    }
    return values;
  }
}
