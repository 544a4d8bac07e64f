package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ConstraintException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.it.TiSchemas.TiAuthor;
import dev.flecto.it.TiSchemas.TiComment;
import dev.flecto.it.TiSchemas.TiPost;
import dev.flecto.it.TiSchemas.TiSummary;
import dev.flecto.it.TiSchemas.TiTag;
import dev.flecto.query.Exprs;
import dev.flecto.query.Query;
import dev.flecto.repo.InsertOptions;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Assoc;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Inserting a record whose associations are loaded inserts the whole tree, as Ecto's Repo.insert
 * (Relation.surface_changes): the belongs-to parent first, then the record, then its has-one and
 * has-many children and many-to-many join rows, in one transaction, returned with their ids.
 */
@FlectoTest(schema = "/tree_insert.sql")
class TreeInsertIT {
  private static final Duration T = Duration.ofSeconds(20);

  private static TiPost tree(TiTag existing, TiComment... comments) {
    return new TiPost(null, "hello", null, Assoc.loaded(new TiAuthor(null, "Ann")), Assoc.loaded(List.of(comments)),
        Assoc.loaded(new TiSummary(null, null, "short")), Assoc.loaded(List.of(existing, new TiTag(null, "new"))));
  }

  private static int rows(Repo repo, Class<?> type) {
    return repo.all(Query.from(type)).collectList().block(T).size();
  }

  private static List<Long> linked(Repo repo, Long postId) {
    return repo.all(Query.fromTable("ti_posts_tags").where(Exprs.field("post_id").eq(postId))
        .orderBy("tag_id").select(Exprs.field("tag_id"), Long.class)).collectList().block(T);
  }

  private static void assertWholeTree(Repo repo, TiPost saved, TiTag existing) {
    assertThat(saved.id()).isNotNull();
    assertThat(saved.author().get().id()).isNotNull().isEqualTo(saved.authorId());
    assertThat(saved.comments().get()).extracting(c -> c.body() + ":" + c.postId())
        .containsExactly("first:" + saved.id(), "second:" + saved.id());
    assertThat(saved.comments().get()).allSatisfy(c -> assertThat(c.id()).isNotNull());
    assertThat(saved.summary().get().postId()).isEqualTo(saved.id());
    assertThat(saved.tags().get()).extracting(TiTag::name).containsExactly("existing", "new");
    assertThat(saved.tags().get()).allSatisfy(t -> assertThat(t.id()).isNotNull());
    assertThat(repo.get(TiAuthor.class, saved.authorId()).block(T).name()).isEqualTo("Ann");
    assertThat(repo.all(Query.from(TiComment.class).where("postId", saved.id()).orderBy("id")).map(TiComment::body)
        .collectList().block(T)).containsExactly("first", "second");
    assertThat(repo.getBy(TiSummary.class, Map.of("postId", saved.id())).block(T).text()).isEqualTo("short");
    assertThat(linked(repo, saved.id())).containsExactly(existing.id(), saved.tags().get().get(1).id());
    assertThat(rows(repo, TiTag.class)).as("the tag with a key is linked, not inserted").isEqualTo(2);
  }

  @Test
  void insertingARecordWithLoadedAssociationsInsertsTheWholeTree(Repo repo) {
    TiTag existing = repo.insert(new TiTag(null, "existing")).block(T);
    TiPost saved = repo.insert(tree(existing, TiComment.saying("first"), TiComment.saying("second"))).block(T);
    assertWholeTree(repo, saved, existing);
  }

  @Test
  void aChangesetOfSuchARecordAndInsertOptionsInsertTheTreeToo(Repo repo) {
    TiTag existing = repo.insert(new TiTag(null, "existing")).block(T);
    TiPost saved = repo.insert(Changeset.change(tree(existing, TiComment.saying("first"), TiComment.saying("second"))))
        .block(T);
    assertWholeTree(repo, saved, existing);
    TiTag other = repo.insert(new TiTag(null, "other")).block(T);
    TiPost withOptions = repo.insert(new TiPost(null, "opts", null, null, Assoc.loaded(List.of(TiComment.saying("c"))),
        null, Assoc.loaded(List.of(other))), InsertOptions.defaults()).block(T);
    assertThat(withOptions.comments().get()).extracting(TiComment::postId).containsExactly(withOptions.id());
    assertThat(linked(repo, withOptions.id())).containsExactly(other.id());
  }

  @Test
  void notLoadedAndEmptyAssociationsAreLeftAlone(Repo repo) {
    TiPost saved = repo.insert(new TiPost(null, "plain", null, Assoc.notLoaded("TiPost", "author"), Assoc.loaded(List.of()),
        Assoc.loaded(null), Assoc.notLoaded("TiPost", "tags"))).block(T);
    assertThat(saved.id()).isNotNull();
    assertThat(saved.authorId()).isNull();
    assertThat(rows(repo, TiAuthor.class) + rows(repo, TiComment.class) + rows(repo, TiSummary.class)).isZero();
  }

  @Test
  void aFailingChildRollsTheWholeTreeBack(Repo repo) {
    TiTag existing = repo.insert(new TiTag(null, "existing")).block(T);
    TiPost bad = tree(existing, TiComment.saying("first"), TiComment.saying(null)); // body NOT NULL
    assertThatThrownBy(() -> repo.insert(bad).block(T)).isInstanceOf(ConstraintException.class)
        .hasMessageContaining("ti_comments");
    Function<Class<?>, Integer> count = type -> rows(repo, type);
    assertThat(List.of(count.apply(TiAuthor.class), count.apply(TiPost.class), count.apply(TiComment.class),
        count.apply(TiSummary.class))).as("nothing was written").containsOnly(0);
    assertThat(rows(repo, TiTag.class)).isEqualTo(1);
    TiPost invalid = new TiPost(null, "p", null, null, Assoc.loaded(List.of(TiComment.saying("x"))), null, null);
    assertThatThrownBy(() -> repo.insert(Changeset.change(invalid).addError("title", "is bad")).block(T))
        .isInstanceOf(InvalidChangesetException.class);
    assertThat(rows(repo, TiComment.class)).isZero();
  }
}
