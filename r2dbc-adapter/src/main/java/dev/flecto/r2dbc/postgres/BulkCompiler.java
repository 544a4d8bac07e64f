package dev.flecto.r2dbc.postgres;

import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.QueryShape;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Updates;
import dev.flecto.schema.SchemaField;
import java.util.List;
import java.util.Locale;

/** Aggregates, exists, and the bulk UPDATE and DELETE of a query's conditions. */
final class BulkCompiler {
  private BulkCompiler() {}

  /** Over the whole table when the query has no page; over its page, as a subquery, when it has one (as Ecto). */
  static String aggregate(QueryShape shape, Aggregate kind, SchemaField field) {
    StringBuilder sb = new StringBuilder(96).append("SELECT ");
    boolean paged = shape.hasLimit() || shape.hasOffset();
    sb.append(kind.name().toLowerCase(Locale.ROOT)).append('(');
    if (field == null) {
      sb.append('*');
    } else {
      if (paged) {
        sb.append("\"s\".");
      }
      Quote.name(sb, field.column());
    }
    sb.append(')');
    if (paged) {
      return sb.append(" FROM (").append(SelectCompiler.compile(shape)).append(") AS \"s\"").toString();
    }
    Quote.table(sb.append(" FROM "), shape.schema());
    SelectCompiler.where(sb, shape.filters(), 1);
    return sb.toString();
  }

  static String exists(QueryShape shape) {
    return "SELECT EXISTS (" + SelectCompiler.compile(shape) + ")";
  }

  static String deleteAll(QueryShape shape) {
    StringBuilder sb = Quote.table(new StringBuilder(64).append("DELETE FROM "), shape.schema());
    SelectCompiler.where(sb, shape.filters(), 1);
    return sb.toString();
  }

  /** The updates' parameters come first, then the conditions'. */
  static String updateAll(QueryShape shape, List<PlannedUpdate.UpdateShape> updates) {
    StringBuilder sb = Quote.table(new StringBuilder(96).append("UPDATE "), shape.schema()).append(" SET ");
    int n = 1;
    for (int i = 0; i < updates.size(); i++) {
      PlannedUpdate.UpdateShape u = updates.get(i);
      Quote.name(i == 0 ? sb : sb.append(", "), u.field().column()).append(" = ");
      if (u.kind() == Updates.Kind.INC) {
        Quote.name(sb, u.field().column()).append(" + ");
      }
      sb.append('$').append(n++);
    }
    SelectCompiler.where(sb, shape.filters(), n);
    return sb.toString();
  }
}
