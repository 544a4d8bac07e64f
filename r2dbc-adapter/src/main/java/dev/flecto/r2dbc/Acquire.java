package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

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
 *
 * <p>The hand-over is Reactor's {@link Operators.MonoSubscriber} state machine: a value that
 * meets a cancel (before the request, during the delivery, or after it) goes to
 * {@link Handover#discard}, which closes it; the caller sees it only through {@code onNext}. It
 * replaces a bridge through a {@code CompletableFuture}, which was as safe but cost about a
 * quarter of a primary-key read's client CPU. {@code Mono.create} will not do: a value given to
 * its sink after a cancel is dropped ({@code onNextDropped}), not discarded, and the connection
 * stays acquired.
 */
final class Acquire extends Mono<Connection> {
  private final Publisher<? extends Connection> create;

  private Acquire(Publisher<? extends Connection> create) {
    this.create = create;
  }

  static Mono<Connection> once(Publisher<? extends Connection> create) {
    return new Acquire(create);
  }

  @Override
  public void subscribe(CoreSubscriber<? super Connection> actual) {
    Handover handover = new Handover(actual);
    actual.onSubscribe(handover);
    create.subscribe(handover);
  }

  /** Between the pool and the caller: never cancels the pool, closes whatever the caller will not take. */
  static final class Handover extends Operators.MonoSubscriber<Connection, Connection> {
    private boolean received;

    Handover(CoreSubscriber<? super Connection> actual) {
      super(actual);
    }

    @Override
    public void onSubscribe(Subscription s) {
      s.request(Long.MAX_VALUE); // kept from cancel: the pool would release a connection it is emitting
    }

    @Override
    public void onNext(Connection c) {
      received = true;
      complete(c);
    }

    @Override
    public void onError(Throwable t) {
      if (!isCancelled()) {
        actual.onError(t);
      }
    }

    @Override
    public void onComplete() {
      if (!received && !isCancelled()) {
        actual.onComplete();
      }
    }

    /** A connection the caller cancelled before it took it: straight back to the pool. */
    @Override
    protected void discard(Connection c) {
      if (c != null) {
        Mono.from(c.close()).subscribe(null, e -> { });
      }
    }
  }
}
