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
      return new Selection.Single<>(top(scope, single.expr(), single.type()), single.type());
    }
    if (s instanceof Selection.Named named) {
      Map<String, Expr> out = new LinkedHashMap<>();
      named.exprs().forEach((k, v) -> out.put(k, top(scope, v, null)));
      @SuppressWarnings("unchecked")
      Selection<T> typed = (Selection<T>) new Selection.Named(out);
      return typed;
    }
    if (s instanceof Selection.Constructed<T> c) {
      List<Expr> out = new ArrayList<>(c.exprs().size());
      java.lang.reflect.RecordComponent[] components = c.type().getRecordComponents();
      for (int i = 0; i < c.exprs().size(); i++) {
        boolean fits = components != null && components.length == c.exprs().size();
        out.add(top(scope, c.exprs().get(i), fits ? components[i].getType() : null));
      }
      return new Selection.Constructed<>(c.type(), out);
    }
    throw new AssertionError(s);
  }

  /** A value at the top of a select: a binding's record (recordOf, mapOf) is only allowed there. */
  private static Expr top(Scope scope, Expr e, Class<?> target) {
    return e instanceof dev.flecto.query.RecordOf r ? recordOf(scope, r, target) : ExprPlanner.expr(scope, e, "select");
  }

  /** Checks the binding and its fields, and names them all (a whole record's are its schema's persisted fields). */
  private static Expr recordOf(Scope scope, dev.flecto.query.RecordOf r, Class<?> target) {
    SourceInfo info = scope.sources.get(scope.binding(r.binding(), "select"));
    String what = describe(r);
    if (info.schema() == null && (!r.asMap() || r.fields().isEmpty())) {
      throw new QueryException(what + " in select needs a binding of a schema, and " + info.describe() + " has none, in query "
          + scope.query + "; hint: mapOf(\"" + r.binding() + "\", \"column\", ...) names the columns of a table");
    }
    if (!r.asMap() && target != null && target != Object.class && !target.isAssignableFrom(info.schema().type())) {
      throw new QueryException(what + " in select reads " + info.schema().type().getSimpleName() + " records, not "
          + target.getSimpleName() + ", in query " + scope.query);
    }
    if (r.asMap() && target != null && target != Object.class && !target.isAssignableFrom(Map.class)) {
      throw new QueryException(what + " in select reads a Map, not " + target.getSimpleName() + ", in query " + scope.query);
    }
    // "assoc.field" names a field of a preloaded association (Ecto's struct(c, [:name, country: [:id]])):
    // the repo restricts that preload's query to it; this query's SQL reads only the binding's own fields.
    List<String> own = r.fields().stream().filter(f -> f.indexOf('.') < 0).toList();
    if (own.size() < r.fields().size() && (r.asMap() || scope.parent != null || !r.binding().equals(scope.query.as()))) {
      throw new QueryException(what + " in select names an association's field (" + r.fields().stream()
          .filter(f -> f.indexOf('.') >= 0).findFirst().orElseThrow() + "), which only a recordOf of the root binding in "
          + "the select of the query that preloads the association takes, in query " + scope.query);
    }
    List<String> fields = new ArrayList<>();
    if (own.isEmpty()) {
      info.schema().loadedFields().forEach(f -> fields.add(f.name())); // Ecto's query fields: not loadInQuery = false
    }
    for (String f : own) {
      scope.field(new dev.flecto.query.FieldRef(r.binding(), f), "select " + what);
      if (fields.contains(f)) {
        throw new QueryException(what + " in select names field '" + f + "' twice, in query " + scope.query);
      }
      fields.add(f);
    }
    return new dev.flecto.query.RecordOf(r.binding(), fields, r.asMap());
  }

  /** A binding's row as the user wrote it, for messages: {@code mapOf("p", [id, title])}. */
  static String describe(dev.flecto.query.RecordOf r) {
    return (r.asMap() ? "mapOf" : "recordOf") + "(\"" + r.binding() + "\"" + (r.fields().isEmpty() ? "" : ", " + r.fields()) + ")";
  }

  private static <T> Selection<T> binding(Scope scope, Selection.Binding<T> b) {
    SourceInfo info = scope.sources.get(scope.binding(b.binding(), "select"));
    if (info.source() instanceof Source.Table || info.source() instanceof Source.Sql && info.schema() == null) {
      throw new QueryException("a query over " + (info.source() instanceof Source.Table ? "table " : "") + info.describe()
          + " has no schema, so it needs a select, in query "
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
