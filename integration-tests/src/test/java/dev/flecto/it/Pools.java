package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Checks of a test's own connection pool: every connection given back, nobody waiting. */
final class Pools {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private Pools() {}

  /** Releases complete asynchronously after the pipeline ended, so the metrics are polled before they are asserted. */
  static void assertIdle(ConnectionPool pool) {
    await(() -> pool.getMetrics().orElseThrow().acquiredSize() == 0);
    assertThat(pool.getMetrics().orElseThrow().acquiredSize()).as("connections still acquired").isZero();
    assertThat(pool.getMetrics().orElseThrow().pendingAcquireSize()).as("acquires still pending").isZero();
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
