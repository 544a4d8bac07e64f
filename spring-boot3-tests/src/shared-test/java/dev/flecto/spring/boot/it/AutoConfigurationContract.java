package dev.flecto.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.micrometer.FlectoObservations;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.spring.boot.FlectoAutoConfiguration;
import dev.flecto.spring.boot.FlectoObservationAutoConfiguration;
import dev.flecto.spring.boot.FlectoRepoOptionsCustomizer;
import dev.flecto.spring.boot.FlectoWebFluxAutoConfiguration;
import dev.flecto.telemetry.QueryListener;
import dev.flecto.telemetry.SqlLogger;
import io.micrometer.observation.ObservationRegistry;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The starter's auto-configuration, written once for both Boot lines: each line's
 * {@code FlectoAutoConfigurationTests} names its R2DBC and Observation auto-configurations and options
 * customizer (in other packages in Boot 3.5 and 4.0) and tests its own Jackson. No database is reached:
 * Boot's pool opens connections only when asked for one.
 */
public abstract class AutoConfigurationContract {
  /** Boot's R2dbcAutoConfiguration of this line. */
  protected abstract Class<?> r2dbcAutoConfiguration();

  /** Boot's ObservationAutoConfiguration of this line (the actuator's in 3.5, spring-boot-micrometer-observation's in 4.0). */
  protected abstract Class<?> observationAutoConfiguration();

  /** Boot's ConnectionFactoryOptionsBuilderCustomizer of this line. */
  protected abstract Class<?> optionsCustomizerType();

  /** Calls that customizer on the builder. */
  protected abstract void customize(Object customizer, ConnectionFactoryOptions.Builder builder);

