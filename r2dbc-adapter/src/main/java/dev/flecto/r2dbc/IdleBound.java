package dev.flecto.r2dbc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds how long a publisher waits for its subscriber's demand. A subscriber that stops requesting
 * and never cancels (a lost cancel in a web layer) would otherwise hold the stream's cursor,
 * transaction and connection forever. When every requested item was delivered and no request came
 * for the limit, the source is cancelled (its resources are released by its own cancel path) and
 * the subscriber gets the error. Waiting for the database does not count: only a subscriber that
 * owes demand. Per item it costs one counter write; one periodic check per stream.
 */
final class IdleBound {
  private IdleBound() {}

  static <T> Flux<T> demand(Flux<T> source, Duration limit, Supplier<Throwable> error) {
    return Flux.defer(() -> {
      AtomicLong requested = new AtomicLong();
      AtomicLong delivered = new AtomicLong();
      long nanos = limit.toNanos();
      long[] seen = {-1, -1, System.nanoTime()}; // requested, delivered, when they last changed (only the checker's thread)
      boolean[] fired = {false};
      Mono<Long> expired = Timers.firstCheck(Activity.tick(limit), () -> {
        long r = requested.get();
        long d = delivered.get();
        long now = System.nanoTime();
        if (r != seen[0] || d != seen[1] || r > d) { // progress, or rows owed to the subscriber: the database's time
          seen[0] = r;
          seen[1] = d;
          seen[2] = now;
          return false;
        }
        return now - seen[2] >= nanos;
      }).doOnNext(t -> fired[0] = true);
      return source
          .doOnNext(x -> delivered.lazySet(delivered.get() + 1))
          .takeUntilOther(expired)
          .concatWith(Flux.defer(() -> fired[0] ? Flux.error(error.get()) : Flux.empty()))
          .doOnRequest(n -> requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b));
    });
  }
}
