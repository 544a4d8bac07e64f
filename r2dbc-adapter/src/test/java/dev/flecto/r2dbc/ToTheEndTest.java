package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ToTheEndTest {
  @Test
  void aCleanupRunsToItsEndWhenItsSubscriberCancels() {
    Sinks.Empty<Void> gate = Sinks.empty();
    AtomicBoolean upstreamCancelled = new AtomicBoolean();
    AtomicBoolean ran = new AtomicBoolean();
    AtomicReference<String> told = new AtomicReference<>("nothing");
    Mono<Void> cleanup = gate.asMono().doOnCancel(() -> upstreamCancelled.set(true)).then(Mono.fromRunnable(() -> ran.set(true)));
    Disposable d = ToTheEnd.of(cleanup).subscribe(v -> { }, e -> told.set("error"), () -> told.set("complete"));
    d.dispose();
    gate.tryEmitEmpty();
    assertThat(upstreamCancelled).as("the cancel does not reach the cleanup").isFalse();
    assertThat(ran).as("the cleanup went on to its end").isTrue();
    assertThat(told).as("a cancelled subscriber is told nothing").hasValue("nothing");
  }

  @Test
  void itsEndAndErrorReachTheSubscriber() {
    assertThat(ToTheEnd.of(Flux.just(1L, 2L)).then(Mono.just("done")).block(Duration.ofSeconds(5))).isEqualTo("done");
    assertThatThrownBy(() -> ToTheEnd.of(Mono.error(new IllegalStateException("COMMIT failed"))).block(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class).hasMessage("COMMIT failed");
  }

  @Test
  void aStartThatThrowsIsTheError() {
    Object lock = new Object();
    assertThatThrownBy(() -> ToTheEnd.started(s -> {
      synchronized (lock) {
        throw new IllegalStateException("no statement");
      }
    }).block(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class).hasMessage("no statement");
  }

  @Test
  void theCleanupSeesAnEmptyContext() {
    AtomicReference<Integer> size = new AtomicReference<>();
    ToTheEnd.of(Mono.deferContextual(ctx -> {
      size.set(ctx.size());
      return Mono.empty();
    })).contextWrite(c -> c.put("caller", "key")).block(Duration.ofSeconds(5));
    assertThat(size).as("as toFuture gave it: the transaction passes what the cleanup needs itself").hasValue(0);
  }
}
