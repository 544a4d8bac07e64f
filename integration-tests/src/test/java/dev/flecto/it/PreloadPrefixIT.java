package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.FlectoException;
import dev.flecto.it.PfSchemas.PfAuthor;
import dev.flecto.it.PfSchemas.PfComment;
import dev.flecto.it.PfSchemas.PfPost;
import dev.flecto.it.PfSchemas.PfTag;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.repo.PreloadOptions;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Preloads read from the prefix (PostgreSQL schema) their parents came from, as Ecto's preloader
 * takes the parents' {@code __meta__.prefix}, unless the preload query sets its own or the
 * associated schema names one. Two tenants' schemas hold the same tables and keys with different
 * rows, so a preload from the wrong one shows in every value.
 */
@FlectoTest(schema = "/preload_prefix.sql")
class PreloadPrefixIT {
  private static final Duration T = Duration.ofSeconds(20);

  /** The same keys in both tenants; names end in the tenant's letter. */
  private static void data(Repo repo) {
    sql(repo, "INSERT INTO pfx_shared.pf_countries (id, name) VALUES (7, 'Shared-land')");
    for (String t : List.of("a", "b")) {
      String s = "pfx_" + t + ".";
      sql(repo, "INSERT INTO " + s + "pf_authors (id, name, country_id) VALUES (1, 'Ann-" + t + "', 7), (2, 'Bob-" + t + "', NULL)");
      sql(repo, "INSERT INTO " + s + "pf_profiles (id, author_id, bio) VALUES (1, 1, 'bio-" + t + "')");
      sql(repo, "INSERT INTO " + s + "pf_posts (id, title, author_id) VALUES (10, 'post-" + t + "', 1), (11, 'other-" + t + "', 2)");
    }
    sql(repo, "INSERT INTO pfx_a.pf_comments (id, post_id, body) VALUES (100, 10, 'c1-a'), (101, 10, 'c2-a'), (102, 11, 'c3-a')");
    sql(repo, "INSERT INTO pfx_b.pf_comments (id, post_id, body) VALUES (100, 10, 'c1-b'), (103, 11, 'c4-b')");
    sql(repo, "INSERT INTO pfx_a.pf_tags (id, name) VALUES (1000, 'tag-a')");
    sql(repo, "INSERT INTO pfx_b.pf_tags (id, name) VALUES (1000, 'tag-b'), (1001, 'tag2-b')");
    sql(repo, "INSERT INTO pfx_a.pf_posts_tags (post_id, tag_id) VALUES (10, 1000)");
    sql(repo, "INSERT INTO pfx_b.pf_posts_tags (post_id, tag_id) VALUES (10, 1000), (10, 1001)");
  }

  private static void sql(Repo repo, String statement) {
    repo.query(statement, List.of()).block(T);
  }

  private static List<String> bodies(List<PfComment> comments) {
    return comments.stream().map(PfComment::body).toList();
  }

  private static List<String> tags(PfPost post) {
    return post.tags().get().stream().map(PfTag::name).sorted().toList();
  }

  @Test
  void aQueryPrefixReachesEveryKindOfPreload(Repo repo) {
    data(repo);
    for (String t : List.of("a", "b")) {
      Query<PfPost> q = Query.from(PfPost.class).prefix("pfx_" + t).orderBy("id");
      List<PfPost> posts = repo.all(q.preload(Preload.of("author", Preload.of("country")))).collectList().block(T);
      PfPost post = posts.get(0);
      assertThat(post.title()).isEqualTo("post-" + t);
      assertThat(post.author().get().name()).as("belongs-to").isEqualTo("Ann-" + t);
      assertThat(post.author().get().country().get().name()).as("@Schema(prefix) wins over the parents'")
          .isEqualTo("Shared-land");
      assertThat(posts.get(1).author().get().country().get()).isNull();
      List<PfPost> throughs = repo.all(q.preload("authorProfile")).collectList().block(T);
      assertThat(throughs.get(0).authorProfile().get().bio()).as("has-one through").isEqualTo("bio-" + t);
      assertThat(throughs.get(0).author().get().profile().get().bio()).as("and the chain's steps").isEqualTo("bio-" + t);
      assertThat(throughs.get(1).authorProfile().get()).isNull();
    }
    List<PfPost> a = repo.all(Query.from(PfPost.class).prefix("pfx_a").orderBy("id").preload("comments", "tags")).collectList().block(T);
    List<PfPost> b = repo.all(Query.from(PfPost.class).prefix("pfx_b").orderBy("id").preload("comments", "tags")).collectList().block(T);
    assertThat(bodies(a.get(0).comments().get())).as("has-many").containsExactly("c1-a", "c2-a");
    assertThat(bodies(a.get(1).comments().get())).containsExactly("c3-a");
    assertThat(bodies(b.get(0).comments().get())).containsExactly("c1-b");
    assertThat(bodies(b.get(1).comments().get())).containsExactly("c4-b");
    assertThat(tags(a.get(0))).as("many-to-many: join rows and tags both in the tenant").containsExactly("tag-a");
    assertThat(tags(b.get(0))).containsExactly("tag-b", "tag2-b");
    assertThat(tags(b.get(1))).isEmpty();
    assertThat(repo.one(Query.from(PfPost.class).prefix("pfx_b").where("id", 10L).preload("author")).block(T).author().get().name())
        .isEqualTo("Ann-b");
  }

