package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.BinaryOp;
import dev.flecto.query.Call;
import dev.flecto.query.CastExpr;
import dev.flecto.query.DateAdd;
import dev.flecto.query.ExistsExpr;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Fragment;
import dev.flecto.query.InExpr;
import dev.flecto.query.JsonPath;
import dev.flecto.query.Over;
import dev.flecto.query.Param;
import dev.flecto.query.ParentRef;
import dev.flecto.query.SelectedAs;
import dev.flecto.query.SelectedRef;
import dev.flecto.query.Splice;
import dev.flecto.query.SubqueryExpr;
import dev.flecto.query.UnaryOp;
import dev.flecto.schema.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans one expression tree: checks every field and binding it names, checks where an expression
 * may appear (a window function needs a window, selectedAs belongs in select), and replaces every
 * value with a placeholder. Values compared with something typed are cast by {@link ParamPlanner};
 * nested queries are planned by {@link NestedPlanner}.
 */
final class ExprPlanner {
  private ExprPlanner() {}

  static List<Expr> exprs(Scope scope, List<Expr> in, String clause) {
    if (in.isEmpty()) {
      return List.of();
    }
    List<Expr> out = new ArrayList<>(in.size());
    for (Expr e : in) {
      out.add(expr(scope, e, clause));
    }
    return out;
  }

  static Expr expr(Scope scope, Expr e, String clause) {
    if (e instanceof dev.flecto.query.RecordOf r) {
      throw new QueryException((r.asMap() ? "mapOf" : "recordOf") + "(\"" + r.binding() + "\") in " + clause + " is a whole row "
          + "of a binding: it can only be selected, alone, in a map or as a record's component, in query " + scope.query);
    }
    if (e instanceof FieldRef f) {
      scope.field(f, clause);
      return f;
    }
    if (e instanceof Param p) {
      return scope.bind(p.value());
    }
    if (e instanceof BinaryOp b) {
      return ParamPlanner.binary(scope, b, clause);
    }
    if (e instanceof UnaryOp u) {
      return new UnaryOp(u.kind(), expr(scope, u.operand(), clause));
    }
    if (e instanceof Call c) {
      return call(scope, c, clause);
    }
    if (e instanceof ParentRef r) {
      scope.parentField(r, clause);
      return r;
    }
    if (e instanceof SubqueryExpr q) {
      return new SubqueryExpr(NestedPlanner.subquery(scope, q.query(), clause, true));
    }
    if (e instanceof ExistsExpr x) {
      return new ExistsExpr(NestedPlanner.subquery(scope, x.query(), clause, false));
    }
    if (e instanceof JsonPath j) {
      return new JsonPath(expr(scope, j.base(), clause), expr(scope, EmbedPaths.path(scope, j, clause), clause), j.asText());
    }
    if (e instanceof DateAdd d) {
      return new DateAdd(expr(scope, d.base(), clause), expr(scope, d.amount(), clause), d.unit(), d.dateOnly());
    }
    if (e instanceof SelectedAs a) {
      if (!clause.equals("select")) {
        throw new QueryException("selectedAs(\"" + a.name() + "\") in " + clause + " belongs in select, in query " + scope.query);
      }
      return new SelectedAs(expr(scope, a.expr(), clause), a.name());
    }
    if (e instanceof SelectedRef r) {
      if (!scope.selectedNames.contains(r.name())) {
        throw new QueryException("selected(\"" + r.name() + "\") in " + clause + " names nothing the select names, in query "
            + scope.query + "; hint: select selectedAs(expr, \"" + r.name() + "\")");
      }
      return r;
    }
    if (e instanceof Splice sp) {
      return new Splice(exprs(scope, sp.values(), clause));
    }
    if (e instanceof Over o) {
      return over(scope, o, clause);
    }
    if (e instanceof Fragment f) {
      return new Fragment(f.sql(), exprs(scope, f.args(), clause));
    }
    if (e instanceof InExpr in) {
      return ParamPlanner.in(scope, in, clause);
    }
    if (e instanceof CastExpr c) {
      return cast(scope, c, clause);
    }
    throw new AssertionError(e);
  }

  private static Expr call(Scope scope, Call c, String clause) {
    if (c.fn().windowOnly()) {
      throw new QueryException(c.fn().sql() + "() in " + clause + " needs a window, in query " + scope.query
          + "; hint: Exprs.over(" + c.fn().sql() + "..., Window...) or over(..., \"name\")");
    }
    return new Call(c.fn(), exprs(scope, c.args(), clause), c.distinct(), c.filter() == null ? null : expr(scope, c.filter(), clause));
  }


  private static Expr over(Scope scope, Over o, String clause) {
    if (o.windowName() != null && !scope.query.windows().containsKey(o.windowName())) {
      throw new QueryException("window '" + o.windowName() + "' in " + clause + " is not defined in query " + scope.query
          + "; hint: query.window(\"" + o.windowName() + "\", Window...)");
    }
    Call fn = new Call(o.function().fn(), exprs(scope, o.function().args(), clause), o.function().distinct(),
        o.function().filter() == null ? null : expr(scope, o.function().filter(), clause));
    return new Over(fn, o.windowName(), o.window() == null ? null : OrderPlanner.window(scope, o.window(), clause));
  }

  private static Expr cast(Scope scope, CastExpr c, String clause) {
    FieldType castType = FieldType.of(c.type());
    if (castType == null || castType == FieldType.LIST || castType == FieldType.ASSOC) {
      throw new QueryException("type(…, " + c.type().getSimpleName() + ") in " + clause + " is not a field type, in query "
          + scope.query + "; hint: " + FieldType.supportedTypes());
    }
    if (c.operand() instanceof Param p && p.value() != null) {
      // Ecto's type(^value, type): the value itself is cast and bound as that type, so PostgreSQL
      // never converts (or refuses) text it was sent, and a value that does not fit fails here.
      return new CastExpr(scope.placeholder(ParamPlanner.castValue(scope, castType, c.type(), p.value(), clause)), c.type());
    }
    return new CastExpr(expr(scope, c.operand(), clause), c.type());
  }
}
