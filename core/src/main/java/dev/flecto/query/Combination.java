package dev.flecto.query;

/**
 * A query combined with another by a set operation (Ecto's {@code union}, {@code union_all},
 * {@code intersect}, {@code intersect_all}, {@code except}, {@code except_all}).
 *
 * <pre>{@code Query.from(Customer.class).select(field("email"), String.class).union(Query.from(Lead.class).select(field("email"), String.class)) }</pre>
 *
 * @param kind the operation
 * @param query the other query (it selects the same number of columns)
 */
public record Combination(Kind kind, Query<?> query) {
  /**
   * The set operations.
   *
   * <pre>{@code Combination.Kind.UNION_ALL.sql() // "UNION ALL" }</pre>
   */
  public enum Kind {
    /** {@code UNION}. */
    UNION("UNION"),
    /** {@code UNION ALL}. */
    UNION_ALL("UNION ALL"),
    /** {@code INTERSECT}. */
    INTERSECT("INTERSECT"),
    /** {@code INTERSECT ALL}. */
    INTERSECT_ALL("INTERSECT ALL"),
    /** {@code EXCEPT}. */
    EXCEPT("EXCEPT"),
    /** {@code EXCEPT ALL}. */
    EXCEPT_ALL("EXCEPT ALL");

    private final String sql;

    Kind(String sql) {
      this.sql = sql;
    }

    /**
     * The SQL keywords.
     *
     * <pre>{@code Combination.Kind.EXCEPT.sql() // "EXCEPT" }</pre>
     *
     * @return the SQL
     */
    public String sql() {
      return sql;
    }
  }
}
