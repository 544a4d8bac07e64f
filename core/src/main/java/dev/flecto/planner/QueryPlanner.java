package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Combination;
import dev.flecto.query.Cte;
import dev.flecto.query.Expr;
import dev.flecto.query.Join;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.query.Selection;
import dev.flecto.query.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plans one query clause by clause into its shape: each clause's expressions checked and their
 * values turned into placeholders. The clause order here is the parameter order, which the
 * compiled SQL's {@code $n} numbering relies on, so it stays in one place: CTEs, join conditions,
 * where, group by, having, windows, select, combinations, order by, distinct, limit, offset.
 */
final class QueryPlanner {
  private static final Pattern LOCK =
      Pattern.compile("(?i)FOR (UPDATE|NO KEY UPDATE|SHARE|KEY SHARE)( NOWAIT| SKIP LOCKED)?");

  private QueryPlanner() {}

  @SuppressWarnings("unchecked")
  static <T> Query<T> normalize(Scope scope) {
    Query<T> q = (Query<T>) scope.query;
    SelectPlanner.collectSelectedNames(scope, q.select());
    List<Cte> ctes = NestedPlanner.ctes(scope, q.ctes());
    List<Join> joins = joins(scope);
    Expr where = q.where() == null ? null : ExprPlanner.expr(scope, q.where(), "where");
    List<Expr> groupBy = ExprPlanner.exprs(scope, q.groupBy(), "group by");
    Expr having = q.having() == null ? null : ExprPlanner.expr(scope, q.having(), "having");
    Map<String, Window> windows = q.windows().isEmpty() ? Map.of() : new LinkedHashMap<>();
    q.windows().forEach((name, w) -> windows.put(name, OrderPlanner.window(scope, w, "window " + name)));
    Selection<T> select = SelectPlanner.selection(scope, q.select());
    List<Combination> combinations = NestedPlanner.combinations(scope, select, q.combinations());
    List<Order> orderBy = OrderPlanner.orders(scope, q.orderBy(), "order by");
    List<Order> distinctOn = OrderPlanner.orders(scope, q.distinctOn(), "distinct on");
    orderBy = OrderPlanner.prependDistinct(distinctOn, orderBy);
    Integer limit = q.limit() == null ? null : scope.add((long) PlanValues.nonNegative(q, "limit", q.limit()));
    Integer offset = q.offset() == null ? null : scope.add((long) PlanValues.nonNegative(q, "offset", q.offset()));
    String lock = lock(q);
    return new Query<>(scope.source, q.as(), joins, where, orderBy, groupBy, having, limit, offset, q.distinctRows(),
        distinctOn, lock, select, combinations, windows, scope.prefix, ctes, q.recursiveCtes(), List.of());
  }

  private static List<Join> joins(Scope scope) {
    List<Join> joins = scope.joins.isEmpty() ? List.of() : new ArrayList<>();
    for (int i = 0; i < scope.joins.size(); i++) {
      Join j = scope.joins.get(i);
      scope.visible = i + 1; // a join's condition sees the source and the joins up to itself
      joins.add(new Join(j.kind(), j.source(), j.as(), j.on() == null ? null : ExprPlanner.expr(scope, j.on(), "join on " + j.as())));
    }
    scope.visible = Integer.MAX_VALUE;
    return joins;
  }

  private static String lock(Query<?> q) {
    if (q.lock() != null && !LOCK.matcher(q.lock()).matches()) {
      throw new QueryException("lock \"" + q.lock() + "\" is not a PostgreSQL lock clause, in query " + q
          + "; hint: FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE or FOR KEY SHARE, optionally NOWAIT or SKIP LOCKED");
    }
    return q.lock() == null ? null : q.lock().toUpperCase(Locale.ROOT);
  }
}
