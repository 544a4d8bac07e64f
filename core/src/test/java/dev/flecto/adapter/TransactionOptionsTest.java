package dev.flecto.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionOptionsTest {
  @Test
  void defaultsChangeNothingAndStepsReturnNewValues() {
    TransactionOptions d = TransactionOptions.defaults();
    assertThat(d).isEqualTo(new TransactionOptions(null, false, null, false, 1, Duration.ZERO, null));
    TransactionOptions all = d.withIsolation(IsolationLevel.SERIALIZABLE).withReadOnly(true)
        .withTimeout(Duration.ofSeconds(2)).withSavepoint(true).withRetry(5, Duration.ofMillis(20)).withIdleTimeout(Duration.ofSeconds(3));
    assertThat(all).isEqualTo(new TransactionOptions(IsolationLevel.SERIALIZABLE, true, Duration.ofSeconds(2), true, 5,
        Duration.ofMillis(20), Duration.ofSeconds(3)));
    assertThat(d).as("immutable").isEqualTo(TransactionOptions.defaults());
    assertThat(IsolationLevel.REPEATABLE_READ.sql()).isEqualTo("REPEATABLE READ");
  }

  @Test
  void badSettingsNameTheOption() {
    TransactionOptions d = TransactionOptions.defaults();
    assertThatThrownBy(() -> d.withTimeout(Duration.ZERO)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("TransactionOptions.timeout must be between 1 ms");
    assertThatThrownBy(() -> d.withTimeout(Duration.ofNanos(999_999))).hasMessageContaining("TransactionOptions.timeout");
    assertThatThrownBy(() -> d.withTimeout(Duration.ofDays(30))).hasMessageContaining("TransactionOptions.timeout");
    assertThatThrownBy(() -> d.withRetry(0, Duration.ZERO)).hasMessageContaining("TransactionOptions.maxAttempts must be at least 1");
    assertThatThrownBy(() -> d.withRetry(3, Duration.ofMillis(-1))).hasMessageContaining("TransactionOptions.retryBackoff");
    assertThatThrownBy(() -> d.withRetry(3, null)).hasMessageContaining("TransactionOptions.retryBackoff");
    assertThat(d.withTimeout(Duration.ofSeconds(1)).withTimeout(null).timeout()).isNull();
  }
}
