package dev.flecto.test;

import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.flecto.migration.Migrations;
import dev.flecto.migration.Migrator;
import dev.flecto.migration.VersionedMigration;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one PostgreSQL of a test JVM, chosen once: {@code FLECTO_TEST_DATABASE_URL} (environment
 * variable or system property) when set; else a Testcontainers PostgreSQL 17 when a Docker engine
 * answers; else an embedded PostgreSQL 17. One log line says which was chosen and why.
 *
 * <pre>{@code
 * TestDatabase db = TestDatabase.get();
 * db.applySchema("/schema.sql");             // once per JVM
 * Repo repo = db.repo();                      // pooled, commits for real
 * Sandbox sandbox = Sandbox.open(db.connectionFactory(), RepoOptions.defaults()).block();
 * }</pre>
 */
public final class TestDatabase {
  /** The environment variable or system property naming an explicit test database URL. */
  public static final String URL_VARIABLE = "FLECTO_TEST_DATABASE_URL";

  private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
  private static volatile TestDatabase instance;

  private final String url;
  private final String description;
  private final ConnectionPool pool;
  private final Set<String> applied = ConcurrentHashMap.newKeySet();
  private final Set<String> migrated = ConcurrentHashMap.newKeySet();
  private volatile Repo repo;

  private TestDatabase(String url, String description) {
    this.url = url;
    this.description = description;
    ConnectionFactory direct = ConnectionFactories.get(ConnectionFactoryOptions.parse(url));
    this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(direct)
        .name("flecto-test")
        .initialSize(1)
        .maxSize(16)
        .maxAcquireTime(Duration.ofSeconds(30))
        .build());
  }

  /**
   * The test JVM's database, started on first call and stopped when the JVM exits.
   *
   * <pre>{@code TestDatabase.get().url() }</pre>
   *
   * @return the database
   */
  public static TestDatabase get() {
    TestDatabase db = instance;
    if (db == null) {
      synchronized (TestDatabase.class) {
        db = instance;
        if (db == null) {
          db = choose();
          LOG.info("Flecto test database: {}", db.description);
          instance = db;
        }
      }
    }
    return db;
  }

  private static TestDatabase choose() {
    String explicit = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
    if (explicit != null && !explicit.isBlank()) {
      // The same URL forms as Repo.connect: postgres://, postgresql:// and r2dbc:postgresql://.
      return new TestDatabase(dev.flecto.r2dbc.R2dbcRepos.r2dbcUrl(explicit.trim()), "the URL in " + URL_VARIABLE + " (it is set)");
    }
    if (Containers.dockerAnswers()) {
      Containers.Started c = Containers.startPostgres();
      Runtime.getRuntime().addShutdownHook(new Thread(c.closer(), "flecto-test-container-stop"));
      return new TestDatabase(c.url(), "a Testcontainers PostgreSQL 17 (" + URL_VARIABLE
          + " is not set and a Docker engine answers)");
    }
    EmbeddedDatabase embedded = EmbeddedDatabase.start();
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "flecto-test-embedded-stop"));
    return new TestDatabase(embedded.url(), "an embedded PostgreSQL 17 on port " + embedded.port() + " ("
        + URL_VARIABLE + " is not set and no Docker engine answers)");
  }

  /**
   * The R2DBC URL of the database.
   *
   * <pre>{@code Repo.connect(TestDatabase.get().url()) }</pre>
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * Which database was chosen and why.
   *
   * <pre>{@code TestDatabase.get().description() // "an embedded PostgreSQL 17 on port ... (...)" }</pre>
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * A pool of raw connections to the database, shared by the JVM's tests.
   *
   * <pre>{@code Mono.from(TestDatabase.get().connectionFactory().create()) }</pre>
   *
   * @return the pool
   */
  public ConnectionFactory connectionFactory() {
    return pool;
  }

  /**
   * A Repo on the shared pool whose writes really commit, for tests that opt out of the sandbox
   * (they clean up after themselves).
   *
   * <pre>{@code TestDatabase.get().repo().insert(person) }</pre>
   *
   * @return the repo
   */
  public Repo repo() {
    Repo r = repo;
    if (r == null) {
      synchronized (this) {
        if (repo == null) {
          repo = R2dbcRepos.of(pool, RepoOptions.defaults());
        }
        r = repo;
      }
    }
    return r;
  }

  /**
   * Runs a SQL script from the classpath once per JVM (later calls with the same resource do
   * nothing). Scripts should be re-runnable ({@code DROP TABLE IF EXISTS ...}) for databases that
   * outlive a run.
   *
   * <pre>{@code TestDatabase.get().applySchema("/schema.sql") }</pre>
   *
   * @param resource the classpath resource, such as {@code /schema.sql}
   */
  public synchronized void applySchema(String resource) {
    if (applied.contains(resource)) {
      return;
    }
    execute(read(resource)).block(Duration.ofMinutes(1));
    applied.add(resource);
  }

  /**
   * Runs a package's migrations up, once per JVM (later calls with the same package do nothing):
   * what {@code @FlectoTest(migrations = ...)} does. Migrations already applied by an earlier run
   * on a database that outlives the JVM are skipped by the migrator itself.
   *
   * <pre>{@code TestDatabase.get().migrate("com.example.blog.migrations") }</pre>
   *
   * @param packageName the package of the migration classes
   * @throws dev.flecto.migration.MigrationException when a migration fails
   */
  public synchronized void migrate(String packageName) {
    if (migrated.contains(packageName)) {
      return;
    }
    List<VersionedMigration> migrations = Migrations.inPackage(packageName);
    if (migrations.isEmpty()) {
      throw new IllegalArgumentException("@FlectoTest(migrations = \"" + packageName + "\"): no migration classes "
          + "(named V<version>_<Name>) in that package on the test classpath");
    }
    Migrator.of(repo()).up(migrations).block(Duration.ofMinutes(10));
    migrated.add(packageName);
  }

  /**
   * Runs SQL (one or several statements, no parameters) on a connection of its own, committed.
   *
   * <pre>{@code TestDatabase.get().execute("TRUNCATE people").block(); }</pre>
   *
   * @param sql the SQL
   * @return completion
   */
  public Mono<Void> execute(String sql) {
    return Flux.usingWhen(pool.create(),
        c -> Flux.from(c.createStatement(sql).execute()).concatMap(Result::getRowsUpdated),
        c -> c.close()).then();
  }

  private static String read(String resource) {
    try (InputStream in = TestDatabase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("schema resource " + resource + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
