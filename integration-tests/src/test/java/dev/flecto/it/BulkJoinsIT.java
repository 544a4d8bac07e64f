package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flecto.QueryException;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Query;
import dev.flecto.query.Source;
import dev.flecto.query.Updates;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * {@code updateAll} and {@code deleteAll} over inner joins and CTEs, as ecto_sql compiles them:
 * {@code UPDATE ... FROM} and {@code DELETE ... USING} with the joins' conditions in the WHERE,
 * and a CTE choosing the rows (the job-queue idiom: {@code LIMIT n FOR UPDATE SKIP LOCKED}).
 */
@FlectoTest(schema = "/query.sql")
class BulkJoinsIT {
  private static final Duration T = Duration.ofSeconds(10);

  private static List<QPost> posts(Repo repo, QAuthor ann, QAuthor bob) {
    return Flux.just(QPost.of("a1", 1, ann.id(), null), QPost.of("a2", 2, ann.id(), null), QPost.of("b1", 3, bob.id(), null))
        .concatMap(repo::insert).collectList().block(T);
  }

  @Test
  void updateAllOverAnInnerJoinUpdatesTheRowsItMatches(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    QAuthor bob = repo.insert(QAuthor.of("Bob", null)).block(T);
    posts(repo, ann, bob);
    Query<QPost> byAnn = Query.from(QPost.class).as("p").join(JoinKind.INNER, QAuthor.class, "a",
        field("a", "id").eq(field("p", "authorId"))).where(field("a", "name").eq("Ann")).where(field("p", "votes").ge(2));

    assertThat(repo.toSql(Query.from(QPost.class)).text()).doesNotContain("FROM \"q_authors\"");
    assertThat(repo.updateAll(byAnn, Updates.set("title", "touched")).block(T)).isEqualTo(1L);
    assertThat(repo.all(Query.from(QPost.class).orderBy("id")).map(QPost::title).collectList().block(T))
        .containsExactly("a1", "touched", "b1");
    assertThat(repo.updateAllReturning(Query.from(QPost.class).as("p").join(JoinKind.INNER, QAuthor.class, "a",
            field("a", "id").eq(field("p", "authorId"))).where(field("a", "name").eq("Bob")), Updates.inc("votes", 10))
        .map(QPost::votes).collectList().block(T)).containsExactly(13);
  }

  @Test
  void deleteAllOverAnInnerJoinDeletesOnlyTheSourceRows(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    QAuthor bob = repo.insert(QAuthor.of("Bob", null)).block(T);
    posts(repo, ann, bob);
    Query<QPost> byBob = Query.from(QPost.class).as("p").join(JoinKind.INNER, QAuthor.class, "a",
        field("a", "id").eq(field("p", "authorId"))).where(field("a", "name").eq("Bob"));

    assertThat(repo.deleteAll(byBob).block(T)).isEqualTo(1L);
    assertThat(repo.all(QPost.class).map(QPost::title).collectList().block(T)).containsExactlyInAnyOrder("a1", "a2");
    assertThat(repo.all(QAuthor.class).count().block(T)).as("the joined table is untouched").isEqualTo(2L);
    assertThat(repo.deleteAllReturning(Query.from(QPost.class).as("p").join(JoinKind.INNER, QAuthor.class, "a",
        field("a", "id").eq(field("p", "authorId"))).where(field("a", "name").eq("Ann")).where(field("p", "votes").eq(1)))
        .map(QPost::title).collectList().block(T)).containsExactly("a1");
  }

  @Test
  void aCteChoosesTheRowsTheJobQueueWay(Repo repo) {
    Flux.range(1, 5).map(i -> QPost.of("job" + i, 0, null, QPost.Status.DRAFT)).concatMap(repo::insert).blockLast(T);
    // Take the two oldest waiting jobs, skipping rows another worker holds.
    Query<QPost> next = Query.from(QPost.class).where("status", QPost.Status.DRAFT).orderBy("id").limit(2)
        .lock("FOR UPDATE SKIP LOCKED");
    Query<QPost> claimed = Query.from(QPost.class).as("p").withCte("next_jobs", next)
        .join(JoinKind.INNER, new Source.Schema(QPost.class, "next_jobs", null), "n", field("n", "id").eq(field("p", "id")));

    List<String> taken = repo.transact(() -> repo.updateAllReturning(claimed, Updates.set("status", QPost.Status.PUBLISHED))
        .map(QPost::title).collectList()).block(T);

    assertThat(taken).containsExactlyInAnyOrder("job1", "job2");
    assertThat(repo.toSql(claimed).text()).startsWith("WITH \"next_jobs\" AS (");
    assertThat(repo.deleteAll(Query.from(QPost.class).as("p").withCte("next_jobs", next)
        .join(JoinKind.INNER, new Source.Schema(QPost.class, "next_jobs", null), "n", field("n", "id").eq(field("p", "id"))))
        .block(T)).isEqualTo(2L);
    assertThat(repo.all(Query.from(QPost.class).orderBy("id")).map(QPost::title).collectList().block(T))
        .containsExactly("job1", "job2", "job5");
  }

