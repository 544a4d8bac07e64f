package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.QueryException;
import dev.flecto.it.BSchemas.BComment;
import dev.flecto.it.BSchemas.BPermalink;
import dev.flecto.it.BSchemas.BPost;
import dev.flecto.it.BSchemas.BUser;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.query.Source;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Join preloads of through associations and over subqueries, after Ecto's integration cases
 * ({@code joins.exs}: "has_many through assoc selector", "joining a through association with a
 * nested preloads", "joining and preloading through a subquery"; {@code preload.exs}: "preload
 * into a subquery source").
 */
@FlectoTest(schema = "/assoc_options.sql")
class JoinPreloadConformanceIT {
  private static final Duration T = Duration.ofSeconds(20);

  record Data(BUser ann, BUser bob, BPost p1, BPost p2, BPost empty, BPermalink link1) {}

  private static Data data(Repo repo) {
    BUser ann = repo.insert(BUser.named("Ann")).block(T);
    BUser bob = repo.insert(BUser.named("Bob")).block(T);
    BPost p1 = repo.insert(BPost.titled("Ann", ann.id())).block(T);
    BPost p2 = repo.insert(BPost.titled("Bob", bob.id())).block(T);
    BPost empty = repo.insert(BPost.titled("empty", null)).block(T);
    // Ann comments twice on p1: she is one of p1's comment authors once.
    repo.insert(BComment.on(p1.id(), ann.id(), "a1", 1)).block(T);
    repo.insert(BComment.on(p1.id(), ann.id(), "a2", 2)).block(T);
    repo.insert(BComment.on(p1.id(), bob.id(), "b1", 3)).block(T);
    repo.insert(BComment.on(p2.id(), bob.id(), "b2", 4)).block(T);
    BPermalink link1 = repo.insert(new BPermalink(null, p1.id(), "/one")).block(T);
    return new Data(ann, bob, p1, p2, empty, link1);
  }

  @Test
  void aHasManyThroughIsJoinPreloadedEachRecordOncePerParentWithoutItsChain(Repo repo) {
    Data d = data(repo);
    List<BPost> posts = repo.all(Query.from(BPost.class).as("p")
        .joinAssoc(JoinKind.LEFT, "p", "commentAuthors", "ca")
        .orderBy(Order.asc(field("p", "id")), Order.asc(field("ca", "id")))
        .preload(Preload.join("commentAuthors", "ca"))).collectList().block(T);
    assertThat(posts).extracting(BPost::id).containsExactly(d.p1().id(), d.p2().id(), d.empty().id());
    assertThat(posts.get(0).commentAuthors().get()).extracting(BUser::name).containsExactly("Ann", "Bob");
    assertThat(posts.get(1).commentAuthors().get()).extracting(BUser::name).containsExactly("Bob");
    assertThat(posts.get(2).commentAuthors().get()).as("a left join that found nothing").isEmpty();
    assertThat(posts.get(0).comments().isLoaded()).as("Ecto loads only the joined through association").isFalse();

    // A condition on the join narrows what is preloaded (Ecto: "With on").
    List<BPost> named = repo.all(Query.from(BPost.class).as("p")
        .joinAssoc(JoinKind.LEFT, "p", "commentAuthors", "ca", field("ca", "name").eq(field("p", "title")))
        .orderBy(Order.asc(field("p", "id")))
        .preload(Preload.join("commentAuthors", "ca"))).collectList().block(T);
    assertThat(named).extracting(p -> p.commentAuthors().get().stream().map(BUser::name).toList())
        .containsExactly(List.of("Ann"), List.of("Bob"), List.of());
  }

  @Test
  void aThroughJoinPreloadTakesNestedJoinAndQueryPreloads(Repo repo) {
    Data d = data(repo);
    List<BPost> posts = repo.all(Query.from(BPost.class).as("p")
        .joinAssoc(JoinKind.INNER, "p", "commentAuthors", "ca")
        .joinAssoc(JoinKind.INNER, "ca", "comments", "uc", field("uc", "postId").eq(field("p", "id")))
        .where(field("p", "id").eq(d.p1().id()))
        .orderBy(Order.asc(field("ca", "id")), Order.asc(field("uc", "id")))
        .preload(Preload.join("commentAuthors", "ca", Preload.join("comments", "uc", Preload.of("post"))))).collectList().block(T);
    assertThat(posts).hasSize(1);
    List<BUser> authors = posts.get(0).commentAuthors().get();
    assertThat(authors).extracting(BUser::name).containsExactly("Ann", "Bob");
    assertThat(authors.get(0).comments().get()).extracting(BComment::body).containsExactly("a1", "a2");
    assertThat(authors.get(1).comments().get()).extracting(BComment::body).containsExactly("b1");
    assertThat(authors.get(1).comments().get().get(0).post().get().title()).as("a query preload under the joins")
        .isEqualTo("Ann");

    // A has-one through, with a query preload nested under it (Ecto: "joining a through association with a nested preloads").
    List<BComment> comments = repo.all(Query.from(BComment.class).as("c")
        .joinAssoc(JoinKind.INNER, "c", "postPermalink", "pp")
        .orderBy(Order.asc(field("c", "id")))
        .preload(Preload.join("postPermalink", "pp"), Preload.of("author"))).collectList().block(T);
    assertThat(comments).extracting(c -> c.body() + ":" + c.postPermalink().get().url() + ":" + c.author().get().name())
        .containsExactly("a1:/one:Ann", "a2:/one:Ann", "b1:/one:Bob");
    assertThat(comments.get(0).postPermalink().get().id()).isEqualTo(d.link1().id());
    assertThat(comments.get(0).post().isLoaded()).as("the chain's steps stay not loaded").isFalse();
  }

  @Test
  void aThroughJoinPreloadMustReadTheChainsLastSchema(Repo repo) {
    data(repo);
    assertThatThrownBy(() -> repo.all(Query.from(BPost.class).as("p")
        .joinAssoc(JoinKind.LEFT, "p", "comments", "c")
        .preload(Preload.join("commentAuthors", "c"))).collectList().block(T))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("join preload 'commentAuthors' reads binding 'c'")
        .hasMessageContaining("it must join BUser");
  }

  @Test
  void aQueryOverASubqueryJoinPreloads(Repo repo) {
    Data d = data(repo);
    // Ecto's "preload into a subquery source": the records come from the subquery, the parents from the join.
    List<BComment> comments = repo.all(Query.from(Query.from(BComment.class).where(field("votes").ge(2))).as("c")
        .join(JoinKind.INNER, BPost.class, "p", field("p", "id").eq(field("c", "postId")))
        .orderBy(Order.asc(field("c", "id")))
        .preload(Preload.join("post", "p"), Preload.of("author"))).collectList().block(T);
    assertThat(comments).extracting(c -> c.body() + ":" + c.post().get().title() + ":" + c.author().get().name())
        .containsExactly("a2:Ann:Ann", "b1:Ann:Bob", "b2:Bob:Bob");

    // Ecto's "joining and preloading through a subquery": the preloaded join is a subquery.
    List<BPost> posts = repo.all(Query.from(BPost.class).as("p")
        .join(JoinKind.INNER, new Source.Subquery(Query.from(BComment.class).where(field("votes").le(3))), "c",
            field("c", "postId").eq(field("p", "id")))
        .join(JoinKind.INNER, BPost.class, "p2", field("p2", "id").eq(field("c", "postId")))
        .orderBy(Order.asc(field("p", "id")), Order.asc(field("c", "id")))
        .preload(Preload.join("comments", "c", Preload.join("post", "p2")))).collectList().block(T);
    assertThat(posts).extracting(BPost::id).containsExactly(d.p1().id());
    assertThat(posts.get(0).comments().get()).extracting(c -> c.body() + ":" + c.post().get().id())
        .containsExactly("a1:" + d.p1().id(), "a2:" + d.p1().id(), "b1:" + d.p1().id());
  }
}
