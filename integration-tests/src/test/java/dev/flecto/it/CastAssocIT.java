package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.changeset.CastAssocOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.it.CaSchemas.CaAuthor;
import dev.flecto.it.CaSchemas.CaComment;
import dev.flecto.it.CaSchemas.CaPost;
import dev.flecto.it.CaSchemas.CaProfile;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Changeset.castAssoc written by the Repo, as Ecto's cast_assoc and integration_test/cases/assoc.exs:
 * nested params inserted with the parent, entries matched to the loaded children by id, the rest
 * replaced by onReplace, required and invalid params, nested errors, and a child's constraint
 * violation reported on that child with nothing written.
 */
@FlectoTest(schema = "/cast_assoc.sql")
class CastAssocIT {
  private static final Duration T = Duration.ofSeconds(20);

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static List<CaComment> comments(Repo repo) {
    return repo.all(Query.from(CaComment.class).orderBy("id")).collectList().block(T);
  }

  private static int rows(Repo repo, Class<?> type) {
    return repo.all(Query.from(type)).collectList().block(T).size();
  }

  private static CaPost loaded(Repo repo, CaPost post, String... assocs) {
    return repo.preload(post, assocs).block(T);
  }

  @Test
  void aNewParentIsInsertedWithItsNestedParamsInOneWrite(Repo repo) {
    Map<String, Object> params = map("title", "hello", "author", map("name", "Ann"),
        "comments", List.of(map("body", "first", "slug", "a"), map("body", "second")), "profile", map("bio", "about"));
    Changeset<CaPost> cs = CaPost.changeset(CaPost.titled(null), params)
        .castAssoc("author").castAssoc("comments").castAssoc("profile");
    CaPost saved = repo.insert(cs).block(T);
    assertThat(saved.author().get().name()).isEqualTo("Ann");
    assertThat(saved.authorId()).isEqualTo(saved.author().get().id());
    assertThat(saved.comments().get()).extracting(c -> c.body() + ":" + c.postId())
        .containsExactly("first:" + saved.id(), "second:" + saved.id());
    assertThat(saved.profile().get().postId()).isEqualTo(saved.id());
    assertThat(comments(repo)).extracting(CaComment::body).containsExactly("first", "second");
    assertThat(repo.getBy(CaProfile.class, Map.of("postId", saved.id())).block(T).bio()).isEqualTo("about");
    assertThat(repo.get(CaAuthor.class, saved.authorId()).block(T).name()).isEqualTo("Ann");
  }

  @Test
  void anUpdateMatchesChildrenByIdInsertsNewOnesAndReplacesTheMissing(Repo repo) {
    CaPost post = repo.insert(CaPost.titled("p")).block(T);
    CaComment a = repo.insert(CaComment.on(post.id(), "a", null)).block(T);
    CaComment b = repo.insert(CaComment.on(post.id(), "b", null)).block(T);
    repo.insert(CaComment.on(post.id(), "c", null)).block(T);
    Map<String, Object> params = map("title", "p2", "comments", List.of(map("id", String.valueOf(a.id()), "body", "a2"),
        map("id", b.id()), map("body", "d")));
    CaPost saved = repo.update(CaPost.changeset(loaded(repo, post, "comments"), params).castAssoc("comments")).block(T);
    assertThat(saved.title()).isEqualTo("p2");
    assertThat(saved.comments().get()).extracting(CaComment::body).containsExactly("a2", "b", "d");
    assertThat(comments(repo)).as("c deleted (onReplace DELETE)").extracting(CaComment::body).containsExactly("a2", "b", "d");
    assertThat(comments(repo).get(0).id()).isEqualTo(a.id());

    CaPost again = repo.get(CaPost.class, post.id()).block(T);
    repo.update(CaPost.changeset(loaded(repo, again, "looseComments"), map("looseComments", List.of(map("id", a.id())))).castAssoc("looseComments"))
        .block(T);
    assertThat(comments(repo)).as("NILIFY keeps the rows, unlinked").extracting(c -> c.body() + ":" + c.postId())
        .containsExactly("a2:" + post.id(), "b:null", "d:null");
  }

  @Test
  void aHasOneGivenOtherParamsIsReplacedAndNullRemovesIt(Repo repo) {
    CaPost post = repo.insert(CaPost.titled("p")).block(T);
    CaProfile old = repo.insert(new CaProfile(null, post.id(), "old")).block(T);
    CaPost saved = repo.update(CaPost.changeset(loaded(repo, post, "profile"), map("profile", map("bio", "new"))).castAssoc("profile"))
        .block(T);
    assertThat(saved.profile().get().bio()).isEqualTo("new");
    assertThat(repo.get(CaProfile.class, old.id()).block(T)).as("the old one deleted").isNull();
    CaProfile current = saved.profile().get();
    repo.update(CaPost.changeset(loaded(repo, post, "profile"), map("profile", map("id", current.id(), "bio", "edited")))
        .castAssoc("profile")).block(T);
    assertThat(repo.get(CaProfile.class, current.id()).block(T).bio()).as("matched by id: updated").isEqualTo("edited");
    repo.update(CaPost.changeset(loaded(repo, post, "profile"), map("profile", null)).castAssoc("profile")).block(T);
    assertThat(rows(repo, CaProfile.class)).isZero();
  }

