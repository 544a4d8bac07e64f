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
    ctes(sb, ex, q);
    sb.append("SELECT ");
    distinct(sb, ex, q);
    selection(sb, ex, shape);
    from(sb, ex, shape);
    where(sb, ex, q);
    tail(sb, ex, shape);
  }

  static void ctes(StringBuilder sb, ExprCompiler ex, Query<?> q) {
    for (int i = 0; i < q.ctes().size(); i++) {
      dev.flecto.query.Cte cte = q.ctes().get(i);
      sb.append(i == 0 ? (q.recursiveCtes() ? "WITH RECURSIVE " : "WITH ") : ", ");
      Quote.name(sb, cte.name()).append(" AS (");
      compile(ex.cte(cte.query(), sb));
      sb.append(')');
    }
    if (!q.ctes().isEmpty()) {
      sb.append(' ');
    }
  }

  /** A schema's table (a renamed one is a CTE or a table on the search path), a table by name, or a subquery. */
  static void source(StringBuilder sb, ExprCompiler ex, QueryShape shape, int index, boolean lateral) {
    dev.flecto.planner.SourceInfo info = shape.sources().get(index);
    dev.flecto.query.Source s = info.source();
    String prefix = shape.query().prefix();
    if (s instanceof dev.flecto.query.Source.Subquery sub) {
      sb.append('(');
      compile(ex.source(sub.query(), sb, lateral));
      sb.append(')');
    } else if (s instanceof dev.flecto.query.Source.Sql f) {
      sb.append('(');
      ex.expr(f.fragment());
      sb.append(')');
    } else if (s instanceof dev.flecto.query.Source.Values v) {
      values(sb, ex.paramBase(), info, v);
      sb.append(" AS ").append(ex.alias(index)).append(" (");
      int i = 0;
      for (String column : v.types().keySet()) {
        Quote.name(i++ == 0 ? sb : sb.append(", "), column);
      }
      sb.append(')');
      return;
    } else if (s instanceof dev.flecto.query.Source.Schema schema && schema.table() == null) {
      if (schema.prefix() != null) {
        Quote.name(sb, schema.prefix()).append('.');
        Quote.name(sb, info.table());
      } else {
        Quote.table(sb, info.schema(), prefix);
      }
    } else if (s instanceof dev.flecto.query.Source.Schema schema && schema.prefix() != null) {
      Quote.name(sb, schema.prefix()).append('.');
      Quote.name(sb, info.table());
    } else {
      boolean cte = shape.query().ctes().stream().anyMatch(c -> c.name().equals(info.table()));
      if (prefix != null && !cte && s instanceof dev.flecto.query.Source.Table) {
        Quote.name(sb, prefix).append('.');
      }
      Quote.name(sb, info.table());
    }
    sb.append(" AS ").append(ex.alias(index));
  }

  /** Every value cast to its column's type, since a VALUES list gives PostgreSQL no other type to go by. */
  private static void values(StringBuilder sb, int paramBase, dev.flecto.planner.SourceInfo info, dev.flecto.query.Source.Values v) {
    sb.append("(VALUES ");
    for (int r = 0; r < v.rows().size(); r++) {
      sb.append(r == 0 ? "(" : ", (");
      int c = 0;
      for (java.util.Map.Entry<String, Object> cell : v.rows().get(r).entrySet()) {
        sb.append(c++ == 0 ? "" : ", ").append("CAST($").append(paramBase + ((dev.flecto.planner.Placeholder) cell.getValue()).index() + 1)
            .append(" AS ").append(ExprCompiler.typeName(info.typedField(cell.getKey()).type())).append(')');
      }
      sb.append(')');
    }
    sb.append(')');
  }

  static void from(StringBuilder sb, ExprCompiler ex, QueryShape shape) {
    sb.append(" FROM ");
    source(sb, ex, shape, 0, false);
    List<Join> joins = shape.query().joins();
    for (int i = 0; i < joins.size(); i++) {
      Join j = joins.get(i);
      sb.append(' ').append(j.kind().sql()).append(' ');
      boolean lateral = j.kind() == dev.flecto.query.JoinKind.INNER_LATERAL || j.kind() == dev.flecto.query.JoinKind.LEFT_LATERAL;
      source(sb, ex, shape, i + 1, lateral);
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
      compile(ex.combination(c.query(), sb));
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
      // Only the expressions: their directions went into the ORDER BY when the query was planned.
      sb.append("DISTINCT ON (");
      for (int i = 0; i < q.distinctOn().size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        ex.expr(q.distinctOn().get(i).expr());
      }
      sb.append(") ");
    }
  }

  static void selection(StringBuilder sb, ExprCompiler ex, QueryShape shape) {
    Selection<?> s = shape.query().select();
    if (s instanceof Selection.Binding<?> b) {
      int index = shape.bindingIndex(b.binding());
      dev.flecto.planner.SourceInfo info = shape.sources().get(index);
      if (info.schema() != null) {
        columns(sb, ex.alias(index), info.schema());
        for (dev.flecto.query.Expr e : b.merged().values()) {
          sb.append(", ");
          ex.expr(e);
        }
      } else {
        int i = 0;
        for (String name : info.fields().keySet()) {
          Quote.name(sb.append(i++ == 0 ? "" : ", ").append(ex.alias(index)).append('.'), info.column(name));
        }
      }
    } else if (s instanceof Selection.Single<?> single) {
      ex.expr(single.expr());
    } else if (s instanceof Selection.Named named) {
      int i = 0;
      for (java.util.Map.Entry<String, dev.flecto.query.Expr> e : named.exprs().entrySet()) {
        sb.append(i++ == 0 ? "" : ", ");
        ex.expr(e.getValue());
        if (ex.nameSelected() && !(e.getValue() instanceof dev.flecto.query.RecordOf)) {
          Quote.name(sb.append(" AS "), e.getKey());
        }
      }
    } else if (s instanceof Selection.Constructed<?> c) {
      ex.list(c.exprs());
    } else {
      throw new AssertionError(s);
    }
  }

  static void columns(StringBuilder sb, String alias, SchemaMeta<?> meta) {
    List<SchemaField> fields = meta.loadedFields(); // Ecto's query fields: not those loaded only when named
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
