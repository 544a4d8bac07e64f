package dev.flecto.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A window definition: partition, order and frame (Ecto's {@code windows} and {@code over}).
 *
 * <pre>{@code
 * Window byAuthor = Window.partitionBy(Exprs.field("authorId")).orderBy(Order.desc("votes"));
 * query.select(Map.of("title", field("title"), "rank", Exprs.over(Exprs.rank(), byAuthor)))
 * Window.orderBy(Order.asc("day")).frame(Exprs.fragment("ROWS BETWEEN 2 PRECEDING AND CURRENT ROW"))
 * }</pre>
 *
 * @param partitionBy the partition expressions
 * @param order the order within a partition
 * @param frame the frame clause, or null
 */
public record Window(List<Expr> partitionBy, List<Order> order, Fragment frame) {
  /**
   * Copies the lists.
   *
   * <pre>{@code new Window(List.of(), List.of(), null) }</pre>
   */
  public Window {
    partitionBy = List.copyOf(partitionBy);
    order = List.copyOf(order);
  }

  /**
   * A window partitioned by expressions.
   *
   * <pre>{@code Window.partitionBy(field("authorId")) }</pre>
   *
   * @param exprs the expressions
   * @return the window
   */
  public static Window partitionBy(Expr... exprs) {
    return new Window(List.of(exprs), List.of(), null);
  }

  /**
   * A window over the whole result, ordered.
   *
   * <pre>{@code Window.ordered(Order.asc("insertedAt")) }</pre>
   *
   * @param orders the order
   * @return the window
   */
  public static Window ordered(Order... orders) {
    return new Window(List.of(), List.of(orders), null);
  }

  /**
   * With an order within each partition (appended).
   *
   * <pre>{@code Window.partitionBy(field("authorId")).orderBy(Order.desc("votes")) }</pre>
   *
   * @param orders the order terms
   * @return the new window
   */
  public Window orderBy(Order... orders) {
    List<Order> next = new ArrayList<>(order);
    next.addAll(List.of(orders));
    return new Window(partitionBy, next, frame);
  }

  /**
   * With a frame clause, as a fragment.
   *
   * <pre>{@code window.frame(Exprs.fragment("ROWS BETWEEN 1 PRECEDING AND CURRENT ROW")) }</pre>
   *
   * @param clause the frame
   * @return the new window
   */
  public Window frame(Fragment clause) {
    return new Window(partitionBy, order, clause);
  }
}
