package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Query behaviours where Flecto used to differ from Ecto: a {@code distinct} expression is
 * prepended to the ORDER BY, and a CTE given again under the same name replaces the earlier one.
 * Each test runs in the sandbox.
 */
@FlectoTest(schema = {"/query.sql", "/assoc.sql"})
class QueryConformanceIT {
  private static final Duration T = Duration.ofSeconds(15);
  private static final Instant NOON = Instant.parse("2025-01-01T12:00:00Z");

  @Test
  void distinctOnIsPrependedToTheOrderBy(Repo repo) {
    Flux.just(QComment.of(1L, "early", 1, NOON), QComment.of(1L, "late", 2, NOON.plusSeconds(60)),
        QComment.of(2L, "only", 3, NOON)).concatMap(repo::insert).blockLast(T);
    // Without the prepend PostgreSQL refuses this: DISTINCT ON must match the initial ORDER BY.
    Query<QComment> latestPerPost = Query.from(QComment.class).distinctOn(field("postId")).orderBy(Order.desc("postedAt"));
    assertThat(repo.toSql(latestPerPost).text()).contains("ORDER BY q0.\"post_id\", q0.\"posted_at\" DESC");
    assertThat(repo.all(latestPerPost).map(QComment::body).collectList().block(T)).containsExactly("late", "only");
    assertThat(repo.toSql(Query.from(QComment.class).distinctOn(field("postId"))).text())
        .as("no ORDER BY: nothing prepended, as in Ecto").doesNotContain("ORDER BY");
  }

  @Test
  void aCteGivenAgainUnderTheSameNameReplacesTheEarlierOne(Repo repo) {
    Flux.just(QPost.of("one", 1, null, null), QPost.of("two", 2, null, null)).concatMap(repo::insert).blockLast(T);
    Query<QPost> q = Query.from(QPost.class, "picked")
        .withCte("picked", Query.from(QPost.class).where("title", "one"))
        .withCte("picked", Query.from(QPost.class).where("title", "two"));
    assertThat(q.ctes()).hasSize(1);
    assertThat(repo.all(q).map(QPost::title).collectList().block(T)).containsExactly("two");
  }

  @Test
  void aRecordBuiltWithSelectMergeKeepsItsAssociationsNotLoaded(Repo repo) {
    repo.insert(new APost(null, "hello", null, null, null, null)).block(T);
    APost merged = repo.one(Query.from(APost.class)
        .selectMerge(java.util.Map.of("title", dev.flecto.query.Exprs.fragment("upper(?)", field("title"))))).block(T);
    assertThat(merged.title()).isEqualTo("HELLO");
    assertThat(merged.comments()).as("not loaded, never null").isNotNull();
    assertThat(merged.comments().isLoaded()).isFalse();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> merged.comments().get()))
        .isInstanceOf(dev.flecto.AssociationNotLoadedException.class);
  }
}
