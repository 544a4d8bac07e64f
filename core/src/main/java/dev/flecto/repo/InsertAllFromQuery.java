package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.Planner;
import dev.flecto.query.Query;
import dev.flecto.query.Selection;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans an insertAll from a query ({@code INSERT INTO t (cols) SELECT ...}), as Ecto's
 * {@code insert_all(schema, query)}: the query selects a map of field name to expression, each
 * name a writable field of the inserted schema, which gives the columns in the map's order; the
 * options are the same as for entries, but placeholders (there are no entries to refer to them)
 * and {@code COPY} (there are no rows to copy).
 */
final class InsertAllFromQuery {
  private InsertAllFromQuery() {}

  static BulkInsert plan(SchemaMeta<?> meta, String table, Query<?> query, InsertAllOptions o) {
    if (query == null) {
      throw new ArgumentException("insertAll into schema " + meta.describe() + " needs a query, got null");
    }
    if (!o.placeholders().isEmpty()) {
      throw new ArgumentException("insertAll into schema " + meta.describe() + " from a query takes no "
          + "InsertAllOptions.placeholders " + o.placeholders().keySet() + ": they stand in entries; use a param in the query");
    }
    if (o.copy() == InsertAllOptions.Copy.ALWAYS) {
      throw new ArgumentException("insertAll into schema " + meta.describe() + " from a query with "
          + "InsertAllOptions.withCopy(ALWAYS): COPY loads rows, not a query's result; use Copy.AUTO");
    }
    InsertAllConflict conflict = InsertAllConflict.plan(meta, o);
    PlannedQuery<?> planned = Planner.plan(query);
    if (!(planned.shape().query().select() instanceof Selection.Named named)) {
      throw new ArgumentException("insertAll into schema " + meta.describe() + " cannot take its fields from the query "
          + query + ": its select must be a map of field name to expression, such as "
          + "Query.from(Other.class).select(Map.of(\"title\", field(\"title\"))), each name a field of " + meta.describe());
    }
    List<SchemaField> fields = new ArrayList<>();
    for (String name : named.exprs().keySet()) {
      SchemaField f = meta.findField(name);
      if (f == null || !f.updatable() || !f.persisted()) {
        throw new ArgumentException("insertAll into schema " + meta.describe() + " cannot select "
            + (f == null ? "unknown" : "unwritable") + " field '" + name + "' of the query " + query
            + "; its fields are: " + meta.fieldNames());
      }
      fields.add(f);
    }
    if (fields.isEmpty()) {
      throw new ArgumentException("insertAll into schema " + meta.describe() + " from a query selecting no field: " + query);
    }
    List<SchemaField> returning = o.returning() == null ? List.of()
        : o.returning().isEmpty() ? meta.persistedFields()
        : InsertAllPlanner.named(meta, o.returning(), "InsertAllOptions.", "returning");
    List<Object> params = new ArrayList<>(conflict.params());
    params.addAll(planned.params()); // numbered after the conflict update's
    BulkInsert.Shape shape = conflict.shape(meta, o.prefix(), table, fields, returning, 0, planned.shape());
    return new BulkInsert(shape, List.of(), BulkInsert.Copy.NEVER, params);
  }
}
