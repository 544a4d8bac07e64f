package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.OnDelete;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** on_delete of has-many and many-to-many associations, applied by Repo.delete in its transaction. */
@FlectoTest(schema = "/assoc.sql")
class OnDeleteIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Schema("a_posts")
  public record CascadePost(@Id Long id, String title, Long authorId,
      @HasMany(foreignKey = "postId", onDelete = OnDelete.DELETE_ALL) Assoc<List<AComment>> comments,
      @ManyToMany(joinTable = "a_posts_tags", joinKey = "post_id", relatedKey = "tag_id", onDelete = OnDelete.DELETE_ALL)
      Assoc<List<ATag>> tags) {}

  @Schema("a_authors")
  public record NilifyAuthor(@Id Long id, String name,
      @HasMany(foreignKey = "authorId", onDelete = OnDelete.NILIFY_ALL) Assoc<List<APost>> posts) {}

  @Test
  void deleteAllRemovesChildrenAndJoinRowsNilifyAllDetachesThem(Repo repo) {
    AAuthor ann = repo.insert(AAuthor.named("Ann")).block(T);
    APost p1 = repo.insert(new APost(null, "one", ann.id(), null, null, null)).block(T);
    APost p2 = repo.insert(new APost(null, "two", ann.id(), null, null, null)).block(T);
    repo.insert(AComment.on(p1.id(), "hi")).then(repo.insert(AComment.on(p2.id(), "kept"))).block(T);
    ATag tag = repo.insert(new ATag(null, "java")).block(T);
    repo.insert(new AssocJoinIT.PostTag(p1.id(), tag.id())).then(repo.insert(new AssocJoinIT.PostTag(p2.id(), tag.id()))).block(T);

    CascadePost cascade = repo.get(CascadePost.class, p1.id()).block(T);
    repo.delete(cascade).block(T);
    assertThat(repo.all(AComment.class).map(AComment::body).collectList().block(T)).containsExactly("kept");
    assertThat(repo.all(Query.fromTable("a_posts_tags").select(dev.flecto.query.Exprs.field("post_id"), Long.class))
        .collectList().block(T)).containsExactly(p2.id());
    assertThat(repo.all(ATag.class).count().block(T)).as("the tags themselves stay").isEqualTo(1L);

    NilifyAuthor author = repo.get(NilifyAuthor.class, ann.id()).block(T);
    repo.delete(author).block(T);
    assertThat(repo.get(AAuthor.class, ann.id()).block(T)).isNull();
    assertThat(repo.reload(p2).block(T).authorId()).as("the post stays, detached").isNull();
  }

  @Test
  void withoutOnDeleteChildrenAreLeftToTheDatabase(Repo repo) {
    AAuthor bob = repo.insert(AAuthor.named("Bob")).block(T);
    APost p = repo.insert(new APost(null, "x", bob.id(), null, null, null)).block(T);
    repo.transact(() -> repo.delete(bob)).as(reactor.test.StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.flecto.ConstraintException.class).hasMessageContaining("a_posts_author_id_fkey"))
        .verify(T);
    assertThat(repo.reload(p).block(T).authorId()).isEqualTo(bob.id());
  }
}
