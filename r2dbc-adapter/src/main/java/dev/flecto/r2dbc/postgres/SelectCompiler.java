package dev.flecto.r2dbc.postgres;

import dev.flecto.planner.QueryShape;
import dev.flecto.query.Join;
import dev.flecto.query.Query;
import dev.flecto.query.Selection;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/** The SELECT of a planned query, clause by clause in SQL's order. */
final class SelectCompiler {
  private SelectCompiler() {}

  static String compile(QueryShape shape) {
    StringBuilder sb = new StringBuilder(160);
    compile(new ExprCompiler(shape, sb));
    return sb.toString();
  }

  /** Writes the SELECT of the compiler's shape into its builder: nested subqueries compile this way too. */
  static void compile(ExprCompiler ex) {
    StringBuilder sb = ex.builder();
    QueryShape shape = ex.shape();
    Query<?> q = shape.query();
    sb.append("SELECT ");
    distinct(sb, ex, q);
    selection(sb, ex, shape);
    from(sb, ex, shape);
    where(sb, ex, q);
    tail(sb, ex, shape);
  }

  static void from(StringBuilder sb, ExprCompiler ex, QueryShape shape) {
    Quote.table(sb.append(" FROM "), shape.schema(), shape.query().prefix()).append(" AS ").append(ex.alias(0));
    List<Join> joins = shape.query().joins();
    for (int i = 0; i < joins.size(); i++) {
      Join j = joins.get(i);
      sb.append(' ').append(j.kind().sql()).append(' ');
      Quote.table(sb, shape.sources().get(i + 1), shape.query().prefix()).append(" AS ").append(ex.alias(i + 1));
      if (j.on() != null) {
        sb.append(" ON ");
        ex.expr(j.on());
      }
    }
  }

  static void where(StringBuilder sb, ExprCompiler ex, Query<?> q) {
    if (q.where() != null) {
      sb.append(" WHERE ");
      ex.expr(q.where());
    }
  }

  private static void tail(StringBuilder sb, ExprCompiler ex, QueryShape shape) {
    Query<?> q = shape.query();
    if (!q.groupBy().isEmpty()) {
      sb.append(" GROUP BY ");
      ex.list(q.groupBy());
    }
    if (q.having() != null) {
      sb.append(" HAVING ");
      ex.expr(q.having());
    }
    int w = 0;
    for (java.util.Map.Entry<String, dev.flecto.query.Window> e : q.windows().entrySet()) {
      Quote.name(sb.append(w++ == 0 ? " WINDOW " : ", "), e.getKey()).append(" AS ");
      ex.window(e.getValue());
    }
    for (dev.flecto.query.Combination c : q.combinations()) {
      sb.append(' ').append(c.kind().sql()).append(" (");
      compile(new ExprCompiler(ExprCompiler.shapeOf(c.query()), sb));
      sb.append(')');
    }
    for (int i = 0; i < q.orderBy().size(); i++) {
      sb.append(i == 0 ? " ORDER BY " : ", ");
      ex.order(q.orderBy().get(i));
    }
    if (shape.limitParam() >= 0) {
      sb.append(" LIMIT $").append(shape.limitParam() + 1);
    }
    if (shape.offsetParam() >= 0) {
      sb.append(" OFFSET $").append(shape.offsetParam() + 1);
    }
    if (q.lock() != null) {
      sb.append(' ').append(q.lock());
    }
  }

  private static void distinct(StringBuilder sb, ExprCompiler ex, Query<?> q) {
    if (!q.distinctRows()) {
      return;
    }
    if (q.distinctOn().isEmpty()) {
      sb.append("DISTINCT ");
    } else {
      sb.append("DISTINCT ON (");
      ex.list(q.distinctOn());
      sb.append(") ");
    }
  }

  private static void selection(StringBuilder sb, ExprCompiler ex, QueryShape shape) {
    Selection<?> s = shape.query().select();
    if (s instanceof Selection.Binding<?> b) {
      int index = shape.bindingIndex(b.binding());
      columns(sb, ex.alias(index), shape.sources().get(index));
    } else if (s instanceof Selection.Single<?> single) {
      ex.expr(single.expr());
    } else if (s instanceof Selection.Named named) {
      ex.list(List.copyOf(named.exprs().values()));
    } else if (s instanceof Selection.Constructed<?> c) {
      ex.list(c.exprs());
    } else {
      throw new AssertionError(s);
    }
  }

  static void columns(StringBuilder sb, String alias, SchemaMeta<?> meta) {
    List<SchemaField> fields = meta.persistedFields();
    for (int i = 0; i < fields.size(); i++) {
      sb.append(i == 0 ? "" : ", ");
      if (alias != null) {
        sb.append(alias).append('.');
      }
      Quote.name(sb, fields.get(i).column());
    }
  }

  /** Unqualified column names, as INSERT, UPDATE and RETURNING lists take them. */
  static void columns(StringBuilder sb, List<SchemaField> fields) {
    for (int i = 0; i < fields.size(); i++) {
      Quote.name(i == 0 ? sb : sb.append(", "), fields.get(i).column());
    }
  }
}
