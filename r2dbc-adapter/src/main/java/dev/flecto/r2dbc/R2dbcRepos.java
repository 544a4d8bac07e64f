package dev.flecto.r2dbc;

import dev.flecto.FlectoException;
import dev.flecto.adapter.Adapter;
import dev.flecto.r2dbc.postgres.PostgresDialect;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;

/**
 * Creates Repos on R2DBC: from a URL with an r2dbc-pool inside, or from a {@link ConnectionFactory}
 * an application already has.
 *
 * <pre>{@code
 * Repo repo = R2dbcRepos.connect("r2dbc:postgresql://localhost/app", RepoOptions.defaults());
 * Repo same = Repo.connect("postgres://user:secret@localhost/app");   // finds this adapter by URL
 * Repo mine = R2dbcRepos.of(myConnectionPool, RepoOptions.defaults());
 * }</pre>
 */
public final class R2dbcRepos {
  private R2dbcRepos() {}

  /**
   * A Repo with its own pool: {@code initialSize}/{@code maxSize} from the options, a bounded
   * prepared-statement cache, an acquire timeout, and (unless
   * {@link RepoOptions#remoteValidation()} is off) remote validation, a round trip bounded by
   * {@code validationTimeout}, so a dead or wedged connection is thrown away and replaced instead of
   * handed out. A failed acquire is tried once more, so an exhausted pool fails after about twice
   * {@code acquireTimeout}. With {@link RepoOptions#withTransactionPooling(boolean)} (behind
   * PgBouncer in transaction mode) the driver's statement cache is off, so every statement is sent
   * unnamed.
   *
   * <pre>{@code R2dbcRepos.connect("r2dbc:postgresql://localhost:5432/app", RepoOptions.defaults()) }</pre>
   *
   * @param url {@code r2dbc:postgresql://...}, {@code postgres://...} or {@code postgresql://...}
   * @param options the pool and cache settings
   * @return the repo; {@link Repo#close()} drains the pool
   */
  public static Repo connect(String url, RepoOptions options) {
    return Repo.of(adapter(url, options), options);
  }

  /**
   * A Repo on a primary with read replicas, each with a pool of its own sized as the primary's
   * (Ecto's "Replicas and dynamic repositories" guide). Writes, transactions, checkouts and raw
   * SQL go to the primary; {@link Repo#replica()} gives a read-only Repo on a healthy replica;
   * with {@link Replicas#withAutoRoute(boolean)} on, reads outside transactions go to replicas by
   * themselves, and {@link Repo#primary()} reads the primary. A replica that is down, or lags
   * beyond {@link Replicas#maxLag()}, is skipped (reads go to the primary) until a health check
   * finds it well; telemetry listeners are told ({@link dev.flecto.telemetry.QueryListener#onReplica}).
   * A replica is out of use until its first health check, which starts at once.
   *
   * <pre>{@code
   * Repo repo = R2dbcRepos.connect("postgres://app@db-primary/app", RepoOptions.defaults(),
   *     Replicas.urls("postgres://app@db-replica-1/app", "postgres://app@db-replica-2/app"));
   * repo.replica().all(Query.from(Post.class));   // on a replica
   * repo.insert(post);                           // on the primary
   * }</pre>
   *
   * @param url the primary's URL, as for {@link #connect(String, RepoOptions)}
   * @param options the options of every pool, and the telemetry
   * @param replicas the replicas and how to use them
   * @return the repo; {@link Repo#close()} stops the health check and drains every pool
   */
  public static Repo connect(String url, RepoOptions options, Replicas replicas) {
    R2dbcAdapter primary = (R2dbcAdapter) adapter(url, options);
    return Repo.of(new ReplicaRouter(primary, new ReplicaSet(replicas, options, primary.dialect()), replicas.autoRoute()), options);
  }

