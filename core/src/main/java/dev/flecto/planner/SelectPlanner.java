package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Expr;
import dev.flecto.query.SelectedAs;
import dev.flecto.query.Selection;
import dev.flecto.query.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a query's selection: a binding's records (checked against the binding's schema, with
 * selectMerge's components), one expression, named expressions or a constructed record. It also
 * collects the names given with selectedAs before any clause is planned, since order by and group
 * by may refer to them.
 */
final class SelectPlanner {
  private SelectPlanner() {}

  static void collectSelectedNames(Scope scope, Selection<?> s) {
    List<Expr> top = new ArrayList<>();
    if (s instanceof Selection.Single<?> single) {
      top.add(single.expr());
    } else if (s instanceof Selection.Named named) {
      top.addAll(named.exprs().values());
    } else if (s instanceof Selection.Constructed<?> c) {
      top.addAll(c.exprs());
    }
    for (Expr e : top) {
      if (e instanceof SelectedAs a) {
        scope.selectedNames.add(a.name());
      }
    }
  }

  static <T> Selection<T> selection(Scope scope, Selection<T> s) {
    if (s instanceof Selection.Binding<T> b) {
      return binding(scope, b);
    }
    if (s instanceof Selection.Single<T> single) {
      return new Selection.Single<>(ExprPlanner.expr(scope, single.expr(), "select"), single.type());
    }
    if (s instanceof Selection.Named named) {
      Map<String, Expr> out = new LinkedHashMap<>();
      named.exprs().forEach((k, v) -> out.put(k, ExprPlanner.expr(scope, v, "select")));
      @SuppressWarnings("unchecked")
      Selection<T> typed = (Selection<T>) new Selection.Named(out);
      return typed;
    }
    if (s instanceof Selection.Constructed<T> c) {
      return new Selection.Constructed<>(c.type(), ExprPlanner.exprs(scope, c.exprs(), "select"));
    }
    throw new AssertionError(s);
  }

  private static <T> Selection<T> binding(Scope scope, Selection.Binding<T> b) {
    SourceInfo info = scope.sources.get(scope.binding(b.binding(), "select"));
    if (info.source() instanceof Source.Table) {
      throw new QueryException("a query over table " + info.describe() + " has no schema, so it needs a select, in query "
          + scope.query + "; hint: .select(field(\"column\"), Type.class) or .select(Map.of(...))");
    }
    if (info.schema() != null && info.schema().type() != b.type()) {
      throw new QueryException("select of binding '" + b.binding() + "' reads " + info.schema().type().getSimpleName()
          + " records, not " + b.type().getSimpleName() + ", in query " + scope.query);
    }
    if (b.merged().isEmpty()) {
      return b;
    }
    if (info.schema() == null) {
      throw new QueryException("selectMerge into a record needs a schema source, in query " + scope.query);
    }
    Map<String, Expr> merged = new LinkedHashMap<>();
    for (Map.Entry<String, Expr> e : b.merged().entrySet()) {
      if (info.schema().findField(e.getKey()) == null) {
        throw new QueryException("selectMerge names '" + e.getKey() + "', which is not a component of "
            + info.schema().describe() + ", in query " + scope.query + "; hint: its components are "
            + info.schema().fieldNames());
      }
      merged.put(e.getKey(), ExprPlanner.expr(scope, e.getValue(), "select"));
    }
    return new Selection.Binding<>(b.binding(), b.type(), merged);
  }
}
