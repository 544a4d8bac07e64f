package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Combination;
import dev.flecto.query.Cte;
import dev.flecto.query.Query;
import dev.flecto.query.Selection;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the queries nested in a query (CTEs, combinations, subqueries used as values), each in a
 * scope of its own that shares the statement's parameters and prefix. It owns which enclosing
 * scope a nested query's {@code parentAs} reads, so that rule is written once; the SQL compiler
 * gives each nested query the same enclosing query.
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
      ctes.add(new Cte(c.name(), new Scope(c.query(), scope.parent, scope.params, scope.prefix).normalize()));
    }
    return ctes;
  }

  /**
   * A combined query stands beside the query that holds it, so it sees what that query sees: in a
   * subquery, parentAs in the second query of a union reaches the outer query (Ecto gives a
   * combination its holder's parent).
   */
  static List<Combination> combinations(Scope scope, List<Combination> in) {
    List<Combination> combinations = in.isEmpty() ? List.of() : new ArrayList<>();
    for (Combination c : in) {
      combinations.add(new Combination(c.kind(), new Scope(c.query(), scope.parent, scope.params, scope.prefix).normalize()));
    }
    return combinations;
  }

  /** A subquery used as a value (or in exists): it sees the enclosing query's bindings through parentAs. */
  static Query<?> subquery(Scope scope, Query<?> sub, String clause, boolean oneColumn) {
    if (oneColumn && !(sub.select() instanceof Selection.Single<?>)) {
      throw new QueryException("a subquery used as a value in " + clause + " must select one expression, "
          + "query.select(expr, Type.class), in query " + scope.query);
    }
    return new Scope(sub, scope, scope.params, scope.prefix).normalize();
  }
}
