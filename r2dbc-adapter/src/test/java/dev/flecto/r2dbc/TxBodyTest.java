package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.TransactionException;
import dev.flecto.adapter.TransactionOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class TxBodyTest {
  private static final Object KEY = new Object();
  private static final Duration T = Duration.ofSeconds(5);

  private static Tx tx() {
    return Tx.root(null, TransactionOptions.defaults());
  }

  @Test
  void theWorkRunsWithTheTransactionInItsContextAndItsValuePasses() {
    Tx tx = tx();
    AtomicReference<Object> seen = new AtomicReference<>();
    String value = new TxBody<>(() -> Mono.deferContextual(ctx -> {
      seen.set(ctx.getOrDefault(KEY, null));
      return Mono.just("v");
    }), tx, KEY).contextWrite(c -> c.put("outer", 1)).block(T);
    assertThat(value).isEqualTo("v");
    assertThat(seen).hasValue(tx);
    assertThat(new TxBody<>(Mono::<String>empty, tx, KEY).blockOptional(T)).isEmpty();
  }

  @Test
  void aNestedFailureCaughtInsideFailsTheBodyWithOrWithoutAValue() {
    Tx tx = tx();
    IllegalStateException nested = new IllegalStateException("nested insert failed");
    assertThatThrownBy(() -> new TxBody<>(() -> Mono.fromRunnable(() -> tx.abort(nested)).thenReturn("v"), tx, KEY).block(T))
        .isInstanceOf(TransactionException.class).hasMessageContaining("transaction rolled back: a nested transact failed")
        .hasCause(nested);
    assertThatThrownBy(() -> new TxBody<>(() -> Mono.<String>empty(), tx, KEY).block(T))
        .isInstanceOf(TransactionException.class).hasCause(nested);
  }

  @Test
  void theWorksErrorPassesAsItIs() {
    Tx tx = tx();
    IllegalArgumentException e = new IllegalArgumentException("bad field");
    assertThatThrownBy(() -> new TxBody<>(() -> Mono.<String>error(e), tx, KEY).block(T)).isSameAs(e);
    assertThatThrownBy(() -> new TxBody<String>(() -> { throw e; }, tx, KEY).block(T)).isSameAs(e);
    assertThatThrownBy(() -> new TxBody<String>(() -> null, tx, KEY).block(T))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("null Mono");
  }

  @Test
  void aCancelReachesTheWork() {
    Sinks.One<String> never = Sinks.one();
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicReference<String> got = new AtomicReference<>("nothing");
    Disposable d = new TxBody<>(() -> never.asMono().doOnCancel(() -> cancelled.set(true)), tx(), KEY)
        .subscribe(got::set, e -> got.set("error"));
    d.dispose();
    never.tryEmitValue("late");
    assertThat(cancelled).isTrue();
    assertThat(got).hasValue("nothing");
  }
}
