package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.Constraint;
import dev.flecto.changeset.ConstraintOptions;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Each constraint kind turning into the right field error, in the sandbox; the database keeps what it held. */
@FlectoTest(schema = "/constraints.sql")
class ConstraintsIT {
  private static final Duration T = Duration.ofSeconds(10);

  private static CsUser user(Repo repo, String email) {
    return repo.insert(CsUser.registration(Map.of("email", email, "name", "n-" + email, "companyId", "1"))).block(T);
  }

  private static ChangesetError failedWith(Mono<?> write, String action) {
    InvalidChangesetException e = (InvalidChangesetException) write.map(Object.class::cast)
        .onErrorResume(InvalidChangesetException.class, Mono::just).block(T);
    assertThat(e).as("the write failed with InvalidChangesetException").isNotNull();
    assertThat(e.changeset().action()).isEqualTo(action);
    assertThat(e.action()).isEqualTo(action);
    assertThat(e.changeset().errors()).hasSize(1);
    return e.changeset().errors().get(0);
  }

  @Test
  void aDeclaredUniqueConstraintBecomesAFieldErrorAndTheSandboxGoesOn(Repo repo) {
    user(repo, "a@x.io");
    ChangesetError error = failedWith(repo.insert(CsUser.registration(Map.of("email", "a@x.io")).uniqueConstraint("email")), "insert");
    assertThat(error).isEqualTo(new ChangesetError("email", "has already been taken",
        Map.of("constraint", "unique", "constraint_name", "cs_users_email_index")));
    assertThat(repo.all(CsUser.class).map(CsUser::email).collectList().block(T)).containsExactly("a@x.io");
  }

  @Test
  void severalFieldsMatchAndCustomMessagesAndKeys(Repo repo) {
    user(repo, "a@x.io");
    Changeset<CsUser> dup = CsUser.registration(Map.of("email", "b@x.io", "name", "n-a@x.io", "companyId", "1"))
        .uniqueConstraint("email")
        .uniqueConstraint(List.of("name", "companyId"), ConstraintOptions.defaults().errorKey("companyId").message("is taken here"));
    assertThat(failedWith(repo.insert(dup), "insert")).isEqualTo(new ChangesetError("companyId", "is taken here",
        Map.of("constraint", "unique", "constraint_name", "cs_users_name_company_id_index")));
    Changeset<CsUser> bySuffix = CsUser.registration(Map.of("email", "a@x.io"))
        .uniqueConstraint(List.of("email"), ConstraintOptions.named("email_index").match(Constraint.Match.SUFFIX));
    assertThat(failedWith(repo.insert(bySuffix), "insert").field()).isEqualTo("email");
    Changeset<CsUser> byPrefix = CsUser.registration(Map.of("email", "a@x.io"))
        .uniqueConstraint(List.of("email"), ConstraintOptions.named("cs_users_em").match(Constraint.Match.PREFIX));
    assertThat(failedWith(repo.insert(byPrefix), "insert").keys()).containsEntry("constraint_name", "cs_users_email_index");
  }

