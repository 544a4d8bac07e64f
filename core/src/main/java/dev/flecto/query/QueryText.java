package dev.flecto.query;

import java.util.List;
import java.util.Map;

/** Renders a query as readable text for messages; never SQL. */
final class QueryText {
  private QueryText() {}

  static String describe(Query<?> q) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < q.ctes().size(); i++) {
      sb.append(i == 0 ? (q.recursiveCtes() ? "with recursive " : "with ") : ", ").append(q.ctes().get(i).name())
          .append(" as (").append(describe(q.ctes().get(i).query())).append(") ");
    }
    sb.append("from ").append(Source.describe(q.source()));
    if (q.as() != null) {
      sb.append(" as ").append(q.as());
    }
    if (q.prefix() != null) {
      sb.append(" prefix ").append(q.prefix());
    }
    for (Join j : q.joins()) {
      sb.append(' ').append(j.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" join ")
          .append(Source.describe(j.source())).append(" as ").append(j.as());
      if (j.on() != null) {
        expr(sb.append(" on "), j.on(), null);
      }
    }
    if (q.where() != null) {
      expr(sb.append(" where "), q.where(), null);
    }
    list(sb, " group by ", q.groupBy());
    if (q.having() != null) {
      expr(sb.append(" having "), q.having(), null);
    }
    orders(sb, " order by ", q.orderBy());
    if (q.limit() != null) {
      sb.append(" limit ").append(q.limit());
    }
    if (q.offset() != null) {
      sb.append(" offset ").append(q.offset());
    }
    if (q.distinctRows()) {
      sb.append(q.distinctOn().isEmpty() ? " distinct" : "");
      orders(sb, " distinct on ", q.distinctOn());
    }
    if (q.lock() != null) {
      sb.append(" lock ").append(q.lock());
    }
    selection(sb, q.select());
    for (Combination c : q.combinations()) {
      sb.append(' ').append(c.kind().sql().toLowerCase(java.util.Locale.ROOT)).append(" (").append(describe(c.query())).append(')');
    }
    return sb.toString();
  }

  private static void selection(StringBuilder sb, Selection<?> s) {
    if (s instanceof Selection.Binding<?> b) {
      if (b.binding() != null) {
        sb.append(" select ").append(b.binding());
      }
    } else if (s instanceof Selection.Single<?> single) {
      expr(sb.append(" select "), single.expr(), null);
    } else if (s instanceof Selection.Named named) {
      sb.append(" select %{");
      int i = 0;
      for (Map.Entry<String, Expr> e : named.exprs().entrySet()) {
        expr(sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(": "), e.getValue(), null);
      }
      sb.append('}');
    } else if (s instanceof Selection.Constructed<?> c) {
      sb.append(" select ").append(c.type().getSimpleName());
      list(sb.append('('), "", c.exprs());
      sb.append(')');
    } else {
      throw new AssertionError(s);
    }
  }

  private static void orders(StringBuilder sb, String head, List<Order> orders) {
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      expr(sb.append(i == 0 ? head : ", "), o.expr(), null);
      sb.append(o.direction() == Direction.DESC ? " desc" : "");
      sb.append(o.nulls() == Order.Nulls.FIRST ? " nulls first" : o.nulls() == Order.Nulls.LAST ? " nulls last" : "");
    }
  }

  private static void list(StringBuilder sb, String head, List<Expr> exprs) {
    for (int i = 0; i < exprs.size(); i++) {
      expr(sb.append(i == 0 ? head : ", "), exprs.get(i), null);
    }
  }

  private static void expr(StringBuilder sb, Expr e, Operator parent) {
    if (e instanceof FieldRef f) {
      sb.append(f.binding() == null ? "" : f.binding() + ".").append(f.field());
    } else if (e instanceof Param p) {
      sb.append(p.value() instanceof CharSequence ? "\"" + p.value() + "\"" : String.valueOf(p.value()));
    } else if (e instanceof BinaryOp b) {
      boolean group = parent != null && parent != b.op() && (b.op() == Operator.AND || b.op() == Operator.OR
          || !b.op().comparison() && parent != null);
      sb.append(group ? "(" : "");
      expr(sb, b.left(), b.op());
      sb.append(' ').append(b.op().sql().toLowerCase(java.util.Locale.ROOT)).append(' ');
      expr(sb, b.right(), b.op());
      sb.append(group ? ")" : "");
    } else if (e instanceof UnaryOp u) {
      if (u.kind() == UnaryOp.Kind.NOT) {
        expr(sb.append("not ("), u.operand(), null);
        sb.append(')');
      } else {
        expr(sb, u.operand(), Operator.EQ);
        sb.append(u.kind() == UnaryOp.Kind.IS_NULL ? " is null" : " is not null");
      }
    } else if (e instanceof Call c) {
      sb.append(c.fn().sql()).append('(').append(c.distinct() ? "distinct " : "");
      if (c.args().isEmpty() && c.fn() == Call.Fn.COUNT) {
        sb.append('*');
      }
      list(sb, "", c.args());
      sb.append(')');
      if (c.filter() != null) {
        expr(sb.append(" filter "), c.filter(), null);
      }
    } else if (e instanceof Fragment f) {
      sb.append("fragment(\"").append(f.sql()).append('"');
      list(sb, ", ", f.args());
      sb.append(')');
    } else if (e instanceof InExpr in) {
      expr(sb, in.operand(), Operator.EQ);
      sb.append(in.negated() ? " not in " : " in ");
      expr(sb, in.values(), Operator.EQ);
    } else if (e instanceof ParentRef r) {
      sb.append("parent_as(").append(r.binding()).append(").").append(r.field());
    } else if (e instanceof SubqueryExpr q) {
      sb.append("subquery(").append(describe(q.query())).append(')');
    } else if (e instanceof ExistsExpr x) {
      sb.append("exists(").append(describe(x.query())).append(')');
    } else if (e instanceof DateAdd d) {
      sb.append(d.dateOnly() ? "date_add(" : "datetime_add(");
      expr(sb, d.base(), null);
      expr(sb.append(", "), d.amount(), null);
      sb.append(", \"").append(d.unit().sql()).append("\")");
    } else if (e instanceof SelectedAs a) {
      expr(sb.append("selected_as("), a.expr(), null);
      sb.append(", ").append(a.name()).append(')');
    } else if (e instanceof SelectedRef r) {
      sb.append("selected_as(").append(r.name()).append(')');
    } else if (e instanceof Splice sp) {
      list(sb.append("splice("), "", sp.values());
      sb.append(')');
    } else if (e instanceof RecordOf r) {
      sb.append(r.asMap() ? "map(" : r.fields().isEmpty() ? "" : "struct(").append(r.binding());
      sb.append(r.fields().isEmpty() ? (r.asMap() ? ")" : "") : ", " + r.fields() + ")");
    } else if (e instanceof JsonPath j) {
      expr(sb, j.base(), null);
      sb.append(j.asText() ? "#>>" : "#>");
      // A planned query's path is a placeholder by then: its keys are no longer known here.
      sb.append(j.path() instanceof Param p && p.value() instanceof String[] keys ? java.util.Arrays.toString(keys) : "[...]");
    } else if (e instanceof Over o) {
      expr(sb, o.function(), null);
      sb.append(" over ").append(o.windowName() != null ? o.windowName() : "(...)");
    } else if (e instanceof CastExpr c) {
      expr(sb.append("type("), c.operand(), null);
      sb.append(", ").append(c.type().getSimpleName()).append(')');
    } else {
      throw new AssertionError(e);
    }
  }
}
