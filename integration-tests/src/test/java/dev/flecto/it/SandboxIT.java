package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The sandbox: isolation between tests, user transactions as savepoints, nothing left behind. */
@FlectoTest(migrations = "dev.flecto.it.migrations")
class SandboxIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void transactInsideTheSandboxCommitsOrRollsBackItsSavepoint(Repo repo) {
    repo.insert(new Token(null, "kept")).block(T);
    repo.transact(() -> repo.insert(new Token(null, "committed"))).block(T);
    repo.transact(() -> repo.insert(new Token(null, "gone")).then(Mono.error(new IllegalStateException("no"))))
        .as(StepVerifier::create).expectErrorMessage("no").verify(T);
    repo.transact(() -> repo.insert(new Token(null, "kept")))
        .as(StepVerifier::create).expectError(ConstraintException.class).verify(T);
    assertThat(repo.all(Token.class).map(Token::value).collectList().block(T)).containsExactlyInAnyOrder("kept", "committed");
  }

  @Test
  void sandboxesAreIsolatedAndLeaveNothingBehind() {
    TestDatabase db = TestDatabase.get();
    Sandbox a = Sandbox.open(db.connectionFactory(), RepoOptions.defaults()).block(T);
    Sandbox b = Sandbox.open(db.connectionFactory(), RepoOptions.defaults()).block(T);
    try {
      a.repo().insert(new Event(null, "only-in-a")).block(T);
      b.repo().insert(new Event(null, "only-in-b")).block(T);
      assertThat(a.repo().all(Event.class).map(Event::kind).collectList().block(T)).containsExactly("only-in-a");
      assertThat(b.repo().all(Event.class).map(Event::kind).collectList().block(T)).containsExactly("only-in-b");
      assertThat(db.repo().all(Event.class).collectList().block(T)).as("nothing is committed").isEmpty();
    } finally {
      a.rollback().block(T);
      b.rollback().block(T);
    }
    assertThat(db.repo().all(Event.class).collectList().block(T)).isEmpty();
  }

  @Test
  void parallelWorkInOneSandboxRunsOnItsConnection(Repo repo) {
    reactor.core.publisher.Flux.range(0, 50).flatMap(i -> repo.insert(new Token(null, "t" + i)), 16).blockLast(T);
    assertThat(repo.all(Token.class).count().block(T)).isEqualTo(50L);
  }

  @Test
  void aFailedStatementLeavesTheSandboxUsable(Repo repo) {
    // Ecto's sandbox: each statement outside a user transaction runs in a savepoint of its own.
    repo.insert(new Token(null, "dupe")).block(T);
    repo.insert(new Token(null, "dupe")).as(StepVerifier::create).expectError(ConstraintException.class).verify(T);
    assertThat(repo.all(Token.class).map(Token::value).collectList().block(T)).as("the earlier insert is kept").containsExactly("dupe");
    repo.insert(new Token(null, "after")).block(T);
    // Failures among concurrent statements: each undoes only itself.
    List<String> outcomes = reactor.core.publisher.Flux.range(0, 20)
        .flatMap(i -> repo.insert(new Token(null, i % 2 == 0 ? "dupe" : "c" + i)).map(t -> "ok")
            .onErrorResume(ConstraintException.class, e -> Mono.just("dup")), 8)
        .collectList().block(T);
    assertThat(outcomes).filteredOn("dup"::equals).hasSize(10);
    assertThat(repo.all(Token.class).count().block(T)).isEqualTo(12L);
    // A cancelled statement keeps what it did, as it would in autocommit.
    assertThat(repo.insertAllReturning(Token.class, List.of(java.util.Map.of("value", "x1"), java.util.Map.of("value", "x2")), dev.flecto.repo.InsertAllOptions.defaults())
        .blockFirst(T)).isNotNull();
    assertThat(repo.all(Token.class).count().block(T)).isEqualTo(14L);
  }
}
