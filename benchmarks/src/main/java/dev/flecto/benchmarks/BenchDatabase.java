package dev.flecto.benchmarks;

import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.test.EmbeddedDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * The database of a benchmark run: {@value #DATABASE_URL} (a system property, else an environment
 * variable; an {@code r2dbc:postgresql://...} or {@code postgres://...} URL) when set, else an
 * embedded PostgreSQL started for the run; and one r2dbc-pool over it, opened up front, shared by
 * the Flecto side and the hand-written side so both pay for the same connections.
 */
final class BenchDatabase implements AutoCloseable {
  /** The system property or environment variable naming the database; unset starts an embedded one. */
  static final String DATABASE_URL = "FLECTO_BENCH_DATABASE_URL";
  /** Prepared statements the driver keeps per connection (Flecto's default). */
  static final int STATEMENT_CACHE_QUERIES = 256;

  private final EmbeddedDatabase embedded;
  private final ConnectionPool pool;
  private final String url;

  private BenchDatabase(EmbeddedDatabase embedded, ConnectionPool pool, String url) {
    this.embedded = embedded;
    this.pool = pool;
    this.url = url;
  }

  /** Starts (or finds) the database and opens a pool of {@code size} connections with the given validation. */
  static BenchDatabase open(int size, ValidationDepth validation) {
    String url = databaseUrl();
    EmbeddedDatabase embedded = url == null ? EmbeddedDatabase.start() : null;
    try {
      String r2dbcUrl = R2dbcRepos.r2dbcUrl(url == null ? embedded.url() : url);
      ConnectionFactory direct = ConnectionFactories.get(ConnectionFactoryOptions.parse(r2dbcUrl).mutate()
          .option(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES, STATEMENT_CACHE_QUERIES)
          .build());
      ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(direct)
          .name("flecto-bench")
          .initialSize(size)
          .maxSize(size)
          .maxAcquireTime(Duration.ofSeconds(10))
          .validationDepth(validation)
          .build());
      pool.warmup().block();
      return new BenchDatabase(embedded, pool, r2dbcUrl);
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  ConnectionPool pool() {
    return pool;
  }

  /** The database's R2DBC URL, for the peers that open their own connections (never for a report). */
  String url() {
    return url;
  }

  /** Whether the database was started for this run (and goes away with it). */
  boolean embedded() {
    return embedded != null;
  }

  /** What the database is, for a report: never its URL, which may hold a password or a host name. */
  String description() {
    return embedded != null ? "embedded PostgreSQL" : "PostgreSQL from " + DATABASE_URL;
  }

  /** Runs one statement on a pooled connection, consuming its result. */
  void execute(String sql) {
    Flux.usingWhen(pool.create(),
            c -> Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated),
            Connection::close)
        .blockLast(Duration.ofMinutes(5));
  }

  /**
   * Ends a trial: drops its tables (only on a database the run did not start), closes its repo,
   * then {@link #close()}, whatever fails on the way.
   */
  void close(dev.flecto.repo.Repo repo, String dropTables) {
    try {
      if (!embedded()) {
        execute(dropTables);
      }
      if (repo != null) {
        repo.close();
      }
    } finally {
      close();
    }
  }

  /** Closes the pool and stops the embedded database, if one was started. */
  @Override
  public void close() {
    try {
      if (!pool.isDisposed()) {
        pool.disposeLater().block(Duration.ofSeconds(30));
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  static String databaseUrl() {
    String url = System.getProperty(DATABASE_URL);
    if (url == null || url.isBlank()) {
      url = System.getenv(DATABASE_URL);
    }
    return url == null || url.isBlank() ? null : url.trim();
  }
}
