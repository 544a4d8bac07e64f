package dev.flecto.it;

import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.ConstraintException;
import dev.flecto.TransactionException;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.multi.Changes;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiFailedException;
import dev.flecto.multi.MultiResult;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** repo.transact(multi) end to end: results by name, checks before BEGIN, failures that roll back and say where. */
@FlectoTest(schema = "/multi.sql")
class MultiIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void stepsRunInOrderAndFunctionStepsReadEarlierResults(Repo repo) {
    Query<MuPost> posts = Query.from(MuPost.class).orderBy("id");
    Multi multi = Multi.create()
        .insert("user", MuUser.registration(Map.of("email", "ann@x.io", "name", "Ann")))
        .put("title", "Hello")
        .insert("post", changes -> MuPost.changeset(changes.get("user", MuUser.class), Map.of("title", changes.get("title"))))
        .insert("second", changes -> new MuPost(null, changes.get("user", MuUser.class).id(), "Again"))
        .update("rename", changes -> Changeset.change(changes.get("user", MuUser.class), Map.of("name", "Ann B")))
        .run("count", (r, changes) -> r.aggregate(Query.from(MuPost.class), Aggregate.COUNT))
        .insertAll("logs", MuLog.class, changes -> List.of(Map.of("note", "posts: " + changes.get("count", Long.class)),
            MuLog.of("user " + changes.get("user", MuUser.class).id())))
        .updateAll("edited", changes -> Query.from(MuPost.class).where("userId", changes.get("user", MuUser.class).id()),
            Updates.set("title", "Edited"))
        .one("reloaded", changes -> Query.from(MuUser.class).where("id", changes.get("user", MuUser.class).id()))
        .one("nobody", Query.from(MuUser.class).where("email", "none@x.io"))
        .all("posts", posts)
        .exists("hasLogs", Query.from(MuLog.class))
        .exists("hasNone", changes -> Query.from(MuUser.class).where("email", "none@x.io"))
        .deleteAll("purged", changes -> Query.from(MuPost.class).where("title", "Edited"))
        .insertOrUpdate("upsertedLog", Changeset.change(MuLog.of("fresh")))
        .delete("deletedLog", changes -> changes.get("upsertedLog", MuLog.class));

    MultiResult result = repo.transact(multi).block(T);

