package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.ConstraintException;
import dev.flecto.changeset.AssocChange;
import dev.flecto.changeset.CastAssocOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.ConstraintOptions;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.it.MwSchemas.MwPost;
import dev.flecto.it.MwSchemas.MwPostLabel;
import dev.flecto.it.MwSchemas.MwTag;
import dev.flecto.query.Exprs;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * putAssoc and castAssoc on many-to-many associations, as Ecto's ManyToMany.on_repo_change and the
 * "many_to_many assoc" cases of integration_test/cases/assoc.exs: new records inserted then linked,
 * existing ones linked only, replaced ones unlinked (never deleted) by onReplace, join schemas with
 * their timestamps and defaults, unique refusing duplicates, all in the parent's transaction. A
 * join row's constraint violation as Ecto's insert_join reports it: through a join schema, a
 * constraint the parent's changeset declares is an error on the linked record's changeset in the
 * parent's; undeclared, or on a plain join table, a ConstraintException; nothing is written.
 */
@FlectoTest(schema = "/m2m_writes.sql")
class ManyToManyWritesIT {
  private static final Duration T = Duration.ofSeconds(20);

  private static List<Long> linked(Repo repo, Long postId) {
    return repo.all(Query.fromTable("mw_posts_tags").where(Exprs.field("post_id").eq(postId))
        .orderBy("tag_id").select(Exprs.field("tag_id"), Long.class)).collectList().block(T);
  }

  private static List<String> tagNames(Repo repo) {
    return repo.all(Query.from(MwTag.class).orderBy("id")).map(MwTag::name).collectList().block(T);
  }

  private static int rows(Repo repo, Class<?> type) {
    return repo.all(Query.from(type)).collectList().block(T).size();
  }

  @Test
  void newTargetsAreInsertedThenLinkedAndExistingOnesOnlyLinked(Repo repo) {
    MwTag java = repo.insert(MwTag.named("java")).block(T);
    MwPost saved = repo.insert(Changeset.change(MwPost.titled("hello"))
        .putAssoc("tags", List.of(java, Map.of("name", "reactive")))).block(T);
    assertThat(saved.tags().get()).extracting(MwTag::name).containsExactly("java", "reactive");
    assertThat(saved.tags().get()).allSatisfy(t -> assertThat(t.id()).isNotNull());
    assertThat(tagNames(repo)).as("the existing tag is linked, not inserted again").containsExactly("java", "reactive");
    assertThat(linked(repo, saved.id())).containsExactly(java.id(), saved.tags().get().get(1).id());
    assertThat(repo.preload(repo.get(MwPost.class, saved.id()).block(T), "tags").block(T).tags().get())
        .extracting(MwTag::name).containsExactlyInAnyOrder("java", "reactive");
  }

  @Test
  void anUpdateLinksOnlyTheRecordsNotLinkedBefore(Repo repo) {
    MwTag a = repo.insert(MwTag.named("a")).block(T);
    MwTag b = repo.insert(MwTag.named("b")).block(T);
    MwPost post = repo.insert(Changeset.change(MwPost.titled("p")).putAssoc("tags", List.of(a))).block(T);
    MwPost loaded = repo.preload(repo.get(MwPost.class, post.id()).block(T), "tags").block(T);
    Changeset<MwPost> cs = Changeset.change(loaded)
        .putAssoc("tags", List.of(a, Changeset.change(b, Map.of("name", "b2"))));
    assertThat(cs.assocChanges().get("tags").entries()).extracting(AssocChange.Entry::op)
        .containsExactly(AssocChange.Op.KEEP, AssocChange.Op.UPDATE);
    MwPost saved = repo.update(cs).block(T); // a second (post, a) row would violate the join table's primary key
    assertThat(saved.tags().get()).extracting(MwTag::name).containsExactly("a", "b2");
    assertThat(linked(repo, post.id())).containsExactly(a.id(), b.id());
    assertThat(tagNames(repo)).containsExactly("a", "b2");
  }

  @Test
  void raiseRefusesToReplaceALinkedRecord(Repo repo) {
    MwTag a = repo.insert(MwTag.named("a")).block(T);
    MwPost post = repo.insert(Changeset.change(MwPost.titled("p")).putAssoc("tags", List.of(a))).block(T);
    MwPost loaded = repo.preload(repo.get(MwPost.class, post.id()).block(T), "tags").block(T);
    assertThatThrownBy(() -> Changeset.change(loaded).putAssoc("tags", List.of()))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("putAssoc(\"tags\") on MwPost")
        .hasMessageContaining("onReplace is RAISE").hasMessageContaining("DELETE to delete their join rows");
    assertThatThrownBy(() -> Changeset.change(MwPost.titled("p")).putAssoc("tags", a))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("many-to-many association takes a list");
  }

