package dev.flecto.r2dbc;

import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The body of a transaction scope as one operator: the work, made at subscription, runs with the
 * transaction in its Context; when it succeeds (with a value or empty), a nested transact that
 * failed meanwhile fails it instead, so the transaction rolls back even when the caller caught
 * the nested error (Ecto's {@code {:error, :rollback}}). Its errors pass as they are.
 *
 * <p>Why one class and not {@code defer}, {@code contextWrite}, {@code flatMap} with
 * {@code thenReturn} and {@code switchIfEmpty}: every transaction goes through here, and those
 * operators and their subscribers are made for each (see {@link ToTheEnd} for what the two saved).
 *
 * <pre>{@code Mono<T> body = new TxBody<>(work, tx, txKey); }</pre>
 */
final class TxBody<T> extends Mono<T> {
  private final Supplier<? extends Mono<T>> work;
  private final Tx tx;
  private final Object txKey;

  TxBody(Supplier<? extends Mono<T>> work, Tx tx, Object txKey) {
    this.work = work;
    this.tx = tx;
    this.txKey = txKey;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    Mono<T> body;
    try {
      body = work.get();
      if (body == null) {
        throw new NullPointerException("the transaction's function returned a null Mono");
      }
    } catch (Throwable e) {
      Exceptions.throwIfJvmFatal(e);
      Operators.error(actual, Operators.onOperatorError(e, actual.currentContext()));
      return;
    }
    body.subscribe(new Run<>(actual, tx, actual.currentContext().put(txKey, tx)));
  }

  /** Keeps the work's value until it completes, then emits it unless a nested transact aborted the transaction. */
  private static final class Run<T> extends Operators.MonoSubscriber<T, T> {
    private final Tx tx;
    private final Context context;
    private Subscription upstream;

    Run(CoreSubscriber<? super T> actual, Tx tx, Context context) {
      super(actual);
      this.tx = tx;
      this.context = context;
    }

    @Override
    public Context currentContext() {
      return context;
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (Operators.validate(upstream, s)) {
        upstream = s;
        actual.onSubscribe(this);
        s.request(Long.MAX_VALUE); // a Mono: its one value is kept here until it completes
      }
    }

    @Override
    public void onNext(T t) {
      value = t;
    }

    @Override
    public void onError(Throwable e) {
      if (!isCancelled()) {
        actual.onError(e);
      }
    }

    @Override
    public void onComplete() {
      if (isCancelled()) {
        return;
      }
      Throwable aborted = tx.abortedBy();
      if (aborted != null) {
        T kept = value;
        value = null;
        Operators.onDiscard(kept, actual.currentContext());
        actual.onError(new dev.flecto.TransactionException("transaction rolled back: a nested transact failed ("
            + aborted + ") and its error was caught, but its writes cannot be kept apart from the rest: nothing was "
            + "committed (Ecto's {:error, :rollback}); give the nested transact "
            + "TransactionOptions.withSavepoint(true) to recover from its failure", aborted));
      } else if (value != null) {
        complete(value);
      } else {
        actual.onComplete();
      }
    }

    @Override
    public void cancel() {
      super.cancel();
      upstream.cancel();
    }
  }
}
