package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flecto.query.Order;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Preloads of every association kind, nested, with custom queries, and their concurrency. */
@FlectoTest(schema = "/assoc.sql")
class PreloadIT {
  private static final Duration T = Duration.ofSeconds(20);

  record Data(AAuthor ann, AAuthor bob, APost p1, APost p2, APost orphan) {}

  private static Data data(Repo repo) {
    AAuthor ann = repo.insert(AAuthor.named("Ann")).block(T);
    AAuthor bob = repo.insert(AAuthor.named("Bob")).block(T);
    APost p1 = repo.insert(new APost(null, "one", ann.id(), null, null, null)).block(T);
    APost p2 = repo.insert(new APost(null, "two", ann.id(), null, null, null)).block(T);
    APost orphan = repo.insert(new APost(null, "orphan", null, null, null, null)).block(T);
    Flux.just(AComment.on(p1.id(), "hi"), AComment.on(p1.id(), "yo"), AComment.on(p2.id(), "ok")).concatMap(repo::insert).blockLast(T);
    ATag java = repo.insert(new ATag(null, "java")).block(T);
    ATag ecto = repo.insert(new ATag(null, "ecto")).block(T);
    Flux.just(new AssocJoinIT.PostTag(p1.id(), java.id()), new AssocJoinIT.PostTag(p1.id(), ecto.id()),
        new AssocJoinIT.PostTag(p2.id(), java.id())).concatMap(repo::insert).blockLast(T);
    repo.insert(new AProfile(null, ann.id(), "writes")).block(T);
    return new Data(ann, bob, p1, p2, orphan);
  }

  @Test
  void everyKindWithNullAndDuplicateKeys(Repo repo) {
    Data d = data(repo);
    List<APost> posts = repo.preload(repo.all(Query.from(APost.class).orderBy("id")).collectList().block(T),
        "author", "comments", "tags").block(T);
    assertThat(posts).extracting(p -> p.author().get() == null ? null : p.author().get().name()).containsExactly("Ann", "Ann", null);
    assertThat(posts.get(0).comments().get()).extracting(AComment::body).containsExactly("hi", "yo");
    assertThat(posts.get(2).comments().get()).as("no comments: an empty list, loaded").isEmpty();
    assertThat(posts.get(0).tags().get()).extracting(ATag::name).containsExactlyInAnyOrder("java", "ecto");
    assertThat(posts.get(1).tags().get()).extracting(ATag::name).containsExactly("java");
    AAuthor ann = repo.preload(d.ann(), "profile", "posts").block(T);
    assertThat(ann.profile().get().bio()).isEqualTo("writes");
    assertThat(ann.posts().get()).extracting(APost::title).containsExactly("one", "two");
    assertThat(repo.preload(d.bob(), "profile").block(T).profile().get()).as("has_one without a child").isNull();
  }

  @Test
  void nestedCustomQueriesAndQueryPreloads(Repo repo) {
    Data d = data(repo);
    AAuthor ann = repo.preload(List.of(d.ann()), Preload.of("posts", Preload.of("comments").query(
        Query.from(AComment.class).where(field("body").ne("yo")).orderBy(Order.desc("body"))))).block(T).get(0);
    assertThat(ann.posts().get().get(0).comments().get()).extracting(AComment::body).containsExactly("hi");
    // A has-many without nested preloads is grouped as its rows arrive: each parent's list keeps the query's order.
    List<APost> byBodyDesc = repo.preload(List.of(d.p2(), d.orphan(), d.p1()),
        Preload.of("comments").query(Query.from(AComment.class).orderBy(Order.desc("body")))).block(T);
    assertThat(byBodyDesc).extracting(p -> p.comments().get().stream().map(AComment::body).toList())
        .containsExactly(List.of("ok"), List.of(), List.of("yo", "hi"));
    assertThat(catchThrowable(() -> byBodyDesc.get(2).comments().get().add(AComment.on(d.p1().id(), "no"))))
        .isInstanceOf(UnsupportedOperationException.class);
    List<AComment> comments = repo.all(Query.from(AComment.class).orderBy("body").preload("post.author")).collectList().block(T);
    assertThat(comments).extracting(c -> c.body() + ":" + c.post().get().title() + ":" + c.post().get().author().get().name())
        .containsExactly("hi:one:Ann", "ok:two:Ann", "yo:one:Ann");
    assertThat(repo.preload(List.<APost>of(), "comments").block(T)).isEmpty();
  }

