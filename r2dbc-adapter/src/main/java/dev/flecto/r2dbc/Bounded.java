package dev.flecto.r2dbc;

import dev.flecto.TimeoutException;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One statement's run as one operator: its timeout (from subscription to the last row, so a
 * subscriber that stops requesting rows is bounded too), the activity it counts for on a held
 * connection, and the translation of its errors. Past the timeout the statement is cancelled, on
 * the server too, and the subscriber gets a {@link TimeoutException} naming the SQL; a statement
 * that ended first never reports one.
 *
 * <p>Why one class and not {@code defer}, {@code doOnTerminate}, {@code takeUntilOther},
 * {@code concatWith}, {@code onErrorMap}, {@code doOnSubscribe} and {@code doFinally}: every
 * statement goes through here, and those seven operators cost about 0.6 KB of garbage a statement
 * (measured on W1 of the benchmarks, a primary-key read that allocates about 25 KB in all).
 *
 * <pre>{@code
 * Flux<Row> rows = new Bounded<>(out, sql, tx.connection(), Duration.ofSeconds(15), tx.activity());
 * }</pre>
 */
final class Bounded<T> extends Flux<T> {
  private final Publisher<T> source;
  private final String sql;
  private final Connection cancelOn; // null: a pooled statement's own cancel path asks the server itself
  private final Duration limit;
  private final Activity activity; // null: no transaction or checkout to keep busy

  Bounded(Publisher<T> source, String sql, Connection cancelOn, Duration limit, Activity activity) {
    this.source = source;
    this.sql = sql;
    this.cancelOn = cancelOn;
    this.limit = limit;
    this.activity = activity;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    Run<T> run = new Run<>(actual, this);
    if (activity != null) {
      activity.start();
    }
    try {
      source.subscribe(run);
    } catch (Throwable e) { // a statement that failed to build (a bad binding): reported as its error
      Operators.reportThrowInSubscribe(run, e);
    }
  }

  private static final class Run<T> implements CoreSubscriber<T>, Subscription, TimerTask, Runnable {
    private static final int RUNNING = 0;
    private static final int ENDED = 1; // completed, failed or cancelled by the subscriber
    private static final int TIMED_OUT = 2;
    private static final AtomicIntegerFieldUpdater<Run> STATE = AtomicIntegerFieldUpdater.newUpdater(Run.class, "state");
    private static final AtomicIntegerFieldUpdater<Run> WIP = AtomicIntegerFieldUpdater.newUpdater(Run.class, "wip");

    private final CoreSubscriber<? super T> actual;
    private final Bounded<T> statement;
    private Subscription upstream;
    private volatile int state;
    // Serializes the timeout's error with a row being delivered: whoever leaves last delivers the error.
    private volatile int wip;
    private volatile boolean cancelledAfterTimeout;
    private volatile Timeout timeout;
    private TimeoutException error;

    Run(CoreSubscriber<? super T> actual, Bounded<T> statement) {
      this.actual = actual;
      this.statement = statement;
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (upstream != null) { // a source that threw after subscribing: its error follows
        s.cancel();
        return;
      }
      upstream = s;
      actual.onSubscribe(this);
      if (state == RUNNING) {
        Timeout t = Timers.schedule(this, statement.limit);
        timeout = t;
        if (state != RUNNING) { // ended before the timeout was set, so it could not take it off
          t.cancel();
        }
      }
    }

    @Override
    public void onNext(T t) {
      if (state == RUNNING && WIP.compareAndSet(this, 0, 1)) {
        actual.onNext(t);
        if (WIP.decrementAndGet(this) != 0) {
          actual.onError(error);
        }
      } else {
        Operators.onDiscard(t, actual.currentContext());
      }
    }

    @Override
    public void onError(Throwable e) {
      // After a timeout or a cancel the source's error is the cancel's echo: nobody waits for it.
      if (STATE.compareAndSet(this, RUNNING, ENDED)) {
        ended();
        actual.onError(Errors.translate(e, statement.sql));
      }
    }

    @Override
    public void onComplete() {
      if (STATE.compareAndSet(this, RUNNING, ENDED)) {
        ended();
        actual.onComplete();
      }
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      if (STATE.compareAndSet(this, RUNNING, ENDED)) {
        ended();
        upstream.cancel();
      } else {
        cancelledAfterTimeout = true;
      }
    }

    private void ended() {
      Timeout t = timeout;
      if (t != null) {
        t.cancel();
      }
      if (statement.activity != null) {
        statement.activity.end();
      }
    }

    /** The wheel's thread: the rest goes to Reactor's parallel scheduler (see {@link Timers#schedule}). */
    @Override
    public void run(Timeout t) {
      if (state == RUNNING) {
        Timers.handOver(this);
      }
    }

    /** The timeout passed: cancel the statement, on the server too, then report it. */
    @Override
    public void run() {
      if (!STATE.compareAndSet(this, RUNNING, TIMED_OUT)) {
        return;
      }
      upstream.cancel();
      if (statement.activity != null) {
        statement.activity.end();
      }
      if (statement.cancelOn == null) {
        timedOut();
      } else {
        ServerCancel.request(statement.cancelOn).subscribe(null, e -> timedOut(), this::timedOut);
      }
    }

    private void timedOut() {
      if (cancelledAfterTimeout) {
        return;
      }
      error = new TimeoutException("statement timed out after " + statement.limit + " (it was cancelled on the server): "
          + statement.sql + "; raise RepoOptions.statementTimeout or use Repo.withStatementTimeout for a longer one, "
          + "and Repo.stream for long reads", statement.limit);
      if (WIP.getAndIncrement(this) == 0) {
        actual.onError(error);
      }
    }
  }
}
