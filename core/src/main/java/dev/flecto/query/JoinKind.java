package dev.flecto.query;

/**
 * The kinds of join.
 *
 * <pre>{@code query.join(JoinKind.LEFT, Comment.class, "c", on) }</pre>
 */
public enum JoinKind {
  /** {@code INNER JOIN}. */
  INNER("INNER JOIN"),
  /** {@code LEFT OUTER JOIN}. */
  LEFT("LEFT OUTER JOIN"),
  /** {@code RIGHT OUTER JOIN}. */
  RIGHT("RIGHT OUTER JOIN"),
  /** {@code FULL OUTER JOIN}. */
  FULL("FULL OUTER JOIN"),
  /** {@code CROSS JOIN}; takes no condition. */
  CROSS("CROSS JOIN"),
  /** {@code INNER JOIN LATERAL}; takes a subquery. */
  INNER_LATERAL("INNER JOIN LATERAL"),
  /** {@code LEFT OUTER JOIN LATERAL}; takes a subquery. */
  LEFT_LATERAL("LEFT OUTER JOIN LATERAL");

  private final String sql;

  JoinKind(String sql) {
    this.sql = sql;
  }

  /**
   * The SQL keywords.
   *
   * <pre>{@code JoinKind.LEFT.sql() // "LEFT OUTER JOIN" }</pre>
   *
   * @return the SQL
   */
  public String sql() {
    return sql;
  }
}
