package dev.flecto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.cli.failingmigrations.V20250103000000_CreateCliBroken;
import dev.flecto.repo.Repo;
import dev.flecto.test.TestDatabase;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands end to end on the test PostgreSQL: status, migrate, rollback and a failing
 * migration in this JVM, then the shaded jar as a process of its own. Each test uses its own
 * versions table and drops what it made.
 */
class FlectoCliIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static final String PACKAGE = "dev.flecto.cli.testmigrations";
  private static final String FAILING = "dev.flecto.cli.failingmigrations";
  private static final String TABLE = "cli_schema_migrations";
  private static final String FAILING_TABLE = "cli_failing_schema_migrations";
  private static final String JAR_TABLE = "cli_jar_schema_migrations";
  private static final List<String> TABLES = List.of("cli_posts", "cli_tags", "cli_good", "cli_broken", TABLE,
      FAILING_TABLE, JAR_TABLE);
  private static final String PASSWORD = "s3cret-cli";

  record Result(int code, String out, String err) {}

  @BeforeEach
  @AfterEach
  void dropTables() {
    for (String table : TABLES) {
      repo().query("DROP TABLE IF EXISTS " + table, List.of()).block(T);
    }
  }

  private static Repo repo() {
    return TestDatabase.get().repo();
  }

  private static boolean exists(String table) {
    return (Boolean) repo().query("SELECT to_regclass($1) IS NOT NULL", List.of(table)).block(T).rows().get(0).get(0);
  }

  /** The test database's URL with a password in it (the embedded server trusts local users, so any does). */
  private static String urlWithPassword() {
    String url = TestDatabase.get().url();
    return url.contains(":" + PASSWORD + "@") || url.matches("^[^/]*//[^/@]*:[^/@]*@.*") ? url
        : url.replaceFirst("//([^/@:]+)@", "//$1:" + PASSWORD + "@");
  }

  private static Result cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new FlectoCli(new PrintWriter(out), new PrintWriter(err)).withEnvironment(env).run(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static Result cli(String command, String... options) {
    List<String> args = new ArrayList<>(List.of(command, "--url", urlWithPassword(), "--package", PACKAGE,
        "--migrations-table", TABLE));
    args.addAll(List.of(options));
    return cli(Map.of(), args.toArray(String[]::new));
  }

  private static String redactedUrl() {
    return Urls.redact(urlWithPassword());
  }

  @Test
  void statusMigrateAndRollbackAsEcto() {
    Result status = cli("status");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).isEqualTo(String.join(System.lineSeparator(),
        "Repo: " + redactedUrl(),
        "",
        "  Status    Migration ID    Migration Name",
        "--------------------------------------------------",
        "  down      20250101120000  create_cli_posts",
        "  down      20250102090000  create_cli_tags",
        ""));

    Result one = cli("migrate", "--step", "1");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).isEqualTo("Migrated 20250101120000 create_cli_posts" + System.lineSeparator());
    assertThat(exists("cli_posts")).isTrue();
    assertThat(exists("cli_tags")).isFalse();

    status = cli("status");
    assertThat(status.out()).contains(
        "  up        20250101120000  create_cli_posts" + System.lineSeparator()
            + "  down      20250102090000  create_cli_tags");

    Result rest = cli("migrate");
    assertThat(rest.code()).as(rest.err()).isZero();
    assertThat(rest.out()).isEqualTo("Migrated 20250102090000 create_cli_tags" + System.lineSeparator());
    assertThat(exists("cli_tags")).isTrue();

    Result again = cli("migrate");
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo("Migrations already up" + System.lineSeparator());

    Result back = cli("rollback");
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(back.out()).isEqualTo("Rolled back 20250102090000 create_cli_tags" + System.lineSeparator());
    assertThat(exists("cli_tags")).isFalse();
    assertThat(exists("cli_posts")).isTrue();

    Result all = cli("rollback", "--all");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out()).isEqualTo("Rolled back 20250101120000 create_cli_posts" + System.lineSeparator());
    assertThat(exists("cli_posts")).isFalse();

    Result none = cli("rollback", "--all");
    assertThat(none.out()).isEqualTo("Migrations already down" + System.lineSeparator());

    for (Result r : List.of(status, one, rest, again, back, all, none)) {
      assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void boundsToAndToExclusiveAndTheTableLock() {
    Result upTo = cli("migrate", "--to", "20250101120000", "--lock", "table");
    assertThat(upTo.code()).as(upTo.err()).isZero();
    assertThat(upTo.out()).isEqualTo("Migrated 20250101120000 create_cli_posts" + System.lineSeparator());

    Result upExclusive = cli("migrate", "--to-exclusive", "20250102090000", "--lock", "NONE");
    assertThat(upExclusive.out()).isEqualTo("Migrations already up" + System.lineSeparator());

    Result rest = cli("migrate", "--all");
    assertThat(rest.out()).isEqualTo("Migrated 20250102090000 create_cli_tags" + System.lineSeparator());

    Result downExclusive = cli("rollback", "--to-exclusive", "20250101120000");
    assertThat(downExclusive.out()).isEqualTo("Rolled back 20250102090000 create_cli_tags" + System.lineSeparator());

    Result downTo = cli("rollback", "--to", "20250101120000");
    assertThat(downTo.out()).isEqualTo("Rolled back 20250101120000 create_cli_posts" + System.lineSeparator());
    assertThat(exists("cli_posts")).isFalse();
    assertThat(exists("cli_tags")).isFalse();
  }

  @Test
  void theUrlComesFromDatabaseUrlAndUrlWins() {
    String postgresUrl = urlWithPassword().replaceFirst("^r2dbc:postgresql://", "postgres://");
    Result fromEnv = cli(Map.of("DATABASE_URL", postgresUrl), "status", "--package", PACKAGE, "--migrations-table", TABLE);
    assertThat(fromEnv.code()).as(fromEnv.err()).isZero();
    assertThat(fromEnv.out()).startsWith("Repo: " + Urls.redact(postgresUrl) + System.lineSeparator())
        .doesNotContain(PASSWORD);

    Result urlWins = cli(Map.of("DATABASE_URL", "mysql://nobody@nowhere/none"), "status", "--url", urlWithPassword(),
        "--package", PACKAGE, "--migrations-table", TABLE);
    assertThat(urlWins.code()).as(urlWins.err()).isZero();
    assertThat(urlWins.out()).startsWith("Repo: " + redactedUrl());
  }

  @Test
  void aRecordedVersionWithoutItsClassIsFileNotFound() {
    assertThat(cli("migrate").code()).isZero();
    repo().query("INSERT INTO " + TABLE + " (version, inserted_at) VALUES (20240101000000, now())", List.of()).block(T);

    Result status = cli("status");

    assertThat(status.out()).contains("  up        20240101000000  ** FILE NOT FOUND **" + System.lineSeparator()
        + "  up        20250101120000  create_cli_posts");
    repo().query("DELETE FROM " + TABLE + " WHERE version = 20240101000000", List.of()).block(T);
    assertThat(cli("rollback", "--all").code()).isZero();
  }

  @Test
  void anEmptyPackageWarns() {
    Result status = cli(Map.of(), "status", "--url", urlWithPassword(), "--package", "dev.flecto.cli.nomigrations",
        "--migrations-table", TABLE);
    assertThat(status.code()).isZero();
    assertThat(status.err()).contains("warning: no migrations (classes named V<version>_<Name>) in package "
        + "dev.flecto.cli.nomigrations on the classpath");
  }

  @Test
  void aFailingMigrationExitsWith1NamingItsVersionAndSqlAfterPrintingTheOnesThatRan() {
    Result failed = cli(Map.of(), "migrate", "--url", urlWithPassword(), "--package", FAILING,
        "--migrations-table", FAILING_TABLE);

    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.out()).isEqualTo("Migrated 20250101000000 create_cli_good" + System.lineSeparator());
    assertThat(failed.err())
        .startsWith("** (MigrationException) migration 20250103000000 create_cli_broken failed")
        .contains(V20250103000000_CreateCliBroken.SQL)
        .contains("no_such_type")
        .doesNotContain("\tat ")
        .doesNotContain(PASSWORD);
    assertThat(exists("cli_good")).isTrue();
    assertThat(exists("cli_broken")).isFalse();

    Result status = cli(Map.of(), "status", "--url", urlWithPassword(), "--package", FAILING,
        "--migrations-table", FAILING_TABLE);
    assertThat(status.out()).contains("  up        20250101000000  create_cli_good",
        "  down      20250103000000  create_cli_broken");

    Result verbose = cli(Map.of(), "migrate", "--url", urlWithPassword(), "--package", FAILING,
        "--migrations-table", FAILING_TABLE, "--verbose");
    assertThat(verbose.code()).isEqualTo(1);
    assertThat(verbose.out()).isEmpty();
    assertThat(verbose.err()).contains("\tat ").contains(V20250103000000_CreateCliBroken.SQL).doesNotContain(PASSWORD);
  }

  @Test
  void anUnreachableDatabaseExitsWith1WithoutItsPassword() {
    Result down = cli(Map.of(), "status", "--url", "postgres://app:" + PASSWORD + "@127.0.0.1:1/app",
        "--package", PACKAGE, "--migrations-table", TABLE);

    assertThat(down.code()).isEqualTo(1);
    assertThat(down.err()).startsWith("** (").doesNotContain("\tat ").doesNotContain(PASSWORD);
  }

  @Test
  void theShadedJarRunsBesideTheApplicationsClasses() throws Exception {
    String jarPath = System.getProperty("flecto.cli.jar");
    String classes = System.getProperty("flecto.cli.testClasses");
    Assumptions.assumeTrue(jarPath != null && classes != null && Files.isRegularFile(Path.of(jarPath)),
        "the shaded jar is built by mvn package (failsafe runs after it)");
    String postgresUrl = urlWithPassword().replaceFirst("^r2dbc:postgresql://", "postgres://");

    Result migrate = java(postgresUrl, jarPath, classes, "migrate", "--package", PACKAGE, "--migrations-table",
        JAR_TABLE, "--step", "1");
    assertThat(migrate.code()).as(migrate.err()).isZero();
    assertThat(migrate.out()).isEqualTo("Migrated 20250101120000 create_cli_posts" + System.lineSeparator());
    // The migrator's log, on stderr through the jar's slf4j-simple, as Ecto prints it.
    assertThat(migrate.err()).contains("[INFO] == Running 20250101120000 create_cli_posts forward",
        "CREATE TABLE cli_posts", "[INFO] == Migrated 20250101120000 in ");

    Result status = java(postgresUrl, jarPath, classes, "status", "--package", PACKAGE, "--migrations-table", JAR_TABLE);
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).isEqualTo(String.join(System.lineSeparator(),
        "Repo: " + Urls.redact(postgresUrl),
        "",
        "  Status    Migration ID    Migration Name",
        "--------------------------------------------------",
        "  up        20250101120000  create_cli_posts",
        "  down      20250102090000  create_cli_tags",
        ""));

    Result quiet = java(postgresUrl, jarPath, classes, "rollback", "--package", PACKAGE, "--migrations-table", JAR_TABLE,
        "--quiet");
    assertThat(quiet.code()).as(quiet.err()).isZero();
    assertThat(quiet.out()).isEqualTo("Rolled back 20250101120000 create_cli_posts" + System.lineSeparator());
    assertThat(quiet.err()).isEmpty();

    Result usage = java(postgresUrl, jarPath, classes, "migrate", "--step", "1");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required option: '--package=PACKAGE'");

    for (Result r : List.of(migrate, status, quiet, usage)) {
      assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }
  }

  private static Result java(String databaseUrl, String jar, String classes, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classes + File.pathSeparator + jar, "dev.flecto.cli.FlectoCli"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("flecto-cli-out", ".txt");
    Path err = Files.createTempFile("flecto-cli-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("DATABASE_URL", databaseUrl);
      Process process = builder.start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("flecto " + String.join(" ", args) + " did not end in 2 minutes");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
