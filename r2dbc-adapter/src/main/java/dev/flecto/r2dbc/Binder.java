package dev.flecto.r2dbc;

import dev.flecto.schema.FieldType;
import dev.flecto.schema.SchemaField;
import io.r2dbc.spi.Statement;
import java.util.List;

/** Binds values as {@code $n} parameters; a null needs the column's Java type for the driver. */
final class Binder {
  private Binder() {}

  static void bind(Statement st, int index, SchemaField field, Object value) {
    Object dumped = field.dump(value);
    if (dumped == null) {
      st.bindNull(index, nullType(field));
    } else {
      st.bind(index, driverValue(dumped));
    }
  }

  // A string would be sent as varchar, which PostgreSQL refuses for jsonb: bind the driver's JSON type.
  private static Object driverValue(Object dumped) {
    if (dumped instanceof dev.flecto.schema.JsonText[] elements) {
      return new JsonbArray(elements); // an embeds-many in a jsonb[] column, sent by JsonbArrayCodecs
    }
    if (dumped instanceof java.time.Duration d) {
      return io.r2dbc.postgresql.codec.Interval.of(d); // the driver encodes no Duration: its interval type
    }
    if (dumped instanceof java.time.Period p) {
      return io.r2dbc.postgresql.codec.Interval.of(p);
    }
    // A BitString is bound as itself: BitStringCodecs sends it typed varbit (the driver has no codec for it).
    return dumped instanceof dev.flecto.schema.JsonText json ? io.r2dbc.postgresql.codec.Json.of(json.text()) : dumped;
  }

  static int bindAll(Statement st, int first, List<SchemaField> fields, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      bind(st, first + i, fields.get(i), values[i]);
    }
    return first + values.length;
  }

  /** One insertAll row: a DEFAULT or a placeholder takes no parameter of its own, a subquery its own. Returns the next index. */
  static int bindRow(Statement st, int first, List<SchemaField> fields, Object[] row) {
    int n = first;
    for (int i = 0; i < row.length; i++) {
      if (row[i] instanceof dev.flecto.adapter.BulkInsert.Subquery q) {
        for (Object param : q.params()) {
          bindPlanned(st, n++, param);
        }
      } else if (dev.flecto.adapter.BulkInsert.isValue(row[i])) {
        bind(st, n++, fields.get(i), row[i]);
      }
    }
    return n;
  }

  /**
   * Values already dumped by the planner. Null comparisons are refused there; a null can only be an
   * updateAll's SET value, bound as an untyped NULL that PostgreSQL types from its column.
   */
  static void bindPlanned(Statement st, List<Object> params) {
    for (int i = 0; i < params.size(); i++) {
      bindPlanned(st, i, params.get(i));
    }
  }

  /** One planned value at {@code $(index + 1)}. */
  static void bindPlanned(Statement st, int index, Object value) {
    if (value == null) {
      st.bindNull(index, Object.class);
    } else {
      st.bind(index, driverValue(value));
    }
  }

  private static Class<?> nullType(SchemaField field) {
    if (field.elementType() != null) {
      return field.readType();
    }
    FieldType t = field.type();
    if (field.embed() != null && field.embed().array()) {
      return JsonbArray.class;
    }
    if (t == FieldType.MAP) {
      return io.r2dbc.postgresql.codec.Json.class;
    }
    if (t == FieldType.DURATION || t == FieldType.PERIOD) {
      return io.r2dbc.postgresql.codec.Interval.class;
    }
    return t == FieldType.ENUM ? String.class : t == FieldType.BYTES ? byte[].class : t.javaType();
  }
}
