package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.DatabaseException;
import dev.flecto.TimeoutException;
import io.r2dbc.spi.R2dbcBadGrammarException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class BoundedTest {
  private static final String SQL = "SELECT 1";

  private static <T> Bounded<T> bounded(Flux<T> source, Duration limit, Activity activity) {
    return new Bounded<>(source, SQL, null, limit, activity);
  }

  @Test
  void rowsPassAndTheActivityIsCountedWhileTheStatementRuns() {
    Activity activity = new Activity();
    AtomicInteger runningSeen = new AtomicInteger(-1);
    List<Integer> rows = bounded(Flux.range(1, 3).doOnNext(x -> runningSeen.set(activity.running())),
        Duration.ofSeconds(5), activity).collectList().block(Duration.ofSeconds(5));
    assertThat(rows).containsExactly(1, 2, 3);
    assertThat(runningSeen).hasValue(1);
    assertThat(activity.running()).isZero();
  }

  @Test
  void aStatementPastItsLimitIsCancelledAndFailsWithTheSql() {
    Activity activity = new Activity();
    AtomicBoolean cancelled = new AtomicBoolean();
    long start = System.nanoTime();
    assertThatThrownBy(() -> bounded(Flux.<Integer>never().doOnCancel(() -> cancelled.set(true)), Duration.ofMillis(50),
        activity).blockLast(Duration.ofSeconds(5)))
        .isInstanceOf(TimeoutException.class).hasMessageContaining("statement timed out after PT0.05S")
        .hasMessageContaining(SQL);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(50);
    assertThat(cancelled).isTrue();
    assertThat(activity.running()).isZero();
  }

  @Test
  void aSubscriberThatStopsRequestingIsBoundedToo() {
    // One row requested, the rest never: the statement still ends at its limit.
    Requesting<Integer> sub = new Requesting<>(1);
    bounded(Flux.range(1, 100), Duration.ofMillis(40), null).subscribe(sub);
    assertThat(sub.awaitTerminal()).isTrue();
    assertThat(sub.items).containsExactly(1);
    assertThat(sub.error).isInstanceOf(TimeoutException.class);
  }

  @Test
  void aStatementThatEndsFirstNeverReportsATimeout() throws InterruptedException {
    AtomicInteger errors = new AtomicInteger();
    for (int i = 0; i < 2_000; i++) {
      bounded(Flux.just(i), Duration.ofMillis(15), null).subscribe(x -> {}, e -> errors.incrementAndGet());
    }
    Thread.sleep(100);
    assertThat(errors).hasValue(0);
  }

  @Test
  void aCancelEndsTheActivityAndNoErrorFollows() throws InterruptedException {
    Activity activity = new Activity();
    AtomicBoolean upstreamCancelled = new AtomicBoolean();
    AtomicInteger errors = new AtomicInteger();
    Disposable d = bounded(Flux.<Integer>never().doOnCancel(() -> upstreamCancelled.set(true)), Duration.ofMillis(30),
        activity).subscribe(x -> {}, e -> errors.incrementAndGet());
    assertThat(activity.running()).isOne();
    d.dispose();
    assertThat(upstreamCancelled).isTrue();
    assertThat(activity.running()).isZero();
    Thread.sleep(100);
    assertThat(errors).hasValue(0);
  }

  @Test
  void theDatabasesErrorsAreTranslatedAndNameTheSql() {
    assertThatThrownBy(() -> bounded(Flux.<Integer>error(new R2dbcBadGrammarException("syntax error", "42601")),
        Duration.ofSeconds(5), null).blockLast(Duration.ofSeconds(5)))
        .isInstanceOf(DatabaseException.class).hasMessageContaining("42601").hasMessageContaining(SQL);
  }

  @Test
  void aStatementThatFailsToBuildIsItsError() {
    Activity activity = new Activity();
    Bounded<Integer> b = new Bounded<>(s -> {
      throw new IllegalStateException("cannot bind $1");
    }, SQL, null, Duration.ofSeconds(5), activity);
    assertThatThrownBy(() -> b.blockLast(Duration.ofSeconds(5))).hasMessageContaining("cannot bind $1");
    assertThat(activity.running()).isZero();
  }

  @Test
  void rowsRacingTheTimeoutNeverFollowItsError() throws InterruptedException {
    // Rows arrive on another thread while the timer fires: the subscriber sees rows, then exactly
    // one terminal signal, and never a row after it.
    for (int trial = 0; trial < 200; trial++) {
      ProtocolCheck sub = new ProtocolCheck();
      bounded(Flux.interval(Duration.ofNanos(20_000), Schedulers.single()).map(Long::intValue).take(2_000),
          Duration.ofMillis(1 + trial % 20), null).subscribe(sub);
      assertThat(sub.done.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(2);
      assertThat(sub.violations).as("trial " + trial).isEmpty();
      assertThat(sub.terminals).hasValue(1);
    }
  }

  /** Records rows and asserts the Reactive Streams order: no signal after a terminal one. */
  private static final class ProtocolCheck implements CoreSubscriber<Integer> {
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    final AtomicInteger terminals = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void onSubscribe(Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Integer item) {
      enter("onNext");
      if (terminals.get() != 0) {
        violations.add("row " + item + " after the terminal signal");
      }
      inside.decrementAndGet();
    }

    @Override
    public void onError(Throwable e) {
      enter("onError");
      if (!(e instanceof TimeoutException)) {
        violations.add("unexpected " + e);
      }
      terminal();
    }

    @Override
    public void onComplete() {
      enter("onComplete");
      terminal();
    }

    private void enter(String signal) {
      if (inside.incrementAndGet() != 1) {
        violations.add(signal + " while another signal was being delivered");
      }
    }

    private void terminal() {
      terminals.incrementAndGet();
      inside.decrementAndGet();
      done.countDown();
    }
  }

  /** Requests a fixed number of rows and never more. */
  private static final class Requesting<T> implements CoreSubscriber<T> {
    final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    final CountDownLatch terminal = new CountDownLatch(1);
    final long request;
    volatile Throwable error;

    Requesting(long request) {
      this.request = request;
    }

    @Override
    public void onSubscribe(Subscription s) {
      s.request(request);
    }

    @Override
    public void onNext(T t) {
      items.add(t);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      terminal.countDown();
    }

    @Override
    public void onComplete() {
      terminal.countDown();
    }

    boolean awaitTerminal() {
      try {
        return terminal.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Test
  void anEmptyStatementCompletes() {
    assertThat(bounded(Flux.<Integer>empty(), Duration.ofSeconds(1), null).then(Mono.just(true))
        .block(Duration.ofSeconds(5))).isTrue();
  }
}
