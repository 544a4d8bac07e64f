package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.FlectoException;
import dev.flecto.QueryException;
import dev.flecto.it.BSchemas.BComment;
import dev.flecto.it.BSchemas.BPermalink;
import dev.flecto.it.BSchemas.BPost;
import dev.flecto.it.BSchemas.BPostTag;
import dev.flecto.it.BSchemas.BTag;
import dev.flecto.it.BSchemas.BUser;
import dev.flecto.query.Assocs;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Association filters ({@code where}), preload orders, a many-to-many through a join schema,
 * has-many and has-one {@code through} chains, preload functions and join preloads.
 */
@FlectoTest(schema = "/assoc_options.sql")
class AssocOptionsIT {
  private static final Duration T = Duration.ofSeconds(20);

  record Data(BUser ann, BUser bob, BPost p1, BPost p2, BPost empty, BComment hi, BComment yo, BComment hidden,
      BComment gone, BComment ok, BTag java, BTag sql, BTag misc) {}

  private static Data data(Repo repo) {
    BUser ann = repo.insert(BUser.named("Ann")).block(T);
    BUser bob = repo.insert(BUser.named("Bob")).block(T);
    BPost p1 = repo.insert(BPost.titled("one", ann.id())).block(T);
    BPost p2 = repo.insert(BPost.titled("two", bob.id())).block(T);
    BPost empty = repo.insert(BPost.titled("empty", null)).block(T);
    BComment hi = repo.insert(BComment.on(p1.id(), bob.id(), "hi", 1)).block(T);
    BComment yo = repo.insert(BComment.on(p1.id(), bob.id(), "yo", 5)).block(T);
    BComment hidden = repo.insert(BComment.on(p1.id(), ann.id(), "hidden", 3).hidden()).block(T);
    BComment gone = repo.insert(BComment.on(p1.id(), null, "gone", 9).deleted()).block(T);
    BComment ok = repo.insert(BComment.on(p2.id(), ann.id(), "ok", 0)).block(T);
    BTag java = repo.insert(new BTag(null, "java")).block(T);
    BTag sql = repo.insert(new BTag(null, "sql")).block(T);
    BTag misc = repo.insert(new BTag(null, "misc")).block(T);
    Flux.just(new BPostTag(null, p1.id(), java.id()), new BPostTag(null, p1.id(), misc.id()), new BPostTag(null, p1.id(), sql.id()),
        new BPostTag(null, p2.id(), misc.id())).concatMap(repo::insert).blockLast(T);
    repo.insert(new BPermalink(null, p1.id(), "/one")).block(T);
    return new Data(ann, bob, p1, p2, empty, hi, yo, hidden, gone, ok, java, sql, misc);
  }

  private static List<BPost> posts(Repo repo) {
    return repo.all(Query.from(BPost.class).orderBy("id")).collectList().block(T);
  }

  @Test
  void whereFiltersApplyToPreloadAssocAndJoins(Repo repo) {
    Data d = data(repo);
    List<BPost> posts = repo.preload(posts(repo), "publicComments", "techTags").block(T);
    assertThat(posts.get(0).publicComments().get()).extracting(BComment::body).containsExactly("hi", "yo");
    assertThat(posts.get(0).techTags().get()).extracting(BTag::name).containsExactlyInAnyOrder("java", "sql");
    assertThat(posts.get(1).techTags().get()).isEmpty();
    assertThat(repo.all(Assocs.<BComment>assoc(d.p1(), "publicComments").orderBy("id")).map(BComment::body)
        .collectList().block(T)).containsExactly("hi", "yo");
    assertThat(repo.all(Query.from(BPost.class).as("p").joinAssoc(JoinKind.INNER, "p", "publicComments", "c")
        .select(field("c", "body"), String.class).orderBy(Order.asc(field("c", "body")))).collectList().block(T))
        .containsExactly("hi", "ok", "yo");
    assertThat(repo.all(Query.from(BPost.class).as("p").joinAssoc(JoinKind.INNER, "p", "techTags", "t")
        .select(field("t", "name"), String.class)).collectList().block(T)).containsExactlyInAnyOrder("java", "sql");
  }

