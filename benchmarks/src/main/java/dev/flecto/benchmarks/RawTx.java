package dev.flecto.benchmarks;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A transaction written by hand on the driver, as the raw side of the write workloads (W4, W7)
 * runs one: a pooled connection, {@code beginTransaction}, the work, {@code commitTransaction}
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
}
