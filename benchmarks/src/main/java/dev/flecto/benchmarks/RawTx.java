package dev.flecto.benchmarks;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import reactor.core.publisher.Mono;

/**
 * A transaction written by hand, as the raw and JDBC sides of the write workloads (W4, W7) run
 * one. On the driver: a pooled connection, {@code beginTransaction}, the work, {@code commitTransaction}
 * before the value is handed on; a rollback when the work fails. A cancelled operation needs
 * nothing more: the pool rolls back, on release, a transaction begun with
 * {@code beginTransaction()}.
 *
 * <pre>{@code
 * Long n = RawTx.inTransaction(stacks.pool(), c -> Flux.from(c.createStatement(sql).execute())
 *     .flatMap(Result::getRowsUpdated).reduce(0L, Long::sum)).block();
 * }</pre>
 */
final class RawTx {
  private RawTx() {}

  /**
   * Runs {@code work} in one transaction on one pooled connection.
   *
   * <pre>{@code RawTx.inTransaction(pool, c -> insertAll(c)).block(); }</pre>
   *
   * @param pool the pool
   * @param work the statements, on the transaction's connection
   * @param <T> the value type
   * @return the work's value, emitted after COMMIT (empty, after COMMIT, when the work gave none)
   */
  static <T> Mono<T> inTransaction(ConnectionPool pool, Function<Connection, Mono<T>> work) {
    return Mono.usingWhen(pool.create(),
        c -> Mono.from(c.beginTransaction())
            .then(Mono.defer(() -> work.apply(c)))
            .flatMap(value -> Mono.from(c.commitTransaction()).thenReturn(value))
            .switchIfEmpty(Mono.defer(() -> Mono.from(c.commitTransaction()).then(Mono.<T>empty())))
            // The error is the caller's; a failing rollback must not hide it.
            .onErrorResume(e -> Mono.from(c.rollbackTransaction()).onErrorResume(r -> Mono.empty()).then(Mono.error(e))),
        Connection::close);
  }

  /**
   * Work on a JDBC connection inside its transaction.
   *
   * <pre>{@code RawTx.JdbcWork<Long> work = c -> insertBatch(c); }</pre>
   *
   * @param <T> the value type
   */
  @FunctionalInterface
  interface JdbcWork<T> {
    /** Runs the statements on {@code c}, whose autocommit is off. */
    T run(java.sql.Connection c) throws SQLException;
  }

  /**
   * The JDBC side's transaction: a pooled connection with autocommit off, the work, COMMIT; a
   * ROLLBACK when the work fails; autocommit back on before the connection returns to the pool.
   *
   * <pre>{@code long n = RawTx.inJdbcTransaction(stacks.jdbc(), "JDBC batch insert", c -> insertBatch(c)); }</pre>
   *
   * @param pool the JDBC pool
   * @param what the operation, for the message of an {@link SQLException}
   * @param work the statements
   * @param <T> the value type
   * @return the work's value, after COMMIT
   * @throws IllegalStateException wrapping an {@link SQLException}, naming {@code what}
   */
  static <T> T inJdbcTransaction(DataSource pool, String what, JdbcWork<T> work) {
    try (java.sql.Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T value = work.run(c);
        c.commit();
        return value;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }
}