  @Test
  void preloadOrderSortsAndAPreloadQueryOrderWins(Repo repo) {
    data(repo);
    BPost p1 = repo.preload(posts(repo), "comments", "tags").block(T).get(0);
    assertThat(p1.comments().get()).extracting(BComment::body).containsExactly("gone", "yo", "hidden", "hi");
    assertThat(p1.tags().get()).as("many-to-many: the targets' preload order, not the join rows'")
        .extracting(BTag::name).containsExactly("sql", "misc", "java");
    BPost byBody = repo.preload(posts(repo), Preload.of("comments").query(Query.from(BComment.class).orderBy("body")))
        .block(T).get(0);
    assertThat(byBody.comments().get()).extracting(BComment::body).containsExactly("gone", "hi", "hidden", "yo");
    BPost filtered = repo.preload(posts(repo), Preload.of("comments").query(Query.from(BComment.class).where(field("votes").gt(2))))
        .block(T).get(0);
    assertThat(filtered.comments().get()).as("a query without an order takes the preload order")
        .extracting(BComment::body).containsExactly("gone", "yo", "hidden");
  }

  @Test
  void manyToManyThroughAJoinSchema(Repo repo) {
    Data d = data(repo);
    assertThat(repo.all(Assocs.<BTag>assoc(List.of(d.p1(), d.p2()), "tags").orderBy("name")).map(BTag::name)
        .collectList().block(T)).as("one row per join row, as Ecto's assoc: misc tags both posts").containsExactly("java", "misc", "misc", "sql");
    assertThat(repo.all(Assocs.<BTag>assoc(List.of(d.p1(), d.p2()), "tags").distinct().orderBy("name")).map(BTag::name)
        .collectList().block(T)).as("distinct: each tag once").containsExactly("java", "misc", "sql");
    assertThat(repo.all(Query.from(BPost.class).as("p").joinAssoc(JoinKind.INNER, "p", "tags", "t")
        .where(field("t", "name").eq("misc")).select(field("p", "title"), String.class).orderBy(Order.asc(field("p", "title"))))
        .collectList().block(T)).containsExactly("one", "two");
    // on_delete delete_all removes the join schema's rows, not the tags
    repo.delete(d.ok()).block(T);
    repo.delete(d.p2()).block(T);
    assertThat(repo.all(BPostTag.class).count().block(T)).isEqualTo(3L);
    assertThat(repo.all(BTag.class).count().block(T)).isEqualTo(3L);
  }

  @Test
  void throughAssociationsLoadTheirChainAndEachRecordOnce(Repo repo) {
    Data d = data(repo);
    List<BPost> posts = repo.preload(posts(repo), "commentAuthors").block(T);
    BPost p1 = posts.get(0);
    assertThat(p1.commentAuthors().get()).as("Bob wrote two comments, the deleted one has no author")
        .extracting(BUser::name).containsExactly("Bob", "Ann");
    assertThat(p1.comments().get()).as("the chain's steps are preloaded too").hasSize(4)
        .allSatisfy(c -> assertThat(c.author().isLoaded()).isTrue());
    assertThat(posts.get(1).commentAuthors().get()).extracting(BUser::name).containsExactly("Ann");
    assertThat(posts.get(2).commentAuthors().get()).isEmpty();

    assertThat(repo.all(Assocs.<BUser>assoc(d.p1(), "commentAuthors").orderBy("name")).map(BUser::name)
        .collectList().block(T)).containsExactly("Ann", "Bob");
    assertThat(repo.all(Query.from(BPost.class).as("p").joinAssoc(JoinKind.INNER, "p", "commentAuthors", "u")
        .where(field("p", "id").eq(d.p1().id())).select(field("u", "name"), String.class).distinct())
        .collectList().block(T)).containsExactlyInAnyOrder("Ann", "Bob");

    // has_one through: comment -> post -> permalink; a custom query shapes the last step
    List<BComment> comments = repo.preload(repo.all(Query.from(BComment.class).orderBy("id")).collectList().block(T),
        "postPermalink").block(T);
    assertThat(comments).extracting(c -> c.postPermalink().get() == null ? null : c.postPermalink().get().url())
        .containsExactly("/one", "/one", "/one", "/one", null);
    List<BPost> onlyBob = repo.preload(posts(repo), Preload.of("commentAuthors")
        .query(Query.from(BUser.class).where("name", "Bob"))).block(T);
    assertThat(onlyBob.get(0).commentAuthors().get()).extracting(BUser::name).containsExactly("Bob");
  }