  @Test
  void repoPreloadReadsFromThePrefixItIsGiven(Repo repo) {
    data(repo);
    List<PfAuthor> authors = repo.all(Query.from(PfAuthor.class).prefix("pfx_b").orderBy("id")).collectList().block(T);
    List<PfAuthor> loaded = repo.preload(authors, PreloadOptions.defaults().withPrefix("pfx_b"),
        Preload.of("posts", Preload.of("comments", Preload.of("post"))), Preload.of("profile"), Preload.of("country")).block(T);
    List<PfAuthor> throughs = repo.preload(authors, PreloadOptions.defaults().withPrefix("pfx_b"), Preload.of("postComments"))
        .block(T);
    PfAuthor ann = loaded.get(0);
    assertThat(ann.posts().get()).extracting(PfPost::title).containsExactly("post-b");
    assertThat(bodies(ann.posts().get().get(0).comments().get())).as("nested levels too").containsExactly("c1-b");
    assertThat(ann.posts().get().get(0).comments().get().get(0).post().get().title()).isEqualTo("post-b");
    assertThat(ann.profile().get().bio()).isEqualTo("bio-b");
    assertThat(bodies(throughs.get(0).postComments().get())).as("has-many through").containsExactly("c1-b");
    assertThat(ann.country().get().name()).isEqualTo("Shared-land");
    assertThat(bodies(throughs.get(1).postComments().get())).containsExactly("c4-b");
    assertThat(loaded.get(1).profile().get()).isNull();

    // Records do not remember their prefix (Ecto's __meta__): without the option the preload reads
    // the search path, where these tables do not exist.
    assertThatThrownBy(() -> repo.preload(authors, "posts").block(T)).isInstanceOf(FlectoException.class)
        .hasMessageContaining("pf_posts");
  }

  @Test
  void aPreloadQueryWithItsOwnPrefixKeepsIt(Repo repo) {
    data(repo);
    Query<PfPost> inA = Query.from(PfPost.class).prefix("pfx_a").where("id", 10L);
    PfPost byQueryPrefix = repo.one(inA.preload(Preload.of("comments", Preload.of("post"))
        .query(Query.from(PfComment.class).prefix("pfx_b")))).block(T);
    assertThat(bodies(byQueryPrefix.comments().get())).containsExactly("c1-b");
    assertThat(byQueryPrefix.comments().get().get(0).post().get().title())
        .as("what is nested under them is read from where they were").isEqualTo("post-b");
    PfPost bySourcePrefix = repo.one(inA.preload(Preload.of("comments").query(Query.from(PfComment.class).sourcePrefix("pfx_b"))))
        .block(T);
    assertThat(bodies(bySourcePrefix.comments().get())).containsExactly("c1-b");
    PfPost untouched = repo.one(inA.preload(Preload.of("comments").query(Query.from(PfComment.class).orderBy(Order.desc("id")))))
        .block(T);
    assertThat(bodies(untouched.comments().get())).as("a preload query without a prefix takes the parents'")
        .containsExactly("c2-a", "c1-a");
    // A through's query customizes its last step; the steps before it follow the parents.
    PfAuthor ann = repo.one(Query.from(PfAuthor.class).prefix("pfx_a").where("id", 1L)
        .preload(Preload.of("postComments").query(Query.from(PfComment.class).prefix("pfx_b")))).block(T);
    assertThat(ann.posts().get()).extracting(PfPost::title).containsExactly("post-a");
    assertThat(bodies(ann.postComments().get())).containsExactly("c1-b");
  }

  @Test
  void theSourcesOwnPrefixAndASubquerysAreTheParents(Repo repo) {
    data(repo);
    PfPost bySource = repo.one(Query.from(PfPost.class).sourcePrefix("pfx_b").prefix("pfx_a").where("id", 10L)
        .preload("comments", "author")).block(T);
    assertThat(bodies(bySource.comments().get())).as("the source's prefix wins over the query's").containsExactly("c1-b");
    assertThat(bySource.author().get().name()).isEqualTo("Ann-b");
    List<PfPost> fromSubquery = repo.all(Query.from(Query.from(PfPost.class).prefix("pfx_b")).orderBy("id").preload("comments"))
        .collectList().block(T);
    assertThat(fromSubquery).extracting(p -> bodies(p.comments().get())).containsExactly(List.of("c1-b"), List.of("c4-b"));
  }

  @Test
  void streamsAndJoinPreloadsPreloadFromTheQuerysPrefix(Repo repo) {
    data(repo);
    List<PfPost> streamed = repo.transact(() -> repo.stream(Query.from(PfPost.class).prefix("pfx_b").orderBy("id")
        .preload("comments", "tags")).collectList()).block(T);
    assertThat(streamed).extracting(p -> bodies(p.comments().get())).containsExactly(List.of("c1-b"), List.of("c4-b"));
    assertThat(tags(streamed.get(0))).containsExactly("tag-b", "tag2-b");

    List<PfPost> joined = repo.all(Query.from(PfPost.class).prefix("pfx_b").as("p")
        .joinAssoc(JoinKind.LEFT, "p", "comments", "c")
        .orderBy(Order.asc(field("p", "id")), Order.asc(field("c", "id")))
        .preload(Preload.join("comments", "c", Preload.of("post")), Preload.of("tags"))).collectList().block(T);
    assertThat(joined).extracting(p -> bodies(p.comments().get())).containsExactly(List.of("c1-b"), List.of("c4-b"));
    assertThat(joined.get(0).comments().get().get(0).post().get().title()).isEqualTo("post-b");
    assertThat(tags(joined.get(0))).containsExactly("tag-b", "tag2-b");
  }

  @Test
  void preloadOptionsAreChecked(Repo repo) {
    assertThatThrownBy(() -> PreloadOptions.defaults().withPrefix(" ")).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("PreloadOptions.prefix");
    assertThatThrownBy(() -> repo.preload(List.<PfPost>of(), (PreloadOptions) null, Preload.of("comments")).block(T))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("Repo.preload").hasMessageContaining("PreloadOptions");
  }
}
