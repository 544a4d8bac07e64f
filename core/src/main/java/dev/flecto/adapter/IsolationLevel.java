package dev.flecto.adapter;

/**
 * The SQL isolation levels a transaction can begin with ({@link TransactionOptions#withIsolation}).
 * PostgreSQL accepts all four but runs {@link #READ_UNCOMMITTED} as {@link #READ_COMMITTED}: it
 * never shows uncommitted rows.
 *
 * <pre>{@code
 * repo.transact(TransactionOptions.defaults().withIsolation(IsolationLevel.SERIALIZABLE), () -> transfer(a, b, 10));
 * }</pre>
 */
public enum IsolationLevel {
  /** Reported as such by PostgreSQL, which runs it as READ COMMITTED. */
  READ_UNCOMMITTED("READ UNCOMMITTED"),
  /** Each statement sees the rows committed before it began (PostgreSQL's default). */
  READ_COMMITTED("READ COMMITTED"),
  /** Every statement sees the rows committed before the transaction's first statement. */
  REPEATABLE_READ("REPEATABLE READ"),
  /** As if the transactions ran one after another; conflicting ones fail with SQLSTATE 40001. */
  SERIALIZABLE("SERIALIZABLE");

  private final String sql;

  IsolationLevel(String sql) {
    this.sql = sql;
  }

  /**
   * The level as SQL writes it.
   *
   * <pre>{@code IsolationLevel.REPEATABLE_READ.sql() // "REPEATABLE READ" }</pre>
   *
   * @return the SQL name
   */
  public String sql() {
    return sql;
  }
}
