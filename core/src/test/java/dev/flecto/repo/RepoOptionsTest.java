package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RepoOptionsTest {
  @Test
  void defaultsAreSmallAndBounded() {
    RepoOptions o = RepoOptions.defaults();
    assertThat(o.poolInitialSize()).isEqualTo(1);
    assertThat(o.poolMaxSize()).isEqualTo(10);
    assertThat(o.statementCacheSize()).isEqualTo(256);
    assertThat(o.withPoolMaxSize(20).poolMaxSize()).isEqualTo(20);
    assertThat(o.poolMaxSize()).as("immutable").isEqualTo(10);
    assertThat(o.remoteValidation()).isTrue();
    assertThat(o.withRemoteValidation(false).remoteValidation()).isFalse();
    assertThat(o.withRemoteValidation(false).withSqlCacheSize(5).remoteValidation()).isFalse();
  }

  @Test
  void badSettingsNameTheOption() {
    assertThatThrownBy(() -> RepoOptions.defaults().withPoolMaxSize(0)).hasMessageContaining("RepoOptions.poolMaxSize must be positive");
    assertThatThrownBy(() -> RepoOptions.defaults().withPoolInitialSize(11)).hasMessageContaining("RepoOptions.poolInitialSize");
    assertThatThrownBy(() -> RepoOptions.defaults().withAcquireTimeout(Duration.ZERO)).hasMessageContaining("RepoOptions.acquireTimeout");
    assertThatThrownBy(() -> RepoOptions.defaults().withStatementCacheSize(-1)).hasMessageContaining("RepoOptions.statementCacheSize");
    assertThatThrownBy(() -> RepoOptions.defaults().withClock(null)).hasMessageContaining("RepoOptions.clock");
  }

  @Test
  void transactionPoolingTurnsTheStatementCacheOffAndEveryStepKeepsIt() {
    RepoOptions o = RepoOptions.defaults().withTransactionPooling(true);
    assertThat(o.transactionPooling()).isTrue();
    assertThat(o.statementCacheSize()).as("unnamed statements").isZero();
    RepoOptions stepped = o.withPoolInitialSize(2).withPoolMaxSize(5).withAcquireTimeout(Duration.ofSeconds(1))
        .withMaxIdleTime(Duration.ofMinutes(1)).withValidationTimeout(Duration.ofSeconds(1)).withSqlCacheSize(8)
        .withClock(java.time.Clock.systemUTC()).withRemoteValidation(false).withPreloadConcurrency(2)
        .withStatementTimeout(Duration.ofSeconds(3)).withIdleTimeout(Duration.ofSeconds(4))
        .withTelemetry(dev.flecto.telemetry.Telemetry.none()).withStatementCacheSize(0);
    assertThat(stepped.transactionPooling()).isTrue();
    assertThat(RepoOptions.defaults().transactionPooling()).isFalse();
    assertThatThrownBy(() -> o.withStatementCacheSize(16)).isInstanceOf(dev.flecto.ArgumentException.class)
        .hasMessageContaining("RepoOptions.statementCacheSize must be 0 with transactionPooling, got 16");
    assertThat(o.withTransactionPooling(false).withStatementCacheSize(16).statementCacheSize()).isEqualTo(16);
  }
}
