package dev.flecto.planner;

import dev.flecto.query.Fragment;
import dev.flecto.query.Order;
import dev.flecto.query.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans what orders rows: order by terms, window definitions, and the DISTINCT ON expressions that
 * Ecto prepends to the ORDER BY. Apart from the expression planner because the prepend rule
 * rewrites the order by as a whole, after both clauses are planned.
 */
final class OrderPlanner {
  private OrderPlanner() {}

  static List<Order> orders(Scope scope, List<Order> in, String clause) {
    if (in.isEmpty()) {
      return List.of();
    }
    List<Order> out = new ArrayList<>(in.size());
    for (Order o : in) {
      out.add(new Order(ExprPlanner.expr(scope, o.expr(), clause), o.direction(), o.nulls()));
    }
    return out;
  }

  static Window window(Scope scope, Window w, String clause) {
    Fragment frame = w.frame() == null ? null : (Fragment) ExprPlanner.expr(scope, w.frame(), clause);
    return new Window(ExprPlanner.exprs(scope, w.partitionBy(), clause), orders(scope, w.order(), clause), frame);
  }

  /**
   * Ecto prepends the DISTINCT ON expressions, with their directions, to a non-empty ORDER BY:
   * PostgreSQL refuses an ORDER BY that does not begin with them ("SELECT DISTINCT ON expressions
   * must match initial ORDER BY expressions"), and which row of each group is kept is then the
   * ORDER BY's first. ecto_sql's order_by_concat: the terms the ORDER BY already begins with (same
   * expression, direction and nulls) are not repeated.
   */
  static List<Order> prependDistinct(List<Order> distinctOn, List<Order> orderBy) {
    if (distinctOn.isEmpty() || orderBy.isEmpty()) {
      return orderBy;
    }
    int same = 0;
    while (same < distinctOn.size() && same < orderBy.size() && distinctOn.get(same).equals(orderBy.get(same))) {
      same++;
    }
    List<Order> prefixed = new ArrayList<>(distinctOn.size() + orderBy.size() - same);
    prefixed.addAll(distinctOn);
    prefixed.addAll(orderBy.subList(same, orderBy.size()));
    return prefixed;
  }
}