  @Test
  void loadedAssociationsAreKeptAndGetTheirNestedPreloads(Repo repo) {
    Data d = data(repo);
    BPost withComments = repo.preload(d.p1(), "comments").block(T);
    repo.insert(BComment.on(d.p1().id(), d.ann().id(), "late", 0)).block(T);
    repo.insert(BComment.on(d.p2().id(), d.ann().id(), "late too", 0)).block(T);
    List<BPost> mixed = repo.preload(List.of(withComments, d.p2()), "comments.author").block(T);
    assertThat(mixed.get(0).comments().get()).as("kept: not queried again").hasSize(4)
        .allSatisfy(c -> assertThat(c.author().isLoaded()).isTrue());
    assertThat(mixed.get(0).comments().get()).extracting(c -> c.author().get() == null ? null : c.author().get().name())
        .containsExactly(null, "Bob", "Ann", "Bob");
    assertThat(mixed.get(1).comments().get()).as("loaded for the parent that had none").extracting(BComment::body)
        .containsExactly("ok", "late too");
  }

  @Test
  void preloadFunctionsLoadByKeys(Repo repo) {
    Data d = data(repo);
    List<List<Object>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<BPost> posts = repo.preload(posts(repo),
        Preload.of("comments").using(ids -> {
          asked.add(ids);
          return repo.all(Query.from(BComment.class).where(field("postId").in(ids)).where(field("votes").lt(5)).orderBy("id"));
        }),
        Preload.of("author").using(ids -> Flux.just(d.ann(), d.bob())),
        Preload.of("tags").using((ids, assoc) -> Flux.just(Map.entry(d.p1().id(), d.java()), Map.entry(d.p2().id(), d.sql()))))
        .block(T);
    assertThat(asked).containsExactly(List.of(d.p1().id(), d.p2().id(), d.empty().id()));
    assertThat(posts.get(0).comments().get()).extracting(BComment::body).containsExactly("hi", "hidden");
    assertThat(posts).extracting(p -> p.author().get() == null ? null : p.author().get().name()).containsExactly("Ann", "Bob", null);
    assertThat(posts).extracting(p -> p.tags().get().stream().map(BTag::name).toList())
        .containsExactly(List.of("java"), List.of("sql"), List.of());
    assertThatThrownBy(() -> repo.preload(posts(repo), Preload.of("tags").using(ids -> Flux.just(d.java()))).block(T))
        .isInstanceOf(FlectoException.class).hasMessageContaining("loader function of preload 'tags'")
        .hasMessageContaining("Map.Entry");
  }

  @Test
  void joinPreloadsReadTheQuerysJoinsWithoutASecondQuery() {
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(TestDatabase.get().connectionFactory());
    Sandbox sandbox = Sandbox.open(recording, RepoOptions.defaults()).block(T);
    try {
      Repo recorded = sandbox.repo();
      data(recorded);
      recording.clear();
      List<BPost> posts = recorded.all(Query.from(BPost.class).as("p")
          .joinAssoc(JoinKind.LEFT, "p", "comments", "c")
          .joinAssoc(JoinKind.LEFT, "c", "author", "a")
          .orderBy(Order.asc(field("p", "id")), Order.asc(field("c", "votes")))
          .preload(Preload.join("comments", "c", Preload.join("author", "a")))).collectList().block(T);
      assertThat(recording.statements()).as("one statement").hasSize(1);
      assertThat(posts).extracting(BPost::title).containsExactly("one", "two", "empty");
      assertThat(posts.get(0).comments().get()).extracting(c -> c.body() + ":" + (c.author().get() == null ? "-" : c.author().get().name()))
          .containsExactly("hi:Bob", "hidden:Ann", "yo:Bob", "gone:-");
      assertThat(posts.get(2).comments().get()).as("a left join that matched nothing").isEmpty();

      // a join preload next to a query preload, and a query preload nested under a join preload
      recording.clear();
      List<BPost> mixed = recorded.all(Query.from(BPost.class).as("p")
          .joinAssoc(JoinKind.INNER, "p", "author", "u")
          .orderBy(Order.asc(field("p", "id")))
          .preload(Preload.join("author", "u"), Preload.of("tags"))
          .preload(Preload.join("comments", "c").then(Preload.of("post")))
          .joinAssoc(JoinKind.LEFT, "p", "comments", "c")).collectList().block(T);
      assertThat(mixed).extracting(p -> p.title() + ":" + p.author().get().name() + ":" + p.tags().get().size() + ":"
          + p.comments().get().size()).containsExactly("one:Ann:3:4", "two:Bob:1:1");
      assertThat(mixed.get(0).comments().get()).allSatisfy(c -> assertThat(c.post().get().title()).isEqualTo("one"));
      assertThat(recording.statements()).as("the joined query, the tag links and tags, the comments' posts").hasSize(4);
    } finally {
      sandbox.rollback().block(T);
    }
  }