  @Test
  void loadedAssociationsAreKeptUnlessForced(Repo repo) {
    Data d = data(repo);
    APost loaded = repo.preload(d.p1(), "comments").block(T);
    repo.insert(AComment.on(d.p1().id(), "new")).block(T);
    assertThat(repo.preload(loaded, "comments").block(T).comments().get()).hasSize(2);
    assertThat(repo.preload(List.of(loaded), Preload.of("comments").forced()).block(T).get(0).comments().get()).hasSize(3);
  }

  @Test
  void assocQueriesAndBuildAssoc(Repo repo) {
    Data d = data(repo);
    assertThat(repo.all(dev.flecto.query.Assocs.<AComment>assoc(d.p1(), "comments").orderBy("body")).map(AComment::body)
        .collectList().block(T)).containsExactly("hi", "yo");
    assertThat(repo.all(dev.flecto.query.Assocs.<AComment>assoc(List.of(d.p1(), d.p2()), "comments").where(field("body").ne("hi")))
        .count().block(T)).isEqualTo(2L);
    assertThat(repo.one(dev.flecto.query.Assocs.<AAuthor>assoc(d.p2(), "author")).block(T).name()).isEqualTo("Ann");
    assertThat(repo.all(dev.flecto.query.Assocs.<ATag>assoc(List.of(d.p1(), d.p2()), "tags").orderBy("name")).map(ATag::name)
        .collectList().block(T)).as("one row per join row, as Ecto's assoc").containsExactly("ecto", "java", "java");
    AComment draft = dev.flecto.query.Assocs.buildAssoc(d.p2(), "comments", java.util.Map.of("body", "new"));
    assertThat(draft.postId()).isEqualTo(d.p2().id());
    assertThat(repo.insert(draft).block(T).post().isLoaded()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.flecto.query.Assocs.buildAssoc(d.p1(), "author", java.util.Map.of()))
        .hasMessageContaining("has-one or has-many");
  }

  @Test
  @NoSandbox
  void aCancelledPreloadLeavesNoConnectionCheckedOut() {
    io.r2dbc.pool.ConnectionPool pool = new io.r2dbc.pool.ConnectionPool(io.r2dbc.pool.ConnectionPoolConfiguration
        .builder(io.r2dbc.spi.ConnectionFactories.get(TestDatabase.get().url())).initialSize(1).maxSize(4).build());
    Repo repo = dev.flecto.r2dbc.R2dbcRepos.of(pool);
    try {
      Data d = data(repo);
      Preload slow = Preload.of("comments").query(Query.from(AComment.class).where(fragment("pg_sleep(2) IS NOT NULL")));
      repo.preload(List.of(d.p1()), slow, Preload.of("author"), Preload.of("tags"))
          .timeout(Duration.ofMillis(300)).onErrorResume(java.util.concurrent.TimeoutException.class, e -> reactor.core.publisher.Mono.empty())
          .block(T);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (pool.getMetrics().orElseThrow().acquiredSize() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(pool.getMetrics().orElseThrow().acquiredSize()).as("every branch released its connection").isZero();
      assertThat(repo.preload(d.p1(), "comments").block(T).comments().get()).hasSize(2);
    } finally {
      TestDatabase.get().execute("TRUNCATE a_profiles, a_posts_tags, a_comments, a_posts, a_tags, a_authors").block(T);
      pool.dispose();
    }
  }

  @Test
  @NoSandbox
  void siblingsRunConcurrentlyOutsideATransactionAndInTurnInsideOne() {
    Repo repo = TestDatabase.get().repo();
    try {
      Data d = data(repo);
      // Each sibling's query sleeps 0.3 s on the server.
      Preload slowAuthor = Preload.of("author").query(Query.from(AAuthor.class).where(fragment("pg_sleep(0.3) IS NOT NULL")));
      Preload slowComments = Preload.of("comments").query(Query.from(AComment.class).where(fragment("pg_sleep(0.3) IS NOT NULL")));
      Preload slowTags = Preload.of("tags").query(Query.from(ATag.class).where(fragment("pg_sleep(0.3) IS NOT NULL")));
      List<APost> posts = List.of(d.p1());
      long start = System.nanoTime();
      List<APost> outside = repo.preload(posts, slowAuthor, slowComments, slowTags).block(T);
      long outsideMs = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      List<APost> inside = repo.transact(() -> repo.preload(posts, slowAuthor, slowComments, slowTags)).block(T);
      long insideMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(outside).isEqualTo(inside);
      assertThat(outside.get(0).comments().get()).hasSize(2);
      assertThat(outsideMs).as("close to the slowest sibling (tags take two queries)").isLessThan(800);
      assertThat(insideMs).as("one after another on the transaction's connection").isGreaterThanOrEqualTo(900);
    } finally {
      TestDatabase.get().execute("TRUNCATE a_profiles, a_posts_tags, a_comments, a_posts, a_tags, a_authors").block(T);
    }
  }
}
