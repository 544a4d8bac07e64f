package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shape of schemaless data: a map whose field types are declared up front (Ecto's {data, types}). */
final class SchemalessShape implements Shape<Map<String, Object>> {
  private final Map<String, SchemaField> fields = new LinkedHashMap<>();

  SchemalessShape(Map<String, Class<?>> types) {
    int i = 0;
    for (Map.Entry<String, Class<?>> e : types.entrySet()) {
      FieldType type = FieldType.of(e.getValue());
      if (type == null) {
        throw new ArgumentException("schemaless field '" + e.getKey() + "' has unsupported type "
            + e.getValue().getName() + "; supported types are " + FieldType.supportedTypes() + " and List");
      }
      fields.put(e.getKey(), new SchemaField(e.getKey(), e.getKey(), i++, e.getValue(), type, false,
          IdGeneration.NONE, null, null, false, false));
    }
  }

  @Override
  public SchemaField field(String name) {
    return fields.get(name);
  }

  @Override
  public Object get(Map<String, Object> data, SchemaField field) {
    return data.get(field.name());
  }

  @Override
  public boolean has(Map<String, Object> data, SchemaField field) {
    return data.containsKey(field.name());
  }

  @Override
  public Map<String, Object> with(Map<String, Object> data, Map<String, Object> changes) {
    Map<String, Object> out = new LinkedHashMap<>(data);
    out.putAll(changes);
    return Collections.unmodifiableMap(out);
  }

  @Override
  public String describe() {
    return "schemaless data " + fields.keySet();
  }

  @Override
  public String fieldNames() {
    return String.join(", ", fields.keySet());
  }

  @Override
  public SchemaMeta<Map<String, Object>> schema() {
    return null;
  }
}