  /**
   * A Repo on a primary's connection factory with read replicas, as
   * {@link #connect(String, RepoOptions, Replicas)}; the factories are used as they are, and
   * closed by their owner (replicas given by URL get pools of their own, closed with the Repo).
   *
   * <pre>{@code R2dbcRepos.of(primaryPool, RepoOptions.defaults(), Replicas.factories(replicaPool)) }</pre>
   *
   * @param factory the primary's connection factory
   * @param options options (pool settings must stay the defaults, as for {@link #of(ConnectionFactory, RepoOptions)})
   * @param replicas the replicas and how to use them
   * @return the repo
   */
  public static Repo of(ConnectionFactory factory, RepoOptions options, Replicas replicas) {
    poolSettingsUnchanged(options);
    R2dbcAdapter primary = new R2dbcAdapter(new PooledSource(factory, false, Observed.of(options.telemetry())),
        new PostgresDialect(options.sqlCacheSize()), options);
    return Repo.of(new ReplicaRouter(primary, new ReplicaSet(replicas, options, primary.dialect()), replicas.autoRoute()), options);
  }

  static Adapter adapter(String url, RepoOptions options) {
    return new R2dbcAdapter(new PooledSource(pool(url, options, "flecto"), true, Observed.of(options.telemetry())),
        new PostgresDialect(options.sqlCacheSize()), options);
  }

  /** The pool {@link #connect(String, RepoOptions)} makes for a URL (a replica's too, under its own name). */
  static ConnectionPool pool(String url, RepoOptions options, String name) {
    ConnectionFactoryOptions parsed;
    try {
      parsed = ConnectionFactoryOptions.parse(r2dbcUrl(url));
    } catch (IllegalArgumentException e) {
      throw new FlectoException("cannot parse database URL: " + e.getMessage()
          + " (expected r2dbc:postgresql://user:password@host:port/database)", e);
    }
    ConnectionFactory direct = ConnectionFactories.get(parsed.mutate()
        .option(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES, options.statementCacheSize())
        .build());
    return new ConnectionPool(ConnectionPoolConfiguration.builder(direct)
        .name(name)
        .initialSize(options.poolInitialSize())
        .maxSize(options.poolMaxSize())
        .maxAcquireTime(options.acquireTimeout())
        // A connection that fails validation (dead, or wedged) is thrown away and the acquire is tried once more.
        .acquireRetry(1)
        .maxIdleTime(options.maxIdleTime())
        .validationDepth(options.remoteValidation() ? ValidationDepth.REMOTE : ValidationDepth.LOCAL)
        .maxValidationTime(options.validationTimeout())
        .build());
  }

  /**
   * A Repo over an existing connection factory, which should be a pool (every operation outside a
   * transaction asks it for a connection). Closing the Repo leaves the factory open: its owner
   * closes it.
   *
   * <pre>{@code R2dbcRepos.of(new ConnectionPool(config), RepoOptions.defaults()) }</pre>
   *
   * @param factory the connection factory
   * @param options options; the factory is already built, so its pool settings must stay the
   *     defaults (size, acquire and idle times, validation): set them on the pool itself. So must
   *     its statement cache: with {@link RepoOptions#withTransactionPooling(boolean)}, build the
   *     factory with {@code preparedStatementCacheQueries} 0 (unnamed statements), which this
   *     method cannot check
   * @return the repo
   * @throws FlectoException naming the pool setting that was changed, as it would have no effect
   */
  public static Repo of(ConnectionFactory factory, RepoOptions options) {
    return of(factory, options, (ExternalTransactions) null);
  }

  /**
   * A Repo over an existing connection factory whose transactions are shared with another
   * transaction manager on the same factory: outside a {@code transact}, its statements join the
   * other manager's transaction when the Reactor Context carries one; inside, the other manager's
   * code joins Flecto's (see {@link ExternalTransactions}; the Spring Boot starter does this for
   * Spring's {@code @Transactional}).
   *
   * <pre>{@code R2dbcRepos.of(pool, RepoOptions.defaults(), new SpringTransactions(pool)) }</pre>
   *
   * @param factory the connection factory, the one the other manager uses
   * @param options options (pool settings must stay the defaults, as for {@link #of(ConnectionFactory, RepoOptions)})
   * @param external the other manager's transactions, or null for none
   * @return the repo
   * @throws FlectoException naming the pool setting that was changed, as it would have no effect
   */
  public static Repo of(ConnectionFactory factory, RepoOptions options, ExternalTransactions external) {
    poolSettingsUnchanged(options);
    return Repo.of(new R2dbcAdapter(new PooledSource(factory, false, Observed.of(options.telemetry())),
        new PostgresDialect(options.sqlCacheSize()), options, external), options);
  }

