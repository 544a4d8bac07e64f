package dev.flecto.r2dbc;

import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A cleanup (COMMIT, ROLLBACK, a release) that runs to its end even when its subscriber cancels:
 * the cancel only stops the subscriber from being told how it ended. A commit or rollback cut
 * short would leave the connection unreleased, or its transaction open.
 *
 * <p>Why not {@code Mono.fromFuture(cleanup::toFuture, true)}, which does the same: it makes a
 * {@code CompletableFuture}, its subscriber and its completion stage around every cleanup, twice
 * a transaction (the COMMIT, then the release around it). With {@link TxBody} it took W7 of the
 * benchmarks from 80.0–80.2 KB to 79.3–79.4 KB an operation (neither measured alone).
 * Like {@code toFuture}, the cleanup sees an empty Context: whatever it needs (telemetry's trace
 * ids) it is given by the transaction ({@link Tx#end}).
 *
 * <pre>{@code Mono<Void> commit = ToTheEnd.of(Flux.from(connection.commitTransaction())); }</pre>
 */
final class ToTheEnd extends Mono<Void> {
  private final Consumer<CoreSubscriber<Object>> start;

  private ToTheEnd(Consumer<CoreSubscriber<Object>> start) {
    this.start = start;
  }

  /** The cleanup, subscribed when this is. */
  static Mono<Void> of(Publisher<?> cleanup) {
    return new ToTheEnd(cleanup::subscribe);
  }

  /** A cleanup that {@code start} subscribes itself, to do it under a lock (see {@link Tx#end}); a throw is its error. */
  static Mono<Void> started(Consumer<CoreSubscriber<Object>> start) {
    return new ToTheEnd(start);
  }

  @Override
  public void subscribe(CoreSubscriber<? super Void> actual) {
    Run run = new Run(actual);
    try {
      start.accept(run);
    } catch (Throwable e) {
      Exceptions.throwIfJvmFatal(e);
      run.onSubscribe(Operators.emptySubscription());
      run.onError(e);
    }
  }

  private static final class Run implements CoreSubscriber<Object>, Subscription {
    private final CoreSubscriber<? super Void> actual;
    private volatile boolean cancelled;
    private boolean subscribed;

    Run(CoreSubscriber<? super Void> actual) {
      this.actual = actual;
    }

    @Override
    public Context currentContext() {
      return Context.empty();
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (subscribed) { // a source that subscribed us before it threw: the throw is its error
        return;
      }
      subscribed = true;
      actual.onSubscribe(this);
      s.request(Long.MAX_VALUE); // never cancelled: the cleanup goes on whatever the subscriber does
    }

    @Override
    public void onNext(Object ignored) {
      // a cleanup's values (row counts) are not the subscriber's
    }

    @Override
    public void onError(Throwable e) {
      if (!cancelled) {
        actual.onError(e);
      }
    }

    @Override
    public void onComplete() {
      if (!cancelled) {
        actual.onComplete();
      }
    }

    @Override
    public void request(long n) {
      // nothing to emit
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
