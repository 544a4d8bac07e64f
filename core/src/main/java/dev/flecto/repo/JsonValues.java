package dev.flecto.repo;

import dev.flecto.DumpException;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.JsonText;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/**
 * Map (jsonb) values encoded once, before any statement, so a value Jackson cannot write, or could
 * not read back, fails naming its field and schema with nothing sent; the adapter binds the
 * {@link JsonText} as it is.
 */
final class JsonValues {
  private JsonValues() {}

  /**
   * The values with each map field's value as its JSON text; the same array when there is none.
   *
   * @param entry the insertAll entry the values are of, for messages; -1 for an insert or update
   */
  static Object[] encoded(SchemaMeta<?> meta, List<SchemaField> fields, Object[] values, int entry) {
    Object[] out = values;
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      SchemaField f = fields.get(i);
      if (f.type() == FieldType.MAP && f.elementType() == null && v != null && BulkInsert.isValue(v)
          && !(v instanceof JsonText) && !(v instanceof JsonText[])) {
        out = out == values ? values.clone() : out;
        out[i] = encode(meta, f, v, entry);
      }
    }
    return out;
  }

  /** The JSON text; an embed's own (one JsonText, or an array of them for a jsonb[] column). */
  private static Object encode(SchemaMeta<?> meta, SchemaField f, Object value, int entry) {
    try {
      return f.embed() != null ? f.dump(value) : JsonText.of(value);
    } catch (IllegalArgumentException e) {
      throw new DumpException("cannot write field '" + f.name() + "' of schema " + meta.describe()
          + (entry < 0 ? "" : " in entry " + entry + " given to insertAll") + " as JSON: "
          + e.getMessage() + "; nothing was written", e);
    }
  }
}
