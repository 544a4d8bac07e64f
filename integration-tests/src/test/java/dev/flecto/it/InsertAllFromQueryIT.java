package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static dev.flecto.query.Exprs.mapOf;
import static dev.flecto.query.Exprs.recordOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ArgumentException;
import dev.flecto.it.InsertAllMoreIT.ImArchived;
import dev.flecto.it.InsertAllMoreIT.ImPost;
import dev.flecto.query.Query;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * insertAll from a query whose select is a source's row, as Ecto's insert_all takes its header
 * from the query (Ecto.Repo.Schema's extract_header_and_fields): the whole source ({@code select: p}),
 * {@code struct(p, fields)} and {@code map(p, fields)} ({@code recordOf}, {@code mapOf}), the
 * update syntax {@code %{p | f: ...}} (selectMerge); each selected name a writable field of the
 * inserted schema, else refused inside the Mono before any SQL.
 */
@FlectoTest(schema = "/insert_all_more.sql")
class InsertAllFromQueryIT {
  private static final Duration T = Duration.ofSeconds(30);

  /** The archive with a column the posts table has not. */
  @Schema("im_posts_archive")
  public record ImArchivedBy(@Id Long id, String title, String archivedBy) {}

  private static void archive(Repo repo) {
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    repo.insertAll(ImArchived.class, List.of(
        Map.of("id", 10L, "title", "a", "body", "body a", "views", 1, "email", "a@x.org", "insertedAt", at),
        Map.of("id", 11L, "title", "b", "body", "body b", "views", 50, "insertedAt", at))).block(T);
  }

  private static List<ImPost> posts(Repo repo) {
    return repo.all(Query.from(ImPost.class).orderBy("title")).collectList().block(T);
  }

  @Test
  void theWholeSourceCopiesEveryFieldByName(Repo repo) {
    archive(repo);
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    assertThat(repo.insertAll(ImPost.class, Query.from(ImArchived.class).where(field("views").gt(0))).block(T)).isEqualTo(2L);
    assertThat(posts(repo)).containsExactly(new ImPost(10L, "a", "body a", 1, "a@x.org", at),
        new ImPost(11L, "b", "body b", 50, null, at));
  }

  @Test
  void someFieldsOfABindingAsARecordOrAMap(Repo repo) {
    archive(repo);
    Query<ImArchived> a = Query.from(ImArchived.class).as("a");
    assertThat(repo.insertAll(ImPost.class, a.where(field("a", "title").eq("a")).select(recordOf("a", "title", "views"),
        ImArchived.class)).block(T)).isEqualTo(1L);
    List<ImPost> back = repo.insertAllReturning(ImPost.class, a.where(field("a", "title").eq("b"))
        .select(mapOf("a", "title", "body"), Map.class), InsertAllOptions.defaults().withReturning("title", "body", "views"))
        .collectList().block(T);
    assertThat(back).containsExactly(new ImPost(null, "b", "body b", 0, null, null));
    assertThat(posts(repo)).extracting(ImPost::title, ImPost::body, ImPost::views, ImPost::email).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", null, 1, null), org.assertj.core.groups.Tuple.tuple("b", "body b", 0, null));
    assertThat(posts(repo)).allSatisfy(p -> assertThat(p.id()).as("generated, not copied").isNotIn(10L, 11L));
  }

  @Test
  void aMergedRecordSelectsEachColumnOnceWithTheMergedValue(Repo repo) {
    archive(repo);
    Query<ImArchived> renamed = Query.from(ImArchived.class).where(field("title").eq("a"))
        .selectMerge(Map.of("title", fragment("upper(?)", field("title")), "views", fragment("? + 100", field("views"))));
    assertThat(repo.insertAll(ImPost.class, renamed).block(T)).isEqualTo(1L);
    assertThat(posts(repo)).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(10L);
      assertThat(p.title()).isEqualTo("A");
      assertThat(p.views()).isEqualTo(101);
      assertThat(p.body()).isEqualTo("body a");
    });
  }

  @Test
  void aFieldTheInsertedSchemaHasNotOrAShapeWithoutFieldsIsRefusedBeforeAnySql(Repo repo) {
    repo.insertAll(ImArchivedBy.class, List.of(Map.of("title", "a", "archivedBy", "ann"))).block(T);
    refused(repo.insertAll(ImPost.class, Query.from(ImArchivedBy.class)), "cannot select unknown field 'archivedBy'");
    refused(repo.insertAll(ImPost.class, Query.from(ImArchivedBy.class).as("a").select(mapOf("a", "title", "archivedBy"),
        Map.class)), "cannot select unknown field 'archivedBy'");
    refused(repo.insertAll(ImPost.class, Query.from(ImArchivedBy.class).as("a").select(recordOf("a", "id", "archivedBy"),
        ImArchivedBy.class)), "cannot select unknown field 'archivedBy'");
    refused(repo.insertAll(ImPost.class, Query.from(ImArchived.class).as("a").select(Map.of("post", recordOf("a")))),
        "its map's value 'post' is a binding's row, not one value");
    refused(repo.insertAll(ImPost.class, Query.from(ImArchived.class).as("a").selectList(field("a", "title"))),
        "it selects neither a map nor a binding's record");
    assertThat(posts(repo)).as("nothing was written").isEmpty();
    // The same rows through the fields both schemas have.
    assertThat(repo.insertAll(ImPost.class, Query.from(ImArchivedBy.class).as("a").select(mapOf("a", "title"), Map.class))
        .block(T)).isEqualTo(1L);
    assertThat(posts(repo)).extracting(ImPost::title).containsExactly("a");
  }

  private static void refused(Mono<?> mono, String message) {
    mono.as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ArgumentException.class).hasMessageContaining(message))
        .verify(T);
  }
}
