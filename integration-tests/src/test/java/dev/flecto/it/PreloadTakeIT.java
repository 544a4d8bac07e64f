package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.mapOf;
import static dev.flecto.query.Exprs.recordOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.QueryException;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.repo.StreamOptions;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Ecto's {@code struct(city, [:country_id, :name, country: [:id, :population]])} with a preload:
 * a recordOf naming an association's fields ({@code "author.name"}) restricts what the preload of
 * that association reads, at any depth and for every association kind; the keys the records are
 * matched by must be named, and misuse is refused inside the publisher before any SQL.
 */
@FlectoTest(schema = "/assoc.sql")
class PreloadTakeIT {
  private static final Duration T = Duration.ofSeconds(20);

  private static APost[] data(Repo repo) {
    AAuthor ann = repo.insert(AAuthor.named("Ann")).block(T);
    APost p1 = repo.insert(new APost(null, "one", ann.id(), null, null, null)).block(T);
    APost p2 = repo.insert(new APost(null, "two", ann.id(), null, null, null)).block(T);
    Flux.just(AComment.on(p1.id(), "hi"), AComment.on(p1.id(), "yo"), AComment.on(p2.id(), "ok")).concatMap(repo::insert).blockLast(T);
    ATag java = repo.insert(new ATag(null, "java")).block(T);
    Flux.just(new AssocJoinIT.PostTag(p1.id(), java.id())).concatMap(repo::insert).blockLast(T);
    return new APost[] {p1, p2};
  }

  @Test
  void belongsToHasManyAndManyToManyReadOnlyTheNamedFields(Repo repo) {
    APost[] posts = data(repo);
    List<APost> read = repo.all(Query.from(APost.class).as("p").orderBy("id").preload("author", "comments", "tags")
        .select(recordOf("p", "id", "authorId", "author.id", "author.name", "comments.postId", "comments.body", "tags.id"),
            APost.class)).collectList().block(T);

    assertThat(read).extracting(APost::id).containsExactly(posts[0].id(), posts[1].id());
    assertThat(read).extracting(APost::title).as("not named: null").containsOnlyNulls();
    assertThat(read.get(0).author().get().name()).isEqualTo("Ann");
    assertThat(read.get(0).comments().get()).extracting(AComment::body).containsExactly("hi", "yo");
    assertThat(read.get(0).comments().get()).extracting(AComment::id).as("a comment's id was not named").containsOnlyNulls();
    assertThat(read.get(0).comments().get()).allSatisfy(c -> assertThat(c.post().isLoaded()).isFalse());
    assertThat(read.get(1).comments().get()).extracting(AComment::body).containsExactly("ok");
    assertThat(read.get(0).tags().get()).singleElement().satisfies(t -> {
      assertThat(t.id()).isNotNull();
      assertThat(t.name()).as("a tag's name was not named").isNull();
    });
    assertThat(read.get(1).tags().get()).isEmpty();
  }

  @Test
  void nestedPreloadsAndACustomPreloadQueryAreRestrictedToo(Repo repo) {
    data(repo);
    List<AComment> comments = repo.all(Query.from(AComment.class).as("c").orderBy("body").preload("post.author")
        .select(recordOf("c", "body", "postId", "post.id", "post.authorId", "post.author.id", "post.author.name"),
            AComment.class)).collectList().block(T);
    assertThat(comments).extracting(c -> c.body() + ":" + c.post().get().title() + ":" + c.post().get().author().get().name())
        .containsExactly("hi:null:Ann", "ok:null:Ann", "yo:null:Ann");

    // The preload's own query keeps its conditions and order; the take sets what it selects.
    List<APost> posts = repo.all(Query.from(APost.class).as("p").orderBy("id")
        .preload(Preload.of("comments").query(Query.from(AComment.class).where(field("body").ne("yo"))))
        .select(recordOf("p", "id", "comments.postId", "comments.body"), APost.class)).collectList().block(T);
    assertThat(posts.get(0).comments().get()).extracting(AComment::body).containsExactly("hi");
    assertThat(posts.get(0).comments().get()).extracting(AComment::id).containsOnlyNulls();

    // A stream preloads each chunk the same way.
    List<APost> streamed = repo.transact(() -> repo.stream(Query.from(APost.class).as("p").orderBy("id").preload("author")
            .select(recordOf("p", "id", "authorId", "author.id"), APost.class), StreamOptions.defaults().withMaxRows(1))
        .collectList()).block(T);
    assertThat(streamed).allSatisfy(p -> {
      assertThat(p.author().get().id()).isNotNull();
      assertThat(p.author().get().name()).isNull();
    });
  }

  @Test
  void missingKeysUnknownFieldsAndMisplacedPathsAreRefusedBeforeAnySql(Repo repo) {
    data(repo);
    Query<APost> posts = Query.from(APost.class).as("p").preload("author", "comments");
    refused(repo.all(posts.select(recordOf("p", "id", "title", "author.id", "author.name"), APost.class)),
        "reads association 'author' of schema APost", "but not its key 'authorId'");
    refused(repo.all(posts.select(recordOf("p", "id", "comments.body"), APost.class)),
        "without its field 'postId'", "hint: add \"comments.postId\"");
    refused(repo.all(posts.select(recordOf("p", "id", "comments.postId", "comments.nope"), APost.class)),
        "names 'comments.nope'", "has no such field");
    refused(repo.all(posts.select(recordOf("p", "id", "tags.id"), APost.class)),
        "association 'tags'", "which the query does not preload", "hint: .preload(\"tags\")");
    refused(repo.all(posts.select(recordOf("p", "id", "nope.id"), APost.class)),
        "has no association 'nope'");
    refused(repo.all(Query.from(APost.class).as("p").select(mapOf("p", "id", "comments.body"), Map.class)),
        "mapOf(\"p\", [id, comments.body]) in select names an association's field");
    refused(repo.all(Query.from(Query.from(APost.class).as("s").select(recordOf("s", "id", "author.id"), APost.class))),
        "in the select of a subquery in from names an association's field");
    refused(repo.all(Query.from(APost.class).as("p").join(JoinKind.LEFT, AAuthor.class, "a", field("a", "id").eq(field("p", "authorId")))
            .preload(Preload.join("author", "a"), Preload.of("comments"))
            .select(recordOf("p", "id", "authorId", "comments.postId", "comments.body"), APost.class)),
        "also has join preloads");
  }

  private static void refused(Flux<?> publisher, String... parts) {
    StepVerifier.create(publisher)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).message().contains(parts))
        .verify(T);
  }
}
