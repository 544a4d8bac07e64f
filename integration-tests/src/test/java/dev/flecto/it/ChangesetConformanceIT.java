package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.StaleEntryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.multi.ConflictingActionException;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiFailedException;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.Default;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Ecto conformance against PostgreSQL: optimistic locking's increment as a prepare callback the
 * Repo runs when it writes, and Multi refusing a changeset whose action is another.
 */
@FlectoTest(schema = {"/constraints.sql", "/multi.sql"})
class ChangesetConformanceIT {
  private static final Duration T = Duration.ofSeconds(10);

  /** cs_users with its posts, to write a change that is only an association's. */
  @Schema("cs_users")
  public record LockedUser(@Id Long id, String email, Long companyId, String name, Integer age,
      @Default("1") Integer lockVersion, @HasMany(foreignKey = "userId") Assoc<List<CsPost>> posts) {}

  private static LockedUser stored(Repo repo, int version) {
    CsUser user = repo.insert(new CsUser(null, "a@x.io", null, "Ann", null, version)).block(T);
    return repo.preload(repo.get(LockedUser.class, user.id()).block(T), "posts").block(T);
  }

  private static int versionIn(Repo repo, Long id) {
    return repo.get(CsUser.class, id).block(T).lockVersion();
  }

  // ---------------------------------------------------------------- optimistic lock

