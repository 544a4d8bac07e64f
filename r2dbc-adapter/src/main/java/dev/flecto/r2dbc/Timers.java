package dev.flecto.r2dbc;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;

/**
 * The adapter's timers (statement timeouts, idle checks of transactions, checkouts and streams) on
 * one shared timing wheel, Netty's {@link HashedWheelTimer} (Netty is the driver's own transport).
 *
 * <p>Why not {@code Mono.delay} and {@code Flux.interval}: those go to Reactor's parallel
 * scheduler, a {@code ScheduledThreadPoolExecutor}, whose worker is woken to re-arm its wait each
 * time a new timer becomes its earliest, and again when the timer is cancelled. Every statement
 * has a timer that is almost always cancelled, so that was a thread wake-up or two a statement:
 * about 35 µs of client CPU on a primary-key read that costs the raw driver 65 µs (W1 of the
 * benchmarks). Adding to and cancelling on the wheel is a queue offer each; its one thread ticks
 * every {@value #TICK_MILLIS} ms, so a timer fires up to a tick late. A timer that fires hands over
 * to Reactor's parallel scheduler, so what follows it (a cancel on the server, an error to the
 * subscriber) never holds up the wheel.
 *
 * <pre>{@code
 * Timeout t = Timers.schedule(task, Duration.ofSeconds(15));           // a statement's timeout (Bounded)
 * Mono<Long> idle = Timers.firstCheck(Duration.ofSeconds(5), () -> quiet()); // an idle check (Activity)
 * }</pre>
 */
final class Timers {
  static final long TICK_MILLIS = 10;
  private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
      new DefaultThreadFactory("flecto-timer", true), TICK_MILLIS, TimeUnit.MILLISECONDS, 512, false);

  private Timers() {}

  /**
   * Emits 0 at the first check, one every {@code period}, at which {@code done} says true: one
   * timer at a time on the wheel, re-armed after each check that says false. {@code done} runs on
   * the wheel's thread and must be quick. Cancelling it takes the timer off the wheel.
   */
  static Mono<Long> firstCheck(Duration period, BooleanSupplier done) {
    long nanos = period.toNanos();
    return new Mono<>() {
      @Override
      public void subscribe(CoreSubscriber<? super Long> actual) {
        Fire fire = new Fire(actual, nanos, done);
        actual.onSubscribe(fire);
        fire.arm();
      }
    };
  }

  /** Arms {@code task} on the wheel; it runs on the wheel's thread and should {@link #handOver} what it does. */
  static Timeout schedule(TimerTask task, Duration delay) {
    return WHEEL.newTimeout(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Runs {@code work} on Reactor's parallel scheduler (here, should it be shut down): off the wheel's thread. */
  static void handOver(Runnable work) {
    try {
      Schedulers.parallel().schedule(work);
    } catch (RejectedExecutionException e) {
      work.run();
    }
  }

  /** One subscriber's timer: Reactor's MonoSubscriber keeps its request, delivery and cancel straight. */
  private static final class Fire extends Operators.MonoSubscriber<Long, Long> implements TimerTask {
    private final long nanos;
    private final BooleanSupplier done;
    private volatile Timeout timeout;

    Fire(CoreSubscriber<? super Long> actual, long nanos, BooleanSupplier done) {
      super(actual);
      this.nanos = nanos;
      this.done = done;
    }

    void arm() {
      Timeout t = WHEEL.newTimeout(this, nanos, TimeUnit.NANOSECONDS);
      timeout = t;
      if (isCancelled()) { // a cancel that came before the timeout was set could not remove it
        t.cancel();
      }
    }

    @Override
    public void run(Timeout t) {
      if (isCancelled()) {
        return;
      }
      if (done.getAsBoolean()) {
        handOver(() -> complete(0L));
      } else {
        arm();
      }
    }

    @Override
    public void cancel() {
      super.cancel();
      Timeout t = timeout;
      if (t != null) {
        t.cancel();
      }
    }
  }
}
