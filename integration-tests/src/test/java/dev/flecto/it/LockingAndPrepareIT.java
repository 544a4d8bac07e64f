package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.StaleEntryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.repo.Repo;
import dev.flecto.repo.WriteOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Optimistic locking, prepareChanges and savepoints around declared constraints. */
@FlectoTest(schema = "/constraints.sql")
class LockingAndPrepareIT {
  private static final Duration T = Duration.ofSeconds(10);

  private static CsUser user(Repo repo) {
    return repo.insert(CsUser.registration(Map.of("email", "a@x.io", "name", "Ann"))).block(T);
  }

  @Test
  void anUpdateBumpsTheVersionAndAStaleOneFails(Repo repo) {
    CsUser loaded = user(repo);
    assertThat(loaded.lockVersion()).isEqualTo(1);
    CsUser first = repo.update(CsUser.changeset(loaded, Map.of("name", "Bo")).optimisticLock("lockVersion")).block(T);
    assertThat(first.lockVersion()).isEqualTo(2);
    repo.update(CsUser.changeset(loaded, Map.of("name", "Cy")).optimisticLock("lockVersion")).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StaleEntryException.class)
            .hasMessageContaining("update").hasMessageContaining("lockVersion = 1"))
        .verify(T);
    assertThat(repo.reload(loaded).block(T)).isEqualTo(first);
  }

  @Test
  void aStaleEntryCanBeAFieldErrorOrBeAllowed(Repo repo) {
    CsUser loaded = user(repo);
    repo.update(CsUser.changeset(loaded, Map.of("name", "Bo")).optimisticLock("lockVersion")).block(T);
    Changeset<CsUser> stale = CsUser.changeset(loaded, Map.of("name", "Cy")).optimisticLock("lockVersion");
    InvalidChangesetException e = (InvalidChangesetException) repo.update(stale, WriteOptions.staleErrorField("lockVersion"))
        .map(Object.class::cast).onErrorResume(InvalidChangesetException.class, Mono::just).block(T);
    assertThat(e.changeset().errors()).containsExactly(new ChangesetError("lockVersion", "is stale", Map.of("stale", true)));
    assertThat(e.changeset().action()).isEqualTo("update");
    CsUser accepted = repo.update(stale, WriteOptions.defaults().withAllowStale(true)).block(T);
    assertThat(accepted.name()).isEqualTo("Cy");
    assertThat(repo.reload(loaded).block(T).name()).as("nothing was written").isEqualTo("Bo");
  }

  @Test
  void aStaleDeleteFailsAndAFreshOneDeletes(Repo repo) {
    CsUser loaded = user(repo);
    CsUser bumped = repo.update(CsUser.changeset(loaded, Map.of("name", "Bo")).optimisticLock("lockVersion")).block(T);
    repo.delete(Changeset.change(loaded).optimisticLock("lockVersion")).as(StepVerifier::create)
        .expectError(StaleEntryException.class).verify(T);
    assertThat(repo.delete(Changeset.change(loaded).optimisticLock("lockVersion"), WriteOptions.defaults().withAllowStale(true))
        .block(T)).isEqualTo(loaded);
    assertThat(repo.reload(loaded).block(T)).as("still there").isNotNull();
    repo.delete(Changeset.change(bumped).optimisticLock("lockVersion")).block(T);
    assertThat(repo.reload(loaded).block(T)).isNull();
  }

  @Test
  void aLockWithoutOtherChangesWritesNothing(Repo repo) {
    CsUser loaded = user(repo);
    assertThat(repo.update(Changeset.change(loaded).optimisticLock("lockVersion")).block(T)).isEqualTo(loaded);
    assertThat(repo.reload(loaded).block(T).lockVersion()).isEqualTo(1);
  }

  @Test
  void prepareChangesRunsInTheWritesTransaction(Repo repo) {
    CsUser loaded = user(repo);
    Changeset<CsUser> cs = CsUser.changeset(loaded, Map.of("age", "40"))
        .prepareChanges(c -> repo.inTransaction().flatMap(in -> repo.insert(new CsAudit(null, "in transaction: " + in)))
            .thenReturn(c.putChange("name", "Prepared")));
    CsUser updated = repo.update(cs).block(T);
    assertThat(updated.name()).isEqualTo("Prepared");
    assertThat(updated.age()).isEqualTo(40);
    assertThat(repo.all(CsAudit.class).map(CsAudit::note).collectList().block(T)).containsExactly("in transaction: true");
  }

  @Test
  void aFailedWriteUndoesItsPreparations(Repo repo) {
    user(repo);
    Changeset<CsUser> dup = CsUser.registration(Map.of("email", "a@x.io")).uniqueConstraint("email")
        .prepareChanges(c -> repo.insert(new CsAudit(null, "prepared")).thenReturn(c));
    repo.insert(dup).as(StepVerifier::create).expectError(InvalidChangesetException.class).verify(T);
    assertThat(repo.all(CsAudit.class).count().block(T)).isZero();
    Changeset<CsUser> refused = CsUser.registration(Map.of("email", "b@x.io"))
        .prepareChanges(c -> repo.insert(new CsAudit(null, "prepared")).thenReturn(c.addError("email", "is banned")));
    repo.insert(refused).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(((InvalidChangesetException) e).changeset().errorsByField())
            .isEqualTo(Map.of("email", java.util.List.of("is banned"))))
        .verify(T);
    assertThat(repo.all(CsAudit.class).count().block(T)).isZero();
  }

  @Test
  @NoSandbox
  void aDeclaredViolationInsideATransactionLetsItGoOnAndCommit(Repo repo) {
    try {
      CsUser kept = repo.transact(() -> repo.insert(CsUser.registration(Map.of("email", "a@x.io")))
          .then(repo.insert(CsUser.registration(Map.of("email", "a@x.io")).uniqueConstraint("email"))
              .onErrorResume(InvalidChangesetException.class, e -> Mono.empty()))
          .then(repo.insert(CsUser.registration(Map.of("email", "b@x.io"))))).block(T);
      assertThat(kept.email()).isEqualTo("b@x.io");
      assertThat(repo.all(CsUser.class).map(CsUser::email).collectList().block(T)).containsExactlyInAnyOrder("a@x.io", "b@x.io");
    } finally {
      TestDatabase.get().execute("DELETE FROM cs_users").block(T);
    }
  }
}
