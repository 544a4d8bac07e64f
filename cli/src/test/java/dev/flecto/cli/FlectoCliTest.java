package dev.flecto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage errors exit with 2 before any database is touched; help and version exit with 0. */
class FlectoCliTest {
  private static final String PACKAGE = "dev.flecto.cli.testmigrations";
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    return new FlectoCli(new PrintWriter(out), new PrintWriter(err)).withEnvironment(env).run(args);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void helpListsTheCommandsAndSaysHowToRunThem() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: flecto", "migrate", "rollback", "status", "new",
        "dev.flecto.cli.FlectoCli", "DATABASE_URL", "Exit codes");
    assertThat(run("migrate", "--help")).isZero();
    assertThat(out.toString()).contains("--step=N", "--to=VERSION", "--to-exclusive=VERSION", "--all", "--prefix=SCHEMA",
        "--migrations-table=TABLE", "advisory, table, none", "--quiet");
    assertThat(run("migrations", "--help")).isZero(); // status under Ecto's task name
    assertThat(out.toString()).contains("Usage: flecto status");
    assertThat(run("new", "-h")).isZero();
    assertThat(out.toString()).contains("Usage: flecto new", "--dir=DIR");
  }

  @Test
  void versionIsPrinted() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("flecto ");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required subcommand");
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument");
  }

  @Test
  void aMissingUrlIsAUsageErrorNamingDatabaseUrl() {
    assertThat(run("migrate", "--package", PACKAGE)).isEqualTo(2);
    assertThat(err.toString()).contains("Missing the database URL: give --url=URL or set the environment variable DATABASE_URL");
  }

  @Test
  void aMissingPackageIsAUsageError() {
    assertThat(run("status", "--url", "postgres://localhost/app")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--package=PACKAGE'");
  }

  @Test
  void boundsAreExclusiveAndPositive() {
    assertThat(run("migrate", "--url", "postgres://localhost/app", "--package", PACKAGE, "--step", "1", "--to", "2"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
    assertThat(run("rollback", "--url", "postgres://localhost/app", "--package", PACKAGE, "--step", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--step': 0 (at least 1)");
    assertThat(run("rollback", "--url", "postgres://localhost/app", "--package", PACKAGE, "-n", "x")).isEqualTo(2);
    assertThat(run("migrate", "--url", "postgres://localhost/app", "--package", PACKAGE, "--to-exclusive", "1")).isEqualTo(2);
  }

  @Test
  void anUnknownLockIsAUsageError() {
    assertThat(run("migrate", "--url", "postgres://localhost/app", "--package", PACKAGE, "--lock", "mutex")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--lock': expected one of advisory, table, none but was 'mutex'");
  }

  @Test
  void aUrlNoAdapterTakesIsAUsageErrorWithoutItsPassword() {
    assertThat(run(Map.of("DATABASE_URL", "mysql://app:hunter2@localhost/app"), "status", "--package", PACKAGE)).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid database URL mysql://app@localhost/app").doesNotContain("hunter2");
    assertThat(out.toString()).doesNotContain("hunter2");
  }

  @Test
  void anInvalidPackageIsAUsageError() {
    assertThat(run("status", "--url", "postgres://localhost/app", "--package", "not a package")).isEqualTo(2);
    assertThat(err.toString()).contains("'not a package' is not a Java package name");
  }
}
