package dev.flecto.r2dbc.postgres;

import dev.flecto.planner.Placeholder;
import dev.flecto.planner.QueryShape;
import dev.flecto.query.BinaryOp;
import dev.flecto.query.Call;
import dev.flecto.query.CastExpr;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Fragment;
import dev.flecto.query.InExpr;
import dev.flecto.query.Operator;
import dev.flecto.query.Param;
import dev.flecto.query.Query;
import dev.flecto.query.UnaryOp;
import dev.flecto.schema.FieldType;
import java.util.List;

/** Renders planned expressions: fields as alias."column", values as $n, operators as PostgreSQL's. */
final class ExprCompiler {
  private final QueryShape shape;
  private final StringBuilder sb;
  private final int depth;
  private final ExprCompiler parent;
  private final boolean nameSelected;
  // A subquery read as a source names a binding's row's columns by field, as the outer query reads them.
  private final boolean nameRowFields;
  /** How many parameters come before this query's in its statement (an INSERT ... SELECT's conflict update's). */
  private final int paramBase;

  ExprCompiler(QueryShape shape, StringBuilder sb) {
    this(shape, sb, 0, null, false, 0);
  }

  /** A top-level query whose parameters are numbered after {@code paramBase} others: {@code $(paramBase + 1)} on. */
  ExprCompiler(QueryShape shape, StringBuilder sb, int paramBase) {
    this(shape, sb, 0, null, false, paramBase);
  }

  ExprCompiler(QueryShape shape, StringBuilder sb, int depth, ExprCompiler parent, boolean nameSelected) {
    this(shape, sb, depth, parent, nameSelected, parent == null ? 0 : parent.paramBase);
  }

  private ExprCompiler(QueryShape shape, StringBuilder sb, int depth, ExprCompiler parent, boolean nameSelected,
      int paramBase) {
    this(shape, sb, depth, parent, nameSelected, paramBase, false);
  }

  private ExprCompiler(QueryShape shape, StringBuilder sb, int depth, ExprCompiler parent, boolean nameSelected,
      int paramBase, boolean nameRowFields) {
    this.nameRowFields = nameRowFields;
    this.paramBase = paramBase;
    this.shape = shape;
    this.sb = sb;
    this.depth = depth;
    this.parent = parent;
    this.nameSelected = nameSelected;
  }

  /** Ecto's aliases: the table's first letter and the binding's index (p0, c1, ...); s for a subquery. */
  static String alias(QueryShape shape, int index) {
    String table = shape.sources().get(index).table();
    char c = shape.sources().get(index).source() instanceof dev.flecto.query.Source.Values ? 'v'
        : table == null || table.isEmpty() ? 's' : Character.toLowerCase(table.charAt(0));
    return (Character.isLetter(c) && c < 128 ? String.valueOf(c) : "t") + index;
  }

  /** Whether a map selection names its columns: a subquery read as a source or a CTE must. */
  boolean nameSelected() {
    return nameSelected;
  }

  /** The compiler of a subquery read as a source or CTE: its own scope (a lateral one sees this one's bindings). */
  ExprCompiler source(Query<?> sub, StringBuilder out, boolean lateral) {
    return new ExprCompiler(shapeOf(inherit(sub)), out, depth + 1, lateral ? this : null, true, paramBase, true);
  }

  /** A subquery's aliases carry its depth (sp0, ssc1, ...), so they never hide the enclosing query's. */
  String alias(int index) {
    return "s".repeat(depth) + alias(shape, index);
  }

  QueryShape shape() {
    return shape;
  }

  int paramBase() {
    return paramBase;
  }

  StringBuilder builder() {
    return sb;
  }

  /** The compiler of a subquery nested in this one. */
  ExprCompiler nested(Query<?> sub, StringBuilder out) {
    return new ExprCompiler(shapeOf(inherit(sub)), out, depth + 1, this, false, paramBase);
  }

  /**
   * The compiler of one of this query's CTEs: the CTE cannot see this query's FROM, so it reads
   * parent references from the query around this one, and its aliases take this query's depth
   * (distinct from every enclosing query's, like ecto_sql's subquery prefix).
   */
  ExprCompiler cte(Query<?> cte, StringBuilder out) {
    return new ExprCompiler(shapeOf(inherit(cte)), out, depth, parent, true, paramBase);
  }

  /** The compiler of a query combined with this one (union, ...): it stands beside this one, in the same enclosing query. */
  ExprCompiler combination(Query<?> other, StringBuilder out) {
    return new ExprCompiler(shapeOf(inherit(other)), out, depth, parent, false, paramBase);
  }

