package dev.flecto.repo;

import dev.flecto.StaleEntryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Decides which columns an insert or update writes, with defaults, generated keys and timestamps. */
final class WritePlan {
  final List<SchemaField> fields;
  final Object[] values;

  private WritePlan(List<SchemaField> fields, List<Object> values) {
    this.fields = List.copyOf(fields);
    this.values = values.toArray();
  }

  /** The columns of an insert: every writable component, with defaults, a client UUID and timestamps filled. */
  static <T> WritePlan insert(SchemaMeta<T> meta, T record, Clock clock) {
    List<SchemaField> fields = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    Map<Object, Object> now = new HashMap<>(2); // one instant for both timestamps, per type
    for (SchemaField f : meta.fields()) {
      if (f.virtual() || f.readOnly()) {
        continue;
      }
      Object v = meta.get(record, f);
      if (v == null && f.idGeneration() == IdGeneration.DATABASE) {
        continue; // the database assigns it; RETURNING reads it back
      }
      if (v == null && f.idGeneration() == IdGeneration.CLIENT_UUID) {
        v = UUID.randomUUID();
      } else if (v == null && f.timestamp() != null) {
        v = now.computeIfAbsent(f.type(), t -> f.type().autogenerate(clock));
      } else if (v == null) {
        v = f.defaultValue();
      }
      fields.add(f);
      values.add(v);
    }
    return new WritePlan(fields, values);
  }

  /** The columns of an update: the persisted changes, and the UPDATED timestamps unless changed. */
  static <T> WritePlan update(Changeset<T> cs, Clock clock) {
    SchemaMeta<T> meta = cs.schema();
    List<SchemaField> fields = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (Map.Entry<String, Object> change : cs.changes().entrySet()) {
      SchemaField f = meta.field(change.getKey());
      if (f.updatable()) {
        fields.add(f);
        values.add(change.getValue());
      }
    }
    if (fields.isEmpty()) {
      return new WritePlan(fields, values);
    }
    Map<Object, Object> now = new HashMap<>(2);
    for (SchemaField f : meta.fields()) {
      if (f.timestamp() == Timestamp.Kind.UPDATED && !cs.changes().containsKey(f.name())) {
        fields.add(f);
        values.add(now.computeIfAbsent(f.type(), t -> f.type().autogenerate(clock)));
      }
    }
    return new WritePlan(fields, values);
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  /** The primary-key values of a record, refusing a null part as Ecto does. */
  static <T> Object[] keyValues(SchemaMeta<T> meta, T record, String operation) {
    List<SchemaField> key = meta.requirePrimaryKey(operation);
    Object[] out = new Object[key.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = meta.get(record, key.get(i));
      if (out[i] == null) {
        throw new IllegalArgumentException("cannot " + operation + " a " + meta.describe()
            + " whose primary key '" + key.get(i).name() + "' is null; it was never inserted or has no key yet");
      }
    }
    return out;
  }

  static StaleEntryException stale(String operation, SchemaMeta<?> meta, String match) {
    return new StaleEntryException("attempted to " + operation + " a stale " + meta.describe()
        + " with " + match + ": no row matched (it was deleted, its key changed, or its lock version moved on,"
        + " since it was loaded)");
  }
}
