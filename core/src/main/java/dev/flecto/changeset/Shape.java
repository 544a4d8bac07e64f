package dev.flecto.changeset;

import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.Map;

/** What a changeset's data looks like: a schema record, or a schemaless map with declared types. */
interface Shape<T> {
  /** The field, or null when there is none of that name. */
  SchemaField field(String name);

  Object get(T data, SchemaField field);

  /** Whether the data holds the field: always for a record; for a map, when it has the key. */
  boolean has(T data, SchemaField field);

  T with(T data, Map<String, Object> changes);

  String describe();

  String fieldNames();

  /** The schema, or null for schemaless data. */
  SchemaMeta<T> schema();
}
