package dev.flecto.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The five ways a workload reaches the database, set up alike: Flecto's {@link Repo}, the raw
 * r2dbc-postgresql {@link ConnectionPool} under it, Spring Data R2DBC's {@link R2dbcEntityTemplate}
 * and jOOQ's {@link DSLContext} over that same pool, and blocking JDBC through a HikariCP pool of the
 * same size. The four reactive stacks share one pool, so they share its size, its prepared-statement
 * cache ({@value BenchDatabase#STATEMENT_CACHE_QUERIES} statements a connection), its validation
 * (LOCAL) and the driver's event loop; JDBC gets {@value #POOL_SIZE} connections too, with the same
 * statement cache and server-side preparing from the first execution ({@code prepareThreshold=1}).
 *
 * <pre>{@code
 * Stacks s = Stacks.open();
 * s.repo().get(BenchPerson.class, 1L).block();
 * s.close("DROP TABLE IF EXISTS bench_people");
 * }</pre>
 */
final class Stacks {
  /** Connections in every pool, opened up front. */
  static final int POOL_SIZE = 8;

  static {
    // jOOQ prints a banner and a tip of the day on first use; neither belongs in a benchmark log.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private final BenchDatabase database;
  private final Repo repo;
  private final R2dbcEntityTemplate template;
  private final TransactionalOperator springTx;
  private final DSLContext jooq;
  private final HikariDataSource jdbc;
  // Opened on first use, so that only the workloads measuring it pay for its connections.
  private volatile Repo poolingRepo;
  private volatile Repo loggedRepo;
  private ConnectionPool poolingPool;

  private Stacks(BenchDatabase database, Repo repo, R2dbcEntityTemplate template, TransactionalOperator springTx,
      DSLContext jooq, HikariDataSource jdbc) {
    this.database = database;
    this.repo = repo;
    this.template = template;
    this.springTx = springTx;
    this.jooq = jooq;
    this.jdbc = jdbc;
  }

  /**
   * Opens the database ({@code FLECTO_BENCH_DATABASE_URL}, else an embedded one) and the five stacks.
   *
   * <pre>{@code Stacks s = Stacks.open(); }</pre>
   *
   * @return the stacks, every pool warmed up
   */
  static Stacks open() {
    BenchDatabase database = BenchDatabase.open(POOL_SIZE, ValidationDepth.LOCAL);
    HikariDataSource jdbc = null;
    try {
      ConnectionPool pool = database.pool();
      Repo repo = R2dbcRepos.of(pool, RepoOptions.defaults());
      R2dbcEntityTemplate template = new R2dbcEntityTemplate(pool);
      TransactionalOperator springTx = TransactionalOperator.create(new R2dbcTransactionManager(pool));
      // Execute logging off: jOOQ's default logs every statement at debug level, a cost no one pays in production.
      DSLContext jooq = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
      jdbc = hikari(database.url());
      return new Stacks(database, repo, template, springTx, jooq, jdbc);
    } catch (RuntimeException e) {
      if (jdbc != null) {
        jdbc.close();
      }
      database.close();
      throw e;
    }
  }

  private static HikariDataSource hikari(String r2dbcUrl) {
    ConnectionFactoryOptions o = ConnectionFactoryOptions.parse(r2dbcUrl);
    Object port = o.getValue(ConnectionFactoryOptions.PORT);
    HikariConfig config = new HikariConfig();
    config.setPoolName("flecto-bench-jdbc");
    config.setJdbcUrl("jdbc:postgresql://" + o.getRequiredValue(ConnectionFactoryOptions.HOST)
        + (port == null ? "" : ":" + port) + "/" + o.getValue(ConnectionFactoryOptions.DATABASE));
    config.setUsername(String.valueOf(o.getRequiredValue(ConnectionFactoryOptions.USER)));
    Object password = o.getValue(ConnectionFactoryOptions.PASSWORD);
    if (password != null) {
      config.setPassword(password.toString());
    }
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    config.addDataSourceProperty("prepareThreshold", "1");
    // JDBC's best bulk insert (W4) is a batch the driver rewrites into multi-row INSERTs.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("preparedStatementCacheQueries", String.valueOf(BenchDatabase.STATEMENT_CACHE_QUERIES));
    return new HikariDataSource(config);
  }

  /** Flecto, over {@link #pool()}. */
  Repo repo() {
    return repo;
  }

  /**
   * Flecto over {@link #pool()} with SQL logging on: {@link dev.flecto.telemetry.SqlLogger} at DEBUG
   * rendering every statement's line into a logger that drops it (the cost of logging without an
   * appender's I/O), against {@link #repo()}, which has no listener. Made on first call.
   */
  Repo loggedRepo() {
    Repo r = loggedRepo;
    if (r == null) {
      synchronized (this) {
        if (loggedRepo == null) {
          loggedRepo = R2dbcRepos.of(pool(), RepoOptions.defaults()
              .withListener(dev.flecto.telemetry.SqlLogger.defaults().withLogger(new TelemetryOverheadBenchmark.Dropping())));
        }
        r = loggedRepo;
      }
    }
    return r;
  }

  /**
   * Flecto set up for PgBouncer in transaction mode ({@link RepoOptions#withTransactionPooling}) but
   * straight against the database, to measure what the option costs: a pool like {@link #pool()}
   * (same size and validation) whose driver keeps no prepared statement, so every statement is sent
   * unnamed and parsed and planned each time. Opened on first call.
   */
  Repo poolingRepo() {
    Repo r = poolingRepo;
    if (r == null) {
      synchronized (this) {
        if (poolingRepo == null) {
          io.r2dbc.spi.ConnectionFactory direct = ConnectionFactories.get(ConnectionFactoryOptions.parse(database.url())
              .mutate().option(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES, 0).build());
          poolingPool = new ConnectionPool(ConnectionPoolConfiguration.builder(direct).name("flecto-bench-pooling")
              .initialSize(POOL_SIZE).maxSize(POOL_SIZE).maxAcquireTime(Duration.ofSeconds(10))
              .validationDepth(ValidationDepth.LOCAL).build());
          poolingPool.warmup().block();
          poolingRepo = R2dbcRepos.of(poolingPool, RepoOptions.defaults().withTransactionPooling(true));
        }
        r = poolingRepo;
      }
    }
    return r;
  }

  /** Connections taken from {@link #poolingRepo()}'s pool and not yet given back (0 when it was never opened, -1 without metrics). */
  synchronized int poolingAcquired() {
    return poolingPool == null ? 0 : poolingPool.getMetrics().map(PoolMetrics::acquiredSize).orElse(-1);
  }

  /** The r2dbc-pool every reactive stack uses; the raw side's connections. */
  ConnectionPool pool() {
    return database.pool();
  }

  /** Spring Data R2DBC's template over {@link #pool()} (no Spring Boot, no application context). */
  R2dbcEntityTemplate template() {
    return template;
  }

  /** Spring's reactive transactions over {@link #pool()}, for {@code template} work in one transaction. */
  TransactionalOperator springTx() {
    return springTx;
  }

  /** jOOQ over {@link #pool()}, PostgreSQL dialect, statements executed reactively. */
  DSLContext jooq() {
    return jooq;
  }

  /** The blocking JDBC pool (HikariCP, {@value #POOL_SIZE} connections). */
  HikariDataSource jdbc() {
    return jdbc;
  }

  /** The database the stacks use. */
  BenchDatabase database() {
    return database;
  }

  /** Runs one statement on a pooled connection, consuming its result. */
  void execute(String sql) {
    database.execute(sql);
  }

  /**
   * Ends a trial: drops its tables (on a database the trial did not start), closes every stack and
   * the database, whatever fails on the way.
   *
   * <pre>{@code s.close("DROP TABLE IF EXISTS bench_people"); }</pre>
   *
   * @param dropTables the statement that drops the trial's tables
   */
  void close(String dropTables) {
    try {
      jdbc.close();
      synchronized (this) {
        if (poolingRepo != null) {
          poolingRepo.close();
          poolingPool.disposeLater().block(Duration.ofSeconds(30));
        }
      }
    } finally {
      database.close(repo, dropTables);
    }
  }
}
