package dev.flecto.r2dbc.postgres;

import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.QueryShape;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Expr;
import dev.flecto.query.Join;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.schema.SchemaField;
import java.util.ArrayList;
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

  /**
   * From the source's table: a schema's, or a table by name (a many-to-many's join rows). Its
   * CTEs lead, and its inner joins are a USING list whose conditions join the WHERE (ecto_sql's
   * {@code delete_all}).
   */
  static String deleteAll(QueryShape shape) {
    StringBuilder sb = new StringBuilder(64);
    ExprCompiler ex = new ExprCompiler(shape, sb);
    SelectCompiler.ctes(sb, ex, shape.query());
    sb.append("DELETE FROM ");
    SelectCompiler.source(sb, ex, shape, 0, false);
    joinsAndWhere(sb, ex, shape, " USING ");
    return sb.toString();
  }

  /** The updates' parameters follow the conditions': {@code firstParam} is how many the conditions have. */
  static String updateAll(QueryShape shape, List<PlannedUpdate.UpdateShape> updates, int firstParam) {
    String alias = ExprCompiler.alias(shape, 0);
    StringBuilder sb = new StringBuilder(96);
    ExprCompiler ex = new ExprCompiler(shape, sb);
    SelectCompiler.ctes(sb, ex, shape.query());
    sb.append("UPDATE "); // the source as a query names it: a schema's table or Ecto's "table", with its prefix
    SelectCompiler.source(sb, ex, shape, 0, false);
    sb.append(" SET ");
    set(sb, alias, updates, firstParam + 1);
    joinsAndWhere(sb, new ExprCompiler(shape, sb), shape, " FROM ");
    return sb.toString();
  }

  /** The assignments of an UPDATE (after its {@code SET}), their parameters numbered from {@code $first}; returns the next number. */
  static int set(StringBuilder sb, String alias, List<PlannedUpdate.UpdateShape> updates, int first) {
    int n = first;
    for (int i = 0; i < updates.size(); i++) {
      PlannedUpdate.UpdateShape u = updates.get(i);
      Quote.name(i == 0 ? sb : sb.append(", "), u.field().column()).append(" = ");
      if (u.kind() == Updates.Kind.PUSH || u.kind() == Updates.Kind.PULL) {
        // The element is cast to the array's element type: a bound varchar does not match text[] by itself.
        sb.append(u.kind() == Updates.Kind.PUSH ? "array_append(" : "array_remove(");
        Quote.name(sb.append(alias).append('.'), u.field().column()).append(", CAST($").append(n++).append(" AS ")
            .append(ExprCompiler.typeName(dev.flecto.schema.FieldType.of(
                u.field().custom() != null ? u.field().elementBindClass() : u.field().elementType()))).append("))");
        continue;
      }
      if (u.kind() == Updates.Kind.INC) {
        Quote.name(sb.append(alias).append('.'), u.field().column()).append(" + ");
      }
      sb.append('$').append(n++);
    }
    return n;
  }

  /**
   * ecto_sql's {@code using_join}: PostgreSQL's UPDATE and DELETE take other tables as a list
   * ({@code FROM} and {@code USING}), not as joins, so each inner join's table goes in the list
   * and its condition into the WHERE, before the query's own. Parameters keep their planned
   * numbers wherever they are written. Without joins the statement is as it always was.
   */
  private static void joinsAndWhere(StringBuilder sb, ExprCompiler ex, QueryShape shape, String keyword) {
    Query<?> q = shape.query();
    if (q.joins().isEmpty()) {
      SelectCompiler.where(sb, ex, q);
      return;
    }
    for (int i = 0; i < q.joins().size(); i++) {
      sb.append(i == 0 ? keyword : ", ");
      SelectCompiler.source(sb, ex, shape, i + 1, false);
    }
    List<Expr> conditions = new ArrayList<>();
    for (Join j : q.joins()) {
      if (j.on() != null) {
        conditions.add(j.on());
      }
    }
    if (q.where() != null) {
      conditions.add(q.where());
    }
    for (int i = 0; i < conditions.size(); i++) {
      sb.append(i == 0 ? " WHERE (" : " AND (");
      ex.expr(conditions.get(i));
      sb.append(')');
    }
  }

  /** The query's selection as a RETURNING list, aliased as its FROM is. */
  static String returning(String statement, QueryShape shape) {
    StringBuilder sb = new StringBuilder(statement).append(" RETURNING ");
    SelectCompiler.selection(sb, new ExprCompiler(shape, sb), shape);
    return sb.toString();
  }
}
