package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.ConstraintException;
import dev.flecto.changeset.AssocChange;
import dev.flecto.changeset.Changeset;
import dev.flecto.it.BSchemas.BComment;
import dev.flecto.it.BSchemas.BPermalink;
import dev.flecto.it.BSchemas.BPost;
import dev.flecto.it.BSchemas.BUser;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code putAssoc} with {@code onReplace = UPDATE} as Ecto's {@code Ecto.Changeset.Relation} and
 * {@code Ecto.Association} do it, for has-one and belongs-to: fields given as a map update the
 * associated record in place; a record or changeset other than the associated one is refused
 * ({@code raise_if_updating_with_struct!}); null keeps the associated row and clears the foreign
 * key (has-one: its own, set to NULL; belongs-to: the owner's).
 */
@FlectoTest(schema = "/assoc_options.sql")
class PutAssocConformanceIT {
  private static final Duration T = Duration.ofSeconds(20);

  /** A user whose one comment is updated in place when replaced (b_comments.author_id is nullable). */
  @Schema("b_users")
  record LeadUser(@Id Long id, String name,
      @HasOne(foreignKey = "authorId", onReplace = OnReplace.UPDATE) Assoc<BComment> comment) {}

  /** A comment whose author is updated in place when replaced. */
  @Schema("b_comments")
  record AuthoredComment(@Id Long id, Long postId, Long authorId, String body, Integer votes, Boolean visible,
      @BelongsTo(onReplace = OnReplace.UPDATE) Assoc<BUser> author) {}

  private static BComment comment(Repo repo, Long id) {
    return repo.get(BComment.class, id).block(T);
  }

  @Test
  void hasOneNullKeepsTheRowAndClearsItsForeignKey(Repo repo) {
    BUser ann = repo.insert(BUser.named("Ann")).block(T);
    BPost post = repo.insert(BPost.titled("p", null)).block(T);
    BComment mine = repo.insert(BComment.on(post.id(), ann.id(), "mine", 0)).block(T);
    LeadUser lead = repo.preload(repo.get(LeadUser.class, ann.id()).block(T), "comment").block(T);

    Changeset<LeadUser> cs = Changeset.change(lead).putAssoc("comment", null);
    assertThat(cs.isValid()).isTrue();
    assertThat(cs.assocChanges().get("comment").entries()).extracting(AssocChange.Entry::op)
        .containsExactly(AssocChange.Op.NILIFY);
    LeadUser saved = repo.update(cs).block(T);
    assertThat(saved.comment().get()).isNull();
    BComment kept = comment(repo, mine.id());
    assertThat(kept).as("the row stays").isNotNull();
    assertThat(kept.authorId()).as("its foreign key cleared").isNull();
    assertThat(kept.body()).isEqualTo("mine");
  }

  @Test
  void hasOneFieldsUpdateTheAssociatedRecordInPlace(Repo repo) {
    BUser ann = repo.insert(BUser.named("Ann")).block(T);
    BPost post = repo.insert(BPost.titled("p", null)).block(T);
    BComment mine = repo.insert(BComment.on(post.id(), ann.id(), "mine", 0)).block(T);
    LeadUser lead = repo.preload(repo.get(LeadUser.class, ann.id()).block(T), "comment").block(T);

    LeadUser saved = repo.update(Changeset.change(lead).putAssoc("comment", Map.of("body", "edited", "votes", 3))).block(T);
    assertThat(saved.comment().get().id()).isEqualTo(mine.id());
    assertThat(comment(repo, mine.id())).extracting(BComment::body, BComment::votes, BComment::authorId)
        .containsExactly("edited", 3, ann.id());
    // The associated record itself, or a changeset of it, is an update of it as any other onReplace.
    LeadUser again = repo.preload(repo.get(LeadUser.class, ann.id()).block(T), "comment").block(T);
    BComment current = again.comment().get();
    assertThat(Changeset.change(again).putAssoc("comment", current).assocChanges().get("comment").entries())
        .extracting(AssocChange.Entry::op).containsExactly(AssocChange.Op.KEEP);
    repo.update(Changeset.change(again).putAssoc("comment", Changeset.change(current, Map.of("body", "third")))).block(T);
    assertThat(comment(repo, mine.id()).body()).isEqualTo("third");
    assertThat(repo.all(BComment.class).count().block(T)).as("nothing inserted").isEqualTo(1L);
  }

  @Test
  void hasOneRefusesANewOrAnotherRecordInPlaceOfTheAssociatedOne(Repo repo) {
    BUser ann = repo.insert(BUser.named("Ann")).block(T);
    BPost post = repo.insert(BPost.titled("p", null)).block(T);
    repo.insert(BComment.on(post.id(), ann.id(), "mine", 0)).block(T);
    BComment other = repo.insert(BComment.on(post.id(), null, "other", 0)).block(T);
    LeadUser lead = repo.preload(repo.get(LeadUser.class, ann.id()).block(T), "comment").block(T);

    for (Object replacement : List.of(BComment.on(post.id(), null, "new", 0), other, Changeset.change(other),
        Changeset.change(BComment.on(post.id(), null, "new", 0)))) {
      assertThatThrownBy(() -> Changeset.change(lead).putAssoc("comment", replacement))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("putAssoc(\"comment\") on LeadUser")
          .hasMessageContaining("onReplace is UPDATE")
          .hasMessageContaining("a map of its fields");
    }
    // Nothing associated yet: nothing is replaced, so a new record is inserted as usual.
    BUser bob = repo.insert(BUser.named("Bob")).block(T);
    LeadUser bobs = repo.preload(repo.get(LeadUser.class, bob.id()).block(T), "comment").block(T);
    LeadUser saved = repo.update(Changeset.change(bobs).putAssoc("comment", BComment.on(post.id(), null, "bob's", 0))).block(T);
    assertThat(saved.comment().get().authorId()).isEqualTo(bob.id());
    assertThat(comment(repo, other.id()).authorId()).as("the other comment untouched").isNull();
  }

  @Test
  void belongsToFollowsTheSameRules(Repo repo) {
    BUser ann = repo.insert(BUser.named("Ann")).block(T);
    BUser bob = repo.insert(BUser.named("Bob")).block(T);
    BPost post = repo.insert(BPost.titled("p", null)).block(T);
    BComment c = repo.insert(BComment.on(post.id(), ann.id(), "c", 0)).block(T);
    AuthoredComment loaded = repo.preload(repo.get(AuthoredComment.class, c.id()).block(T), "author").block(T);

    for (Object replacement : List.of(BUser.named("Zed"), bob, Changeset.change(bob))) {
      assertThatThrownBy(() -> Changeset.change(loaded).putAssoc("author", replacement))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("putAssoc(\"author\") on AuthoredComment")
          .hasMessageContaining("onReplace is UPDATE")
          .hasMessageContaining("change the foreign key authorId");
    }

    // Fields: the parent row is updated in place, the comment keeps pointing at it.
    AuthoredComment renamed = repo.update(Changeset.change(loaded).putAssoc("author", Map.of("name", "Ann2"))).block(T);
    assertThat(renamed.author().get().id()).isEqualTo(ann.id());
    assertThat(renamed.authorId()).isEqualTo(ann.id());
    assertThat(repo.get(BUser.class, ann.id()).block(T).name()).isEqualTo("Ann2");

    // Null: the owner's foreign key is cleared; the parent row stays as it was.
    AuthoredComment reloaded = repo.preload(repo.get(AuthoredComment.class, c.id()).block(T), "author").block(T);
    Changeset<AuthoredComment> cleared = Changeset.change(reloaded).putAssoc("author", null);
    assertThat(cleared.assocChanges().get("author").entries()).isEmpty();
    AuthoredComment saved = repo.update(cleared).block(T);
    assertThat(saved.authorId()).isNull();
    assertThat(saved.author().get()).isNull();
    assertThat(comment(repo, c.id()).authorId()).isNull();
    assertThat(repo.get(BUser.class, ann.id()).block(T).name()).isEqualTo("Ann2");
  }

  @Test
  void aFailedUpdateInPlaceLeavesTheDatabaseAsItWas(Repo repo) {
    BPost post = repo.insert(BPost.titled("before", null)).block(T);
    BPermalink link = repo.insert(new BPermalink(null, post.id(), "/old")).block(T);
    BPost loaded = repo.preload(post, "permalink").block(T);
    // b_permalinks.post_id is NOT NULL: clearing it fails, and the post's own change is rolled back.
    Changeset<BPost> cs = Changeset.change(loaded).putChange("title", "after").putAssoc("permalink", null);
    assertThatThrownBy(() -> repo.update(cs).block(T)).isInstanceOf(ConstraintException.class)
        .hasMessageContaining("post_id");
    assertThat(repo.get(BPost.class, post.id()).block(T).title()).isEqualTo("before");
    assertThat(repo.get(BPermalink.class, link.id()).block(T).postId()).isEqualTo(post.id());
  }
}
