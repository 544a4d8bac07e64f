package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.SchemalessInsert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a schemaless insertAll ({@code insert_all("table", entries)}), as Ecto.Repo.Schema does
 * without a schema: column names and values as given (no casting, nothing generated), a column an
 * entry leaves out written as DEFAULT; the options that need a schema refused as Ecto refuses them.
 */
final class SchemalessPlanner {
  private static final String OWNER = "InsertAllOptions.";

  private SchemalessPlanner() {}

  static SchemalessInsert plan(String table, List<? extends Map<String, ?>> entries, InsertAllOptions o) {
    refuseSchemaOptions(table, o);
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, ?> entry = entries.get(i);
      if (entry == null) {
        throw new ArgumentException("entry " + i + " given to insertAll into table \"" + table + "\" is null; give maps of column to value");
      }
      for (Map.Entry<String, ?> e : entry.entrySet()) {
        check(table, i, e);
        columns.putIfAbsent(e.getKey(), columns.size());
      }
    }
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (Map<String, ?> entry : entries) {
      Object[] row = new Object[columns.size()];
      Arrays.fill(row, BulkInsert.DEFAULT);
      entry.forEach((k, v) -> row[columns.get(k)] = v);
      rows.add(row);
    }
    List<String> names = new ArrayList<>(columns.keySet());
    InsertOptions.ConflictTarget t = o.target();
    InsertOptions.Standard s = (InsertOptions.Standard) o.conflict();
    BulkInsert.Conflict kind = switch (s.kind()) {
      case RAISE -> BulkInsert.Conflict.RAISE;
      case NOTHING -> BulkInsert.Conflict.NOTHING;
      case REPLACE -> BulkInsert.Conflict.REPLACE;
      default -> throw new AssertionError(s.kind()); // refused above
    };
    if (kind == BulkInsert.Conflict.REPLACE && t.isEmpty()) {
      throw new ArgumentException(OWNER + "onConflict REPLACE into table \"" + table + "\" needs a conflictTarget: "
          + "PostgreSQL's ON CONFLICT DO UPDATE names the unique index, such as withConflictTarget(\"email\")");
    }
    return new SchemalessInsert(o.prefix(), table, names, rows, kind, t.fields(),
        t.constraint(), t.unsafeFragment(), s.fields());
  }

  private static void check(String table, int i, Map.Entry<String, ?> e) {
    if (!(e.getKey() instanceof String) || e.getKey().isBlank()) {
      throw new ArgumentException("entry " + i + " given to insertAll into table \"" + table + "\" has the key "
          + e.getKey() + "; keys are column names (non-blank Strings)");
    }
    if (e.getValue() instanceof InsertAllOptions.Placeholder || e.getValue() instanceof dev.flecto.query.Query<?>) {
      throw new ArgumentException("column '" + e.getKey() + "' in entry " + i + " given to insertAll into table \"" + table
          + "\" is a " + (e.getValue() instanceof InsertAllOptions.Placeholder ? "placeholder" : "query")
          + ", which a schemaless insertAll does not take; insert through a schema class for these");
    }
  }

  // Ecto: "cannot use :replace_all on operations without a schema"; :returning true needs a schema.
  private static void refuseSchemaOptions(String table, InsertAllOptions o) {
    String why = null;
    if (o.conflict() instanceof InsertOptions.Update) {
      why = "onConflict update (a schemaless conflict update is not supported; use REPLACE with the columns)";
    } else if (o.onConflict() == InsertAllOptions.OnConflict.REPLACE_ALL || o.onConflict() == InsertAllOptions.OnConflict.REPLACE_ALL_EXCEPT) {
      why = "onConflict " + o.onConflict() + " (Ecto: cannot use it on operations without a schema)";
    } else if (o.onConflict() == InsertAllOptions.OnConflict.RAISE && !o.target().isEmpty()) {
      why = "conflictTarget when onConflict is RAISE (forbidden, as in Ecto)";
    } else if (o.returning() != null) {
      why = "returning (a schemaless insertAll emits the count only)";
    } else if (!o.placeholders().isEmpty()) {
      why = "placeholders";
    } else if (o.copy() == InsertAllOptions.Copy.ALWAYS) {
      why = "withCopy(ALWAYS) (COPY needs the columns' types, which only a schema gives)";
    }
    if (why != null) {
      throw new ArgumentException("insertAll into table \"" + table + "\" without a schema cannot take " + OWNER + why);
    }
  }
}
