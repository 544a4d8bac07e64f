package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.DatabaseException;
import dev.flecto.TransactionException;
import dev.flecto.adapter.TransactionOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TransactionRetryTest {
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
