package dev.flecto.changeset;

import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.Map;

/** The shape of a schema record. */
record SchemaShape<T>(SchemaMeta<T> schema) implements Shape<T> {
  @Override
  public SchemaField field(String name) {
    return schema.findField(name);
  }

  @Override
  public Object get(T data, SchemaField field) {
    return schema.get(data, field);
  }

  @Override
  public boolean has(T data, SchemaField field) {
    return true;
  }

  @Override
  public T with(T data, Map<String, Object> changes) {
    return schema.with(data, changes);
  }

  @Override
  public String describe() {
    return "schema " + schema.describe();
  }

  @Override
  public String fieldNames() {
    return schema.fieldNames();
  }
}
