package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.Planner;
import dev.flecto.planner.SourceInfo;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Query;
import dev.flecto.query.RecordOf;
import dev.flecto.query.Selection;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans an insertAll from a query ({@code INSERT INTO t (cols) SELECT ...}), as Ecto's
 * {@code insert_all(schema, query)} takes its header from the query's select: a map of field name
 * to expression (its keys, in order), a binding's {@code recordOf}/{@code mapOf} (Ecto's
 * {@code struct/2}, {@code map/2}: the fields named), a binding's whole record (Ecto's
 * {@code select: p}: its persisted fields, or a subquery's columns) or one with selectMerge (Ecto's
 * {@code %{p | f: ...}}: the fields not merged, then the merged ones). Each name must be a
 * writable field of the inserted schema, which gives its column. The options are those for
 * entries but placeholders (there are no entries to refer to them) and {@code COPY} (there are no
 * rows to copy).
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
    if (planned.shape().query().select() instanceof Selection.Binding<?> b && !b.merged().isEmpty()) {
      // Ecto's %{p | f: ...}: each column once, so the merged fields are selected in place of the record's own.
      planned = Planner.plan(query.select(merged(planned, b, (Selection.Binding<?>) query.select())));
    }
    List<SchemaField> fields = new ArrayList<>();
    for (String name : header(meta, query, planned)) {
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

  /** The field names of the columns the planned query selects, in the order its SQL selects them. */
  private static List<String> header(SchemaMeta<?> meta, Query<?> query, PlannedQuery<?> planned) {
    Selection<?> select = planned.shape().query().select();
    if (select instanceof Selection.Named named) {
      for (Map.Entry<String, Expr> e : named.exprs().entrySet()) {
        if (e.getValue() instanceof RecordOf) {
          throw refused(meta, query, "its map's value '" + e.getKey() + "' is a binding's row, not one value");
        }
      }
      return List.copyOf(named.exprs().keySet());
    }
    if (select instanceof Selection.Single<?> single && single.expr() instanceof RecordOf r) {
      return r.fields(); // planned: a whole record's are its persisted fields
    }
    if (select instanceof Selection.Binding<?> b) {
      SourceInfo info = planned.shape().sources().get(planned.shape().bindingIndex(b.binding()));
      return info.schema() != null ? info.schema().loadedFields().stream().map(SchemaField::name).toList()
          : List.copyOf(info.fields().keySet());
    }
    throw refused(meta, query, "it selects neither a map nor a binding's record");
  }

  // The record's loaded fields (a whole-record select's) not merged, then the merged expressions, as Ecto orders the header.
  private static Map<String, Expr> merged(PlannedQuery<?> planned, Selection.Binding<?> b, Selection.Binding<?> given) {
    SchemaMeta<?> schema = planned.shape().sources().get(planned.shape().bindingIndex(b.binding())).schema();
    Map<String, Expr> select = new LinkedHashMap<>();
    for (SchemaField f : schema.loadedFields()) {
      if (!given.merged().containsKey(f.name())) {
        select.put(f.name(), new FieldRef(b.binding(), f.name()));
      }
    }
    select.putAll(given.merged());
    return select;
  }

  private static ArgumentException refused(SchemaMeta<?> meta, Query<?> query, String why) {
    return new ArgumentException("insertAll into schema " + meta.describe() + " cannot take its fields from the query "
        + query + ": " + why + "; its select must be a map of field name to expression "
        + "(Query.from(Other.class).select(Map.of(\"title\", field(\"title\")))), a binding's recordOf or mapOf of some "
        + "fields, or the source's whole record (no select), each name a field of " + meta.describe());
  }
}