  private static final String NOWHERE = "spring.r2dbc.url=r2dbc:postgresql://flecto:secret@localhost:9/none";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(r2dbcAutoConfiguration(), FlectoObservationAutoConfiguration.class,
          FlectoAutoConfiguration.class))
      .withPropertyValues(NOWHERE);

  @Test
  void aRepoOnBootsPoolWithThePropertiesApplied() {
    runner.withPropertyValues("flecto.statement-timeout=3s", "flecto.idle-timeout=42s", "flecto.preload-concurrency=2",
        "flecto.sql-cache-size=99", "flecto.statement-cache-size=7", "flecto.repo-name=blog",
        "flecto.sql-log.enabled=true", "flecto.sql-log.parameters=true", "flecto.sql-log.slow-threshold=150ms")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Repo.class).hasSingleBean(ConnectionFactory.class);
          RepoOptions o = context.getBean(Repo.class).options();
          assertThat(o.statementTimeout()).isEqualTo(Duration.ofSeconds(3));
          assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(42));
          assertThat(o.preloadConcurrency()).isEqualTo(2);
          assertThat(o.sqlCacheSize()).isEqualTo(99);
          assertThat(o.statementCacheSize()).isEqualTo(7);
          assertThat(o.telemetry().repo()).isEqualTo("blog");
          assertThat(o.telemetry().listeners()).singleElement().isInstanceOfSatisfying(SqlLogger.class, l -> {
            assertThat(l.parameters()).isTrue();
            assertThat(l.slowThreshold()).isEqualTo(Duration.ofMillis(150));
          });
        });
  }

  @Test
  void withoutPropertiesTheOptionsAreFlectosDefaults() {
    runner.run(context -> assertThat(context.getBean(Repo.class).options())
        .usingRecursiveComparison().ignoringFields("clock").isEqualTo(RepoOptions.defaults()));
  }

  @Test
  void theStatementCacheOfBootsPoolIsBoundedUnlessTheUserSetsIt() {
    runner.withPropertyValues("flecto.statement-cache-size=7").run(context -> {
      Object customizer = context.getBean(optionsCustomizerType());
      ConnectionFactoryOptions.Builder unset = ConnectionFactoryOptions.parse("r2dbc:postgresql://localhost/db").mutate();
      customize(customizer, unset);
      assertThat(unset.build().getValue(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES)).isEqualTo(7);
      ConnectionFactoryOptions.Builder set = ConnectionFactoryOptions.parse(
          "r2dbc:postgresql://localhost/db?preparedStatementCacheQueries=-1").mutate();
      customize(customizer, set);
      assertThat(set.build().getValue(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES)).isEqualTo("-1");
    });
  }

  @Test
  void listenerAndCustomizerBeansAreApplied() {
    runner.withUserConfiguration(Extras.class).withPropertyValues("flecto.preload-concurrency=3").run(context -> {
      RepoOptions o = context.getBean(Repo.class).options();
      assertThat(o.telemetry().listeners()).containsExactly(Extras.LISTENER);
      assertThat(o.preloadConcurrency()).as("customizers run after the properties, in order").isEqualTo(6);
      assertThat(o.clock().instant()).isEqualTo(Extras.NOON);
    });
  }

  @Test
  void withBootsObservationRegistryTheRepoObservesItsStatements() {
    // Boot's own registry: the starter must be ordered after the auto-configuration that defines it
    // (sorted by name alone, dev.flecto... would come first and find no registry).
    runner.withConfiguration(AutoConfigurations.of(observationAutoConfiguration())).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(ObservationRegistry.class).hasSingleBean(FlectoObservations.class);
      assertThat(listeners(context)).containsExactly(context.getBean(FlectoObservations.class));
    });
  }

  @Test
  void anApplicationsOwnFlectoObservationsReplacesTheStarters() {
    FlectoObservations own = FlectoObservations.of(ObservationRegistry.NOOP);
    runner.withBean(ObservationRegistry.class, ObservationRegistry::create).withBean("own", FlectoObservations.class, () -> own)
        .run(context -> assertThat(listeners(context)).containsExactly(own));
  }

  @Test
  void noObservationsWhenTurnedOff() {
    runner.withBean(ObservationRegistry.class, ObservationRegistry::create).withPropertyValues("flecto.observations.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(FlectoObservations.class);
          assertThat(listeners(context)).isEmpty();
        });
  }

  @Test
  void noObservationsWithoutARegistryOrWithoutFlectoMicrometer() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(FlectoObservations.class);
      assertThat(listeners(context)).isEmpty();
    });
    // flecto-micrometer is an optional dependency of the starter: without it nothing is loaded.
    runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
        .withClassLoader(new FilteredClassLoader(FlectoObservations.class))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("flectoObservations");
          assertThat(listeners(context)).isEmpty();
        });
  }

  private static List<QueryListener> listeners(AssertableApplicationContext context) {
    return context.getBean(Repo.class).options().telemetry().listeners();
  }

  @Test
  void aRefusedValueFailsNamingTheProperty() {
    runner.withPropertyValues("flecto.statement-timeout=0s").run(context -> assertThat(context).hasFailed()
        .getFailure().hasStackTraceContaining("flecto.statement-timeout is refused: RepoOptions.statementTimeout must be"));
  }

  @Test
  void backsOffWhenTheApplicationDefinesARepo() {
    runner.withUserConfiguration(OwnRepo.class).run(context -> {
      assertThat(context).hasSingleBean(Repo.class).hasBean("ownRepo").doesNotHaveBean("flectoRepo")
          .doesNotHaveBean(optionsCustomizerType());
    });
  }

  @Test
  void noRepoWithoutAConnectionFactory() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlectoAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Repo.class));
  }

  @Test
  void problemDetailsOnlyInAReactiveWebApplicationAndUnlessTurnedOff() {
    AutoConfigurations web = AutoConfigurations.of(FlectoWebFluxAutoConfiguration.class);
    new ReactiveWebApplicationContextRunner().withConfiguration(web)
        .run(context -> assertThat(context).hasBean("flectoProblemDetailsHandler"));
    new ReactiveWebApplicationContextRunner().withConfiguration(web).withPropertyValues("flecto.problem-details.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("flectoProblemDetailsHandler"));
    new ApplicationContextRunner().withConfiguration(web)
        .run(context -> assertThat(context).doesNotHaveBean("flectoProblemDetailsHandler"));
  }

  @Test
  void streamsEndWithTheExchangeInAReactiveWebApplicationUnlessTurnedOff() {
    AutoConfigurations web = AutoConfigurations.of(dev.flecto.spring.boot.FlectoWebFluxStreamsAutoConfiguration.class);
    new ReactiveWebApplicationContextRunner().withConfiguration(web)
        .run(context -> assertThat(context).hasSingleBean(dev.flecto.spring.boot.StreamsEndWithExchange.class));
    new ReactiveWebApplicationContextRunner().withConfiguration(web)
        .withPropertyValues("flecto.web.end-streams-with-exchange=false")
        .run(context -> assertThat(context).doesNotHaveBean(dev.flecto.spring.boot.StreamsEndWithExchange.class));
    new ApplicationContextRunner().withConfiguration(web)
        .run(context -> assertThat(context).doesNotHaveBean(dev.flecto.spring.boot.StreamsEndWithExchange.class));
  }

  @Test
  void theRepoSharesSpringsTransactionsUnlessTurnedOff() {
    runner.run(context -> assertThat(context).hasSingleBean(dev.flecto.r2dbc.ExternalTransactions.class)
        .getBean(dev.flecto.r2dbc.ExternalTransactions.class).isInstanceOf(dev.flecto.spring.transaction.SpringTransactions.class));
    runner.withPropertyValues("flecto.spring-transactions.enabled=false")
        .run(context -> assertThat(context).hasSingleBean(Repo.class)
            .doesNotHaveBean(dev.flecto.r2dbc.ExternalTransactions.class));
  }

  @Test
  void migrationsOfTheConfiguredPackagesRunAtStartupUnlessTurnedOff() {
    String url = "spring.r2dbc.url=" + dev.flecto.test.TestDatabase.get().url();
    dev.flecto.repo.Repo db = dev.flecto.test.TestDatabase.get().repo();
    String exists = "SELECT to_regclass('boot_migrated') IS NOT NULL";
    AutoConfigurations migrations = AutoConfigurations.of(dev.flecto.spring.boot.FlectoMigrationsAutoConfiguration.class);
    try {
      runner.withConfiguration(migrations).withPropertyValues(url, "flecto.migrations.packages=dev.flecto.spring.boot.it.migrations",
              "flecto.migrations.table=boot_schema_migrations", "flecto.migrations.enabled=false")
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(
              dev.flecto.spring.boot.FlectoMigrationsAutoConfiguration.StartupMigrations.class));
      assertThat(db.query(exists, java.util.List.of()).block().rows()).containsExactly(java.util.List.of(false));

      runner.withConfiguration(migrations).withPropertyValues(url, "flecto.migrations.packages=dev.flecto.spring.boot.it.migrations",
              "flecto.migrations.table=boot_schema_migrations")
          .run(context -> assertThat(context).hasNotFailed());
      assertThat(db.query(exists, java.util.List.of()).block().rows()).containsExactly(java.util.List.of(true));
      assertThat(db.query("SELECT version FROM boot_schema_migrations", java.util.List.of()).block().rows())
          .containsExactly(java.util.List.of(20250301100000L));
    } finally {
      dev.flecto.test.TestDatabase.get().execute("DROP TABLE IF EXISTS boot_migrated, boot_schema_migrations").block();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Extras {
    static final QueryListener LISTENER = event -> {};
    static final Instant NOON = Instant.parse("2025-01-01T12:00:00Z");

    @Bean
    QueryListener listener() {
      return LISTENER;
    }

    @Bean
    @Order(2)
    FlectoRepoOptionsCustomizer doubled() {
      return options -> options.withPreloadConcurrency(options.preloadConcurrency() * 2);
    }

    @Bean
    @Order(1)
    FlectoRepoOptionsCustomizer clock() {
      return options -> options.withClock(Clock.fixed(NOON, ZoneOffset.UTC));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRepo {
    @Bean
    Repo ownRepo() {
      return R2dbcRepos.of(ConnectionFactories.get("r2dbc:postgresql://flecto:secret@localhost:9/none"), RepoOptions.defaults());
    }
  }
}
