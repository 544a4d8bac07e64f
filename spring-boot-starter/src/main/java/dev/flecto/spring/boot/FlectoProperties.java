package dev.flecto.spring.boot;

import dev.flecto.repo.RepoOptions;
import dev.flecto.telemetry.SqlLogger;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code flecto.*} properties of a Spring Boot application. Each one left unset keeps its
 * {@link RepoOptions#defaults()} value. The connection pool is Boot's, configured with
 * {@code spring.r2dbc.url} and {@code spring.r2dbc.pool.*}: the pool fields of {@link RepoOptions}
 * ({@code poolMaxSize}, {@code acquireTimeout}, {@code remoteValidation}, ...) do not apply to it.
 *
 * <pre>{@code
 * # application.properties
 * spring.r2dbc.url=r2dbc:postgresql://localhost/blog
 * spring.r2dbc.pool.max-size=20
 * spring.r2dbc.pool.validation-depth=remote       # a round trip on acquire detects a wedged connection,
 * spring.r2dbc.pool.max-validation-time=5s        # as Flecto's own pool does
 * flecto.statement-timeout=5s
 * flecto.preload-concurrency=2
 * flecto.repo-name=blog
 * flecto.sql-log.enabled=true
 * flecto.sql-log.slow-threshold=200ms
 * flecto.observations.enabled=false   # no flecto.query Observations, though flecto-micrometer is present
 * }</pre>
 *
 * @param statementCacheSize prepared statements kept per connection (default 256; 0 behind a
 *     pooler in transaction mode). Given to the driver of the pool Boot builds unless
 *     spring.r2dbc.url or spring.r2dbc.properties.preparedStatementCacheQueries already sets it:
 *     without a bound r2dbc-postgresql keeps every distinct statement prepared
 * @param sqlCacheSize compiled SQL texts kept, by query shape (default 1024)
 * @param preloadConcurrency sibling preloads run at once outside a transaction (default 4)
 * @param statementTimeout how long one statement may take (default 15 s, Ecto's)
 * @param idleTimeout how long a stream waits for demand, or a transaction for its next
 *     statement, before it is ended (default 60 s)
 * @param repoName the name telemetry events carry (default "flecto")
 * @param sqlLog the SQL log
 * @param problemDetails the WebFlux error responses
 * @param observations the Micrometer Observations of the Repo's statements
 * @param springTransactions whether the Repo and Spring's reactive transactions are shared
 * @param migrations the migrations run at startup
 */
@ConfigurationProperties("flecto")
public record FlectoProperties(
    Integer statementCacheSize,
    Integer sqlCacheSize,
    Integer preloadConcurrency,
    Duration statementTimeout,
    Duration idleTimeout,
    String repoName,
    SqlLog sqlLog,
    ProblemDetails problemDetails,
    Observations observations,
    SpringTransactionsSharing springTransactions,
    Migrations migrations) {

  /**
   * Fills the groups left unset (Boot binds an absent group as null).
   *
   * <pre>{@code new FlectoProperties(null, null, null, Duration.ofSeconds(5), null, null, null, null, null, null, null) }</pre>
   */
  public FlectoProperties {
    sqlLog = sqlLog == null ? new SqlLog(false, false, null) : sqlLog;
    problemDetails = problemDetails == null ? new ProblemDetails(true) : problemDetails;
    observations = observations == null ? new Observations(true) : observations;
    springTransactions = springTransactions == null ? new SpringTransactionsSharing(true) : springTransactions;
    migrations = migrations == null ? new Migrations(true, java.util.List.of(), null, null, null) : migrations;
  }

  /**
   * The options with every property that is set applied, and the SQL logger added when
   * {@code flecto.sql-log.enabled} is true. A value {@link RepoOptions} refuses fails naming the
   * property.
   *
   * <pre>{@code RepoOptions options = properties.applyTo(RepoOptions.defaults()); }</pre>
   *
   * @param options the options to start from
   * @return the new options
   * @throws IllegalArgumentException naming the property whose value is refused
   */
  public RepoOptions applyTo(RepoOptions options) {
    RepoOptions o = options;
    o = set(o, "statement-cache-size", statementCacheSize, o::withStatementCacheSize);
    o = set(o, "sql-cache-size", sqlCacheSize, o::withSqlCacheSize);
    o = set(o, "preload-concurrency", preloadConcurrency, o::withPreloadConcurrency);
    o = set(o, "statement-timeout", statementTimeout, o::withStatementTimeout);
    o = set(o, "idle-timeout", idleTimeout, o::withIdleTimeout);
    RepoOptions named = o;
    o = set(o, "repo-name", repoName, name -> named.withTelemetry(named.telemetry().withRepo(name)));
    return sqlLog.enabled() ? o.withListener(sqlLog.logger()) : o;
  }

  /**
   * The prepared-statement cache size the driver is given: the property, else Flecto's default.
   *
   * <pre>{@code properties.statementCacheSizeOrDefault() // 256 when unset }</pre>
   *
   * @return statements kept per connection
   */
  public int statementCacheSizeOrDefault() {
    return statementCacheSize != null ? statementCacheSize : RepoOptions.defaults().statementCacheSize();
  }

  // RepoOptions names its own field (RepoOptions.statementTimeout); a Boot user wrote a property.
  private static <T> RepoOptions set(RepoOptions options, String property, T value, Function<T, RepoOptions> with) {
    if (value == null) {
      return options;
    }
    try {
      return with.apply(value);
    } catch (dev.flecto.ArgumentException e) {
      throw new dev.flecto.ArgumentException("flecto." + property + " is refused: " + e.getMessage(), e);
    }
  }

  /**
   * {@code flecto.sql-log.*}: one SLF4J line a statement on the logger {@code dev.flecto.sql}
   * ({@link SqlLogger}), at DEBUG, and at WARN from the slow threshold on.
   *
   * <pre>{@code
   * flecto.sql-log.enabled=true
   * flecto.sql-log.parameters=false       # values hold personal data: their types are logged
   * flecto.sql-log.slow-threshold=500ms
   * logging.level.dev.flecto.sql=DEBUG
   * }</pre>
   *
   * @param enabled whether the logger is added to the Repo's listeners (default false)
   * @param parameters whether parameter values are written, else their types (default false)
   * @param slowThreshold statements at least this slow are logged at WARN (default: none)
   */
  public record SqlLog(boolean enabled, boolean parameters, Duration slowThreshold) {
    /**
     * The logger these settings describe.
     *
     * <pre>{@code new SqlLog(true, false, Duration.ofMillis(200)).logger() }</pre>
     *
     * @return the logger
     */
    public SqlLogger logger() {
      return SqlLogger.defaults().withParameters(parameters).withSlowThreshold(slowThreshold);
    }
  }

  /**
   * {@code flecto.problem-details.*}: in a WebFlux application an
   * {@link dev.flecto.changeset.InvalidChangesetException} becomes a 422 and a
   * {@link dev.flecto.NoResultsException} a 404, each with an RFC 9457 {@code ProblemDetail} body.
   *
   * <pre>{@code flecto.problem-details.enabled=false   # map them yourself }</pre>
   *
   * @param enabled whether the handlers are registered (default true)
   */
  public record ProblemDetails(@DefaultValue("true") boolean enabled) {}

  /**
   * {@code flecto.observations.*}: with {@code dev.flecto:flecto-micrometer} on the classpath and an
   * {@code ObservationRegistry} bean (Spring Boot Actuator's), each statement of the Repo is an
   * Observation {@code flecto.query}: a timer through Boot's meter handler, a span through its tracing
   * handler ({@link FlectoObservationAutoConfiguration}).
   *
   * <pre>{@code flecto.observations.enabled=false   # keep flecto-micrometer, observe nothing }</pre>
   *
   * @param enabled whether the {@code FlectoObservations} listener is registered (default true)
   */
  public record Observations(@DefaultValue("true") boolean enabled) {}

  /**
   * {@code flecto.spring-transactions.*}: with spring-r2dbc present (the starter brings it), the Repo
   * joins the transaction of an {@code @Transactional} method or a {@code TransactionalOperator} on
   * the same connection factory, and Spring's code inside a {@code repo.transact} joins Flecto's
   * ({@link dev.flecto.spring.transaction.SpringTransactions}).
   *
   * <pre>{@code flecto.spring-transactions.enabled=false   # the Repo ignores Spring's transactions }</pre>
   *
   * @param enabled whether the Repo shares transactions with Spring (default true)
   */
  public record SpringTransactionsSharing(@DefaultValue("true") boolean enabled) {}

  /**
   * {@code flecto.migrations.*}: the migrations in these packages ({@code V<version>_<Name>}
   * classes) run up when the application starts, before it serves requests, as Boot runs Flyway's.
   * Two instances starting at once take turns on the migrator's lock.
   *
   * <pre>{@code
   * flecto.migrations.packages=com.example.blog.migrations
   * flecto.migrations.table=schema_migrations   # default
   * flecto.migrations.lock=advisory             # or table, none
   * }</pre>
   *
   * @param enabled whether to run them (default true, when packages are given)
   * @param packages the packages, migrated in order
   * @param table the versions table (default {@code schema_migrations})
   * @param prefix the versions table's schema, or none
   * @param lock {@code advisory} (default), {@code table} or {@code none}
   */
  public record Migrations(@DefaultValue("true") boolean enabled, java.util.List<String> packages, String table,
      String prefix, dev.flecto.migration.MigratorOptions.Lock lock) {
    /**
     * Copies the packages (none when unset).
     *
     * <pre>{@code new FlectoProperties.Migrations(true, List.of("com.example.migrations"), null, null, null) }</pre>
     */
    public Migrations {
      packages = packages == null ? java.util.List.of() : java.util.List.copyOf(packages);
    }

    /**
     * The migrator's options from these properties.
     *
     * <pre>{@code properties.migrations().options() }</pre>
     *
     * @return the options
     */
    public dev.flecto.migration.MigratorOptions options() {
      dev.flecto.migration.MigratorOptions o = dev.flecto.migration.MigratorOptions.defaults();
      o = table != null ? o.withTable(table) : o;
      o = prefix != null ? o.withPrefix(prefix) : o;
      return lock != null ? o.withLock(lock) : o;
    }
  }
}
