package dev.flecto.migration;

import java.time.Duration;

/**
 * The migrator's options: the versions table (Ecto's {@code migration_source} and
 * {@code migration_default_prefix}), the lock (Ecto's {@code migration_lock}), how long a
 * statement may run (migrations build indexes on big tables: an hour by default, where
 * queries get 15 s), and how long to wait for another instance's lock. Every step returns a new value.
 *
 * <pre>{@code
 * MigratorOptions.defaults().withTable("flecto_versions").withPrefix("tenant_1").withLock(MigratorOptions.Lock.TABLE)
 * }</pre>
 *
 * @param table the versions table (default {@code schema_migrations})
 * @param prefix the schema the run works in (Ecto's {@code --prefix}): the versions table's, and the
 *     default of every command's table, index and constraint that names none; null for the
 *     search path's
 * @param lock how concurrent migrators are kept apart
 * @param statementTimeout the longest a migration's statement may run
 * @param lockTimeout how long to wait for another migrator's lock before failing
 * @param lockRetryInterval how often to try the advisory lock while waiting
 */
public record MigratorOptions(String table, String prefix, Lock lock, Duration statementTimeout, Duration lockTimeout,
    Duration lockRetryInterval) {
  /** How two migrators at once are kept apart. <pre>{@code MigratorOptions.defaults().withLock(Lock.TABLE)}</pre> */
  public enum Lock {
    /**
     * A session advisory lock ({@code pg_try_advisory_lock}, retried), held on one connection
     * while the whole run lasts; each migration commits on its own. The default. Refused behind a
     * pooler in transaction mode ({@code RepoOptions.withTransactionPooling}), which cannot keep a
     * session lock: use {@link #TABLE} there.
     */
    ADVISORY,
    /**
     * Ecto's {@code :table_lock}: the versions table locked ({@code LOCK TABLE ... IN SHARE UPDATE
     * EXCLUSIVE MODE}) in one transaction that the run's migrations join, so a failure rolls back
     * the whole run. A migration that disables its DDL transaction must also disable the lock.
     */
    TABLE,
    /** No lock: for a single instance, or a tool that locks itself. */
    NONE
  }

  /**
   * Checks the parts.
   *
   * <pre>{@code new MigratorOptions("schema_migrations", null, Lock.ADVISORY, Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofSeconds(1)) }</pre>
   */
  public MigratorOptions {
    Checks.given(table, "table", "MigratorOptions");
    Checks.given(lock, "lock", "MigratorOptions");
    Checks.given(statementTimeout, "statementTimeout", "MigratorOptions");
    Checks.given(lockTimeout, "lockTimeout", "MigratorOptions");
    Checks.given(lockRetryInterval, "lockRetryInterval", "MigratorOptions");
    if (table.isBlank()) {
      throw new MigrationException("MigratorOptions.table must not be blank");
    }
  }

  /**
   * {@code schema_migrations}, the advisory lock, statements up to an hour, a 15-minute wait for
   * the lock tried every second.
   *
   * <pre>{@code MigratorOptions.defaults() }</pre>
   *
   * @return the defaults
   */
  public static MigratorOptions defaults() {
    return new MigratorOptions("schema_migrations", null, Lock.ADVISORY, Duration.ofHours(1), Duration.ofMinutes(15),
        Duration.ofSeconds(1));
  }

  /**
   * The versions table's name.
   *
   * <pre>{@code MigratorOptions.defaults().withTable("flecto_versions") }</pre>
   *
   * @param name the table
   * @return new options
   */
  public MigratorOptions withTable(String name) {
    return new MigratorOptions(name, prefix, lock, statementTimeout, lockTimeout, lockRetryInterval);
  }

  /**
   * The schema the run works in, a tenant's (Ecto's {@code --prefix}): the versions table lives
   * there, and so do the tables, indexes and constraints of commands that name no prefix. Raw SQL
   * ({@code execute}) is left as written.
   *
   * <pre>{@code MigratorOptions.defaults().withPrefix("tenant_1") }</pre>
   *
   * @param schema the prefix, or null
   * @return new options
   */
  public MigratorOptions withPrefix(String schema) {
    return new MigratorOptions(table, schema, lock, statementTimeout, lockTimeout, lockRetryInterval);
  }

  /**
   * The lock.
   *
   * <pre>{@code MigratorOptions.defaults().withLock(Lock.TABLE) }</pre>
   *
   * @param kind the lock
   * @return new options
   */
  public MigratorOptions withLock(Lock kind) {
    return new MigratorOptions(table, prefix, kind, statementTimeout, lockTimeout, lockRetryInterval);
  }

  /**
   * The longest a migration's statement may run.
   *
   * <pre>{@code MigratorOptions.defaults().withStatementTimeout(Duration.ofMinutes(10)) }</pre>
   *
   * @param timeout the bound
   * @return new options
   */
  public MigratorOptions withStatementTimeout(Duration timeout) {
    return new MigratorOptions(table, prefix, lock, timeout, lockTimeout, lockRetryInterval);
  }

  /**
   * How long to wait for another migrator's lock, and how often to try.
   *
   * <pre>{@code MigratorOptions.defaults().withLockWait(Duration.ofMinutes(1), Duration.ofMillis(200)) }</pre>
   *
   * @param timeout the longest wait
   * @param retryInterval the time between tries
   * @return new options
   */
  public MigratorOptions withLockWait(Duration timeout, Duration retryInterval) {
    return new MigratorOptions(table, prefix, lock, statementTimeout, timeout, retryInterval);
  }
}
