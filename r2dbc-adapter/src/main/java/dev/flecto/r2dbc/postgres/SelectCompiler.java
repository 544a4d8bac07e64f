package dev.flecto.r2dbc.postgres;

import dev.flecto.planner.QueryShape;
import dev.flecto.query.Direction;
import dev.flecto.query.Op;
import dev.flecto.schema.SchemaField;
import java.util.List;

/** SELECT of every persisted column, with WHERE, ORDER BY, LIMIT and OFFSET, clause by clause. */
final class SelectCompiler {
  private SelectCompiler() {}

  static String compile(QueryShape shape) {
    StringBuilder sb = new StringBuilder(128).append("SELECT ");
    columns(sb, shape.schema().persistedFields());
    Quote.table(sb.append(" FROM "), shape.schema());
    int next = where(sb, shape.filters(), 1);
    orderBy(sb, shape.orderBy());
    if (shape.hasLimit()) {
      sb.append(" LIMIT $").append(next++);
    }
    if (shape.hasOffset()) {
      sb.append(" OFFSET $").append(next);
    }
    return sb.toString();
  }

  static void columns(StringBuilder sb, List<SchemaField> fields) {
    for (int i = 0; i < fields.size(); i++) {
      Quote.name(i == 0 ? sb : sb.append(", "), fields.get(i).column());
    }
  }

  static int where(StringBuilder sb, List<QueryShape.ShapeFilter> filters, int first) {
    int n = first;
    for (int i = 0; i < filters.size(); i++) {
      QueryShape.ShapeFilter f = filters.get(i);
      Quote.name(sb.append(i == 0 ? " WHERE " : " AND "), f.field().column());
      if (f.op().takesValue()) {
        sb.append(' ').append(operator(f.op())).append(" $").append(n++);
      } else {
        sb.append(f.op() == Op.IS_NULL ? " IS NULL" : " IS NOT NULL");
      }
    }
    return n;
  }

  private static void orderBy(StringBuilder sb, List<QueryShape.ShapeOrder> orders) {
    for (int i = 0; i < orders.size(); i++) {
      QueryShape.ShapeOrder o = orders.get(i);
      Quote.name(sb.append(i == 0 ? " ORDER BY " : ", "), o.field().column());
      if (o.direction() == Direction.DESC) {
        sb.append(" DESC");
      }
    }
  }

  static String operator(Op op) {
    switch (op) {
      case EQ:
        return "=";
      case NE:
        return "<>";
      case LT:
        return "<";
      case LE:
        return "<=";
      case GT:
        return ">";
      case GE:
        return ">=";
      default:
        throw new AssertionError("no binary operator for " + op);
    }
  }
}
