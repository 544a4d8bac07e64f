package dev.flecto.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.repo.RepoOptions;
import dev.flecto.telemetry.SqlLogger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The properties onto RepoOptions, without Spring (the Boot test modules bind them for real). */
class FlectoPropertiesTest {
  @Test
  void unsetPropertiesKeepTheDefaults() {
    FlectoProperties none = new FlectoProperties(null, null, null, null, null, null, null, null, null, null, null);
    assertThat(none.applyTo(RepoOptions.defaults())).isEqualTo(RepoOptions.defaults());
    assertThat(none.problemDetails().enabled()).isTrue();
    assertThat(none.sqlLog().enabled()).isFalse();
    assertThat(none.observations().enabled()).isTrue();
    assertThat(none.statementCacheSizeOrDefault()).isEqualTo(RepoOptions.defaults().statementCacheSize());
  }

  @Test
  void setPropertiesAndTheSqlLogAreApplied() {
    FlectoProperties p = new FlectoProperties(0, 10, 1, Duration.ofSeconds(2), Duration.ofSeconds(3), "orders",
        new FlectoProperties.SqlLog(true, true, Duration.ofMillis(50)), null, null, null, null);
    RepoOptions o = p.applyTo(RepoOptions.defaults());
    assertThat(o.statementCacheSize()).isZero();
    assertThat(o.sqlCacheSize()).isEqualTo(10);
    assertThat(o.preloadConcurrency()).isEqualTo(1);
    assertThat(o.statementTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.telemetry().repo()).isEqualTo("orders");
    assertThat(o.telemetry().listeners()).singleElement().isInstanceOfSatisfying(SqlLogger.class, l -> {
      assertThat(l.parameters()).isTrue();
      assertThat(l.slowThreshold()).isEqualTo(Duration.ofMillis(50));
    });
  }

  @Test
  void aRefusedValueNamesTheProperty() {
    FlectoProperties p = new FlectoProperties(null, null, 0, null, null, null, null, null, null, null, null);
    assertThatThrownBy(() -> p.applyTo(RepoOptions.defaults()))
        .hasMessageStartingWith("flecto.preload-concurrency is refused: RepoOptions.preloadConcurrency must be positive");
    FlectoProperties blank = new FlectoProperties(null, null, null, null, null, " ", null, null, null, null, null);
    assertThatThrownBy(() -> blank.applyTo(RepoOptions.defaults())).hasMessageStartingWith("flecto.repo-name is refused");
  }
}
