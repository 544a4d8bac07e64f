package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.MultiplePrimaryKeyException;
import dev.flecto.StaleEntryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides which columns an insert or update writes, with defaults, generated keys and timestamps,
 * and what record an update leaves.
 */
final class WritePlan {
  final List<SchemaField> fields;
  /** The component values written, as the returned record holds them. */
  final Object[] values;
  /** What the adapter binds: the values, map fields already encoded as JSON (and checked) here. */
  final Object[] bound;

  // The field list of each schema's last insert and last update: a schema's writes mostly name the
  // same fields, so they share one immutable list (the statement cache then compares it by identity).
  private static final Map<SchemaMeta<?>, List<SchemaField>> LAST_INSERT = new ConcurrentHashMap<>();
  private static final Map<SchemaMeta<?>, List<SchemaField>> LAST_UPDATE = new ConcurrentHashMap<>();
  private static final int REMEMBERED = 4096;

  private WritePlan(SchemaMeta<?> meta, Picked picked, Map<SchemaMeta<?>, List<SchemaField>> last) {
    this.fields = picked.fields(meta, last);
    this.values = picked.values();
    this.bound = JsonValues.encoded(meta, this.fields, this.values, -1);
  }

  /** The fields a write names and their values, in arrays as wide as the schema: no lists grown per write. */
  private static final class Picked {
    private final SchemaField[] fields;
    private final Object[] values;
    private int size;

    Picked(int capacity) {
      this.fields = new SchemaField[capacity];
      this.values = new Object[capacity];
    }

    void add(SchemaField f, Object v) {
      fields[size] = f;
      values[size++] = v;
    }

    boolean isEmpty() {
      return size == 0;
    }

    Object[] values() {
      return size == values.length ? values : java.util.Arrays.copyOf(values, size);
    }

    List<SchemaField> fields(SchemaMeta<?> meta, Map<SchemaMeta<?>, List<SchemaField>> last) {
      if (size == 0) {
        return List.of(); // an update with nothing to write sends no statement: keep the remembered list
      }
      List<SchemaField> seen = last.get(meta);
      if (seen != null && seen.size() == size) {
        int i = 0;
        while (i < size && seen.get(i) == fields[i]) {
          i++;
        }
        if (i == size) {
          return seen;
        }
      }
      List<SchemaField> made = List.of(java.util.Arrays.copyOf(fields, size));
      if (last.size() >= REMEMBERED) {
        last.clear(); // schemas are few; this many means prefixed copies made on the fly
      }
      last.put(meta, made);
      return made;
    }
  }

  /**
   * The columns of an insert, chosen as Ecto's {@code insert} chooses them: every writable field
   * the data or the changes give a value, and every change, even to null (written as NULL, so an
   * explicit null beats a {@code @Default}). A field that is null in the data and not changed
   * takes a generated UUID key, a timestamp or its {@code @Default}; failing those it is left out
   * of the statement, so the column's database default applies and RETURNING reads it back. The
   * columns written therefore vary with the data: the adapter caches one SQL text per set. Every
   * embedded record written is inserted (see {@link EmbedStamps}): it takes its generated id and
   * timestamps.
   *
   * @param meta the schema
   * @param data the record, or a changeset's data
   * @param changes a changeset's changes (empty for a record)
   * @param clock the clock of timestamps
   */
  static <T> WritePlan insert(SchemaMeta<T> meta, T data, Map<String, Object> changes, Clock clock) {
    Picked picked = new Picked(meta.fields().size());
    Function<SchemaField, Object> now = clock(clock); // one instant for every timestamp, per type
    for (SchemaField f : meta.fields()) {
      if (f.virtual() || f.readOnly()) {
        continue;
      }
      boolean changed = changes.containsKey(f.name());
      Object v = changed ? changes.get(f.name()) : meta.get(data, f);
      if (v == null && f.idGeneration() == IdGeneration.DATABASE) {
        continue; // the database assigns it; RETURNING reads it back
      }
      if (v == null && f.idGeneration() == IdGeneration.CLIENT_UUID) {
        v = UUID.randomUUID(); // a null key means "no key yet", changed to null or not
      } else if (v == null && !changed) {
        if (f.timestamp() != null) {
          v = now.apply(f);
        } else if (f.defaultValue() != null) {
          v = f.defaultValue();
        } else {
          continue; // Ecto leaves out nil fields: the column's DEFAULT applies, not a NULL of ours
        }
      }
      if (f.embed() != null) {
        v = EmbedStamps.inserted(f.embed(), v, now);
      }
      picked.add(f, v);
    }
    return new WritePlan(meta, picked, LAST_INSERT);
  }