  /**
   * A nested query that sets no prefix takes this one's, as the planner hands it down; here too,
   * because a default prefix (a tenant's) is put on a statement's top query after planning.
   */
  private Query<?> inherit(Query<?> nested) {
    String prefix = shape.query().prefix();
    return prefix == null || nested.prefix() != null ? nested : nested.prefix(prefix);
  }

  static QueryShape shapeOf(Query<?> q) {
    java.util.List<dev.flecto.planner.SourceInfo> sources = new java.util.ArrayList<>();
    sources.add(dev.flecto.planner.SourceInfo.of(q.source()));
    for (dev.flecto.query.Join j : q.joins()) {
      sources.add(dev.flecto.planner.SourceInfo.of(j.source()));
    }
    return new QueryShape(q, sources, q.limit() == null ? -1 : q.limit(), q.offset() == null ? -1 : q.offset());
  }

  void expr(Expr e) {
    if (e instanceof FieldRef f) {
      field(f.binding(), f.field());
    } else if (e instanceof dev.flecto.query.RecordOf r) { // a binding's row at the top of a select: its columns
      for (int i = 0; i < r.fields().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        field(r.binding(), r.fields().get(i));
        if (nameRowFields) {
          Quote.name(sb.append(" AS "), r.fields().get(i));
        }
      }
    } else if (e instanceof dev.flecto.query.ParentRef r) {
      parentField(r);
    } else if (e instanceof dev.flecto.query.SubqueryExpr q) {
      sb.append('(');
      SelectCompiler.compile(nested(q.query(), sb));
      sb.append(')');
    } else if (e instanceof dev.flecto.query.ExistsExpr x) {
      sb.append("EXISTS (");
      SelectCompiler.compile(nested(x.query(), sb));
      sb.append(')');
    } else if (e instanceof dev.flecto.query.DateAdd d) {
      sb.append(d.dateOnly() ? "CAST((" : "(");
      operand(d.base());
      sb.append(" + (CAST(");
      expr(d.amount());
      sb.append(" AS numeric) * interval '1 ").append(d.unit().sql()).append("'))");
      sb.append(d.dateOnly() ? " AS date)" : "");
    } else if (e instanceof dev.flecto.query.JsonPath j) {
      sb.append('(');
      operand(j.base());
      sb.append(j.asText() ? " #>> " : " #> ");
      expr(j.path());
      sb.append(')');
    } else if (e instanceof dev.flecto.query.SelectedAs a) {
      expr(a.expr());
      Quote.name(sb.append(" AS "), a.name());
    } else if (e instanceof dev.flecto.query.SelectedRef r) {
      Quote.name(sb, r.name());
    } else if (e instanceof dev.flecto.query.Splice sp) {
      list(sp.values());
    } else if (e instanceof dev.flecto.query.Over o) {
      call(o.function());
      sb.append(" OVER ");
      if (o.windowName() != null) {
        Quote.name(sb, o.windowName());
      } else {
        window(o.window());
      }
    } else if (e instanceof Param p) {
      sb.append('$').append(paramBase + ((Placeholder) p.value()).index() + 1);
    } else if (e instanceof BinaryOp b) {
      binary(b);
    } else if (e instanceof UnaryOp u) {
      unary(u);
    } else if (e instanceof Call c) {
      call(c);
    } else if (e instanceof Fragment f) {
      fragment(f);
    } else if (e instanceof InExpr in && in.values() instanceof dev.flecto.query.SubqueryExpr) {
      sb.append(in.negated() ? "NOT (" : "");
      operand(in.operand());
      sb.append(" IN ");
      expr(in.values());
      sb.append(in.negated() ? ")" : "");
    } else if (e instanceof InExpr in) {
      sb.append(in.negated() ? "NOT (" : "");
      operand(in.operand());
      sb.append(" = ANY(");
      expr(in.values());
      sb.append(in.negated() ? "))" : ")");
    } else if (e instanceof CastExpr c) {
      sb.append("CAST(");
      expr(c.operand());
      sb.append(" AS ").append(typeName(FieldType.of(c.type()))).append(')');
    } else {
      throw new AssertionError(e);
    }
  }

  // The nearest enclosing query that has the binding, as the planner resolved it (ecto_sql's get_parent_sources_ix).
  private void parentField(dev.flecto.query.ParentRef r) {
    ExprCompiler p = parent;
    while (p.shape.bindingIndex(r.binding()) < 0) {
      p = p.parent;
    }
    p.field(r.binding(), r.field());
  }

  private void field(String binding, String name) {
    int i = shape.bindingIndex(binding);
    sb.append(alias(i)).append('.');
    Quote.name(sb, shape.sources().get(i).column(name));
  }

