package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.FlectoException;
import dev.flecto.repo.RepoOptions;
import org.junit.jupiter.api.Test;

class R2dbcReposTest {
  @Test
  void acceptsPostgresUrlsInTheirCommonForms() {
    assertThat(R2dbcRepos.accepts("r2dbc:postgresql://localhost/app")).isTrue();
    assertThat(R2dbcRepos.accepts("postgres://u:p@localhost:5432/app")).isTrue();
    assertThat(R2dbcRepos.accepts("postgresql://localhost/app")).isTrue();
    assertThat(R2dbcRepos.accepts("r2dbc:pool:postgresql://localhost/app")).isTrue();
    assertThat(R2dbcRepos.accepts("r2dbc:mariadb://localhost/app")).isFalse();
    assertThat(new R2dbcAdapterProvider().accepts("jdbc:postgresql://localhost/app")).isFalse();
  }

  @Test
  void normalizesToTheR2dbcForm() {
    assertThat(R2dbcRepos.r2dbcUrl("postgres://u:p@h:1/d")).isEqualTo("r2dbc:postgresql://u:p@h:1/d");
    assertThat(R2dbcRepos.r2dbcUrl("postgresql://h/d")).isEqualTo("r2dbc:postgresql://h/d");
    assertThat(R2dbcRepos.r2dbcUrl("r2dbc:pool:postgresql://h/d")).isEqualTo("r2dbc:postgresql://h/d");
  }

  @Test
  void poolSettingsGivenWithAReadyMadeFactoryAreRefusedNotIgnored() {
    io.r2dbc.spi.ConnectionFactory factory = io.r2dbc.spi.ConnectionFactories.get("r2dbc:postgresql://app@localhost/app");
    assertThatThrownBy(() -> R2dbcRepos.of(factory, RepoOptions.defaults().withPoolMaxSize(20)))
        .isInstanceOf(FlectoException.class).hasMessageContaining("RepoOptions.poolMaxSize was set")
        .hasMessageContaining("spring.r2dbc.pool");
    assertThatThrownBy(() -> R2dbcRepos.of(factory, RepoOptions.defaults().withRemoteValidation(false)))
        .hasMessageContaining("RepoOptions.remoteValidation");
    assertThat(R2dbcRepos.of(factory, RepoOptions.defaults().withStatementTimeout(java.time.Duration.ofSeconds(3))))
        .as("other settings apply").isNotNull();
  }

  @Test
  void anUnparsableUrlSaysWhatItExpected() {
    assertThatThrownBy(() -> R2dbcRepos.connect("r2dbc:postgresql://", RepoOptions.defaults()))
        .isInstanceOf(FlectoException.class).hasMessageContaining("expected r2dbc:postgresql://");
  }
}
