package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ConstraintException;
import dev.flecto.DatabaseException;
import dev.flecto.TransactionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

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
    assertThatThrownBy(() -> d.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TransactionOptions.timeout must be between 1 ms");
    assertThatThrownBy(() -> d.withTimeout(Duration.ofNanos(999_999))).hasMessageContaining("TransactionOptions.timeout");
    assertThatThrownBy(() -> d.withTimeout(Duration.ofDays(30))).hasMessageContaining("TransactionOptions.timeout");
    assertThatThrownBy(() -> d.withRetry(0, Duration.ZERO)).hasMessageContaining("TransactionOptions.maxAttempts must be at least 1");
    assertThatThrownBy(() -> d.withRetry(3, Duration.ofMillis(-1))).hasMessageContaining("TransactionOptions.retryBackoff");
    assertThatThrownBy(() -> d.withRetry(3, null)).hasMessageContaining("TransactionOptions.retryBackoff");
    assertThat(d.withTimeout(Duration.ofSeconds(1)).withTimeout(null).timeout()).isNull();
  }

  @Test
  void onlySerializationFailuresAndDeadlocksAreRetried() {
    assertThat(TransactionRetry.retryable(failure("40001"))).isTrue();
    assertThat(TransactionRetry.retryable(failure("40P01"))).isTrue();
    assertThat(TransactionRetry.retryable(new TransactionException("COMMIT failed", failure("40001"))))
        .as("a serialization failure at COMMIT").isTrue();
    assertThat(TransactionRetry.retryable(failure("57014"))).isFalse();
    assertThat(TransactionRetry.retryable(failure(null))).isFalse();
    assertThat(TransactionRetry.retryable(new ConstraintException("dup", "23505", "k", "t", "INSERT", null))).isFalse();
    assertThat(TransactionRetry.retryable(TransactionException.rolledBack("40001"))).isFalse();
    assertThat(TransactionRetry.retryable(new IllegalStateException("40001"))).isFalse();
  }

  @Test
  void theRetrySpecRunsAtMostMaxAttemptsAndEndsWithTheLastError() {
    AtomicInteger runs = new AtomicInteger();
    Mono.defer(() -> Mono.error(failure("40001 #" + runs.incrementAndGet(), "40001")))
        .retryWhen(TransactionRetry.spec(TransactionOptions.defaults().withRetry(3, Duration.ofMillis(1))))
        .as(StepVerifier::create)
        .expectErrorMessage("40001 #3")
        .verify(Duration.ofSeconds(5));
    assertThat(runs).hasValue(3);
  }

  private static DatabaseException failure(String sqlState) {
    return failure("failed", sqlState);
  }

  private static DatabaseException failure(String message, String sqlState) {
    return new DatabaseException(message, sqlState, "SELECT 1", null);
  }
}
