package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionOptionsTest {
  @Test
  void defaultsChangeNothingAndStepsReturnNewValues() {
    TransactionOptions d = TransactionOptions.defaults();
    assertThat(d).isEqualTo(new TransactionOptions(null, false, null, false));
    TransactionOptions all = d.withIsolation(IsolationLevel.SERIALIZABLE).withReadOnly(true)
        .withTimeout(Duration.ofSeconds(2)).withSavepoint(true);
    assertThat(all).isEqualTo(new TransactionOptions(IsolationLevel.SERIALIZABLE, true, Duration.ofSeconds(2), true));
    assertThat(d).as("immutable").isEqualTo(TransactionOptions.defaults());
    assertThat(IsolationLevel.REPEATABLE_READ.sql()).isEqualTo("REPEATABLE READ");
  }

  @Test
  void badSettingsNameTheOption() {
    TransactionOptions d = TransactionOptions.defaults();
    assertThatThrownBy(() -> d.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TransactionOptions.timeout must be between 1 ms");
    assertThatThrownBy(() -> d.withTimeout(Duration.ofNanos(999_999))).hasMessageContaining("TransactionOptions.timeout");
    assertThatThrownBy(() -> d.withTimeout(Duration.ofDays(30))).hasMessageContaining("TransactionOptions.timeout");
    assertThat(d.withTimeout(Duration.ofSeconds(1)).withTimeout(null).timeout()).isNull();
  }
}