  @Test
  void aWriteOfOnlyAnAssociationAndACallbacksChangeBumpsTheVersion(Repo repo) {
    // Ecto: the update is performed (its association changed), so the lock's callback puts the next
    // version, whichever order it has among the callbacks; the change a callback adds goes with it.
    LockedUser loaded = stored(repo, 1);
    Changeset<LockedUser> lockFirst = Changeset.change(loaded)
        .putAssoc("posts", List.of(Map.of("title", "first")))
        .optimisticLock("lockVersion")
        .prepareChanges(c -> Mono.just(c.putChange("name", "Prepared")));

    LockedUser saved = repo.update(lockFirst).block(T);
    assertThat(saved.lockVersion()).isEqualTo(2);
    assertThat(saved.name()).isEqualTo("Prepared");
    assertThat(versionIn(repo, loaded.id())).isEqualTo(2);
    assertThat(repo.all(Query.from(CsPost.class).where("userId", loaded.id())).map(CsPost::title).collectList().block(T))
        .containsExactly("first");

    LockedUser again = repo.preload(repo.get(LockedUser.class, loaded.id()).block(T), "posts").block(T);
    Changeset<LockedUser> lockLast = Changeset.change(again)
        .prepareChanges(c -> Mono.just(c.putChange("name", "Again")))
        .putAssoc("posts", List.of(again.posts().get().get(0), Map.of("title", "second")))
        .optimisticLock("lockVersion");
    assertThat(repo.update(lockLast).block(T).lockVersion()).isEqualTo(3);
    assertThat(versionIn(repo, loaded.id())).isEqualTo(3);

    // The old copy is stale now: even a change that is only an association's is refused.
    repo.update(Changeset.change(again).putAssoc("posts", List.of(again.posts().get().get(0), Map.of("title", "third")))
            .optimisticLock("lockVersion"))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StaleEntryException.class).hasMessageContaining("lockVersion = 2"))
        .verify(T);
  }

  @Test
  void mergedChangesetsBumpTheVersionWhicheverSideTheLockCameFrom(Repo repo) {
    LockedUser loaded = stored(repo, 1);
    Changeset<LockedUser> lock = Changeset.change(loaded).optimisticLock("lockVersion");
    Changeset<LockedUser> rename = Changeset.cast(loaded, Map.of("name", "Bo"), "name");

    assertThat(repo.update(rename.merge(lock)).block(T).lockVersion()).isEqualTo(2);
    LockedUser current = repo.get(LockedUser.class, loaded.id()).block(T);
    Changeset<LockedUser> lockAgain = Changeset.change(current).optimisticLock("lockVersion");
    Changeset<LockedUser> renameAgain = Changeset.cast(current, Map.of("name", "Cy"), "name");
    LockedUser saved = repo.update(lockAgain.merge(renameAgain)).block(T);
    assertThat(saved.lockVersion()).isEqualTo(3);
    assertThat(saved.name()).isEqualTo("Cy");
    assertThat(versionIn(repo, loaded.id())).isEqualTo(3);
  }

  @Test
  void anUpdateWithoutChangesSendsNothingAndRunsNoCallback(Repo repo) {
    LockedUser loaded = stored(repo, 1);
    AtomicBoolean ran = new AtomicBoolean();
    Changeset<LockedUser> nothing = Changeset.change(loaded).optimisticLock("lockVersion")
        .prepareChanges(c -> {
          ran.set(true);
          return Mono.just(c.putChange("name", "never"));
        });

    assertThat(repo.update(nothing).block(T)).isEqualTo(loaded);
    assertThat(ran).isFalse();
    assertThat(versionIn(repo, loaded.id())).isEqualTo(1);
  }

  @Test
  void anInsertRunsTheLocksCallbackToo(Repo repo) {
    // Ecto runs prepare callbacks on insert: the new row starts one past the version it was given
    CsUser inserted = repo.insert(Changeset.change(new CsUser(null, "n@x.io", null, null, null, 1))
        .optimisticLock("lockVersion")).block(T);
    assertThat(inserted.lockVersion()).isEqualTo(2);
    assertThat(versionIn(repo, inserted.id())).isEqualTo(2);
  }

  @Test
  void theDefaultIncrementerRollsOverAndACustomOneIsWrittenAsGiven(Repo repo) {
    LockedUser atMax = stored(repo, Integer.MAX_VALUE);
    LockedUser rolled = repo.update(Changeset.cast(atMax, Map.of("name", "Bo"), "name").optimisticLock("lockVersion")).block(T);
    assertThat(rolled.lockVersion()).isEqualTo(1);
    assertThat(versionIn(repo, atMax.id())).isEqualTo(1);

    LockedUser custom = repo.update(Changeset.cast(rolled, Map.of("name", "Cy"), "name")
        .optimisticLock("lockVersion", v -> (Integer) v + 10)).block(T);
    assertThat(custom.lockVersion()).isEqualTo(11);
    assertThat(versionIn(repo, atMax.id())).isEqualTo(11);
  }

  // ---------------------------------------------------------------- Multi and actions

  @Test
  @NoSandbox
  void aMultiGivenAChangesetWithAnotherActionFailsBeforeBeginSendingNothing() {
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(TestDatabase.get().connectionFactory());
    Repo repo = R2dbcRepos.of(recording, RepoOptions.defaults());
    AtomicBoolean ran = new AtomicBoolean();
    // A form's changeset checked with applyAction("validate") keeps the action "validate"
    Changeset<MuUser> validated = MuUser.registration(Map.of("email", "v@x.io")).withAction("validate");
    Multi multi = Multi.create()
        .insert("first", MuUser.registration(Map.of("email", "first@x.io")))
        .run("side", (r, changes) -> Mono.fromRunnable(() -> ran.set(true)))
        .error("earlierError", "not reported: the refusal comes first, as Ecto raises when the step is added")
        .insert("user", validated);

    repo.transact(multi).as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(ConflictingActionException.class)
              .hasMessageContaining("'user'").hasMessageContaining("'validate'").hasMessageContaining("insert");
          ConflictingActionException c = (ConflictingActionException) e;
          assertThat(c.step()).isEqualTo("user");
          assertThat(c.action()).isEqualTo("validate");
          assertThat(c.attempted()).isEqualTo("insert");
          assertThat(c.changeset()).isSameAs(validated);
        })
        .verify(T);
    assertThat(ran).isFalse();
    assertThat(recording.statements()).as("no BEGIN, no statement").isEmpty();
  }

  @Test
  void aChangesetWithTheSameActionIsWritten(Repo repo) {
    Changeset<MuUser> forInsert = MuUser.registration(Map.of("email", "s@x.io")).withAction("insert");
    MuUser user = repo.transact(Multi.create().insert("user", forInsert)).block(T).get("user", MuUser.class);
    MuLog log = repo.insert(MuLog.of("x")).block(T);
    MuUser renamed = repo.transact(Multi.create()
        .update("rename", Changeset.change(user, Map.of("name", "S")).withAction("update"))
        .delete("log", changes -> Changeset.change(log).withAction("delete")))
        .block(T).get("rename", MuUser.class);
    assertThat(renamed.name()).isEqualTo("S");
    assertThat(repo.all(MuUser.class).collectList().block(T)).containsExactly(renamed);
    assertThat(repo.all(MuLog.class).collectList().block(T)).isEmpty();
  }

  @Test
  void aFunctionGivingAChangesetWithAnotherActionFailsItsStepAndRollsBack(Repo repo) {
    Multi multi = Multi.create()
        .insert("user", MuUser.registration(Map.of("email", "f@x.io")))
        .updateAll("renamed", Query.from(MuUser.class), Updates.set("name", "All"))
        .update("user2", changes -> Changeset.change(changes.get("user", MuUser.class), Map.of("name", "X")).withAction("insert"));

    repo.transact(multi).as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          MultiFailedException f = (MultiFailedException) e;
          assertThat(f.step()).isEqualTo("user2");
          assertThat(f.getCause()).isInstanceOf(ConflictingActionException.class).isSameAs(f.value())
              .hasMessageContaining("'user2'").hasMessageContaining("'insert'").hasMessageContaining("update");
          assertThat(f.changesSoFar().names()).containsExactly("user", "renamed");
        })
        .verify(T);
    assertThat(repo.all(MuUser.class).collectList().block(T)).as("rolled back").isEmpty();
  }
}