  /**
   * A Repo on a shared sandbox's pool that runs in the sandbox a test holds, when one does (for
   * the application's Repo in whole-application tests).
   *
   * <pre>{@code Repo appRepo = R2dbcRepos.of(SharedSandbox.over(pool), RepoOptions.defaults()); }</pre>
   *
   * @param shared the shared sandbox
   * @param options options (pool settings must stay the defaults, as for a connection factory)
   * @return the repo
   */
  public static Repo of(SharedSandbox shared, RepoOptions options) {
    poolSettingsUnchanged(options);
    return Repo.of(new R2dbcAdapter(new SharedSource(shared, Observed.of(options.telemetry())),
        new PostgresDialect(options.sqlCacheSize()), options), options);
  }

  // A pool setting given with a ready-made factory used to be ignored silently: a user who sized
  // the pool here believed it sized (seen with Spring Boot's pool). Say so instead.
  private static void poolSettingsUnchanged(RepoOptions options) {
    RepoOptions d = RepoOptions.defaults();
    String changed = options.poolInitialSize() != d.poolInitialSize() ? "poolInitialSize"
        : options.poolMaxSize() != d.poolMaxSize() ? "poolMaxSize"
        : !options.acquireTimeout().equals(d.acquireTimeout()) ? "acquireTimeout"
        : !options.maxIdleTime().equals(d.maxIdleTime()) ? "maxIdleTime"
        : !options.validationTimeout().equals(d.validationTimeout()) ? "validationTimeout"
        : options.remoteValidation() != d.remoteValidation() ? "remoteValidation" : null;
    if (changed != null) {
      throw new FlectoException("RepoOptions." + changed + " was set, but R2dbcRepos.of(connectionFactory, options) "
          + "uses the connection factory as it is and cannot apply pool settings: configure them on the pool "
          + "(ConnectionPoolConfiguration, or spring.r2dbc.pool.* in Spring Boot), or let Repo.connect(url, options) "
          + "build the pool", null);
    }
  }

  /**
   * A Repo over an existing connection factory with the default options.
   *
   * <pre>{@code R2dbcRepos.of(pool) }</pre>
   *
   * @param factory the connection factory
   * @return the repo
   */
  public static Repo of(ConnectionFactory factory) {
    return of(factory, RepoOptions.defaults());
  }

  /**
   * Whether the URL names PostgreSQL in a form this adapter takes.
   *
   * <pre>{@code R2dbcRepos.accepts("postgres://localhost/app") // true }</pre>
   *
   * @param url a database URL
   * @return true for {@code r2dbc:postgresql:}, {@code postgres://} and {@code postgresql://} URLs
   */
  public static boolean accepts(String url) {
    return url != null && (url.startsWith("r2dbc:postgresql:") || url.startsWith("r2dbc:postgres:")
        || url.startsWith("r2dbc:pool:postgresql:") || url.startsWith("postgres://") || url.startsWith("postgresql://"));
  }

  /**
   * The R2DBC form of a PostgreSQL URL: {@code postgres://} and {@code postgresql://} (as
   * {@code DATABASE_URL} often is) become {@code r2dbc:postgresql://}, and a pool prefix is dropped
   * because Flecto makes its own pool.
   *
   * <pre>{@code R2dbcRepos.r2dbcUrl("postgres://app:secret@db/friends") // r2dbc:postgresql://app:secret@db/friends }</pre>
   *
   * @param url a URL this adapter {@linkplain #accepts(String) accepts}
   * @return the URL for {@code ConnectionFactories.get}
   */
  public static String r2dbcUrl(String url) {
    if (url.startsWith("postgres://")) {
      return "r2dbc:postgresql://" + url.substring("postgres://".length());
    }
    if (url.startsWith("postgresql://")) {
      return "r2dbc:" + url;
    }
    if (url.startsWith("r2dbc:pool:")) {
      return "r2dbc:" + url.substring("r2dbc:pool:".length());
    }
    return url;
  }
}