  @Test
  void badPreloadsAndAssociationsNameWhatIsWrong(Repo repo) {
    data(repo);
    assertThatThrownBy(() -> repo.all(Query.from(BPost.class).as("p").joinAssoc(JoinKind.LEFT, "p", "author", "u")
        .preload(Preload.join("comments", "u"))).collectList().block(T))
        .isInstanceOf(QueryException.class).hasMessageContaining("join preload 'comments' reads binding 'u'")
        .hasMessageContaining("must join BComment");
    assertThatThrownBy(() -> repo.all(Query.from(BPost.class).as("p").joinAssoc(JoinKind.LEFT, "p", "comments", "c")
        .select(field("p", "title"), String.class).preload(Preload.join("comments", "c"))).collectList().block(T))
        .isInstanceOf(QueryException.class).hasMessageContaining("must select them");
    assertThatThrownBy(() -> repo.preload(posts(repo), Preload.join("comments", "c")).block(T))
        .hasMessageContaining("give it to query.preload(...)");
    assertThatThrownBy(() -> repo.preload(posts(repo), Preload.of("comments").query(Query.from(BUser.class))).block(T))
        .hasMessageContaining("must be over BComment");
  }

  @Test
  @NoSandbox
  void preloadConcurrencyOneRunsSiblingsInTurn() {
    Repo repo = dev.flecto.r2dbc.R2dbcRepos.connect(TestDatabase.get().url(), RepoOptions.defaults().withPreloadConcurrency(1));
    try {
      Data d = data(repo);
      Preload slowAuthor = Preload.of("author").query(Query.from(BUser.class).where(fragment("pg_sleep(0.3) IS NOT NULL")));
      Preload slowComments = Preload.of("comments").query(Query.from(BComment.class).where(fragment("pg_sleep(0.3) IS NOT NULL")));
      Preload slowPermalink = Preload.of("permalink").query(Query.from(BPermalink.class).where(fragment("pg_sleep(0.3) IS NOT NULL")));
      long start = System.nanoTime();
      BPost p = repo.preload(List.of(d.p1()), slowAuthor, slowComments, slowPermalink).block(T).get(0);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(p.permalink().get().url()).isEqualTo("/one");
      assertThat(ms).as("one after another").isGreaterThanOrEqualTo(900);
      assertThatThrownBy(() -> RepoOptions.defaults().withPreloadConcurrency(0))
          .hasMessageContaining("RepoOptions.preloadConcurrency must be positive");
    } finally {
      TestDatabase.get().execute("TRUNCATE b_permalinks, b_post_tags, b_comments, b_posts, b_tags, b_users").block(T);
      repo.close();
    }
  }

  @Test
  void assocFollowsAPathOfAssociationsEachRecordOnce(Repo repo) {
    Data d = data(repo);
    // Ecto's assoc(post, [:comments, :author]): the comment without an author adds nobody.
    assertThat(repo.all(Assocs.<BUser>assoc(d.p1(), List.of("comments", "author")).orderBy("name")).map(BUser::name)
        .collectList().block(T)).containsExactly("Ann", "Bob");
    // Three steps, a many-to-many last; Ann commented on both posts, their shared tag comes once.
    assertThat(repo.all(Assocs.<BTag>assoc(d.bob(), List.of("comments", "post", "tags")).orderBy("name")).map(BTag::name)
        .collectList().block(T)).containsExactly("java", "misc", "sql");
    assertThat(repo.all(Assocs.<BTag>assoc(List.of(d.ann()), List.of("comments", "post", "tags")).orderBy("name"))
        .map(BTag::name).collectList().block(T)).containsExactly("java", "misc", "sql");
    // A through association inside a path, and an association's filter on its step.
    assertThat(repo.all(Assocs.<BUser>assoc(d.hi(), List.of("post", "commentAuthors")).orderBy("name")).map(BUser::name)
        .collectList().block(T)).containsExactly("Ann", "Bob");
    assertThat(repo.all(Assocs.<BUser>assoc(d.p1(), List.of("publicComments", "author"))).map(BUser::name)
        .collectList().block(T)).containsExactly("Bob");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Assocs.assoc(d.p1(), List.of("comments", "nope"))))
        .isInstanceOf(dev.flecto.FlectoException.class).hasMessageContaining("association 'nope' does not exist in schema");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Assocs.assoc(d.p1(), List.<String>of())))
        .isInstanceOf(dev.flecto.QueryException.class).hasMessageContaining("a path of at least one association");
  }
}