  @Test
  void onReplaceDeleteRemovesTheJoinRowsAndLeavesTheRecords(Repo repo) {
    MwTag a = repo.insert(MwTag.named("a")).block(T);
    MwTag b = repo.insert(MwTag.named("b")).block(T);
    MwPost post = repo.insert(Changeset.change(MwPost.titled("p")).putAssoc("deletableTags", List.of(a, b))).block(T);
    MwPost loaded = repo.preload(repo.get(MwPost.class, post.id()).block(T), "deletableTags").block(T);
    Changeset<MwPost> cs = Changeset.change(loaded).putAssoc("deletableTags", List.of(b, Map.of("name", "c")));
    assertThat(cs.assocChanges().get("deletableTags").entries()).extracting(AssocChange.Entry::op)
        .containsExactly(AssocChange.Op.KEEP, AssocChange.Op.INSERT, AssocChange.Op.DELETE);
    MwPost saved = repo.update(cs).block(T);
    assertThat(saved.deletableTags().get()).extracting(MwTag::name).containsExactly("b", "c");
    assertThat(linked(repo, post.id())).containsExactly(b.id(), saved.deletableTags().get().get(1).id());
    assertThat(tagNames(repo)).as("the unlinked tag stays").containsExactly("a", "b", "c");
  }

  @Test
  void aJoinSchemaRowGetsItsTimestampsAndDefaults(Repo repo) {
    Instant before = Instant.now().minusSeconds(5);
    MwTag a = repo.insert(MwTag.named("a")).block(T);
    MwPost saved = repo.insert(Changeset.change(MwPost.titled("p"))
        .putAssoc("labels", List.of(a, Map.of("name", "new")))).block(T);
    List<MwPostLabel> labels = repo.all(Query.from(MwPostLabel.class).orderBy("id")).collectList().block(T);
    assertThat(labels).extracting(MwPostLabel::postId).containsOnly(saved.id());
    assertThat(labels).extracting(MwPostLabel::tagId).containsExactly(a.id(), saved.labels().get().get(1).id());
    assertThat(labels).allSatisfy(l -> {
      assertThat(l.weight()).isEqualTo(1);
      assertThat(l.insertedAt()).isAfter(before);
      assertThat(l.updatedAt()).isEqualTo(l.insertedAt());
    });
    MwPost loaded = repo.preload(repo.get(MwPost.class, saved.id()).block(T), "labels").block(T);
    repo.update(Changeset.change(loaded).putAssoc("labels", List.of(loaded.labels().get().get(1)))).block(T);
    assertThat(repo.all(Query.from(MwPostLabel.class)).collectList().block(T)).extracting(MwPostLabel::tagId)
        .containsExactly(saved.labels().get().get(1).id());
    assertThat(rows(repo, MwTag.class)).isEqualTo(2);
  }