  @Test
  void anUndeclaredConstraintRaisesAndSaysHowToDeclareIt(Repo repo) {
    user(repo, "a@x.io");
    Changeset<CsUser> undeclared = CsUser.registration(Map.of("email", "a@x.io")).foreignKeyConstraint("companyId",
        ConstraintOptions.named("some_other_fkey"));
    repo.transact(() -> repo.insert(undeclared)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConstraintException.class)
            .hasMessageContaining("unique constraint \"cs_users_email_index\" violated on table cs_users")
            .hasMessageContaining("uniqueConstraint(List.of(\"field\"), ConstraintOptions.named(\"cs_users_email_index\"))")
            .hasMessageContaining("the changeset declared: FOREIGN_KEY some_other_fkey")
            .hasCauseInstanceOf(io.r2dbc.spi.R2dbcDataIntegrityViolationException.class))
        .verify(T);
    repo.transact(() -> repo.insert(new CsUser(null, "a@x.io", null, null, null, 1))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConstraintException.class)
            .hasMessageContaining("the changeset declared: none"))
        .verify(T);
    assertThat(repo.all(CsUser.class).count().block(T)).isEqualTo(1L);
  }

  @Test
  void foreignKeyAndAssocConstraints(Repo repo) {
    Changeset<CsPost> orphan = Changeset.cast(CsPost.class, Map.of("userId", "999999", "title", "x"), "userId", "title");
    assertThat(failedWith(repo.insert(orphan.foreignKeyConstraint("userId")), "insert")).isEqualTo(new ChangesetError(
        "userId", "does not exist", Map.of("constraint", "foreign", "constraint_name", "cs_posts_user_id_fkey")));
    assertThat(failedWith(repo.insert(orphan.assocConstraint("user")), "insert")).isEqualTo(new ChangesetError(
        "user", "does not exist", Map.of("constraint", "assoc", "constraint_name", "cs_posts_user_id_fkey")));
    assertThat(repo.all(CsPost.class).count().block(T)).isZero();
  }

  @Test
  void noAssocConstraintKeepsAParentWithChildren(Repo repo) {
    CsUser u = user(repo, "a@x.io");
    repo.insert(new CsPost(null, u.id(), "hello")).block(T);
    Changeset<CsUser> delete = Changeset.change(u).noAssocConstraint("posts", ConstraintOptions.named("cs_posts_user_id_fkey"));
    assertThat(failedWith(repo.delete(delete), "delete")).isEqualTo(new ChangesetError("posts",
        "are still associated with this entry", Map.of("constraint", "no_assoc", "constraint_name", "cs_posts_user_id_fkey")));
    assertThat(repo.reload(u).block(T)).isEqualTo(u);
  }

  @Test
  void checkConstraintOnUpdateLeavesTheRowAsItWas(Repo repo) {
    CsUser u = repo.insert(CsUser.registration(Map.of("email", "a@x.io", "age", "30"))).block(T);
    Changeset<CsUser> negative = CsUser.changeset(u, Map.of("age", "-1"))
        .checkConstraint("age", ConstraintOptions.named("cs_users_age_must_be_non_negative"));
    assertThat(failedWith(repo.update(negative), "update")).isEqualTo(new ChangesetError("age", "is invalid",
        Map.of("constraint", "check", "constraint_name", "cs_users_age_must_be_non_negative")));
    assertThat(repo.reload(u).block(T).age()).isEqualTo(30);
  }

  @Test
  void exclusionConstraint(Repo repo) {
    Instant nine = Instant.parse("2026-01-01T09:00:00Z");
    repo.insert(new CsBooking(null, 1, nine, nine.plusSeconds(3600))).block(T);
    Changeset<CsBooking> overlap = Changeset.change(new CsBooking(null, 1, nine.plusSeconds(1800), nine.plusSeconds(5400)))
        .exclusionConstraint("startsAt");
    assertThat(failedWith(repo.insert(overlap), "insert")).isEqualTo(new ChangesetError("startsAt",
        "violates an exclusion constraint", Map.of("constraint", "exclusion", "constraint_name", "cs_bookings_starts_at_exclusion")));
    assertThat(repo.all(CsBooking.class).count().block(T)).isEqualTo(1L);
  }

  @Test
  void invalidChangesetsNeverReachTheDatabaseOnAnyWrite(Repo repo) {
    CsUser u = user(repo, "a@x.io");
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(TestDatabase.get().connectionFactory());
    Sandbox sandbox = Sandbox.open(recording, RepoOptions.defaults()).block(T);
    recording.clear(); // the sandbox's own BEGIN
    try {
      Repo recorded = sandbox.repo();
      Changeset<CsUser> invalid = CsUser.changeset(u, Map.of("email", "")).uniqueConstraint("email");
      assertThat(failedWith(recorded.update(invalid), "update").message()).isEqualTo("can't be blank");
      assertThat(failedWith(recorded.delete(Changeset.change(u).addError("id", "is locked")), "delete").message()).isEqualTo("is locked");
      assertThat(failedWith(recorded.insert(CsUser.registration(Map.of())), "insert").field()).isEqualTo("email");
      assertThat(recording.statements()).isEmpty();
    } finally {
      sandbox.rollback().block(T);
    }
  }

  @Test
  void unsafeValidateUniqueAsksTheDatabaseAndExcludesTheRecordItself(Repo repo) {
    CsUser a = user(repo, "a@x.io");
    Changeset<CsUser> taken = CsUser.registration(Map.of("email", "a@x.io")).unsafeValidateUnique(repo::all, "email").block(T);
    assertThat(taken.errors()).containsExactly(new ChangesetError("email", "has already been taken",
        Map.of("validation", "unsafe_unique", "fields", List.of("email"))));
    assertThat(taken.validations()).extracting(v -> v.kind()).containsExactly("unsafe_unique");
    Changeset<CsUser> self = CsUser.changeset(a, Map.of("email", "a@x.io", "name", "renamed")).forceChange("email", "a@x.io")
        .unsafeValidateUnique(repo::all, "email").block(T);
    assertThat(self.isValid()).as("the record itself does not count").isTrue();
    assertThat(CsUser.registration(Map.of("email", "free@x.io")).unsafeValidateUnique(repo::all, "email").block(T).isValid()).isTrue();
  }

  @Test
  void insertOrUpdateChoosesByTheKey(Repo repo) {
    CsUser created = repo.insertOrUpdate(CsUser.registration(Map.of("email", "a@x.io"))).block(T);
    CsUser updated = repo.insertOrUpdate(CsUser.changeset(created, Map.of("name", "Ann"))).block(T);
    assertThat(updated.id()).isEqualTo(created.id());
    assertThat(repo.all(CsUser.class).map(CsUser::name).collectList().block(T)).containsExactly("Ann");
  }
}
