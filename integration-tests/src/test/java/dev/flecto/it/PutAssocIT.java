package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.StaleEntryException;
import dev.flecto.changeset.AssocChange;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.it.BSchemas.BComment;
import dev.flecto.it.BSchemas.BPermalink;
import dev.flecto.it.BSchemas.BPost;
import dev.flecto.it.BSchemas.BUser;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changeset.putAssoc written by the Repo in one transaction, with each onReplace action. */
@FlectoTest(schema = "/assoc_options.sql")
class PutAssocIT {
  private static final Duration T = Duration.ofSeconds(20);

  private static List<String> bodies(Repo repo, Long postId) {
    return repo.all(Query.from(BComment.class).where("postId", postId).orderBy("id")).map(BComment::body).collectList().block(T);
  }

  @Test
  void aNewRecordIsInsertedWithItsChildrenAndItsParent(Repo repo) {
    BUser ann = repo.insert(BUser.named("Ann")).block(T);
    Changeset<BPost> cs = Changeset.change(BPost.titled("hello", null))
        .putAssoc("author", Map.of("name", "Zed"))
        .putAssoc("comments", List.of(Map.of("body", "first", "authorId", ann.id(), "votes", 1, "visible", true),
            new BComment(null, null, null, "second", 2, true, null, null, null, null)))
        .putAssoc("permalink", Map.of("url", "/hello"));
    BPost saved = repo.insert(cs).block(T);
    assertThat(saved.id()).isNotNull();
    assertThat(saved.author().get().name()).isEqualTo("Zed");
    assertThat(saved.authorId()).as("the belongs-to parent is inserted first").isEqualTo(saved.author().get().id());
    assertThat(saved.comments().get()).extracting(c -> c.body() + ":" + c.postId()).containsExactly(
        "first:" + saved.id(), "second:" + saved.id());
    assertThat(saved.comments().get()).allSatisfy(c -> assertThat(c.id()).isNotNull());
    assertThat(saved.permalink().get().url()).isEqualTo("/hello");
    assertThat(bodies(repo, saved.id())).containsExactly("first", "second");
    assertThat(repo.getBy(BPermalink.class, Map.of("postId", saved.id())).block(T).url()).isEqualTo("/hello");
  }

  @Test
  void onReplaceDeleteKeepsUpdatesInsertsAndDeletes(Repo repo) {
    BPost post = repo.insert(BPost.titled("p", null)).block(T);
    BComment a = repo.insert(BComment.on(post.id(), null, "a", 0)).block(T);
    BComment b = repo.insert(BComment.on(post.id(), null, "b", 0)).block(T);
    repo.insert(BComment.on(post.id(), null, "c", 0)).block(T);
    BPost loaded = repo.preload(post, "editableComments").block(T);
    Changeset<BPost> cs = Changeset.change(loaded).putAssoc("editableComments", List.of(a,
        Changeset.change(b, Map.of("body", "b2")), Map.of("body", "d", "votes", 0, "visible", true)));
    assertThat(cs.assocChanges().get("editableComments").entries()).extracting(AssocChange.Entry::op)
        .containsExactly(AssocChange.Op.KEEP, AssocChange.Op.UPDATE, AssocChange.Op.INSERT, AssocChange.Op.DELETE);
    assertThat(cs.applyChanges().editableComments().get()).extracting(BComment::body).containsExactly("a", "b2", "d");
    BPost saved = repo.update(cs).block(T);
    assertThat(saved.editableComments().get()).extracting(BComment::body).containsExactly("a", "b2", "d");
    assertThat(bodies(repo, post.id())).containsExactly("a", "b2", "d");
  }

  @Test
  void deleteOfAGoneChildIsStaleButDeleteIfExistsIsNot(Repo repo) {
    BPost post = repo.insert(BPost.titled("p", null)).block(T);
    repo.insert(BComment.on(post.id(), null, "a", 0)).block(T);
    BPost strict = repo.preload(post, "editableComments").block(T);
    BPost loose = repo.preload(post, "looseComments").block(T);
    repo.deleteAll(Query.from(BComment.class)).block(T); // deleted behind the loaded records' backs
    assertThatThrownBy(() -> repo.update(Changeset.change(strict).putAssoc("editableComments", List.of(Map.of("body", "x", "votes", 0, "visible", true))))
        .block(T)).isInstanceOf(StaleEntryException.class);
    assertThat(bodies(repo, post.id())).as("the failed write left nothing behind").isEmpty();
    BPost saved = repo.update(Changeset.change(loose).putAssoc("looseComments", List.of(Map.of("body", "x", "votes", 0, "visible", true)))).block(T);
    assertThat(saved.looseComments().get()).extracting(BComment::body).containsExactly("x");
    assertThat(bodies(repo, post.id())).containsExactly("x");
  }

