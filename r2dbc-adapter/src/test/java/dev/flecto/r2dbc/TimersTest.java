package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class TimersTest {

  @Test
  void aDelayFiresAfterItsTimeAndNotBefore() {
    long start = System.nanoTime();
    Long fired = Timers.firstCheck(Duration.ofMillis(50), () -> true).block(Duration.ofSeconds(5));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(fired).isZero();
    assertThat(tookMillis).isGreaterThanOrEqualTo(50);
  }

  @Test
  void aCancelledDelayNeverFires() throws InterruptedException {
    AtomicBoolean fired = new AtomicBoolean();
    Disposable d = Timers.firstCheck(Duration.ofMillis(30), () -> true).subscribe(x -> fired.set(true));
    d.dispose();
    Thread.sleep(150);
    assertThat(fired).isFalse();
  }

  @Test
  void aDelayCutsAStatementThatRunsLongerThanIt() {
    // As the adapter bounds a statement: the timer ends the source, which is cancelled.
    AtomicBoolean cancelled = new AtomicBoolean();
    var items = Flux.interval(Duration.ofMillis(10)).doOnCancel(() -> cancelled.set(true))
        .takeUntilOther(Timers.firstCheck(Duration.ofMillis(100), () -> true)).collectList().block(Duration.ofSeconds(5));
    assertThat(items).isNotEmpty().hasSizeLessThan(20);
    assertThat(cancelled).isTrue();
  }

  @Test
  void aTimerThatLosesTheRaceToTheSourceIsTakenOffTheWheel() {
    // Thousands of statements that end before their timer: each timer is cancelled, none fires.
    AtomicInteger fired = new AtomicInteger();
    for (int i = 0; i < 5_000; i++) {
      Mono.just(i).takeUntilOther(Timers.firstCheck(Duration.ofMillis(20), () -> true).doOnNext(x -> fired.incrementAndGet()))
          .block(Duration.ofSeconds(5));
    }
    assertThat(fired).hasValue(0);
  }

  @Test
  void firstCheckFiresAtTheFirstCheckThatSaysDoneAndChecksAgainUntilThen() {
    AtomicInteger checks = new AtomicInteger();
    Long fired = Timers.firstCheck(Duration.ofMillis(10), () -> checks.incrementAndGet() >= 3).block(Duration.ofSeconds(5));
    assertThat(fired).isZero();
    assertThat(checks).hasValue(3);
  }

  @Test
  void aCancelledCheckStopsChecking() throws InterruptedException {
    AtomicInteger checks = new AtomicInteger();
    Disposable d = Timers.firstCheck(Duration.ofMillis(10), () -> {
      checks.incrementAndGet();
      return false;
    }).subscribe();
    Thread.sleep(100);
    d.dispose();
    Thread.sleep(50); // a check already running may finish
    int after = checks.get();
    Thread.sleep(100);
    assertThat(after).isPositive();
    assertThat(checks).hasValue(after);
  }
}
