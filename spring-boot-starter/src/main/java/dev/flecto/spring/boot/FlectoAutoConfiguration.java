package dev.flecto.spring.boot;

import dev.flecto.r2dbc.ExternalTransactions;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.r2dbc.SharedSandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.telemetry.QueryListener;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A {@link Repo} bean on the application's R2DBC {@link ConnectionFactory}: the pool Spring Boot
 * builds from {@code spring.r2dbc.*}, or the user's own. It runs after Boot's R2DBC
 * auto-configuration (named in both Boot lines: the class moved between 3.5 and 4.0), needs exactly
 * one ConnectionFactory (or a primary one), and backs off when the application defines a Repo.
 * The options are {@link RepoOptions#defaults()}, then the {@code flecto.*} properties
 * ({@link FlectoProperties}), then every {@link QueryListener} bean as a listener, then every
 * {@link FlectoRepoOptionsCustomizer} bean. The pool stays Boot's: {@code spring.r2dbc.pool.*}
 * sizes it, and closing the Repo at shutdown leaves it to Boot to close. The Repo shares
 * transactions with Spring's {@code R2dbcTransactionManager} on the same factory
 * ({@link dev.flecto.spring.transaction.SpringTransactions}): {@code @Transactional} methods and
 * {@code repo.transact} join each other.
 *
 * <pre>{@code
 * @RestController
 * class PostController {
 *   private final Repo repo;
 *   PostController(Repo repo) { this.repo = repo; }   // the starter's Repo
 *
 *   @GetMapping("/posts/{id}")
 *   Mono<Post> show(@PathVariable long id) {
 *     return repo.getOrFail(Post.class, id).flatMap(p -> repo.preload(p, "comments"));
 *   }
 * }
 * }</pre>
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration", // Spring Boot 3.5
    "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration"}) // Spring Boot 4.0
@ConditionalOnClass({ConnectionFactory.class, R2dbcRepos.class})
// Single candidate rather than any bean: with two factories and no @Primary, which one a Repo
// should use is the application's decision, and injecting one would fail anyway.
@ConditionalOnSingleCandidate(ConnectionFactory.class)
@ConditionalOnMissingBean(Repo.class)
@EnableConfigurationProperties(FlectoProperties.class)
@Import(StatementCacheCustomizerRegistrar.class)
public class FlectoAutoConfiguration {
  /**
   * Created by Spring when the conditions above hold.
   *
   * <pre>{@code new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlectoAutoConfiguration.class)) }</pre>
   */
  public FlectoAutoConfiguration() {}

  /**
   * The Repo, closed when the context closes (which drains nothing: the pool is Boot's).
   *
   * <pre>{@code flectoRepo(pool, properties, listeners, customizers).options().statementTimeout() }</pre>
   *
   * @param connectionFactory the application's connection factory, a pool
   * @param properties the {@code flecto.*} properties
   * @param listeners the {@link QueryListener} beans, told of every statement
   * @param customizers the {@link FlectoRepoOptionsCustomizer} beans, applied last
   * @param sharedSandbox a test's {@link SharedSandbox} bean over the pool, if there is one: the
   *     Repo then runs in the sandbox a test checked out (Ecto's shared sandbox mode), and does not
   *     join Spring's transactions, whose connections come from the pool, outside the sandbox
   * @param external the transactions of another manager the Repo shares (Spring's, by default)
   * @return the Repo
   */
  @Bean(destroyMethod = "close")
  public Repo flectoRepo(ConnectionFactory connectionFactory, FlectoProperties properties,
      ObjectProvider<QueryListener> listeners, ObjectProvider<FlectoRepoOptionsCustomizer> customizers,
      ObjectProvider<SharedSandbox> sharedSandbox, ObjectProvider<ExternalTransactions> external) {
    RepoOptions options = properties.applyTo(RepoOptions.defaults());
    for (QueryListener listener : listeners.orderedStream().toList()) {
      options = options.withListener(listener);
    }
    for (FlectoRepoOptionsCustomizer customizer : customizers.orderedStream().toList()) {
      RepoOptions customized = customizer.customize(options);
      if (customized == null) {
        throw new IllegalStateException("FlectoRepoOptionsCustomizer " + customizer.getClass().getName()
            + " returned null; return the options it was given, or a copy made with their with... steps");
      }
      options = customized;
    }
    SharedSandbox shared = sharedSandbox.getIfUnique();
    return shared != null ? R2dbcRepos.of(shared, options)
        : R2dbcRepos.of(connectionFactory, options, external.getIfUnique());
  }

  /**
   * Spring's reactive transactions on the application's connection factory, shared with the Repo;
   * with spring-r2dbc on the classpath (the starter brings it) unless
   * {@code flecto.spring-transactions.enabled=false}.
   *
   * <pre>{@code @Transactional Mono<Post> publish(long id) { return repo.getOrFail(Post.class, id).flatMap(...); } }</pre>
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.r2dbc.connection.ConnectionHolder")
  @ConditionalOnProperty(prefix = "flecto.spring-transactions", name = "enabled", havingValue = "true", matchIfMissing = true)
  public static class SpringTransactionsConfiguration {
    /**
     * Created by Spring when spring-r2dbc is present.
     *
     * <pre>{@code new SpringTransactionsConfiguration().flectoSpringTransactions(pool) }</pre>
     */
    public SpringTransactionsConfiguration() {}

    /**
     * The bridge between the Repo's transactions and Spring's, backing off for the application's own.
     *
     * <pre>{@code flectoSpringTransactions(pool) }</pre>
     *
     * @param connectionFactory the application's connection factory
     * @return the bridge
     */
    @Bean
    @ConditionalOnMissingBean(ExternalTransactions.class)
    public ExternalTransactions flectoSpringTransactions(ConnectionFactory connectionFactory) {
      return new dev.flecto.spring.transaction.SpringTransactions(connectionFactory);
    }
  }
}