  @Test
  void aFailingTargetRollsEverythingBack(Repo repo) {
    repo.insert(MwTag.named("taken")).block(T);
    Changeset<MwPost> cs = Changeset.change(MwPost.titled("p")).putAssoc("tags", List.of(
        MwTag.changeset(MwTag.named(null), Map.of("name", "fine")),
        MwTag.changeset(MwTag.named(null), Map.of("name", "taken"))));
    assertThatThrownBy(() -> repo.insert(cs).block(T)).isInstanceOfSatisfying(InvalidChangesetException.class, e -> {
      assertThat(e.changeset().errors()).contains(new ChangesetError("tags", "is invalid", Map.of("assoc", "many_to_many")));
      Changeset<?> failed = e.changeset().assocChanges().get("tags").entries().get(1).changeset();
      assertThat(failed.errors()).extracting(ChangesetError::field, ChangesetError::message)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "has already been taken"));
    });
    assertThat(rows(repo, MwPost.class)).as("nothing was written").isZero();
    assertThat(tagNames(repo)).containsExactly("taken");
    assertThat(repo.all(Query.fromTable("mw_posts_tags").select(Exprs.field("tag_id"), Long.class)).collectList().block(T))
        .isEmpty();
  }

  @Test
  void aUniqueAssociationRefusesTheSameRecordTwice(Repo repo) {
    MwTag a = repo.insert(MwTag.named("a")).block(T);
    Changeset<MwPost> cs = Changeset.change(MwPost.titled("p")).putAssoc("uniqueTags", List.of(a, Map.of("name", "b"), a));
    assertThat(cs.isValid()).isFalse();
    assertThat(cs.errors()).containsExactly(new ChangesetError("uniqueTags", "is invalid", Map.of("assoc", "many_to_many")));
    List<AssocChange.Entry> entries = cs.assocChanges().get("uniqueTags").entries();
    assertThat(entries.get(0).changeset().isValid()).isTrue();
    assertThat(entries.get(2).changeset().errors()).extracting(ChangesetError::field, ChangesetError::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "has already been taken"));
    assertThatThrownBy(() -> repo.insert(cs).block(T)).isInstanceOf(InvalidChangesetException.class);
    assertThat(rows(repo, MwPost.class)).isZero();
    assertThat(Changeset.change(MwPost.titled("p")).putAssoc("tags", List.of(a, a)).isValid())
        .as("a many-to-many is not unique unless declared so (Ecto's default)").isTrue();
    Changeset<MwPost> cast = MwPost.changeset(MwPost.titled(null), Map.of("title", "p",
        "uniqueTags", List.of(Map.of("id", a.id(), "name", "a"), Map.of("id", a.id(), "name", "a"))))
        .castAssoc("uniqueTags", CastAssocOptions.<MwTag>with((t, p) -> Changeset.cast(t, p, "id", "name")));
    assertThat(cast.errors()).as("castAssoc checks the keys its function casts, as Ecto")
        .containsExactly(new ChangesetError("uniqueTags", "is invalid", Map.of("assoc", "many_to_many")));
  }

  @Test
  void castAssocWritesAManyToManyAsPutAssocDoes(Repo repo) {
    MwPost saved = repo.insert(MwPost.changeset(MwPost.titled(null), Map.of("title", "p",
        "tags", List.of(Map.of("name", "x"), Map.of("name", "y"))))
        .castAssoc("tags", CastAssocOptions.with(MwTag::changeset))).block(T);
    assertThat(saved.tags().get()).extracting(MwTag::name).containsExactly("x", "y");
    assertThat(linked(repo, saved.id())).containsExactlyElementsOf(saved.tags().get().stream().map(MwTag::id).toList());
  }

  @Test
  void joinDefaultsAreWrittenIntoTheJoinSchemasRow(Repo repo) {
    MwTag a = repo.insert(MwTag.named("a")).block(T);
    MwPost saved = repo.insert(Changeset.change(MwPost.titled("p")).putAssoc("heavyLabels", List.of(a))).block(T);
    assertThat(repo.all(Query.from(MwPostLabel.class)).collectList().block(T))
        .singleElement().satisfies(l -> {
          assertThat(l.weight()).as("Ecto's join_defaults, over the field's @Default").isEqualTo(5);
          assertThat(l.postId()).isEqualTo(saved.id());
        });

    // A field the join schema does not have: refused inside the publisher, and the post is not kept.
    Throwable bad = org.assertj.core.api.Assertions.catchThrowable(() -> repo.insert(Changeset.change(
        new MwSchemas.MwBadDefaults(null, "bad", null)).putAssoc("labels", List.of(a))).block(T));
    assertThat(bad).isInstanceOf(dev.flecto.SchemaException.class).hasMessageContaining("joinDefaults of 'labels'")
        .hasMessageContaining("field 'colour'");
    assertThat(repo.all(MwPost.class).map(MwPost::title).collectList().block(T)).containsExactly("p");
    // On a plain join table, as Ecto raises.
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dev.flecto.schema.Schemas.of(MwSchemas.MwTableDefaults.class)))
        .isInstanceOf(dev.flecto.SchemaException.class).hasMessageContaining("joinDefaults need a join schema");
  }

  @Test
  void aJoinSchemaRowsConstraintDeclaredOnTheParentIsAnErrorInTheParentsChangeset(Repo repo) {
    MwTag a = repo.insert(MwTag.named("a")).block(T);
    Changeset<MwPost> cs = Changeset.change(MwPost.titled("p")).putAssoc("labels", List.of(a, Map.of("name", "new"), a))
        .uniqueConstraint(List.of("labels"), ConstraintOptions.named("mw_post_labels_post_id_tag_id_index"));
    repo.insert(cs).as(StepVerifier::create).expectErrorSatisfies(e -> {
      assertThat(e).isInstanceOf(InvalidChangesetException.class);
      Changeset<?> parent = ((InvalidChangesetException) e).changeset();
      assertThat(parent.errors()).containsExactly(new ChangesetError("labels", "is invalid", Map.of("assoc", "many_to_many")));
      List<AssocChange.Entry> entries = parent.assocChanges().get("labels").entries();
      assertThat(entries.get(0).changeset().isValid()).isTrue();
      assertThat(entries.get(2).changeset().errors()).containsExactly(new ChangesetError("labels", "has already been taken",
          Map.of("constraint", "unique", "constraint_name", "mw_post_labels_post_id_tag_id_index")));
    }).verify(T);
    assertThat(rows(repo, MwPost.class)).as("nothing was written").isZero();
    assertThat(rows(repo, MwPostLabel.class)).isZero();
    assertThat(tagNames(repo)).containsExactly("a");

    // An update linking a record whose join row exists already (the loaded value did not show it).
    MwPost post = repo.insert(Changeset.change(MwPost.titled("q")).putAssoc("labels", List.of(a))).block(T);
    MwPost stale = new MwPost(post.id(), "q", null, null, null, dev.flecto.schema.Assoc.loaded(List.of()), null);
    assertThatThrownBy(() -> repo.update(Changeset.change(stale, Map.of("title", "q2")).putAssoc("labels", List.of(a))
        .uniqueConstraint(List.of("labels"), ConstraintOptions.named("mw_post_labels_post_id_tag_id_index"))).block(T))
        .isInstanceOfSatisfying(InvalidChangesetException.class, e -> assertThat(e.changeset().assocChanges().get("labels")
            .entries().get(0).changeset().errorsOn("labels")).extracting(ChangesetError::message)
            .containsExactly("has already been taken"));
    assertThat(repo.get(MwPost.class, post.id()).block(T).title()).as("the update rolled back").isEqualTo("q");

    // A check constraint through castAssoc: the new tag's insert rolls back with the post.
    Changeset<MwSchemas.MwWeightless> cast = Changeset.cast(new MwSchemas.MwWeightless(null, null, null),
            Map.of("title", "w", "labels", List.of(Map.of("name", "x"))), "title")
        .castAssoc("labels", CastAssocOptions.with(MwTag::changeset))
        .checkConstraint("labels", ConstraintOptions.named("mw_post_labels_weight_positive"));
    assertThatThrownBy(() -> repo.insert(cast).block(T)).isInstanceOfSatisfying(InvalidChangesetException.class,
        e -> assertThat(e.changeset().assocChanges().get("labels").entries().get(0).changeset().errors())
            .extracting(ChangesetError::field, ChangesetError::message)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("labels", "is invalid")));
    assertThat(tagNames(repo)).containsExactly("a");
    assertThat(repo.all(MwPost.class).map(MwPost::title).collectList().block(T)).containsExactly("q");
  }

  @Test
  void anUndeclaredJoinSchemaViolationOrAnyPlainJoinTablesRaisesNamingTheJoinTable(Repo repo) {
    MwTag a = repo.insert(MwTag.named("a")).block(T);
    repo.insert(Changeset.change(MwPost.titled("p")).putAssoc("labels", List.of(a, Map.of("name", "new"), a)))
        .as(StepVerifier::create).expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ConstraintException.class, c -> {
          assertThat(c.constraint()).isEqualTo("mw_post_labels_post_id_tag_id_index");
          assertThat(c.table()).isEqualTo("mw_post_labels");
          assertThat(c).hasMessageContaining("inserting the join row of 'labels' of MwPost")
              .hasMessageContaining("join schema MwPostLabel")
              .hasMessageContaining("uniqueConstraint(List.of(\"labels\"), ConstraintOptions.named("
                  + "\"mw_post_labels_post_id_tag_id_index\"))");
        })).verify(T);
    assertThat(rows(repo, MwPost.class)).as("nothing was written").isZero();
    assertThat(tagNames(repo)).containsExactly("a");

    // A plain join table raises even when the parent declares the constraint, as Ecto's insert_all does.
    repo.insert(Changeset.change(MwPost.titled("p")).putAssoc("tags", List.of(a, a))
            .uniqueConstraint(List.of("tags"), ConstraintOptions.named("mw_posts_tags_pkey")))
        .as(StepVerifier::create).expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ConstraintException.class, c -> {
          assertThat(c.constraint()).isEqualTo("mw_posts_tags_pkey");
          assertThat(c).hasMessageContaining("join table mw_posts_tags").hasMessageContaining("a plain join table's violation");
        })).verify(T);
    assertThat(rows(repo, MwPost.class)).isZero();
    assertThat(repo.all(Query.fromTable("mw_posts_tags").select(Exprs.field("tag_id"), Long.class)).collectList().block(T))
        .isEmpty();
  }
}
