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

  /**
   * Over the query's rows as a subquery when it has a limit, offset, distinct, combination,
   * grouping (as Ecto) or CTEs (which the subquery keeps); else directly over its sources and conditions (the Repo then plans it
   * without order and select).
   */
  static String aggregate(QueryShape shape, Aggregate kind, SchemaField field) {
    StringBuilder sb = new StringBuilder(96).append("SELECT ");
    boolean paged = shape.query().aggregatesAsSubquery();
    sb.append(kind.name().toLowerCase(Locale.ROOT)).append('(');
    if (field == null) {
      sb.append('*');
    } else {
      sb.append(paged ? "\"s\"" : ExprCompiler.alias(shape, 0)).append('.');
      Quote.name(sb, field.column());
    }
    sb.append(')');
    if (paged) {
      return sb.append(" FROM (").append(SelectCompiler.compile(shape)).append(") AS \"s\"").toString();
    }
    ExprCompiler ex = new ExprCompiler(shape, sb);
    SelectCompiler.from(sb, ex, shape);
    SelectCompiler.where(sb, ex, shape.query());
    return sb.toString();
  }

  static String exists(QueryShape shape) {
    return "SELECT EXISTS (" + SelectCompiler.compile(shape) + ")";
  }

  /** From the source's table: a schema's, or a table by name (a many-to-many's join rows). */
  static String deleteAll(QueryShape shape) {
    StringBuilder sb = new StringBuilder(64).append("DELETE FROM ");
    ExprCompiler ex = new ExprCompiler(shape, sb);
    SelectCompiler.source(sb, ex, shape, 0, false);
    SelectCompiler.where(sb, ex, shape.query());
    return sb.toString();
  }

  /** The updates' parameters follow the conditions': {@code firstParam} is how many the conditions have. */
  static String updateAll(QueryShape shape, List<PlannedUpdate.UpdateShape> updates, int firstParam) {
    String alias = ExprCompiler.alias(shape, 0);
    StringBuilder sb = Quote.table(new StringBuilder(96).append("UPDATE "), shape.schema(), shape.query().prefix()).append(" AS ").append(alias)
        .append(" SET ");
    int n = firstParam + 1;
    for (int i = 0; i < updates.size(); i++) {
      PlannedUpdate.UpdateShape u = updates.get(i);
      Quote.name(i == 0 ? sb : sb.append(", "), u.field().column()).append(" = ");
      if (u.kind() == Updates.Kind.PUSH || u.kind() == Updates.Kind.PULL) {
        // The element is cast to the array's element type: a bound varchar does not match text[] by itself.
        sb.append(u.kind() == Updates.Kind.PUSH ? "array_append(" : "array_remove(");
        Quote.name(sb.append(alias).append('.'), u.field().column()).append(", CAST($").append(n++).append(" AS ")
            .append(ExprCompiler.typeName(dev.flecto.schema.FieldType.of(u.field().elementType()))).append("))");
        continue;
      }
      if (u.kind() == Updates.Kind.INC) {
        Quote.name(sb.append(alias).append('.'), u.field().column()).append(" + ");
      }
      sb.append('$').append(n++);
    }
    SelectCompiler.where(sb, new ExprCompiler(shape, sb), shape.query());
    return sb.toString();
  }

  /** The query's selection as a RETURNING list, aliased as its FROM is. */
  static String returning(String statement, QueryShape shape) {
    StringBuilder sb = new StringBuilder(statement).append(" RETURNING ");
    SelectCompiler.selection(sb, new ExprCompiler(shape, sb), shape);
    return sb.toString();
  }
}
