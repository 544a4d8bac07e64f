package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.LoadException;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import dev.flecto.schema.ValueText;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ecto's {@code Repo.load/2}: a record from a row that raw SQL returned. Each persisted field
 * takes the row's value under its column name (or else its field name); a field the row lacks
 * keeps its default, and keys that are no field are ignored. A value is taken as the driver
 * reads the column, or cast as a changeset casts it (a {@code timestamptz} read as an
 * {@code OffsetDateTime} into an {@code Instant} field, an array into a list).
 *
 * <pre>{@code RowLoads.load(Person.class, Map.of("first_name", "Ann", "age", 28)) }</pre>
 */
final class RowLoads {
  private RowLoads() {}

  static <T> T load(Class<T> type, Map<String, ?> row) {
    RepoArgs.given(type, "load", "schema class");
    RepoArgs.given(row, "load", "row");
    SchemaMeta<T> meta = Schemas.of(type);
    Object[] values = meta.values(meta.blank());
    for (SchemaField f : meta.persistedFields()) {
      String key = row.containsKey(f.column()) ? f.column() : row.containsKey(f.name()) ? f.name() : null;
      if (key != null) {
        values[f.index()] = value(meta, f, row.get(key));
      }
    }
    return meta.newInstance(values);
  }

  /** A result's rows: which column each field reads is found once, not by name in every row. */
  static <T> List<T> load(Class<T> type, List<String> columns, List<? extends List<?>> rows) {
    RepoArgs.given(type, "load", "schema class");
    RepoArgs.given(columns, "load", "columns");
    RepoArgs.given(rows, "load", "rows");
    SchemaMeta<T> meta = Schemas.of(type);
    List<SchemaField> read = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (SchemaField f : meta.persistedFields()) {
      int i = columns.indexOf(f.column());
      i = i >= 0 ? i : columns.indexOf(f.name());
      if (i >= 0) {
        read.add(f);
        at.add(i);
      }
    }
    Object[] blank = meta.values(meta.blank());
    List<T> out = new ArrayList<>(rows.size());
    for (List<?> row : rows) {
      if (row.size() != columns.size()) {
        throw new ArgumentException("Repo.load was given a row of " + row.size() + " values for " + columns.size()
            + " columns " + columns);
      }
      Object[] values = blank.clone();
      for (int k = 0; k < read.size(); k++) {
        SchemaField f = read.get(k);
        values[f.index()] = value(meta, f, row.get(at.get(k)));
      }
      out.add(meta.newInstance(values));
    }
    return out;
  }

  private static Object value(SchemaMeta<?> meta, SchemaField f, Object v) {
    if (v == null) {
      return null;
    }
    try {
      if (f.readType().isInstance(v)) {
        return f.load(v);
      }
      // The driver's own type for the column (a raw query names none): cast as external input is.
      return f.cast(v.getClass().isArray() && !(v instanceof byte[]) ? asList(v) : v);
    } catch (IllegalArgumentException e) {
      throw new LoadException("cannot load " + ValueText.quoted(v) + " (a " + v.getClass().getSimpleName() + ") as "
          + f.typeName() + " for field '" + f.name() + "' of schema " + meta.describe() + " in Repo.load", e);
    }
  }

  private static List<Object> asList(Object array) {
    List<Object> out = new ArrayList<>(Array.getLength(array));
    for (int i = 0; i < Array.getLength(array); i++) {
      out.add(Array.get(array, i));
    }
    return out;
  }
}