  @Test
  void otherJoinsAndOrderingAreRefusedBeforeAnySql(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    posts(repo, ann, ann);
    Query<QPost> left = Query.from(QPost.class).as("p").join(JoinKind.LEFT, QAuthor.class, "a",
        field("a", "id").eq(field("p", "authorId")));
    assertThat(catchThrowable(() -> repo.deleteAll(left).block(T))).isInstanceOf(QueryException.class)
        .hasMessageContaining("only inner joins").hasMessageContaining("'a'");
    assertThat(catchThrowable(() -> repo.updateAll(Query.from(QPost.class).limit(1), Updates.set("votes", 0)).block(T)))
        .isInstanceOf(QueryException.class).hasMessageContaining("CTE");
    assertThat(repo.all(QPost.class).count().block(T)).isEqualTo(3L);
  }

  @Test
  void schemalessUpdateAllAndDeleteAllNameColumnsAsTheyAre(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    QAuthor bob = repo.insert(QAuthor.of("Bob", null)).block(T);
    posts(repo, ann, bob);
    // Ecto's update_all on "table": columns by their names, values bound as given.
    assertThat(repo.updateAll(Query.fromTable("q_posts").where(field("author_id").eq(ann.id())),
        Updates.set("title", "by ann").andInc("votes", 100)).block(T)).isEqualTo(2L);
    assertThat(repo.updateAllReturning(Query.fromTable("q_posts").where(field("votes").gt(100))
            .select(field("votes"), Integer.class), Updates.inc("votes", 1)).collectList().block(T))
        .containsExactlyInAnyOrder(102, 103);
    // ... over a join of two schemaless tables.
    assertThat(repo.deleteAll(Query.fromTable("q_posts").as("p").join(JoinKind.INNER, new Source.Table("q_authors"), "a",
        field("a", "id").eq(field("p", "author_id"))).where(field("a", "name").eq("Bob"))).block(T)).isEqualTo(1L);
    assertThat(repo.all(Query.from(QPost.class).orderBy("votes")).map(p -> p.title() + ":" + p.votes()).collectList().block(T))
        .containsExactly("by ann:102", "by ann:103");
    assertThat(repo.deleteAllReturning(Query.fromTable("q_posts").where(field("votes").eq(102)).select(field("title"), String.class))
        .collectList().block(T)).containsExactly("by ann");
    // Ecto's {"table", Schema}: the schema's fields, another table with its columns.
    assertThat(repo.updateAll(Query.from(QPost.class, "q_posts").where(field("votes").eq(103)), Updates.set("votes", "7"))
        .block(T)).isEqualTo(1L);
    assertThat(repo.all(Query.from(QPost.class).where(field("votes").eq(7))).count().block(T)).isEqualTo(1L);
    // An inc needs a number, known before any SQL.
    assertThat(catchThrowable(() -> repo.updateAll(Query.fromTable("q_posts"), Updates.inc("votes", null)).block(T)))
        .isInstanceOf(QueryException.class).hasMessageContaining("inc on column 'votes' of table \"q_posts\" needs a number");
    // A column that does not exist is the server's error, translated, naming it.
    assertThat(catchThrowable(() -> repo.updateAll(Query.fromTable("q_posts"), Updates.set("nope", 1)).block(T)))
        .isInstanceOf(dev.flecto.DatabaseException.class).hasMessageContaining("nope");
  }

  @Test
  void multiStepsInsertFromAQueryAndIntoASchemalessTable(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    QAuthor bob = repo.insert(QAuthor.of("Bob", null)).block(T);
    posts(repo, ann, bob);
    java.util.Map<String, dev.flecto.query.Expr> copy = new java.util.LinkedHashMap<>();
    copy.put("title", field("title"));
    copy.put("votes", field("votes"));
    dev.flecto.multi.MultiResult result = repo.transact(dev.flecto.multi.Multi.create()
        .insertAll("copies", QPost.class, Query.from(QPost.class).where(field("votes").le(2)).select(copy),
            dev.flecto.repo.InsertAllOptions.defaults().withReturning("title"))
        .insertAll("raw", "q_posts", List.of(java.util.Map.of("title", "raw", "votes", 9)),
            dev.flecto.repo.InsertAllOptions.defaults())).block(T);
    assertThat(result.get("copies", List.class)).extracting(p -> ((QPost) p).title()).containsExactlyInAnyOrder("a1", "a2");
    assertThat(result.get("raw", Long.class)).isEqualTo(1L);
    assertThat(repo.all(QPost.class).count().block(T)).isEqualTo(6L);

    // A failing later step rolls both back.
    Throwable failed = catchThrowable(() -> repo.transact(dev.flecto.multi.Multi.create()
        .insertAll("copies", QPost.class, Query.from(QPost.class).select(copy), dev.flecto.repo.InsertAllOptions.defaults())
        .insertAll("raw", "q_posts", List.of(java.util.Map.of("title", "raw", "nope", 1)), dev.flecto.repo.InsertAllOptions.defaults()))
        .block(T));
    assertThat(failed).isInstanceOf(dev.flecto.multi.MultiFailedException.class).hasMessageContaining("raw");
    assertThat(repo.all(QPost.class).count().block(T)).isEqualTo(6L);
  }
}
