package dev.flecto.spring.boot;

import dev.flecto.migration.Migrations;
import dev.flecto.migration.Migrator;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.repo.Repo;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs the migrations of {@code flecto.migrations.packages} on the application's Repo when the
 * context starts (before the application serves requests, as Boot runs Flyway's), with the
 * migrator's lock so instances starting together take turns. A failed migration fails the startup
 * with the migrator's message (the migration, the command and its SQL).
 * {@code flecto.migrations.enabled=false} turns it off.
 *
 * <pre>{@code
 * # application.properties
 * flecto.migrations.packages=com.example.blog.migrations
 * }</pre>
 */
@AutoConfiguration(after = FlectoAutoConfiguration.class)
@ConditionalOnBean(Repo.class)
@ConditionalOnProperty(prefix = "flecto.migrations", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(FlectoProperties.class)
public class FlectoMigrationsAutoConfiguration {
  /**
   * Created by Spring.
   *
   * <pre>{@code new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlectoMigrationsAutoConfiguration.class)) }</pre>
   */
  public FlectoMigrationsAutoConfiguration() {}

  /**
   * The startup migration, unless the application defines its own.
   *
   * <pre>{@code flectoMigrations(repo, properties) }</pre>
   *
   * @param repo the application's Repo
   * @param properties the {@code flecto.*} properties
   * @return the runner
   */
  @Bean
  @ConditionalOnMissingBean
  public StartupMigrations flectoStartupMigrations(Repo repo, FlectoProperties properties) {
    return new StartupMigrations(repo, properties.migrations());
  }

  /**
   * Migrates when Spring initialises it: every package's pending migrations, in order.
   *
   * <pre>{@code new StartupMigrations(repo, properties.migrations()).afterPropertiesSet() }</pre>
   */
  public static final class StartupMigrations implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(StartupMigrations.class);
    private final Repo repo;
    private final FlectoProperties.Migrations settings;

    /**
     * The runner for these settings.
     *
     * <pre>{@code new StartupMigrations(repo, properties.migrations()) }</pre>
     *
     * @param repo the Repo
     * @param settings the {@code flecto.migrations.*} properties
     */
    public StartupMigrations(Repo repo, FlectoProperties.Migrations settings) {
      this.repo = repo;
      this.settings = settings;
    }

    /**
     * Runs the migrations (blocking: the application must not serve requests before its schema is there).
     *
     * <pre>{@code startupMigrations.afterPropertiesSet() }</pre>
     */
    @Override
    public void afterPropertiesSet() {
      Migrator migrator = Migrator.of(repo).withOptions(settings.options());
      for (String packageName : settings.packages()) {
        List<VersionedMigration> migrations = Migrations.inPackage(packageName);
        List<VersionedMigration> ran = migrator.up(migrations).block(Duration.ofHours(2));
        LOG.info("Flecto migrations of {}: {} ran, {} found", packageName, ran == null ? 0 : ran.size(), migrations.size());
      }
    }
  }
}
