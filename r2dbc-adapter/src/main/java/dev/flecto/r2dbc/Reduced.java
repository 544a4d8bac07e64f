package dev.flecto.r2dbc;

import io.r2dbc.spi.Result;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A statement's Results, each read to its end one after another, their items folded into one
 * value: the first row of a single-row statement, or the sum of the rows a write changed.
 *
 * <p>It does what {@code Flux.from(st.execute()).concatMap(perResult).reduce(..)} did, as one
 * operator: a Repo write or single-row read sends one such statement per call, and the concatMap
 * and reduce around it were a queue and four objects a statement. As with concatMap, the next
 * Result is requested only when the previous one was read to its end, every Result is read to its
 * end (the rows after the first are read and dropped), and a cancel cancels both the Results and
 * the one being read.
 *
 * <p>It emits its value as it completes, but what carries the statement (a pooled connection's
 * release, a sandbox's savepoint) ends after that: callers still take the statement's value with
 * {@code singleOrEmpty()}, which waits for that end, as {@code reduce} did. A Mono subscriber such
 * as {@code block()} cancels at the value, which would run that end as a cancel, behind its back.
 *
 * <pre>{@code
 * Mono<Object[]> row = new Reduced<>(st.execute(), r -> r.map(plan::decode), null, Reduced::first);
 * Mono<Long> changed = new Reduced<>(st.execute(), Result::getRowsUpdated, 0L, Long::sum);
 * }</pre>
 *
 * @param <T> the items' type
 */
final class Reduced<T> extends Mono<T> {
  private final Publisher<? extends Result> results;
  private final Function<? super Result, ? extends Publisher<? extends T>> perResult;
  private final T seed;
  private final BinaryOperator<T> fold;

  /**
   * The fold of a statement's items.
   *
   * @param results what {@code Statement.execute()} gave
   * @param perResult a Result's items ({@code r -> r.map(..)}, {@code Result::getRowsUpdated})
   * @param seed the value folded into first, or null: then the first item is, and no item is an empty Mono
   * @param fold the running value and the next item to the new running value
   */
  Reduced(Publisher<? extends Result> results, Function<? super Result, ? extends Publisher<? extends T>> perResult,
      T seed, BinaryOperator<T> fold) {
    this.results = results;
    this.perResult = perResult;
    this.seed = seed;
    this.fold = fold;
  }

  /** The fold that keeps the first item: the first row of the statement's rows. */
  static <T> T first(T first, T next) {
    return first;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    results.subscribe(new Main<>(actual, this));
  }

  private static final class Main<T> extends Operators.MonoSubscriber<Result, T> {
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Main> WIP = AtomicIntegerFieldUpdater.newUpdater(Main.class, "wip");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Main> DONE = AtomicIntegerFieldUpdater.newUpdater(Main.class, "done");

    private final Reduced<T> reduced;
    private final Items items = new Items(); // reads each Result in turn: they come one at a time
    private Subscription upstream;
    private volatile Subscription reading; // the items of the Result being read
    private volatile boolean resultsEnded;
    private volatile boolean readingOne;
    private volatile int wip;
    private volatile int done;
    private T folded;

    Main(CoreSubscriber<? super T> actual, Reduced<T> reduced) {
      super(actual);
      this.reduced = reduced;
      this.folded = reduced.seed;
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (Operators.validate(upstream, s)) {
        upstream = s;
        actual.onSubscribe(this);
        s.request(1);
      }
    }

    @Override
    public void onNext(Result result) {
      if (done != 0) {
        return;
      }
      Publisher<? extends T> next;
      try {
        next = reduced.perResult.apply(result);
        if (next == null) {
          throw new NullPointerException("a Result's items were null");
        }
      } catch (Throwable e) {
        reactor.core.Exceptions.throwIfJvmFatal(e);
        upstream.cancel();
        fail(e);
        return;
      }
      readingOne = true;
      next.subscribe(items);
    }

    @Override
    public void onError(Throwable e) {
      Subscription r = reading;
      if (r != null) {
        r.cancel();
      }
      fail(e);
    }

    @Override
    public void onComplete() {
      resultsEnded = true;
      drain();
    }

    /** A Result was read to its end: the next one, or the end. */
    private void itemsEnded() {
      reading = null;
      readingOne = false;
      if (!resultsEnded) {
        upstream.request(1);
      }
      drain();
    }

    private void drain() {
      if (WIP.getAndIncrement(this) != 0) {
        return;
      }
      do {
        if (resultsEnded && !readingOne && DONE.compareAndSet(this, 0, 1)) {
          T v = folded;
          folded = null;
          if (isCancelled()) {
            return;
          }
          if (v != null) {
            complete(v);
          } else {
            actual.onComplete();
          }
          return;
        }
      } while (WIP.decrementAndGet(this) != 0);
    }

    private void fail(Throwable e) {
      if (DONE.compareAndSet(this, 0, 1)) {
        T v = folded;
        folded = null;
        Operators.onDiscard(v, actual.currentContext());
        if (!isCancelled()) {
          actual.onError(e);
        }
      }
      // else the statement's error again: r2dbc-postgresql signals it to the Result being read and to the Results
    }

    @Override
    public void cancel() {
      super.cancel();
      upstream.cancel();
      Subscription r = reading;
      if (r != null) {
        r.cancel();
      }
    }

    /** The subscriber of each Result's items in turn. */
    private final class Items implements CoreSubscriber<T> {
      @Override
      public reactor.util.context.Context currentContext() {
        return actual.currentContext();
      }

      @Override
      public void onSubscribe(Subscription s) {
        reading = s;
        if (isCancelled()) {
          s.cancel();
          return;
        }
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(T item) {
        T now = folded;
        if (now == null) {
          folded = item;
          return;
        }
        try {
          folded = reduced.fold.apply(now, item);
        } catch (Throwable e) {
          reactor.core.Exceptions.throwIfJvmFatal(e);
          reading.cancel();
          upstream.cancel();
          fail(e);
        }
      }

      @Override
      public void onError(Throwable e) {
        reading = null;
        upstream.cancel();
        fail(e);
      }

      @Override
      public void onComplete() {
        itemsEnded();
      }
    }
  }
}
