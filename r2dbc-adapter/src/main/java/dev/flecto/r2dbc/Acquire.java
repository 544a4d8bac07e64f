package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A connection asked of a pool, handed over exactly once: to the caller, who then owns it (its
 * cleanup ends what it began and releases it), or, when the caller cancelled first, back to the
 * pool untouched as soon as it arrives. The pool's acquire itself is never cancelled.
 *
 * <p>Why: r2dbc-pool (1.0) answers a cancel of its acquire by releasing the connection it was
 * about to emit, and a cancel racing with that emission lets the connection through anyway. The
 * caller's {@code usingWhen} then ran its cleanup on it (a ROLLBACK, a stream's BEGIN and
 * ROLLBACK) while the pool had already lent it to the next borrower, whose transaction that
 * ROLLBACK ended: its later statements ran in autocommit (CancellationFuzzIT: a trial left its
 * first row rolled back and its second committed, once in about 40,000 trials; LateAcquireIT
 * forces it). A cancelled acquire keeps waiting in the pool's queue until a connection comes,
 * which goes straight back.
 */
final class Acquire {
  private Acquire() {}

  static Mono<Connection> once(Publisher<? extends Connection> create) {
    return Mono.defer(() -> {
      CompletableFuture<Connection> asked = Mono.<Connection>from(create).toFuture();
      AtomicBoolean handedOver = new AtomicBoolean(); // by delivery or by cancel, whichever comes first
      return Mono.fromFuture(asked, true)
          .filter(c -> handedOver.compareAndSet(false, true))
          .doOnCancel(() -> {
            if (handedOver.compareAndSet(false, true)) {
              asked.thenAccept(c -> Mono.from(c.close()).subscribe(null, e -> { }));
            }
          });
    });
  }
}