  /** {@code (PARTITION BY ... ORDER BY ... frame)}. */
  void window(dev.flecto.query.Window w) {
    sb.append('(');
    String sep = "";
    if (!w.partitionBy().isEmpty()) {
      sb.append("PARTITION BY ");
      list(w.partitionBy());
      sep = " ";
    }
    for (int i = 0; i < w.order().size(); i++) {
      sb.append(i == 0 ? sep + "ORDER BY " : ", ");
      order(w.order().get(i));
      sep = " ";
    }
    if (w.frame() != null) {
      sb.append(sep);
      expr(w.frame());
    }
    sb.append(')');
  }

  void order(dev.flecto.query.Order o) {
    expr(o.expr());
    sb.append(o.direction() == dev.flecto.query.Direction.DESC ? " DESC" : "");
    sb.append(o.nulls() == dev.flecto.query.Order.Nulls.FIRST ? " NULLS FIRST"
        : o.nulls() == dev.flecto.query.Order.Nulls.LAST ? " NULLS LAST" : "");
  }

  void list(List<Expr> exprs) {
    for (int i = 0; i < exprs.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      expr(exprs.get(i));
    }
  }

  private void binary(BinaryOp b) {
    if (b.op() == Operator.AND || b.op() == Operator.OR) {
      side(b.left(), b.op());
      sb.append(' ').append(b.op().sql()).append(' ');
      side(b.right(), b.op());
    } else if (b.op().comparison()) {
      operand(b.left());
      sb.append(' ').append(b.op().sql()).append(' ');
      operand(b.right());
    } else {
      sb.append('(');
      operand(b.left());
      sb.append(' ').append(b.op().sql()).append(' ');
      operand(b.right());
      sb.append(')');
    }
  }

  // AND inside OR (or OR inside AND) keeps its meaning only in parentheses.
  private void side(Expr e, Operator parent) {
    boolean group = e instanceof BinaryOp b && (b.op() == Operator.AND || b.op() == Operator.OR) && b.op() != parent;
    sb.append(group ? "(" : "");
    expr(e);
    sb.append(group ? ")" : "");
  }

  // A condition used as a value is parenthesized, so precedence never changes its meaning.
  private void operand(Expr e) {
    boolean group = e instanceof BinaryOp b && (b.op().comparison() || b.op() == Operator.AND || b.op() == Operator.OR);
    sb.append(group ? "(" : "");
    expr(e);
    sb.append(group ? ")" : "");
  }

  private void unary(UnaryOp u) {
    switch (u.kind()) {
      case NOT:
        sb.append("NOT (");
        expr(u.operand());
        sb.append(')');
        break;
      case IS_NULL:
        operand(u.operand());
        sb.append(" IS NULL");
        break;
      case IS_NOT_NULL:
        operand(u.operand());
        sb.append(" IS NOT NULL");
        break;
      default:
        throw new AssertionError(u);
    }
  }

  private void call(Call c) {
    sb.append(c.fn().sql()).append('(');
    if (c.args().isEmpty()) {
      sb.append(c.fn() == Call.Fn.COUNT ? "*" : "");
    } else {
      sb.append(c.distinct() ? "DISTINCT " : "");
      list(c.args());
    }
    sb.append(')');
    if (c.filter() != null) {
      sb.append(" FILTER (WHERE ");
      expr(c.filter());
      sb.append(')');
    }
  }

  private void fragment(Fragment f) {
    // Checked here, not when the fragment is built, so a mismatch fails the Repo call's publisher.
    long marks = Fragment.placeholders(f.sql());
    if (marks != f.args().size()) {
      throw new dev.flecto.QueryException("fragment \"" + f.sql() + "\" has " + marks + " ? placeholder(s) but "
          + f.args().size() + " argument(s); escape a literal question mark as \\\\?");
    }
    int arg = 0;
    String sql = f.sql();
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch == '\\' && i + 1 < sql.length() && sql.charAt(i + 1) == '?') {
        sb.append('?'); // an escaped literal question mark
        i++;
      } else if (ch == '?') {
        expr(f.args().get(arg++));
      } else {
        sb.append(ch);
      }
    }
  }

  static String typeName(FieldType t) {
    switch (t) {
      case STRING: case ENUM: return "text";
      case INTEGER: return "integer";
      case LONG: return "bigint";
      case SHORT: return "smallint";
      case BOOLEAN: return "boolean";
      case DOUBLE: return "double precision";
      case FLOAT: return "real";
      case DECIMAL: return "numeric";
      case UUID_TYPE: return "uuid";
      case INSTANT: case OFFSET_DATE_TIME: return "timestamptz";
      case LOCAL_DATE_TIME: return "timestamp";
      case LOCAL_DATE: return "date";
      case LOCAL_TIME: return "time";
      case DURATION: case PERIOD: return "interval";
      case BITSTRING: return "varbit";
      case BYTES: return "bytea";
      case MAP: return "jsonb";
      default: throw new AssertionError(t);
    }
  }
}
