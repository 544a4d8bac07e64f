package dev.flecto.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Mono;

/** The extension: schema applied once, a sandbox per test, and real commits for @NoSandbox tests. */
@FlectoTest(schema = {"/guard.sql", "/once.sql"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlectoExtensionIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  @Order(1)
  void aSandboxedTestWritesInsideItsTransaction(Repo repo, Sandbox sandbox, TestDatabase db) {
    assertThat(repo).isSameAs(sandbox.repo());
    repo.insert(new Note(null, "sandboxed")).block(T);
    assertThat(repo.all(Note.class).count().block(T)).isEqualTo(1L);
    assertThat(db.repo().all(Note.class).count().block(T)).as("invisible outside the sandbox").isZero();
    assertThat(db.description()).containsAnyOf("embedded PostgreSQL 17", "Testcontainers", TestDatabase.URL_VARIABLE);
  }

  @Test
  @Order(2)
  void theNextTestSeesEmptyTables(Repo repo) {
    assertThat(repo.all(Note.class).count().block(T)).isZero();
  }

  @Test
  @Order(3)
  @NoSandbox
  void aTestOutsideTheSandboxCommitsAndCleansUp(Repo repo, ConnectionFactory factory, TestDatabase db) {
    assertThat(repo).isSameAs(db.repo());
    repo.insert(new Note(null, "committed")).block(T);
    long seen = Mono.usingWhen(Mono.from(factory.create()),
        c -> Mono.from(c.createStatement("SELECT count(*) FROM support_notes").execute())
            .flatMap(r -> Mono.from(r.map(row -> row.get(0, Long.class)))),
        c -> c.close()).block(T);
    assertThat(seen).as("visible on another connection").isEqualTo(1L);
    db.execute("DELETE FROM support_notes").block(T);
  }

  @Test
  @Order(4)
  void schemasAreAppliedOncePerJvm(TestDatabase db) {
    db.applySchema("/once.sql"); // would fail: support_notes_guard already exists
    assertThat(db.repo().all(Note.class).count().block(T)).isZero();
  }
}
