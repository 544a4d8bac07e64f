package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ReducedTest {
  private static final Duration T = Duration.ofSeconds(5);

  /** A Result whose rows (or counts) are a Flux given, and which says what happened to it. */
  private static final class FakeResult implements Result {
    final Flux<Object> items;
    final List<String> log;
    final String name;

    FakeResult(String name, Flux<Object> items, List<String> log) {
      this.name = name;
      this.items = items;
      this.log = log;
    }

    private <T> Flux<T> logged(Flux<T> items) {
      return items.doOnSubscribe(s -> log.add(name + " read")).doOnComplete(() -> log.add(name + " ended"))
          .doOnCancel(() -> log.add(name + " cancelled"));
    }

    @Override
    public Publisher<Long> getRowsUpdated() {
      return logged(items.cast(Long.class));
    }

    @Override
    public <T> Publisher<T> map(Function<? super Readable, ? extends T> f) {
      return logged(items.map(v -> f.apply(row(v))));
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> f) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> f) {
      throw new UnsupportedOperationException();
    }
  }

  private static Readable row(Object value) {
    return new Readable() {
      @Override
      public <T> T get(int index, Class<T> type) {
        return type.cast(value);
      }

      @Override
      public <T> T get(String name, Class<T> type) {
        return type.cast(value);
      }
    };
  }

  private static Mono<Object> first(Publisher<? extends Result> results) {
    return new Reduced<>(results, r -> r.map(row -> row.get(0, Object.class)), null, Reduced::first);
  }

  @Test
  void theFirstRowIsKeptAndEveryRowIsStillRead() {
    List<String> log = new CopyOnWriteArrayList<>();
    Object first = first(Flux.just(new FakeResult("r1", Flux.just("a", "b", "c"), log))).block(T);
    assertThat(first).isEqualTo("a");
    assertThat(log).containsExactly("r1 read", "r1 ended");
  }

  @Test
  void noRowIsEmptyAndASeedIsItsOwnValue() {
    List<String> log = new CopyOnWriteArrayList<>();
    assertThat(first(Flux.just(new FakeResult("r1", Flux.empty(), log))).blockOptional(T)).isEmpty();
    assertThat(first(Flux.empty()).blockOptional(T)).isEmpty();
    assertThat(new Reduced<>(Flux.<Result>empty(), Result::getRowsUpdated, 0L, Long::sum).block(T)).isZero();
  }

  @Test
  void theCountsOfEveryResultAreSummedOneResultAfterAnother() {
    List<String> log = new CopyOnWriteArrayList<>();
    // The first Result's count comes late: the second is not read before the first ended.
    FakeResult slow = new FakeResult("r1", Mono.delay(Duration.ofMillis(50)).map(x -> (Object) 2L).flux(), log);
    FakeResult fast = new FakeResult("r2", Flux.just(3L, 4L), log);
    Flux<Result> results = Flux.<Result>just(slow, fast).doOnRequest(n -> log.add("requested " + n));
    assertThat(new Reduced<>(results, Result::getRowsUpdated, 0L, Long::sum).block(T)).isEqualTo(9L);
    assertThat(log).containsExactly("requested 1", "r1 read", "r1 ended", "requested 1", "r2 read", "r2 ended", "requested 1");
  }

  @Test
  void aFailedResultFailsItOnceAndCancelsTheResults() {
    List<String> log = new CopyOnWriteArrayList<>();
    IllegalStateException e = new IllegalStateException("duplicate key");
    AtomicBoolean resultsCancelled = new AtomicBoolean();
    List<Throwable> dropped = new CopyOnWriteArrayList<>();
    Hooks.onErrorDropped(dropped::add);
    try {
      Flux<Result> results = Flux.<Result>just(new FakeResult("r1", Flux.concat(Flux.just("a"), Flux.error(e)), log),
          new FakeResult("r2", Flux.just("b"), log)).doOnCancel(() -> resultsCancelled.set(true));
      assertThatThrownBy(() -> first(results).block(T)).isSameAs(e);
      assertThat(resultsCancelled).isTrue();
      assertThat(log).containsExactly("r1 read");
      // The driver signals a statement's error to the Result being read and to the Results: reported once.
      Sinks.Many<Result> both = Sinks.many().unicast().onBackpressureBuffer();
      Sinks.Many<Object> rows = Sinks.many().unicast().onBackpressureBuffer();
      both.tryEmitNext(new FakeResult("r3", rows.asFlux(), log));
      Mono<Object> failing = first(both.asFlux());
      List<Throwable> seen = new CopyOnWriteArrayList<>();
      failing.subscribe(v -> { }, seen::add);
      rows.tryEmitError(e);
      both.tryEmitError(e);
      assertThat(seen).containsExactly(e);
      assertThat(dropped).isEmpty();
    } finally {
      Hooks.resetOnErrorDropped();
    }
  }

  @Test
  void aFoldOrItemsFunctionThatThrowsFailsIt() {
    List<String> log = new CopyOnWriteArrayList<>();
    IllegalArgumentException bad = new IllegalArgumentException("bad row");
    Mono<Object> throwing = new Reduced<>(Flux.just(new FakeResult("r1", Flux.just("a"), log)), r -> {
      throw bad;
    }, null, Reduced::first);
    assertThatThrownBy(() -> throwing.block(T)).isSameAs(bad);
    Mono<Long> badFold = new Reduced<>(Flux.just(new FakeResult("r2", Flux.just(1L, 2L, 3L), log)), Result::getRowsUpdated,
        0L, (a, b) -> {
          throw bad;
        });
    assertThatThrownBy(() -> badFold.block(T)).isSameAs(bad);
    assertThat(log).containsExactly("r2 read", "r2 cancelled");
  }

  @Test
  void aCancelCancelsTheResultBeingReadAndTheResults() {
    List<String> log = new CopyOnWriteArrayList<>();
    AtomicBoolean resultsCancelled = new AtomicBoolean();
    Flux<Result> results = Flux.<Result>just(new FakeResult("r1", Flux.never(), log)).concatWith(Flux.never())
        .doOnCancel(() -> resultsCancelled.set(true));
    List<Object> values = new CopyOnWriteArrayList<>();
    Disposable d = first(results).subscribe(values::add);
    assertThat(log).containsExactly("r1 read");
    d.dispose();
    assertThat(log).containsExactly("r1 read", "r1 cancelled");
    assertThat(resultsCancelled).isTrue();
    assertThat(values).isEmpty();
  }
}
