package dev.flecto.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.repo.Repo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @FlectoTest(migrations = ...)}: the package's migrations run once per JVM before the
 * tests, which then run in the sandbox against the migrated schema.
 */
@FlectoTest(migrations = "dev.flecto.test.migrations")
class MigratedTestIT {
  private static final Duration T = Duration.ofSeconds(15);

  @Test
  void theMigratedSchemaIsThereAndTheVersionsAreRecorded(Repo repo) {
    repo.query("INSERT INTO ext_notes (title, body) VALUES ($1, $2)", List.of("t", "b")).block(T);
    assertThat(repo.query("SELECT title, body FROM ext_notes", List.of()).block(T).rows()).containsExactly(List.of("t", "b"));
    assertThat(repo.query("SELECT version FROM schema_migrations ORDER BY version", List.of()).block(T).rows())
        .containsExactly(List.of(20250101120000L), List.of(20250102090000L));
  }

  @Test
  void eachTestRunsInTheSandbox(Repo repo) {
    repo.query("INSERT INTO ext_notes (body) VALUES ($1)", List.of("sandboxed")).block(T);
    assertThat(repo.query("SELECT count(*) FROM ext_notes WHERE body = 'sandboxed'", List.of()).block(T).rows())
        .containsExactly(List.of(1L));
    assertThat(TestDatabase.get().repo().query("SELECT count(*) FROM ext_notes WHERE body = 'sandboxed'", List.of())
        .block(T).rows()).as("not committed: another connection does not see it").containsExactly(List.of(0L));
  }

  @Test
  void migratingAgainDoesNothing() {
    TestDatabase.get().migrate("dev.flecto.test.migrations");
    assertThat(TestDatabase.get().repo().query("SELECT count(*) FROM schema_migrations", List.of()).block(T).rows())
        .containsExactly(List.of(2L));
  }
}