    assertThat(result.names()).containsExactly("user", "title", "post", "second", "rename", "count", "logs", "edited",
        "reloaded", "nobody", "posts", "hasLogs", "hasNone", "purged", "upsertedLog", "deletedLog");
    MuUser user = result.get("user", MuUser.class);
    assertThat(user.id()).isPositive();
    assertThat(result.get("post", MuPost.class)).extracting(MuPost::userId, MuPost::title).containsExactly(user.id(), "Hello");
    assertThat(result.get("rename", MuUser.class).name()).isEqualTo("Ann B");
    assertThat(result.get("count", Long.class)).isEqualTo(2L);
    assertThat(result.get("logs", Long.class)).isEqualTo(2L);
    assertThat(result.get("edited", Long.class)).isEqualTo(2L);
    assertThat(result.get("reloaded", MuUser.class)).isEqualTo(new MuUser(user.id(), "ann@x.io", "Ann B"));
    assertThat(result.get("nobody")).isNull();
    assertThat(result.list("posts", MuPost.class)).extracting(MuPost::title).containsExactly("Edited", "Edited");
    assertThat(result.get("hasLogs", Boolean.class)).isTrue();
    assertThat(result.get("hasNone", Boolean.class)).isFalse();
    assertThat(result.get("purged", Long.class)).isEqualTo(2L);
    assertThat(result.get("deletedLog", MuLog.class)).isEqualTo(result.get("upsertedLog", MuLog.class));
    assertThat(repo.all(Query.from(MuLog.class).orderBy("id")).map(MuLog::note).collectList().block(T))
        .containsExactly("posts: 2", "user " + user.id());
    assertThat(repo.all(MuPost.class).collectList().block(T)).isEmpty();
  }

  @Test
  @NoSandbox
  void anInvalidChangesetOrAnErrorStepFailsBeforeBeginSendingNothing() {
    Counting counting = new Counting(TestDatabase.get().connectionFactory());
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(counting);
    Repo repo = R2dbcRepos.of(recording, RepoOptions.defaults());
    Changeset<MuUser> invalid = MuUser.registration(Map.of("email", "no-at-sign"));
    Multi multi = Multi.create()
        .insert("ok", MuUser.registration(Map.of("email", "ok@x.io")))
        .run("never", (r, changes) -> Mono.error(new AssertionError("ran")))
        .insert("bad", invalid)
        .error("late", "not reached");

    repo.transact(multi).as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          MultiFailedException f = (MultiFailedException) e;
          assertThat(f.step()).isEqualTo("bad");
          Changeset<MuUser> cs = f.changeset(MuUser.class);
          assertThat(cs.action()).isEqualTo("insert");
          assertThat(cs.errors()).extracting(ChangesetError::field, ChangesetError::message).containsExactly(
              org.assertj.core.groups.Tuple.tuple("email", "has invalid format"));
          assertThat(f.changesSoFar().names()).isEmpty();
          assertThat(f).hasCauseInstanceOf(InvalidChangesetException.class).hasMessageContaining("Multi step 'bad'");
        })
        .verify(T);
    repo.transact(Multi.create().insert("ok", MuUser.registration(Map.of("email", "ok@x.io"))).error("stop", 42))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat((MultiFailedException) e).extracting(MultiFailedException::step,
            MultiFailedException::value).containsExactly("stop", 42))
        .verify(T);
    assertThat(recording.statements()).isEmpty();
    assertThat(counting.created.get()).as("no connection taken, so no BEGIN").isZero();

    try {
      MultiResult ran = repo.transact(Multi.create().insert("ok", MuUser.registration(Map.of("email", "ok@x.io")))).block(T);
      assertThat(ran.get("ok", MuUser.class).email()).isEqualTo("ok@x.io");
      // BEGIN (asked of the driver, on an idle connection), the insert's savepoint as SQL, then the driver's COMMIT.
      List<String> sent = recording.statements();
      assertThat(sent).hasSize(4);
      assertThat(sent.get(0)).isEqualTo("BEGIN");
      assertThat(sent.get(1)).startsWith("SAVEPOINT flecto_sp_");
      assertThat(sent.get(2)).startsWith("INSERT INTO \"mu_users\"");
      assertThat(sent.get(3)).startsWith("RELEASE SAVEPOINT flecto_sp_");
      assertThat(counting.created.get()).isEqualTo(1);
    } finally {
      truncate();
    }
  }

  @Test
  @NoSandbox
  void aFailureMidwayRollsBackEverythingAndSaysWhereAndWhatRanBefore() {
    withPool(repo -> {
      repo.insert(new MuUser(null, "taken@x.io", "first")).block(T);
      Multi multi = Multi.create()
          .insert("user", MuUser.registration(Map.of("email", "new@x.io")))
          .insert("post", changes -> MuPost.changeset(changes.get("user", MuUser.class), Map.of("title", "t")))
          .insert("dup", MuUser.registration(Map.of("email", "taken@x.io")))
          .put("after", "never");
      repo.transact(multi).as(StepVerifier::create)
          .expectErrorSatisfies(e -> {
            MultiFailedException f = (MultiFailedException) e;
            assertThat(f.step()).isEqualTo("dup");
            Changeset<MuUser> cs = f.changeset(MuUser.class);
            assertThat(cs.errorsByField()).isEqualTo(Map.of("email", List.of("has already been taken")));
            assertThat(cs.action()).isEqualTo("insert");
            assertThat(f.changesSoFar().names()).containsExactly("user", "post");
            assertThat(f.changesSoFar().get("post", MuPost.class).id()).isPositive();
            assertThat(f.getCause()).isInstanceOf(InvalidChangesetException.class);
          })
          .verify(T);
      assertThat(emails(repo)).containsExactly("taken@x.io");
      assertThat(repo.all(MuPost.class).collectList().block(T)).isEmpty();

      // A function step whose changeset is invalid, and an undeclared constraint: both roll back.
      repo.transact(Multi.create().insert("user", MuUser.registration(Map.of("email", "b@x.io")))
              .insert("post", changes -> MuPost.changeset(changes.get("user", MuUser.class), Map.of())))
          .as(StepVerifier::create)
          .expectErrorSatisfies(e -> assertThat(((MultiFailedException) e).changeset(MuPost.class).errorsByField())
              .isEqualTo(Map.of("title", List.of("can't be blank"))))
          .verify(T);
      repo.transact(Multi.create().insert("user", MuUser.registration(Map.of("email", "c@x.io")))
              .insert("orphan", new MuPost(null, -1L, "no author")))
          .as(StepVerifier::create)
          .expectErrorSatisfies(e -> {
            MultiFailedException f = (MultiFailedException) e;
            assertThat(f.step()).isEqualTo("orphan");
            assertThat(f.value()).isInstanceOf(ConstraintException.class).isSameAs(f.getCause());
            assertThat(f.value(ConstraintException.class).constraint()).isEqualTo("mu_posts_user_id_fkey");
          })
          .verify(T);
      assertThat(emails(repo)).containsExactly("taken@x.io");
    });
  }

  @Test
  @NoSandbox
  void theBankTransferOfTheGuideFailsOnTheAccountThatWouldGoNegative() {
    withPool(repo -> {
      MuAccount mary = repo.insert(new MuAccount(null, "mary", 5)).block(T);
      MuAccount john = repo.insert(new MuAccount(null, "john", 5)).block(T);
      java.util.function.IntFunction<Multi> transfer = amount -> Multi.create()
          .updateAll("mary", Query.from(MuAccount.class).where("id", mary.id()), Updates.inc("balance", amount))
          .run("checkMary", (r, changes) -> changes.get("mary", Long.class) == 1 ? Mono.just(true) : r.rollback("no mary"))
          .updateAll("john", Query.from(MuAccount.class).where("id", john.id()), Updates.inc("balance", -amount))
          .insert("log", changes -> MuLog.of("moved " + amount));
      assertThat(repo.transact(transfer.apply(3)).block(T).get("log", MuLog.class).note()).isEqualTo("moved 3");
      repo.transact(transfer.apply(3)).as(StepVerifier::create)
          .expectErrorSatisfies(e -> {
            MultiFailedException f = (MultiFailedException) e;
            assertThat(f.step()).isEqualTo("john");
            assertThat(f.value(ConstraintException.class).constraint()).isEqualTo("mu_accounts_balance_check");
            assertThat(f.changesSoFar().asMap()).isEqualTo(Map.of("mary", 1L, "checkMary", true));
          })
          .verify(T);
      assertThat(repo.all(Query.from(MuAccount.class).orderBy("owner")).map(MuAccount::balance).collectList().block(T))
          .as("john 2, mary 8: the second transfer left nothing").containsExactly(2, 8);
    });
  }

  @Test
  void runStepsGiveTheirValueNullOrTheirFailure(Repo repo) {
    MultiResult ok = repo.transact(Multi.create()
        .run("value", (r, changes) -> Mono.just("v"))
        .run("empty", (r, changes) -> Mono.empty())).block(T);
    assertThat(ok.asMap()).containsEntry("value", "v").containsEntry("empty", null);

    IllegalStateException boom = new IllegalStateException("boom");
    repo.transact(Multi.create().insert("log", MuLog.of("a")).run("explode", (r, changes) -> Mono.error(boom)))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          MultiFailedException f = (MultiFailedException) e;
          assertThat(f.step()).isEqualTo("explode");
          assertThat(f.value()).isSameAs(boom);
          assertThat(f.getCause()).isSameAs(boom);
          assertThat(f.changesSoFar().names()).containsExactly("log");
        })
        .verify(T);
    repo.transact(Multi.create().run("thrown", (r, changes) -> {
      throw new IllegalArgumentException("thrown, not emitted");
    })).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(((MultiFailedException) e).value()).isInstanceOf(IllegalArgumentException.class))
        .verify(T);
    repo.transact(Multi.create().insert("log", MuLog.of("b")).run("nothing", (r, changes) -> null))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          MultiFailedException f = (MultiFailedException) e;
          assertThat(f.step()).isEqualTo("nothing");
          assertThat(f.value()).isInstanceOf(NullPointerException.class);
          assertThat(f.changesSoFar().names()).containsExactly("log");
        })
        .verify(T);
    repo.transact(Multi.create().run("refused", (r, changes) -> r.rollback(Map.of("reason", "quota"))))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(((MultiFailedException) e).value()).isEqualTo(Map.of("reason", "quota")))
        .verify(T);
    assertThat(repo.all(MuLog.class).collectList().block(T)).isEmpty();
  }

  @Test
  void mergeRunsAMultiBuiltFromTheChangesSoFar(Repo repo) {
    Multi multi = Multi.create()
        .insert("user", MuUser.registration(Map.of("email", "m@x.io")))
        .merge(changes -> Multi.create()
            .insert("post", MuPost.changeset(changes.get("user", MuUser.class), Map.of("title", "merged")))
            .merge(inner -> Multi.create().put("seen", inner.names())))
        .put("after", true);
    MultiResult result = repo.transact(multi).block(T);
    assertThat(result.names()).containsExactly("user", "post", "seen", "after");
    assertThat(result.get("post", MuPost.class).userId()).isEqualTo(result.get("user", MuUser.class).id());
    assertThat(result.get("seen")).isEqualTo(List.of("user", "post"));

    repo.transact(Multi.create().insert("user", MuUser.registration(Map.of("email", "n@x.io")))
            .merge(changes -> Multi.create().put("after", 1))
            .put("after", 2))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          MultiFailedException f = (MultiFailedException) e;
          assertThat(f.step()).isEqualTo("merge");
          assertThat(f.value(ArgumentException.class)).hasMessageContaining("[after] are already in the Multi");
          assertThat(f.changesSoFar().names()).containsExactly("user");
        })
        .verify(T);
    repo.transact(Multi.create().put("a", 1)
            .merge(changes -> Multi.create().put("b", 2).insert("bad", MuUser.registration(Map.of())).error("e", "x")))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          MultiFailedException f = (MultiFailedException) e;
          assertThat(f.step()).as("a merged Multi is checked before its steps run").isEqualTo("bad");
          assertThat(f.changesSoFar().names()).containsExactly("a");
        })
        .verify(T);
    repo.transact(Multi.create().put("a", 1).merge(changes -> Multi.create().error("inner", "v")))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat((MultiFailedException) e).extracting(MultiFailedException::step,
            MultiFailedException::value).containsExactly("inner", "v"))
        .verify(T);
    assertThat(emails(repo)).containsExactly("m@x.io");
  }

  @Test
  void appendedAndPrependedMultisRunInTheirOrder(Repo repo) {
    Multi user = Multi.create().insert("user", MuUser.registration(Map.of("email", "a@x.io")));
    Multi log = Multi.create().insert("log", changes -> MuLog.of("after " + changes.names()));
    assertThat(repo.transact(user.append(log)).block(T).get("log", MuLog.class).note()).isEqualTo("after [user]");
    Multi first = Multi.create().put("first", 1);
    assertThat(repo.transact(Multi.create().run("second", (r, changes) -> Mono.just(changes.names())).prepend(first))
        .block(T).asMap()).isEqualTo(Map.of("first", 1, "second", List.of("first")));
    assertThatThrownBy(() -> user.append(user)).isInstanceOf(ArgumentException.class).hasMessageContaining("[user]");
    assertThatThrownBy(() -> user.put("user", 1)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("step 'user' is already a member of the Multi");
  }

  @Test
  void insertAllWithReturningGivesTheRecords(Repo repo) {
    MultiResult result = repo.transact(Multi.create()
        .insertAll("logs", MuLog.class, List.of(Map.of("note", "a"), Map.of("note", "b")), InsertAllOptions.defaults().withReturningAll())
        .insertAll("bad", MuLog.class, List.of(Map.of("nope", 1)))).onErrorResume(MultiFailedException.class, e -> {
          assertThat(e.step()).isEqualTo("bad");
          assertThat(e.value(ArgumentException.class)).hasMessageContaining("unknown field 'nope'");
          assertThat(e.changesSoFar().list("logs", MuLog.class)).extracting(MuLog::note).containsExactlyInAnyOrder("a", "b");
          return Mono.just(MultiResult.of(e.changesSoFar()));
        }).block(T);
    assertThat(result.list("logs", MuLog.class)).allSatisfy(l -> assertThat(l.id()).isPositive());
    assertThat(repo.all(MuLog.class).collectList().block(T)).isEmpty();
  }

  @Test
  @NoSandbox
  void aMultiInsideATransactJoinsItAndAFailureAbortsItUnlessInASavepoint() {
    withPool(repo -> {
      Multi ok = Multi.create().insert("user", MuUser.registration(Map.of("email", "inner@x.io")))
          .run("inTx", (r, changes) -> r.inTransaction());
      MultiResult joined = repo.transact(() -> repo.insert(MuLog.of("outer")).then(repo.transact(ok))).block(T);
      assertThat(joined.get("inTx", Boolean.class)).isTrue();
      assertThat(emails(repo)).containsExactly("inner@x.io");

      Multi failing = Multi.create().insert("user", MuUser.registration(Map.of("email", "gone@x.io"))).error("stop", "x");
      Multi failingLate = Multi.create().insert("user", MuUser.registration(Map.of("email", "gone@x.io")))
          .run("stop", (r, changes) -> Mono.error(new IllegalStateException("late")));
      // In a savepoint (asked for), a failed Multi undoes its own steps and the outer transaction goes on.
      TransactionOptions inSavepoint = TransactionOptions.defaults().withSavepoint(true);
      String recovered = repo.transact(() -> repo.insert(MuLog.of("kept"))
          .then(repo.transact(failing, inSavepoint).map(r -> "ran").onErrorResume(MultiFailedException.class, e -> Mono.just(e.step())))
          .flatMap(step -> repo.transact(failingLate, inSavepoint).map(r -> "ran")
              .onErrorResume(MultiFailedException.class, e -> Mono.just(step + "," + e.step())))
          .flatMap(steps -> repo.insert(MuLog.of("after " + steps)).thenReturn(steps))).block(T);
      assertThat(recovered).isEqualTo("stop,stop");
      assertThat(emails(repo)).as("the failed Multis' inserts were undone").containsExactly("inner@x.io");
      assertThat(repo.all(Query.from(MuLog.class).orderBy("id")).map(MuLog::note).collectList().block(T))
          .containsExactly("outer", "kept", "after stop,stop");

      // Joined (the default), Ecto's semantics: the caught failure still aborts the outer transaction.
      repo.transact(() -> repo.insert(MuLog.of("lost"))
              .then(repo.transact(failingLate).map(r -> "ran").onErrorResume(MultiFailedException.class, e -> Mono.just("caught"))))
          .as(StepVerifier::create)
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransactionException.class)
              .hasMessageContaining("transaction rolled back").hasCauseInstanceOf(MultiFailedException.class))
          .verify(T);
      repo.transact(() -> repo.insert(MuLog.of("rolled back")).then(repo.transact(failingLate)))
          .as(StepVerifier::create).expectError(MultiFailedException.class).verify(T);
      assertThat(repo.all(MuLog.class).count().block(T)).as("nothing of the aborted transactions was committed").isEqualTo(3L);
      assertThat(emails(repo)).containsExactly("inner@x.io");
    });
  }

  @Test
  @NoSandbox
  void aCancelledMultiRollsBackAndLeavesThePoolIdle() {
    ConnectionPool pool = pool();
    Repo repo = R2dbcRepos.of(pool, RepoOptions.defaults());
    try {
      Multi slow = Multi.create()
          .insert("user", MuUser.registration(Map.of("email", "slow@x.io")))
          .run("sleep", (r, changes) -> r.exists(Query.from(MuUser.class).where(fragment("pg_sleep(2) IS NOT NULL"))))
          .insert("log", MuLog.of("never"));
      repo.transact(slow).timeout(Duration.ofMillis(400)).as(StepVerifier::create)
          .expectError(TimeoutException.class)
          .verify(T);
      awaitIdle(pool);
      assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isZero();
      assertThat(pool.getMetrics().orElseThrow().pendingAcquireSize()).isZero();
      assertThat(emails(repo)).isEmpty();
      assertThat(repo.all(MuLog.class).collectList().block(T)).isEmpty();
      assertThat(repo.transact(Multi.create().insert("log", MuLog.of("next"))).block(T).get("log", MuLog.class).id()).isPositive();
      awaitIdle(pool);
    } finally {
      pool.dispose();
      truncate();
    }
  }

  @Test
  void aMultiOfManyStepsRunsThemAllInOrder(Repo repo) {
    Multi multi = Multi.create();
    for (int i = 0; i < 10_000; i++) {
      int n = i;
      multi = i % 2 == 0 ? multi.put("s" + i, i) : multi.run("s" + i, (r, changes) -> Mono.just(changes.get("s" + (n - 1), Integer.class) + 1));
    }
    MultiResult result = repo.transact(multi.insert("log", changes -> MuLog.of("steps " + changes.names().size()))).block(T);
    assertThat(result.names()).hasSize(10_001).startsWith("s0", "s1", "s2").endsWith("s9999", "log");
    assertThat(result.get("s9999", Integer.class)).isEqualTo(9_999);
    assertThat(result.get("log", MuLog.class).note()).isEqualTo("steps 10000");
  }

  /** Not a schema: a function step that gives it fails inside the publisher, as a step. */
  record NotASchema(Long id, String name) {}

  @Test
  void aFunctionStepsRecordIsInsertedAsTheRecordAndABadOneFailsTheStep(Repo repo) {
    MultiResult ok = repo.transact(Multi.create().insert("log", changes -> MuLog.of("as a record"))).block(T);
    assertThat(ok.get("log", MuLog.class).id()).isPositive();
    assertThat(ok.get("log", MuLog.class).note()).isEqualTo("as a record");
    Mono<MultiResult> bad = repo.transact(Multi.create().put("a", 1).insert("bad", changes -> new NotASchema(null, "x")));
    bad.as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          MultiFailedException f = (MultiFailedException) e;
          assertThat(f.step()).isEqualTo("bad");
          assertThat(f.changesSoFar().names()).containsExactly("a");
          assertThat(f.getCause()).isInstanceOf(dev.flecto.FlectoException.class).hasMessageContaining("NotASchema");
        })
        .verify(T);
  }

  @Test
  void theChangesAFunctionSeesAreASnapshot(Repo repo) {
    java.util.concurrent.atomic.AtomicReference<Changes> seen = new java.util.concurrent.atomic.AtomicReference<>();
    repo.transact(Multi.create().put("a", 1).run("look", (r, changes) -> {
      seen.set(changes);
      return Mono.just(2);
    }).put("b", 3)).block(T);
    assertThat(seen.get().names()).containsExactly("a");
  }

  private static List<String> emails(Repo repo) {
    return repo.all(Query.from(MuUser.class).orderBy("id")).map(MuUser::email).collectList().block(T);
  }

  private static ConnectionPool pool() {
    return new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(TestDatabase.get().url()))
        .initialSize(1).maxSize(4).build());
  }

  /** A test of real commits on a pool of its own, whose connections must all be idle afterwards. */
  private static void withPool(Consumer<Repo> test) {
    ConnectionPool pool = pool();
    try {
      test.accept(R2dbcRepos.of(pool, RepoOptions.defaults()));
      awaitIdle(pool);
      assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isZero();
    } finally {
      pool.dispose();
      truncate();
    }
  }

  private static void truncate() {
    TestDatabase.get().execute("TRUNCATE mu_posts, mu_users, mu_accounts, mu_log").block(T);
  }

  private static void awaitIdle(ConnectionPool pool) {
    long deadline = System.nanoTime() + T.toNanos();
    while (pool.getMetrics().orElseThrow().acquiredSize() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Counts the connections asked for. */
  private static final class Counting implements ConnectionFactory {
    final AtomicInteger created = new AtomicInteger();
    private final ConnectionFactory delegate;

    Counting(ConnectionFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Publisher<? extends Connection> create() {
      return Mono.defer(() -> {
        created.incrementAndGet();
        return Mono.from(delegate.create());
      });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
      return delegate.getMetadata();
    }
  }
}