  @Test
  void nilifyUpdateMarkAsInvalidAndRaise(Repo repo) {
    BUser ann = repo.insert(BUser.named("Ann")).block(T);
    BPost post = repo.insert(BPost.titled("p", ann.id())).block(T);
    BComment mine = repo.insert(BComment.on(post.id(), ann.id(), "mine", 0)).block(T);
    repo.insert(BComment.on(post.id(), ann.id(), "also mine", 0)).block(T);
    // nilify: the comments stay, without an author
    BUser withComments = repo.preload(ann, "comments").block(T);
    BUser saved = repo.update(Changeset.change(withComments).putAssoc("comments", List.of(mine))).block(T);
    assertThat(saved.comments().get()).extracting(BComment::body).containsExactly("mine");
    assertThat(repo.all(Query.from(BComment.class).orderBy("id")).map(c -> c.body() + ":" + c.authorId()).collectList().block(T))
        .containsExactly("mine:" + ann.id(), "also mine:null");

    // update (has-one): the permalink row keeps its id and takes the new fields
    BPermalink link = repo.insert(new BPermalink(null, post.id(), "/old")).block(T);
    BPost withLink = repo.preload(post, "permalink").block(T);
    BPost relinked = repo.update(Changeset.change(withLink).putAssoc("permalink", Map.of("url", "/new"))).block(T);
    assertThat(relinked.permalink().get().id()).isEqualTo(link.id());
    assertThat(repo.get(BPermalink.class, link.id()).block(T).url()).isEqualTo("/new");

    // mark as invalid: an error on the association, nothing written
    BPost strict = repo.preload(post, "strictPermalink").block(T);
    Changeset<BPost> invalid = Changeset.change(strict).putAssoc("strictPermalink", null);
    assertThat(invalid.isValid()).isFalse();
    assertThat(invalid.errorsByField()).containsEntry("strictPermalink", List.of("is invalid"));
    assertThatThrownBy(() -> repo.update(invalid).block(T)).isInstanceOf(InvalidChangesetException.class);
    assertThat(repo.get(BPermalink.class, link.id()).block(T)).isNotNull();

    // raise (the default): replacing the loaded comments of a post is refused at once
    BPost withComments2 = repo.preload(post, "comments").block(T);
    assertThatThrownBy(() -> Changeset.change(withComments2).putAssoc("comments", List.of()))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("putAssoc(\"comments\") on BPost")
        .hasMessageContaining("onReplace is RAISE");
  }

  @Test
  void badPutAssocsNameTheAssociation(Repo repo) {
    BPost post = repo.insert(BPost.titled("p", null)).block(T);
    assertThatThrownBy(() -> Changeset.change(post).putAssoc("comments", List.of()))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("not loaded; preload it first");
    assertThatThrownBy(() -> Changeset.change(post).putAssoc("nope", List.of())).hasMessageContaining("no such association");
    assertThatThrownBy(() -> Changeset.change(post).putAssoc("commentAuthors", List.of())).hasMessageContaining("read-only");
    assertThatThrownBy(() -> Changeset.change(post).putAssoc("tags", List.of())) // many-to-many: written, once loaded
        .hasMessageContaining("putAssoc(\"tags\")").hasMessageContaining("not loaded; preload it first");
    assertThatThrownBy(() -> Changeset.change(BPost.titled("n", null)).putAssoc("comments", List.of("text")))
        .hasMessageContaining("an entry must be a BComment");
    assertThatThrownBy(() -> Changeset.change(BPost.titled("n", null)).putAssoc("comments", Map.of()))
        .hasMessageContaining("takes a list");
  }

  @Test
  void aFailingChildRollsBackTheParent(Repo repo) {
    long before = repo.all(BPost.class).count().block(T);
    Changeset<BPost> cs = Changeset.change(BPost.titled("doomed", null))
        .putAssoc("comments", List.of(Map.of("body", "ok", "votes", 0, "visible", true), new BComment(null, null, null, null, 0, true, null, null, null, null)));
    assertThatThrownBy(() -> repo.insert(cs).block(T)).isInstanceOf(dev.flecto.ConstraintException.class)
        .hasMessageContaining("body")
        .satisfies(e -> assertThat(e.getMessage().split("To get an error on the changeset", -1)).as("the hint once").hasSize(2));
    assertThat(repo.all(BPost.class).count().block(T)).isEqualTo(before);
    assertThat(repo.all(BComment.class).count().block(T)).isZero();
  }
}