  @Test
  void aRequiredAssociationAndParamsOfTheWrongShapeAreRefusedWithoutWriting(Repo repo) {
    Changeset<CaPost> missing = CaPost.changeset(CaPost.titled(null), map("title", "t"))
        .castAssoc("comments", CastAssocOptions.<CaComment>defaults().withRequired(true).withRequiredMessage("add a comment"));
    assertThatThrownBy(() -> repo.insert(missing).block(T)).isInstanceOfSatisfying(InvalidChangesetException.class,
        e -> assertThat(e.changeset().errorsByField()).isEqualTo(Map.of("comments", List.of("add a comment"))));
    Changeset<CaPost> shape = CaPost.changeset(CaPost.titled(null), map("title", "t", "comments", "not a list", "profile", List.of()))
        .castAssoc("comments").castAssoc("profile");
    assertThat(shape.errorsByField()).isEqualTo(Map.of("comments", List.of("is invalid"), "profile", List.of("is invalid")));
    assertThatThrownBy(() -> repo.insert(shape).block(T)).isInstanceOf(InvalidChangesetException.class);
    assertThat(rows(repo, CaPost.class)).isZero();
  }

  @Test
  void nestedValidationErrorsMakeTheParentInvalidAndTraverseAsEctoDoes(Repo repo) {
    Changeset<CaPost> cs = CaPost.changeset(CaPost.titled(null), map("title", "",
        "comments", List.of(map("body", "fine"), map("body", " ")), "profile", map("bio", "")))
        .castAssoc("comments").castAssoc("profile");
    assertThatThrownBy(() -> repo.insert(cs).block(T)).isInstanceOfSatisfying(InvalidChangesetException.class, e -> {
      assertThat(ChangesetErrors.traverse(e.changeset(), ChangesetError::formatted)).isEqualTo(Map.of(
          "title", List.of("can't be blank"),
          "comments", List.of(Map.of(), Map.of("body", List.of("can't be blank"))),
          "profile", Map.of("bio", List.of("can't be blank"))));
      assertThat(e.getMessage()).contains("comments=[{}, {body=[can't be blank]}]");
    });
    assertThat(rows(repo, CaPost.class)).isZero();
    assertThat(rows(repo, CaComment.class)).isZero();
  }

  @Test
  void aChildsUniqueViolationIsReportedOnThatChildAndNothingIsWritten(Repo repo) {
    CaPost other = repo.insert(CaPost.titled("other")).block(T);
    repo.insert(CaComment.on(other.id(), "taken", "taken")).block(T);
    Changeset<CaPost> cs = CaPost.changeset(CaPost.titled(null), map("title", "new", "author", map("name", "Bo"),
        "comments", List.of(map("body", "ok", "slug", "fresh"), map("body", "dup", "slug", "taken"))))
        .castAssoc("author").castAssoc("comments");
    assertThatThrownBy(() -> repo.insert(cs).block(T)).isInstanceOfSatisfying(InvalidChangesetException.class, e -> {
      assertThat(e.action()).isEqualTo("insert");
      assertThat(e.changeset().data()).as("the parent's changeset comes back").isInstanceOf(CaPost.class);
      assertThat(ChangesetErrors.traverse(e.changeset(), ChangesetError::formatted))
          .isEqualTo(Map.of("comments", List.of(Map.of(), Map.of("slug", List.of("has already been taken")))));
      assertThat(e.changeset().isValid()).isFalse();
    });
    assertThat(rows(repo, CaPost.class)).as("the whole tree rolled back").isEqualTo(1);
    assertThat(rows(repo, CaAuthor.class)).isZero();
    assertThat(comments(repo)).extracting(CaComment::body).containsExactly("taken");

    CaPost post = repo.insert(CaPost.titled("mine")).block(T);
    CaComment mine = repo.insert(CaComment.on(post.id(), "mine", "mine")).block(T);
    Changeset<CaPost> update = CaPost.changeset(loaded(repo, post, "comments"), map("title", "renamed",
        "comments", List.of(map("id", mine.id(), "slug", "taken"))))
        .castAssoc("comments");
    assertThatThrownBy(() -> repo.update(update).block(T)).isInstanceOfSatisfying(InvalidChangesetException.class,
        e -> assertThat(ChangesetErrors.traverse(e.changeset(), ChangesetError::formatted))
            .isEqualTo(Map.of("comments", List.of(Map.of("slug", List.of("has already been taken"))))));
    assertThat(repo.get(CaPost.class, post.id()).block(T).title()).as("the parent's update rolled back").isEqualTo("mine");
    assertThat(repo.get(CaComment.class, mine.id()).block(T).slug()).isEqualTo("mine");
  }

  @Test
  void sortAndDropParamsOrderAndRemoveFormEntries(Repo repo) {
    CaPost post = repo.insert(CaPost.titled("p")).block(T);
    CaComment a = repo.insert(CaComment.on(post.id(), "a", null)).block(T);
    CaComment b = repo.insert(CaComment.on(post.id(), "b", null)).block(T);
    CastAssocOptions<CaComment> positioned = CastAssocOptions.<CaComment>withPosition(
        (c, p, position) -> CaComment.changeset(c, p).putChange("position", position))
        .withSortParam("commentsSort").withDropParam("commentsDrop");
    Map<String, Object> form = map("comments", map("0", map("id", String.valueOf(a.id())), "1", map("id", String.valueOf(b.id())),
        "2", map("body", "c")), "commentsSort", List.of("2", "0"), "commentsDrop", List.of("1"));
    CaPost saved = repo.update(CaPost.changeset(loaded(repo, post, "comments"), form).castAssoc("comments", positioned)).block(T);
    assertThat(saved.comments().get()).extracting(c -> c.body() + "@" + c.position()).containsExactly("c@0", "a@1");
    assertThat(repo.all(Query.from(CaComment.class).orderBy("position"))
        .map(c -> c.body() + "@" + c.position()).collectList().block(T)).as("b dropped: deleted by onReplace")
        .containsExactly("c@0", "a@1");
  }
}
