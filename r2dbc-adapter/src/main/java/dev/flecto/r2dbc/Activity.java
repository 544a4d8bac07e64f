package dev.flecto.r2dbc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * What a transaction or a checkout is doing: how many statements (or open streams) run on its
 * connection, and when the last one ended. Its {@link #idle} signal fires when none has run for a
 * given time, so a body that stopped making progress (a subscriber that neither requests nor
 * cancels) cannot hold a connection forever. One periodic check per body, none per statement.
 */
final class Activity {
  private final AtomicInteger running = new AtomicInteger();
  private volatile long lastEnd = System.nanoTime();

  void start() {
    running.incrementAndGet();
  }

  void end() {
    lastEnd = System.nanoTime();
    running.decrementAndGet();
  }

  /** How many statements (or streams) run now. */
  int running() {
    return running.get();
  }

  /** Emits once nothing has run for {@code limit}; checked four times a limit, so it fires within 1.25 limits. */
  Mono<Long> idle(Duration limit) {
    long nanos = limit.toNanos();
    return Timers.firstCheck(tick(limit), () -> running.get() == 0 && System.nanoTime() - lastEnd >= nanos);
  }

  // In nanoseconds: Duration.dividedBy goes through BigDecimal, about half a kilobyte a transaction.
  static Duration tick(Duration limit) {
    long quarter = limit.toNanos() / 4;
    return quarter < 1_000_000 ? Duration.ofMillis(1) : Duration.ofNanos(quarter);
  }
}