  /**
   * The columns of an update: the persisted changes, and the UPDATED timestamps unless changed. A
   * changed embed's records are matched to those of the data (see {@link EmbedStamps}): new ones
   * are inserted, changed ones updated.
   */
  static <T> WritePlan update(Changeset<T> cs, Clock clock) {
    SchemaMeta<T> meta = cs.schema();
    Picked picked = new Picked(meta.fields().size());
    Function<SchemaField, Object> now = clock(clock);
    for (Map.Entry<String, Object> change : cs.changes().entrySet()) {
      SchemaField f = meta.field(change.getKey());
      if (f.updatable()) {
        picked.add(f, f.embed() == null ? change.getValue()
            : EmbedStamps.updated(f.embed(), meta.get(cs.data(), f), change.getValue(), now));
      }
    }
    if (picked.isEmpty()) {
      return new WritePlan(meta, picked, LAST_UPDATE);
    }
    for (SchemaField f : meta.fields()) {
      if (f.timestamp() == Timestamp.Kind.UPDATED && !cs.changes().containsKey(f.name())) {
        picked.add(f, now.apply(f));
      }
    }
    return new WritePlan(meta, picked, LAST_UPDATE);
  }

  /** The time of a timestamp field: one per type for the whole write, embedded records' included. */
  private static Function<SchemaField, Object> clock(Clock clock) {
    // The map only when a timestamp is asked for: most writes stamp nothing.
    return new Function<>() {
      private Map<Object, Object> now;

      @Override
      public Object apply(SchemaField f) {
        if (now == null) {
          now = new HashMap<>(2);
        }
        return now.computeIfAbsent(f.type(), t -> f.type().autogenerate(clock));
      }
    };
  }

  /**
   * The record an insert leaves: the row it read back, and for the fields a whole-record query
   * does not load (so the insert did not read them back) the values written, or else given.
   *
   * @param meta the schema
   * @param applied the record or changeset's data with its changes applied
   * @param row the values of {@link SchemaMeta#loadedFields()} the insert returned
   */
  <T> T inserted(SchemaMeta<T> meta, T applied, Object[] row) {
    return meta.loadedFields().size() == meta.persistedFields().size() ? meta.fromPersisted(row, applied)
        : merged(meta, applied, meta.loadedFields(), row);
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * The record an update leaves, as Ecto returns it without reading the row again: the data with
   * its changes applied, the timestamps this plan wrote, then the values the database read back
   * for {@code readBack} (the schema's read-only fields), which only it knows.
   *
   * @param meta the schema
   * @param applied the changeset's data with its changes applied
   * @param readBack the fields the update returned
   * @param row their values, in that order
   */
  <T> T merged(SchemaMeta<T> meta, T applied, List<SchemaField> readBack, Object[] row) {
    Object[] merged = meta.values(applied);
    for (int i = 0; i < fields.size(); i++) {
      merged[fields.get(i).index()] = stored(fields.get(i), values[i]);
    }
    for (int i = 0; i < readBack.size(); i++) {
      merged[readBack.get(i).index()] = row[i];
    }
    return meta.newInstance(merged);
  }

  /**
   * A written time as the database keeps it (truncated to microseconds, as it was bound), so the
   * record returned without reading the row back holds what a reload would: Ecto's casts already
   * hold times at the column's precision.
   */
  private static Object stored(SchemaField f, Object value) {
    if (value instanceof List<?> list && f.elementType() != null) {
      dev.flecto.schema.FieldType element = dev.flecto.schema.FieldType.of(f.elementType());
      if (!temporal(element)) {
        return value;
      }
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(element.dump(v)));
      return java.util.Collections.unmodifiableList(out);
    }
    return temporal(f.type()) ? f.type().dump(value) : value;
  }

  private static boolean temporal(dev.flecto.schema.FieldType t) {
    switch (t) {
      case INSTANT, OFFSET_DATE_TIME, LOCAL_DATE_TIME, LOCAL_TIME:
        return true;
      default:
        return false;
    }
  }

  /** The primary-key values of a record, refusing a null part as Ecto does. */
  static <T> Object[] keyValues(SchemaMeta<T> meta, T record, String operation) {
    List<SchemaField> key = meta.requirePrimaryKey(operation);
    Object[] out = new Object[key.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = meta.get(record, key.get(i));
      if (out[i] == null) {
        throw new ArgumentException("cannot " + operation + " a " + meta.describe()
            + " whose primary key '" + key.get(i).name() + "' is null; it was never inserted or has no key yet");
      }
    }
    return out;
  }

  /** Ecto's MultiplePrimaryKeyError, with what to do about it. */
  static MultiplePrimaryKeyException multiple(String operation, SchemaMeta<?> meta, Object[] key, String match, long count) {
    Map<String, Object> byName = new LinkedHashMap<>();
    for (int i = 0; i < key.length; i++) {
      byName.put(meta.primaryKey().get(i).name(), key[i]);
    }
    return new MultiplePrimaryKeyException("expected " + operation + " of a " + meta.describe() + " with " + match
        + " to change at most one row, but " + count + " rows match, so nothing was changed: its @Id field(s) "
        + byName.keySet() + " are not the primary key (nor unique) in the database; add a PRIMARY KEY or UNIQUE "
        + "constraint on their columns, or mark the fields that are unique with @Id", meta.type(), byName, count);
  }

  static StaleEntryException stale(String operation, SchemaMeta<?> meta, String match) {
    return new StaleEntryException("attempted to " + operation + " a stale " + meta.describe()
        + " with " + match + ": no row matched (it was deleted, its key changed, or its lock version moved on,"
        + " since it was loaded)");
  }
}
