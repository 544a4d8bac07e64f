package dev.flecto.benchmarks;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What each side really sent: the reactive stacks prepare their statements on the shared pool's
 * connections and the driver's statement cache keeps them, so PostgreSQL's
 * {@code pg_prepared_statements} of every connection lists the texts. The tests compare Flecto's
 * with the raw side's through it.
 *
 * <pre>{@code List<String> sent = PreparedStatements.onEveryConnection(stacks.pool(), Stacks.POOL_SIZE); }</pre>
 */
final class PreparedStatements {
  private PreparedStatements() {}

  /**
   * The statements prepared on every connection of the pool, each connection held at once so the
   * query sees each session once.
   *
   * @param pool the pool
   * @param size its size
   * @return the statement texts, one entry a connection that prepared it
   */
  static List<String> onEveryConnection(ConnectionPool pool, int size) {
    return Flux.usingWhen(
            Flux.range(0, size).flatMap(i -> Mono.from(pool.create())).collectList(),
            connections -> Flux.fromIterable(connections).concatMap(c ->
                Flux.from(c.createStatement("SELECT statement FROM pg_prepared_statements").execute())
                    .flatMap(r -> r.map((row, meta) -> row.get(0, String.class)))),
            connections -> Flux.fromIterable(connections).concatMap(Connection::close))
        .collectList()
        .block(Duration.ofSeconds(30));
  }
}
