package dev.flecto.benchmarks;

import dev.flecto.query.Op;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.EmbeddedDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads through Flecto next to the same reads written by hand on r2dbc-postgresql, in one run,
 * over one r2dbc-pool {@link ConnectionPool} shared by both sides (same size, same
 * prepared-statement cache, same validation), so the difference is Flecto's own cost: query
 * planning, SQL lookup, binding and row mapping.
 *
 * <p>The database is {@code FLECTO_BENCH_DATABASE_URL} (a system property, else an environment
 * variable; an {@code r2dbc:postgresql://...} URL) when set, else an embedded PostgreSQL started for
 * the trial. A system property given to the JMH launcher does not reach the forked JVM: pass it
 * with {@code -jvmArgsAppend -DFLECTO_BENCH_DATABASE_URL=...} or use the environment variable.
 * The table {@code bench_people} is dropped and re-created there.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ReadBenchmark -f 1 -wi 3 -w 3s -i 5 -r 3s
 * java -jar benchmarks/target/benchmarks.jar ReadBenchmark -p validation=LOCAL,REMOTE -t 2
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
public class ReadBenchmark {
  /** The system property or environment variable naming the database; unset starts an embedded one. */
  public static final String DATABASE_URL = "FLECTO_BENCH_DATABASE_URL";
  /** Rows seeded, with ids 1..ROWS. */
  public static final int ROWS = 10_000;
  /** Rows read by the page benchmarks. */
  public static final int PAGE = 100;
  /** Prepared statements the driver keeps per connection (Flecto's default). */
  public static final int STATEMENT_CACHE_QUERIES = 256;

  static final String RAW_GET =
      "SELECT id, first_name, last_name, age, inserted_at FROM bench_people WHERE id = $1";
  static final String RAW_PAGE =
      "SELECT id, first_name, last_name, age, inserted_at FROM bench_people WHERE age >= $1 ORDER BY id LIMIT $2";

  /** Connections in the pool, opened up front (initial size = max size). */
  @Param({"4"})
  public int poolSize = 4;

  /**
   * The pool's validation on every acquire: {@code LOCAL} (r2dbc-pool's default, no round trip) or
   * {@code REMOTE} (one extra round trip per acquire, what {@code R2dbcRepos.connect} configures).
   */
  @Param({"LOCAL"})
  public String validation = "LOCAL";

  private EmbeddedDatabase embedded;
  private ConnectionPool pool;
  private Repo repo;

  /**
   * Starts the embedded database when no URL is given, builds the pool, creates and seeds
   * {@code bench_people}, and checks once that both sides read the same rows.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Setup(Level.Trial)
  public void setup() {
    String url = databaseUrl();
    if (url == null) {
      embedded = EmbeddedDatabase.start();
      url = embedded.url();
    }
    ConnectionFactory direct = ConnectionFactories.get(ConnectionFactoryOptions.parse(R2dbcRepos.r2dbcUrl(url)).mutate()
        .option(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES, STATEMENT_CACHE_QUERIES)
        .build());
    pool = new ConnectionPool(ConnectionPoolConfiguration.builder(direct)
        .name("flecto-bench")
        .initialSize(poolSize)
        .maxSize(poolSize)
        .maxAcquireTime(Duration.ofSeconds(10))
        .validationDepth(ValidationDepth.valueOf(validation))
        .build());
    pool.warmup().block();
    repo = R2dbcRepos.of(pool, RepoOptions.defaults());
    execute("DROP TABLE IF EXISTS bench_people");
    execute("CREATE TABLE bench_people ("
        + "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
        + "first_name text NOT NULL, "
        + "last_name text, "
        + "age integer NOT NULL, "
        + "inserted_at timestamptz NOT NULL)");
    execute("INSERT INTO bench_people (id, first_name, last_name, age, inserted_at) "
        + "SELECT g, 'First' || g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'Last' || g END, g % 90, "
        + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute 1.000123 second' "
        + "FROM generate_series(1, " + ROWS + ") AS g");
    execute("ANALYZE bench_people");
    verify();
  }

  /** Closes the pool and stops the embedded database, if one was started. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      if (pool != null && !pool.isDisposed()) {
        if (embedded == null) {
          execute("DROP TABLE IF EXISTS bench_people");
        }
        if (repo != null) {
          repo.close();
        }
        pool.disposeLater().block(Duration.ofSeconds(30));
      }
    } finally {
      pool = null;
      repo = null;
      if (embedded != null) {
        embedded.close();
        embedded = null;
      }
    }
  }

  /** One row by primary key through {@code Repo.get}. */
  @Benchmark
  public BenchPerson flectoGetById() {
    return flectoGet(randomId());
  }

  /** One row by primary key, written by hand on the driver, mapped by column index. */
  @Benchmark
  public BenchPerson rawGetById() {
    return rawGet(randomId());
  }

  /** {@value #PAGE} rows through {@code Repo.all} of a query built on each call. */
  @Benchmark
  public List<BenchPerson> flectoAll100() {
    return flectoPage(0, PAGE);
  }

  /** {@value #PAGE} rows, written by hand on the driver, mapped by column index. */
  @Benchmark
  public List<BenchPerson> rawAll100() {
    return rawPage(0, PAGE);
  }

  BenchPerson flectoGet(long id) {
    return repo.get(BenchPerson.class, id).block();
  }

  BenchPerson rawGet(long id) {
    return Flux.usingWhen(pool.create(),
            c -> Flux.from(c.createStatement(RAW_GET).bind(0, id).execute())
                .flatMap(r -> r.map(ReadBenchmark::person)),
            Connection::close)
        .singleOrEmpty()
        .block();
  }

  List<BenchPerson> flectoPage(int minAge, int limit) {
    return repo.all(Query.from(BenchPerson.class).where("age", Op.GE, minAge).orderBy("id").limit(limit))
        .collectList()
        .block();
  }

  List<BenchPerson> rawPage(int minAge, int limit) {
    return Flux.usingWhen(pool.create(),
            c -> Flux.from(c.createStatement(RAW_PAGE).bind(0, minAge).bind(1, limit).execute())
                .flatMap(r -> r.map(ReadBenchmark::person)),
            Connection::close)
        .collectList()
        .block();
  }

  private static BenchPerson person(Row row, RowMetadata metadata) {
    return new BenchPerson(
        row.get(0, Long.class),
        row.get(1, String.class),
        row.get(2, String.class),
        row.get(3, Integer.class),
        row.get(4, Instant.class));
  }

  private static long randomId() {
    return ThreadLocalRandom.current().nextLong(1, ROWS + 1);
  }

  // A benchmark of two sides that read different rows would be worthless: fail the trial instead.
  private void verify() {
    for (long id : new long[] {1, 10, ROWS / 2, ROWS}) {
      BenchPerson flecto = flectoGet(id);
      BenchPerson raw = rawGet(id);
      if (flecto == null || !flecto.equals(raw)) {
        throw new IllegalStateException("get by id " + id + " differs: flecto " + flecto + ", raw " + raw);
      }
    }
    List<BenchPerson> flecto = flectoPage(0, PAGE);
    List<BenchPerson> raw = rawPage(0, PAGE);
    if (flecto.size() != PAGE || !flecto.equals(raw)) {
      throw new IllegalStateException("page of " + PAGE + " differs: flecto " + flecto.size() + " rows, raw "
          + raw.size() + " rows");
    }
  }

  private void execute(String sql) {
    Flux.usingWhen(pool.create(),
            c -> Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated),
            Connection::close)
        .blockLast(Duration.ofSeconds(60));
  }

  private static String databaseUrl() {
    String url = System.getProperty(DATABASE_URL);
    if (url == null || url.isBlank()) {
      url = System.getenv(DATABASE_URL);
    }
    return url == null || url.isBlank() ? null : url.trim();
  }
}
