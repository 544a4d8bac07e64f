package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.telemetry.QueryListener;
import dev.flecto.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of a Repo and its connection pool. Immutable: each {@code with} step returns a new
 * value.
 *
 * <pre>{@code
 * RepoOptions options = RepoOptions.defaults()
 *     .withPoolMaxSize(20)
 *     .withAcquireTimeout(Duration.ofSeconds(5));
 * Repo repo = Repo.connect("r2dbc:postgresql://localhost/app", options);
 * }</pre>
 *
 * @param poolInitialSize connections opened when the pool starts (default 1)
 * @param poolMaxSize the most connections open at once (default 10)
 * @param acquireTimeout how long one attempt waits for a pooled connection; a failed attempt (a
 *     connection found dead, or this timeout) is tried once more (default 10 s)
 * @param maxIdleTime how long an idle connection stays open (default 30 min)
 * @param validationTimeout how long a connection's liveness check may take before it is thrown
 *     away: a wedged connection is detected by a round trip that does not answer (default 5 s)
 * @param remoteValidation whether a connection is checked with a round trip each time it is taken
 *     from the pool (default true). Only a round trip detects a connection wedged by a result left
 *     unconsumed (which a cancellation race can cause in r2dbc-postgresql 1.1); it costs one round
 *     trip per operation outside a transaction (measured: about 45% of get-by-id throughput in a
 *     single-threaded loop). False checks only that the socket is open: then the first operation
 *     on a connection the server has just closed may fail (SQLSTATE 57P01) before the pool replaces it.
 * @param statementCacheSize prepared statements kept per connection (default 256; 0 sends every
 *     statement unnamed, as {@link #withTransactionPooling(boolean)} requires)
 * @param sqlCacheSize compiled SQL texts kept per Repo, by query shape (default 1024)
 * @param clock the clock read for {@code @Timestamp} fields (default UTC system clock)
 * @param preloadConcurrency how many sibling preloads run at once, each on its own pooled
 *     connection, outside a transaction (default 4; 1 runs them one after another)
 * @param statementTimeout how long one statement may take, from its subscription to its last row
 *     (Ecto's {@code :timeout}, default 15 s): past it the server is asked to cancel the
 *     statement, and the subscriber gets a {@link dev.flecto.TimeoutException} naming the SQL. It
 *     also bounds a subscriber that stops requesting the rows of {@code all}: use
 *     {@code stream} for long reads. Per call: {@link Repo#withStatementTimeout(Duration)}; inside
 *     a transaction with {@link TransactionOptions#timeout()}, that timeout
 * @param idleTimeout how long a stream may wait for demand, and a transaction or a checkout for
 *     its next statement, before it is ended (default 60 s): the cursor is closed, the transaction
 *     rolled back, the connection returned to the pool, and the subscriber gets a
 *     {@link dev.flecto.TimeoutException}. It bounds what a subscriber that neither requests nor
 *     cancels (a lost cancel in a web layer) can hold. Per stream:
 *     {@link StreamOptions#withIdleTimeout(Duration)}; per transaction:
 *     {@link TransactionOptions#withIdleTimeout(Duration)}
 * @param telemetry the Repo's name and the listeners told of every statement (Ecto's telemetry
 *     events; default {@link Telemetry#none()}: nothing measured)
 * @param transactionPooling whether the Repo reaches PostgreSQL through a pooler in transaction
 *     mode, such as PgBouncer's {@code pool_mode = transaction} (default false); see
 *     {@link #withTransactionPooling(boolean)}
 */
public record RepoOptions(
    int poolInitialSize,
    int poolMaxSize,
    Duration acquireTimeout,
    Duration maxIdleTime,
    Duration validationTimeout,
    boolean remoteValidation,
    int statementCacheSize,
    int sqlCacheSize,
    Clock clock,
    int preloadConcurrency,
    Duration statementTimeout,
    Duration idleTimeout,
    Telemetry telemetry,
    boolean transactionPooling) {

  /**
   * Checks the settings, naming the one at fault.
   *
   * <pre>{@code new RepoOptions(1, 10, Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofSeconds(5), true, 256, 1024, Clock.systemUTC(), 4, Duration.ofSeconds(15), Duration.ofSeconds(60), Telemetry.none(), false) }</pre>
   */
  public RepoOptions {
    positive("poolMaxSize", poolMaxSize);
    if (poolInitialSize < 0 || poolInitialSize > poolMaxSize) {
      throw new ArgumentException("RepoOptions.poolInitialSize must be between 0 and poolMaxSize ("
          + poolMaxSize + "), got " + poolInitialSize);
    }
    positive("acquireTimeout", acquireTimeout);
    positive("maxIdleTime", maxIdleTime);
    positive("validationTimeout", validationTimeout);
    if (statementCacheSize < 0) {
      throw new ArgumentException("RepoOptions.statementCacheSize must not be negative, got " + statementCacheSize);
    }
    positive("sqlCacheSize", sqlCacheSize);
    if (clock == null) {
      throw new ArgumentException("RepoOptions.clock must not be null");
    }
    positive("preloadConcurrency", preloadConcurrency);
    positive("statementTimeout", statementTimeout);
    positive("idleTimeout", idleTimeout);
    if (telemetry == null) {
      throw new ArgumentException("RepoOptions.telemetry must not be null (Telemetry.none() for no listener)");
    }
    if (transactionPooling && statementCacheSize != 0) {
      throw new ArgumentException("RepoOptions.statementCacheSize must be 0 with transactionPooling, got "
          + statementCacheSize + ": behind a pooler in transaction mode, clients share server connections and "
          + "their named prepared statements collide there (turn transactionPooling off first to set a cache)");
    }
  }

  /**
   * The settings without {@code transactionPooling} (off), as before it existed.
   *
   * <pre>{@code new RepoOptions(1, 10, Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofSeconds(5), true, 256, 1024, Clock.systemUTC(), 4, Duration.ofSeconds(15), Duration.ofSeconds(60), Telemetry.none()) }</pre>
   */
  public RepoOptions(int poolInitialSize, int poolMaxSize, Duration acquireTimeout, Duration maxIdleTime,
      Duration validationTimeout, boolean remoteValidation, int statementCacheSize, int sqlCacheSize, Clock clock,
      int preloadConcurrency, Duration statementTimeout, Duration idleTimeout, Telemetry telemetry) {
    this(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout, remoteValidation,
        statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, false);
  }

  /** Ecto's default {@code :timeout} of a statement. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(15);

  /** How long a stream waits for demand, or a transaction or checkout for a statement, unless told otherwise. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The defaults: a small pool (1 to 10), bounded caches, a 10-second acquire timeout, a 15-second
   * statement timeout and a 60-second idle timeout.
   *
   * <pre>{@code RepoOptions.defaults() }</pre>
   *
   * @return the default options
   */
  public static RepoOptions defaults() {
    return new RepoOptions(1, 10, Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofSeconds(5),
        true, 256, 1024, Clock.systemUTC(), 4, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, Telemetry.none());
  }

  /**
   * With another initial pool size.
   *
   * <pre>{@code RepoOptions.defaults().withPoolInitialSize(2) }</pre>
   *
   * @param n connections opened at start
   * @return the new options
   */
  public RepoOptions withPoolInitialSize(int n) {
    return new RepoOptions(n, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With another maximum pool size (the initial size is lowered to fit).
   *
   * <pre>{@code RepoOptions.defaults().withPoolMaxSize(20) }</pre>
   *
   * @param n the most connections
   * @return the new options
   */
  public RepoOptions withPoolMaxSize(int n) {
    return new RepoOptions(Math.min(poolInitialSize, Math.max(n, 0)), n, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With another acquire timeout.
   *
   * <pre>{@code RepoOptions.defaults().withAcquireTimeout(Duration.ofSeconds(2)) }</pre>
   *
   * @param d the timeout
   * @return the new options
   */
  public RepoOptions withAcquireTimeout(Duration d) {
    return new RepoOptions(poolInitialSize, poolMaxSize, d, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With another idle time.
   *
   * <pre>{@code RepoOptions.defaults().withMaxIdleTime(Duration.ofMinutes(5)) }</pre>
   *
   * @param d the idle time
   * @return the new options
   */
  public RepoOptions withMaxIdleTime(Duration d) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, d, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With another validation timeout.
   *
   * <pre>{@code RepoOptions.defaults().withValidationTimeout(Duration.ofSeconds(1)) }</pre>
   *
   * @param d the timeout
   * @return the new options
   */
  public RepoOptions withValidationTimeout(Duration d) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, d,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With another prepared-statement cache size per connection.
   *
   * <pre>{@code RepoOptions.defaults().withStatementCacheSize(64) }</pre>
   *
   * @param n statements kept
   * @return the new options
   */
  public RepoOptions withStatementCacheSize(int n) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, n, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With another compiled-SQL cache size.
   *
   * <pre>{@code RepoOptions.defaults().withSqlCacheSize(4096) }</pre>
   *
   * @param n shapes kept
   * @return the new options
   */
  public RepoOptions withSqlCacheSize(int n) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, n, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With another clock for timestamps (tests use a fixed one).
   *
   * <pre>{@code RepoOptions.defaults().withClock(Clock.fixed(instant, ZoneOffset.UTC)) }</pre>
   *
   * @param c the clock
   * @return the new options
   */
  public RepoOptions withClock(Clock c) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, c, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With or without a round-trip check of each connection taken from the pool.
   *
   * <pre>{@code RepoOptions.defaults().withRemoteValidation(false) // faster; a wedged connection goes unnoticed }</pre>
   *
   * @param on true to check with a round trip
   * @return the new options
   */
  public RepoOptions withRemoteValidation(boolean on) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        on, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * With another bound on sibling preloads run at once outside a transaction; 1 turns concurrent
   * preloading off (each sibling then waits for the one before, on one connection at a time).
   *
   * <pre>{@code RepoOptions.defaults().withPreloadConcurrency(1) }</pre>
   *
   * @param n at least 1
   * @return the new options
   */
  public RepoOptions withPreloadConcurrency(int n) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, n, statementTimeout, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * A copy with another statement timeout.
   *
   * <pre>{@code RepoOptions.defaults().withStatementTimeout(Duration.ofMinutes(2)) }</pre>
   *
   * @param d how long one statement may take, positive
   * @return the new options
   */
  public RepoOptions withStatementTimeout(Duration d) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, d, idleTimeout, telemetry, transactionPooling);
  }

  /**
   * A copy with another idle timeout for streams, transactions and checkouts.
   *
   * <pre>{@code RepoOptions.defaults().withIdleTimeout(Duration.ofMinutes(5)) }</pre>
   *
   * @param d how long a stream may wait for demand, or a transaction or checkout for its next statement, positive
   * @return the new options
   */
  public RepoOptions withIdleTimeout(Duration d) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, d, telemetry, transactionPooling);
  }

  /**
   * For a Repo behind a connection pooler in transaction mode: PgBouncer with
   * {@code pool_mode = transaction} (PgBouncer before 1.21 keeps no prepared statements at all),
   * or any pooler that lends a server connection for one transaction at a time. Such a pooler gives
   * each transaction, and each statement outside one, whichever server connection is free, so
   * nothing may rely on the state of a server session between transactions. On, it changes:
   * <ul>
   *   <li>statements are sent unnamed ({@code statementCacheSize} 0): the driver's prepared-statement
   *       cache names statements per client connection ({@code S_0}, {@code S_1}, ...), and behind
   *       the pooler another client's {@code S_0} may already exist on the server connection
   *       ("prepared statement "S_0" already exists"), or ours may be missing. Each statement is
   *       then parsed and planned on every execution;
   *   <li>the migrator refuses its session advisory lock ({@code MigratorOptions.Lock.ADVISORY}):
   *       the lock would be taken on one server connection and released (or not) on another. Use
   *       {@code Lock.TABLE}, or run migrations over a direct connection.
   * </ul>
   * What Flecto does already keeps to a transaction, with or without this option: a statement
   * timeout of a transaction is {@code SET LOCAL}; a {@code stream} reads its cursor inside a
   * transaction (its own when none is open); Flecto opens no session {@code SET}, {@code LISTEN},
   * temporary table or {@code WITH HOLD} cursor. Your own SQL must keep to the same rule: {@code SET
   * LOCAL} inside {@code transact}, never a session {@code SET} (nor one inside {@code checkout},
   * which holds a client connection, not a server one).
   *
   * <p>{@link Repo#connect(String, RepoOptions)} configures its driver accordingly. A Repo made over
   * your own connection factory ({@code R2dbcRepos.of(factory, options)}) cannot reconfigure it:
   * build that factory with {@code preparedStatementCacheQueries} 0 (the URL option
   * {@code ?preparedStatementCacheQueries=0}, or {@code PostgresqlConnectionConfiguration.builder()
   * .preparedStatementCacheQueries(0)}). The driver's startup parameter {@code extra_float_digits}
   * must be in PgBouncer's {@code ignore_startup_parameters}. Turning the option off leaves
   * {@code statementCacheSize} at 0 until {@link #withStatementCacheSize(int)} raises it.
   *
   * <pre>{@code
   * Repo repo = Repo.connect("postgres://app@pgbouncer:6432/app",
   *     RepoOptions.defaults().withTransactionPooling(true));
   * }</pre>
   *
   * @param on true behind a pooler in transaction mode
   * @return the new options
   */
  public RepoOptions withTransactionPooling(boolean on) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, on ? 0 : statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout,
        idleTimeout, telemetry, on);
  }

  private static void positive(String name, int n) {
    if (n <= 0) {
      throw new ArgumentException("RepoOptions." + name + " must be positive, got " + n);
    }
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ArgumentException("RepoOptions." + name + " must be a positive duration, got " + d);
    }
  }

  /**
   * With another name and other listeners.
   *
   * <pre>{@code RepoOptions.defaults().withTelemetry(Telemetry.none().withRepo("orders")) }</pre>
   *
   * @param t the telemetry
   * @return the new options
   */
  public RepoOptions withTelemetry(Telemetry t) {
    return new RepoOptions(poolInitialSize, poolMaxSize, acquireTimeout, maxIdleTime, validationTimeout,
        remoteValidation, statementCacheSize, sqlCacheSize, clock, preloadConcurrency, statementTimeout, idleTimeout, t, transactionPooling);
  }

  /**
   * With one more listener told of every statement ({@link dev.flecto.telemetry.SqlLogger}, a
   * metrics binding, your own).
   *
   * <pre>{@code RepoOptions.defaults().withListener(SqlLogger.defaults()) }</pre>
   *
   * @param listener the listener
   * @return the new options
   */
  public RepoOptions withListener(QueryListener listener) {
    return withTelemetry(telemetry.withListener(listener));
  }
}
