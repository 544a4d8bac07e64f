package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ArgumentException;
import dev.flecto.QueryException;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.InsertOptions.ConflictTarget;
import dev.flecto.repo.InsertOptions.OnConflict;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Repo.insertAll's upserts at parity with Repo.insert's (Ecto.Repo.Schema.on_conflict/7 and
 * ecto_sql's PostgreSQL insert/8: constraint and fragment targets, replace_all_except, set/inc,
 * an update query with conditions), placeholders (Ecto's {:placeholder, key}) and the
 * {"table", Schema} source, end to end; every refusal comes before any SQL, inside the Mono.
 */
@FlectoTest(schema = "/insert_all_more.sql")
class InsertAllMoreIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static final InsertAllOptions DEFAULTS = InsertAllOptions.defaults();

  @Schema("im_posts")
  public record ImPost(@Id Long id, String title, String body, Integer views, String email, Instant insertedAt) {}

  @Schema("im_posts_archive")
  public record ImArchived(@Id Long id, String title, String body, Integer views, String email, Instant insertedAt) {}

  private static Map<String, Object> post(String title, Object body, Object views) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("body", body);
    m.put("views", views);
    return m;
  }

  private static ImPost reloaded(Repo repo, String title) {
    return repo.one(Query.from(ImPost.class).where("title", title)).block(T);
  }

  private static void existing(Repo repo, String title, int views, String email) {
    Map<String, Object> m = post(title, "old", views);
    m.put("email", email);
    repo.insertAll(ImPost.class, List.of(m)).block(T);
  }

  @Test
  void replaceAllExceptOnAConstraintKeepsTheNamedFields(Repo repo) {
    existing(repo, "a", 5, null);
    long id = reloaded(repo, "a").id();
    long n = repo.insertAll(ImPost.class, List.of(post("a", "new", 1), post("b", "fresh", 2)), DEFAULTS
        .withOnConflict(OnConflict.replaceAllExcept("id", "views"))
        .withConflictTarget(ConflictTarget.constraint("im_posts_title_key"))).block(T);
    assertThat(n).isEqualTo(2L);
    assertThat(reloaded(repo, "a")).extracting(ImPost::id, ImPost::body, ImPost::views).containsExactly(id, "new", 5);
    assertThat(reloaded(repo, "b").body()).isEqualTo("fresh");
  }

  @Test
  void incOnAnUnsafeFragmentTargetUpdatesTheExistingRows(Repo repo) {
    existing(repo, "a", 5, "Ann@x.org");
    Map<String, Object> again = post("other", "new", 0);
    again.put("email", "ann@X.org");
    Map<String, Object> fresh = post("c", "new", 0);
    fresh.put("email", "cy@x.org");
    long n = repo.insertAll(ImPost.class, List.of(again, fresh), DEFAULTS
        .withOnConflictUpdate(Updates.inc("views", 10).andSet("body", "bumped"))
        .withConflictTarget(ConflictTarget.unsafeFragment("(lower(email))"))).block(T);
    assertThat(n).isEqualTo(2L);
    assertThat(reloaded(repo, "a")).extracting(ImPost::views, ImPost::body).containsExactly(15, "bumped");
    assertThat(reloaded(repo, "c").views()).isZero();
  }

  @Test
  void anUpdateQueryUpdatesOnlyWhereItsConditionsHoldAndCountsThose(Repo repo) {
    existing(repo, "low", 5, null);
    existing(repo, "high", 20, null);
    InsertAllOptions opts = DEFAULTS
        .withOnConflictUpdate(Query.from(ImPost.class).where(field("views").lt(10)), Updates.set("body", "updated"))
        .withConflictTarget("title");
    assertThat(opts.onConflict()).isEqualTo(InsertAllOptions.OnConflict.UPDATE);
    List<ImPost> back = repo.insertAllReturning(ImPost.class, List.of(post("low", "x", 0), post("high", "x", 0)),
        opts.withReturning("title", "body")).collectList().block(T);
    assertThat(back).extracting(ImPost::title, ImPost::body).containsExactly(org.assertj.core.groups.Tuple.tuple("low", "updated"));
    assertThat(repo.insertAll(ImPost.class, List.of(post("low", "x", 0), post("high", "x", 0)), opts).block(T)).isEqualTo(1L);
    assertThat(reloaded(repo, "high").body()).isEqualTo("old");
  }

  @Test
  void theLegacyKindsAndFieldsTargetStillWork(Repo repo) {
    existing(repo, "a", 5, null);
    InsertAllOptions legacy = new InsertAllOptions(InsertAllOptions.OnConflict.REPLACE, List.of("body"), List.of("title"),
        null, null, InsertAllOptions.Copy.AUTO);
    assertThat(legacy.onConflictFields()).containsExactly("body");
    assertThat(legacy.conflictTarget()).containsExactly("title");
    assertThat(repo.insertAll(ImPost.class, List.of(post("a", "new", 1)), legacy).block(T)).isEqualTo(1L);
    assertThat(reloaded(repo, "a")).extracting(ImPost::body, ImPost::views).containsExactly("new", 5);
  }

  @Test
  void placeholdersAreCastOnceAndSharedByEveryEntry(Repo repo) {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) { // above the COPY threshold: placeholders need VALUES, so AUTO must not COPY
      Map<String, Object> m = post("t" + i, InsertAllOptions.placeholder("text"), i);
      m.put("insertedAt", InsertAllOptions.placeholder("now"));
      entries.add(m);
    }
    InsertAllOptions opts = DEFAULTS.withPlaceholder("text", "shared body").withPlaceholder("now", now.toString())
        .withPlaceholder("unused", 1);
    assertThat(repo.insertAll(ImPost.class, entries, opts).block(T)).isEqualTo(1_200L);
    assertThat(reloaded(repo, "t7")).extracting(ImPost::body, ImPost::views, ImPost::insertedAt)
        .containsExactly("shared body", 7, now);
    assertThat(repo.aggregate(Query.from(ImPost.class).where("body", "shared body"), dev.flecto.query.Aggregate.COUNT)
        .block(T)).isEqualTo(1_200L);
  }

  @Test
  void theTableSchemaFormInsertsIntoTheOtherTableWithTheSchemasCasting(Repo repo) {
    long n = repo.insertAll(ImPost.class, "im_posts_archive", List.of(post("a", "old", "7"), post("b", null, 1)), DEFAULTS)
        .block(T);
    assertThat(n).isEqualTo(2L);
    assertThat(repo.query("SELECT title, views FROM im_posts_archive ORDER BY title", List.of()).block(T).rows())
        .containsExactly(List.of("a", 7), List.of("b", 1));
    assertThat(repo.all(ImPost.class).collectList().block(T)).isEmpty();
  }

  @Test
  void insertFromAQueryCopiesTheSelectedMapWithConflictHandlingAndReturning(Repo repo) {
    repo.insertAll(ImArchived.class, List.of(Map.of("title", "a", "body", "arch a", "views", 1),
        Map.of("title", "b", "body", "arch b", "views", 50), Map.of("title", "c", "body", "arch c", "views", 2))).block(T);
    existing(repo, "b", 3, null);
    Map<String, dev.flecto.query.Expr> select = new java.util.LinkedHashMap<>();
    select.put("title", field("title"));
    select.put("body", field("body"));
    select.put("views", field("views"));
    Query<?> archived = Query.from(ImArchived.class).where(field("views").gt(1)).select(select);
    // ON CONFLICT's update takes $1 (its condition) and $2 (its inc); the query's own parameter follows as $3.
    InsertAllOptions opts = DEFAULTS.withConflictTarget("title")
        .withOnConflictUpdate(Query.from(ImPost.class).where(field("views").lt(100)), Updates.inc("views", 1000));
    assertThat(repo.insertAll(ImPost.class, archived, opts).block(T)).isEqualTo(2L);
    assertThat(reloaded(repo, "b")).extracting(ImPost::body, ImPost::views).containsExactly("old", 1003);
    assertThat(reloaded(repo, "c")).extracting(ImPost::body, ImPost::views).containsExactly("arch c", 2);
    assertThat(reloaded(repo, "a")).isNull();

    List<ImPost> back = repo.insertAllReturning(ImPost.class, Query.from(ImArchived.class).where("title", "a")
        .select(Map.of("title", field("title"))), DEFAULTS.withReturning("id", "title")).collectList().block(T);
    assertThat(back).singleElement().satisfies(p -> {
      assertThat(p.title()).isEqualTo("a");
      assertThat(p.id()).isPositive();
      assertThat(p.views()).isNull();
    });
    assertThat(repo.insertAll(ImPost.class, Query.from(ImArchived.class).where("title", "zzz")
        .select(Map.of("title", field("title")))).block(T)).isZero();
  }

  @Test
  void queryValuesAreSubqueriesNumberedAmongTheOtherParameters(Repo repo) {
    repo.insertAll(ImArchived.class, List.of(Map.of("title", "a", "views", 40), Map.of("title", "b", "views", 70))).block(T);
    existing(repo, "x", 1, null);
    Query<Integer> viewsOfA = Query.from(ImArchived.class).where("title", "a").select(field("views"), Integer.class);
    Query<Integer> viewsOfB = Query.from(ImArchived.class).where("title", "b").select(field("views"), Integer.class);
    List<Map<String, Object>> entries = List.of(
        post("x", InsertAllOptions.placeholder("body"), viewsOfA),
        post("y", InsertAllOptions.placeholder("body"), viewsOfB),
        post("z", "own", 5));
    long n = repo.insertAll(ImPost.class, entries, DEFAULTS.withPlaceholder("body", "shared")
        .withOnConflictUpdate(Query.from(ImPost.class).where(field("views").lt(10)), Updates.inc("views", 100))
        .withConflictTarget("title")).block(T);
    assertThat(n).isEqualTo(3L);
    assertThat(reloaded(repo, "x")).extracting(ImPost::body, ImPost::views).containsExactly("old", 101);
    assertThat(reloaded(repo, "y")).extracting(ImPost::body, ImPost::views).containsExactly("shared", 70);
    assertThat(reloaded(repo, "z")).extracting(ImPost::body, ImPost::views).containsExactly("own", 5);
    refused(repo.insertAll(ImPost.class, List.of(post("w", "b", Query.from(ImArchived.class)))), ArgumentException.class,
        "the query given for field 'views' in entry 0");
    refused(repo.insertAll(ImPost.class, List.of(post("w", "b", viewsOfA)), DEFAULTS.withCopy(InsertAllOptions.Copy.ALWAYS)),
        ArgumentException.class, "query values (subqueries)");
  }

  @Test
  void schemalessEntriesAreSentAsGivenWithDefaultsAndUpserts(Repo repo) {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("title", "c");
    withNull.put("body", null);
    long n = repo.insertAll("im_posts", List.of(Map.of("title", "a", "views", 3), Map.of("title", "b", "body", "bb"), withNull),
        DEFAULTS.withPrefix("public")).block(T);
    assertThat(n).isEqualTo(3L);
    assertThat(reloaded(repo, "a")).extracting(ImPost::body, ImPost::views).containsExactly(null, 3);
    assertThat(reloaded(repo, "b")).extracting(ImPost::body, ImPost::views).containsExactly("bb", 0);
    assertThat(repo.insertAll("im_posts", List.of(Map.of("title", "a", "body", "new", "views", 9), Map.of("title", "d")),
        DEFAULTS.withOnConflict(OnConflict.replace("body")).withConflictTarget(ConflictTarget.constraint("im_posts_title_key")))
        .block(T)).isEqualTo(2L);
    assertThat(reloaded(repo, "a")).extracting(ImPost::body, ImPost::views).containsExactly("new", 3);
    assertThat(repo.insertAll("im_posts", List.of(Map.of("title", "a")), DEFAULTS.withOnConflict(InsertAllOptions.OnConflict.NOTHING))
        .block(T)).isZero();
    List<Map<String, Object>> one = List.of(Map.of("title", "z"));
    refused(repo.insertAll("im_posts", one, DEFAULTS.withOnConflict(InsertAllOptions.OnConflict.REPLACE_ALL).withConflictTarget("title")),
        ArgumentException.class, "cannot use it on operations without a schema");
    refused(repo.insertAll("im_posts", one, DEFAULTS.withReturningAll()), ArgumentException.class, "InsertAllOptions.returning");
    refused(repo.insertAll("im_posts", one, DEFAULTS.withOnConflictUpdate(Updates.inc("views", 1)).withConflictTarget("title")),
        ArgumentException.class, "InsertAllOptions.onConflict update");
    refused(repo.insertAll("im_posts", one, DEFAULTS.withOnConflict(OnConflict.replace("body"))), ArgumentException.class,
        "needs a conflictTarget");
    refused(repo.insertAll("im_posts", List.of(Map.of("title", InsertAllOptions.placeholder("p"))), DEFAULTS),
        ArgumentException.class, "is a placeholder");
    assertThat(reloaded(repo, "z")).isNull();
  }

  @Test
  void insertFromAQueryRefusesWhatEctoRefuses(Repo repo) {
    refused(repo.insertAll(ImPost.class, Query.from(ImArchived.class).select(field("title"), String.class)),
        ArgumentException.class, "its select must be a map of field name to expression");
    refused(repo.insertAll(ImPost.class, Query.from(ImArchived.class).select(Map.of("nope", field("title")))),
        ArgumentException.class, "cannot select unknown field 'nope'");
    refused(repo.insertAll(ImPost.class, Query.from(ImArchived.class).select(Map.of("title", field("title"))),
        DEFAULTS.withPlaceholder("p", 1)), ArgumentException.class, "InsertAllOptions.placeholders");
    refused(repo.insertAll(ImPost.class, Query.from(ImArchived.class).select(Map.of("title", field("title"))),
        DEFAULTS.withCopy(InsertAllOptions.Copy.ALWAYS)), ArgumentException.class, "withCopy(ALWAYS)");
    refused(repo.insertAll(ImPost.class, Query.from(ImArchived.class).select(Map.of("title", field("title"))),
        DEFAULTS.withOnConflict(InsertAllOptions.OnConflict.REPLACE_ALL)), ArgumentException.class, "needs a conflictTarget");
  }

  @Test
  void refusedCombinationsFailInsideTheMonoNamingTheOption(Repo repo) {
    List<Map<String, Object>> one = List.of(post("a", "x", 1));
    refused(repo.insertAll(ImPost.class, one, DEFAULTS.withConflictTarget("title")), ArgumentException.class,
        "InsertAllOptions.conflictTarget is forbidden when onConflict is RAISE");
    refused(repo.insertAll(ImPost.class, one, DEFAULTS.withOnConflictUpdate(Updates.inc("views", 1))),
        ArgumentException.class, "InsertAllOptions.onConflict an update on schema");
    refused(repo.insertAll(ImPost.class, one, DEFAULTS.withOnConflictUpdate(
        Query.from(ImPost.class).as("p").join(JoinKind.INNER, ImPost.class, "q", field("p", "id").eq(field("q", "id"))),
        Updates.inc("views", 1)).withConflictTarget("title")), QueryException.class, "InsertAllOptions.onConflict update query");
    refused(repo.insertAll(ImPost.class, one, DEFAULTS.withOnConflictUpdate(Query.from(IaItem.class), Updates.inc("views", 1))
        .withConflictTarget("title")), ArgumentException.class, "not from the inserted schema");
    refused(repo.insertAll(ImPost.class, one, DEFAULTS.withOnConflict(OnConflict.replaceAllExcept("nope"))
        .withConflictTarget("title")), ArgumentException.class, "InsertAllOptions.onConflictFields names field 'nope'");
    refused(repo.insertAll(ImPost.class, List.of(post("a", InsertAllOptions.placeholder("missing"), 1)), DEFAULTS),
        ArgumentException.class, "placeholder 'missing'");
    refused(repo.insertAll(ImPost.class, List.of(post("a", InsertAllOptions.placeholder("p"), InsertAllOptions.placeholder("p"))),
        DEFAULTS.withPlaceholder("p", "1")), ArgumentException.class, "only be used with fields of the same type");
    refused(repo.insertAll(ImPost.class, List.of(post("a", "x", InsertAllOptions.placeholder("n"))),
        DEFAULTS.withPlaceholder("n", "not a number")), ArgumentException.class, "placeholder 'n' value");
    refused(repo.insertAll(ImPost.class, List.of(post("a", InsertAllOptions.placeholder("p"), 1)),
        DEFAULTS.withPlaceholder("p", "x").withCopy(InsertAllOptions.Copy.ALWAYS)), ArgumentException.class, "placeholders");
    refused(Mono.defer(() -> Mono.just(DEFAULTS.withOnConflict(InsertAllOptions.OnConflict.UPDATE))), ArgumentException.class,
        "OnConflict.update");
    assertThat(repo.all(ImPost.class).collectList().block(T)).as("nothing was written").isEmpty();
  }

  @Test
  void theReadmeExampleRuns(Repo repo) {
    repo.insertAll(ImPost.class, List.of(Map.of("title", "a", "body", "old", "views", 3))).block(T);
    // Mirrors README.md's insert_all example.
    long n = repo.insertAll(ImPost.class,
        List.of(Map.of("title", "a", "body", InsertAllOptions.placeholder("text"), "views", 0),
            Map.of("title", "b", "body", InsertAllOptions.placeholder("text"), "views", 0)),
        InsertAllOptions.defaults()
            .withPlaceholder("text", "a long shared body, bound once")
            .withOnConflictUpdate(Updates.inc("views", 1))
            .withConflictTarget(dev.flecto.repo.InsertOptions.ConflictTarget.constraint("im_posts_title_key"))).block(T);
    assertThat(n).isEqualTo(2L);
    assertThat(reloaded(repo, "a")).extracting(ImPost::body, ImPost::views).containsExactly("old", 4);
    assertThat(reloaded(repo, "b").body()).isEqualTo("a long shared body, bound once");
  }

  private static void refused(Mono<?> mono, Class<? extends Throwable> type, String message) {
    mono.as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(type).hasMessageContaining(message))
        .verify(T);
  }
}
