package dev.flecto.query;

/**
 * The aggregates of {@code Repo.aggregate} (Ecto's {@code :count}, {@code :sum}, {@code :avg},
 * {@code :min}, {@code :max}).
 *
 * <pre>{@code repo.aggregate(Query.from(Post.class), Aggregate.SUM, "votes", Long.class) }</pre>
 */
public enum Aggregate {
  /** The number of rows, or of non-null values of a field. */
  COUNT,
  /** The sum of a field; empty when no row matches. */
  SUM,
  /** The average of a field; empty when no row matches. */
  AVG,
  /** The least value of a field; empty when no row matches. */
  MIN,
  /** The greatest value of a field; empty when no row matches. */
  MAX
}
