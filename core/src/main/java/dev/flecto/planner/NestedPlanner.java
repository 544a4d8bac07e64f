package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Combination;
import dev.flecto.query.Cte;
import dev.flecto.query.Expr;
import dev.flecto.query.Query;
import dev.flecto.query.RecordOf;
import dev.flecto.query.Selection;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the queries nested in a query (CTEs, combinations, subqueries used as sources or values),
 * each in a scope of its own that shares the statement's parameters and prefix. It owns which
 * enclosing scope a nested query's {@code parentAs} reads, so that rule is written once; the SQL
 * compiler gives each nested query the same enclosing query. It also owns what a nested query may
 * select, place by place, as Ecto's planner checks a subquery's select: a binding's row
 * ({@code recordOf}, {@code mapOf}) is the whole select of a source subquery or a CTE, one column
 * of a subquery used as a value, anything in exists and in a combination of as many columns.
 */
final class NestedPlanner {
  private NestedPlanner() {}

  /**
   * A CTE cannot see the FROM of the query that holds it, only the queries around that one: in a
   * lateral or {@code where} subquery, its parentAs reaches the outer query (Ecto's "parent binding
   * subquery and CTE"); at the top it has no parent.
   */
  static List<Cte> ctes(Scope scope, List<Cte> in) {
    List<Cte> ctes = in.isEmpty() ? List.of() : new ArrayList<>();
    for (Cte c : in) {
      noTake(scope, c.query(), "CTE " + c.name());
      Query<?> planned = new Scope(c.query(), scope.parent, scope.params, scope.prefix).normalize();
      rowOnlyAlone(scope, planned.select(), "CTE " + c.name());
      ctes.add(new Cte(c.name(), planned));
    }
    return ctes;
  }

  /**
   * A combined query stands beside the query that holds it, so it sees what that query sees: in a
   * subquery, parentAs in the second query of a union reaches the outer query (Ecto gives a
   * combination its holder's parent). It must select as many columns as its holder (SQL's rule,
   * checked here so that a binding's row on one side only fails before any SQL).
   */
  static List<Combination> combinations(Scope scope, Selection<?> select, List<Combination> in) {
    List<Combination> combinations = in.isEmpty() ? List.of() : new ArrayList<>();
    for (Combination c : in) {
      noTake(scope, c.query(), "a combined query");
      Scope own = new Scope(c.query(), scope.parent, scope.params, scope.prefix);
      Query<?> planned = own.normalize();
      int columns = columns(own, planned.select());
      int expected = columns(scope, select);
      if (columns != expected) {
        String kind = c.kind().sql().toLowerCase(java.util.Locale.ROOT);
        throw new QueryException("the query combined by " + kind + " selects " + columns + " column(s) but the query it is "
            + "combined with selects " + expected + ", in query " + scope.query + "; hint: both must select the same shape "
            + "(a binding's recordOf or mapOf counts one column per field)");
      }
      combinations.add(new Combination(c.kind(), planned));
    }
    return combinations;
  }

  /**
   * A subquery read as a source (from, join, lateral join): a lateral one sees the bindings before
   * it. A binding's row may be its whole select (Ecto's {@code struct/2} and {@code map/2} in a
   * subquery: the outer query reads its fields), never a value in a map or record of one (Ecto:
   * "sources are not allowed as map values in subquery").
   */
  static Query<?> source(Scope scope, Query<?> sub, Scope visibleParent, String clause) {
    noTake(scope, sub, "a subquery in " + clause);
    Query<?> planned = new Scope(sub, visibleParent, scope.params, scope.prefix).normalize();
    rowOnlyAlone(scope, planned.select(), "a subquery in " + clause);
    return planned;
  }

  /**
   * A subquery used as a value (or in exists): it sees the enclosing query's bindings through
   * parentAs. As a value it selects one column: a binding's row only when it reads one field (Ecto:
   * "subquery must return a single field"); exists takes any select.
   */
  static Query<?> subquery(Scope scope, Query<?> sub, String clause, boolean oneColumn) {
    if (oneColumn && !(sub.select() instanceof Selection.Single<?>)) {
      throw new QueryException("a subquery used as a value in " + clause + " must select one expression, "
          + "query.select(expr, Type.class), in query " + scope.query);
    }
    noTake(scope, sub, "a subquery in " + clause);
    Query<?> planned = new Scope(sub, scope, scope.params, scope.prefix).normalize();
    if (oneColumn && planned.select() instanceof Selection.Single<?> s && s.expr() instanceof RecordOf r && r.fields().size() != 1) {
      throw new QueryException(SelectPlanner.describe(r) + " in the select of a subquery used as a value in " + clause
          + " reads " + r.fields().size() + " fields of a binding's row, and a value is one column, in query " + scope.query
          + "; hint: select the one field, subquery.select(field(\"" + r.binding() + "\", \"...\"), Type.class)");
    }
    return planned;
  }

  // An association's field in a recordOf ("country.name") restricts a preload, which a nested query never runs.
  private static void noTake(Scope scope, Query<?> sub, String where) {
    Selection<?> select = sub.select();
    List<Expr> values = select instanceof Selection.Single<?> single ? List.of(single.expr())
        : select instanceof Selection.Named n ? List.copyOf(n.exprs().values())
        : select instanceof Selection.Constructed<?> c ? c.exprs() : List.of();
    for (Expr e : values) {
      if (e instanceof RecordOf r && r.fields().stream().anyMatch(f -> f.indexOf('.') >= 0)) {
        throw new QueryException(SelectPlanner.describe(r) + " in the select of " + where + " names an association's "
            + "field, which only the select of the query that preloads the association takes, in query " + scope.query);
      }
    }
  }

  // A binding's row is a whole select there: its fields become the nested query's columns by name.
  private static void rowOnlyAlone(Scope scope, Selection<?> select, String where) {
    List<Expr> values = select instanceof Selection.Named n ? List.copyOf(n.exprs().values())
        : select instanceof Selection.Constructed<?> c ? c.exprs() : List.of();
    for (Expr e : values) {
      if (e instanceof RecordOf r) {
        throw new QueryException(SelectPlanner.describe(r) + " in the select of " + where + " is a binding's row inside "
            + (select instanceof Selection.Named ? "a map" : "a record") + ", which a nested query cannot select: its "
            + "columns are read by name, in query " + scope.query + "; hint: select " + SelectPlanner.describe(r)
            + " alone, or name each value: select(Map.of(\"name\", field(\"" + r.binding() + "\", \"...\")))");
      }
    }
  }

  /** How many columns a planned select reads: a binding's row one per field, a record's one per loaded field. */
  private static int columns(Scope scope, Selection<?> s) {
    if (s instanceof Selection.Binding<?> b) {
      SourceInfo info = scope.sources.get(scope.binding(b.binding(), "select"));
      return (info.schema() != null ? info.schema().loadedFields().size() : info.fields().size()) + b.merged().size();
    }
    List<Expr> exprs = s instanceof Selection.Single<?> single ? List.of(single.expr())
        : s instanceof Selection.Named n ? List.copyOf(n.exprs().values()) : ((Selection.Constructed<?>) s).exprs();
    int n = 0;
    for (Expr e : exprs) {
      n += e instanceof RecordOf r ? r.fields().size() : 1;
    }
    return n;
  }
}
