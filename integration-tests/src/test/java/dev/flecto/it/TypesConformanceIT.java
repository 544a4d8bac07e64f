package dev.flecto.it;

import static dev.flecto.query.Exprs.datetimeAdd;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.FlectoException;
import dev.flecto.LoadException;
import dev.flecto.PreloadException;
import dev.flecto.SchemaException;
import dev.flecto.changeset.Changeset;
import dev.flecto.query.Aggregate;
import dev.flecto.query.DateAdd;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.ReadOnly;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Where Flecto follows Ecto's types and preloads on PostgreSQL: times truncated (never rounded) to
 * the microseconds PostgreSQL keeps, datetime arithmetic typed as its base, enum values the enum
 * lacks and map keys that cannot round-trip refused with the field and schema named, and preloads
 * given nulls or functions and queries of the wrong kind.
 */
@FlectoTest(schema = "/types_conformance.sql")
class TypesConformanceIT {
  private static final Duration T = Duration.ofSeconds(10);

  // The last nanosecond of 2024: rounded to microseconds it would be the first instant of 2025.
  private static final Instant LAST = Instant.parse("2024-12-31T23:59:59.999999999Z");
  private static final Instant LAST_MICRO = Instant.parse("2024-12-31T23:59:59.999999Z");
  private static final LocalDateTime LAST_LOCAL = LocalDateTime.parse("2024-12-31T23:59:59.999999999");
  private static final LocalDateTime LAST_LOCAL_MICRO = LocalDateTime.parse("2024-12-31T23:59:59.999999");
  private static final LocalTime LAST_TIME = LocalTime.parse("23:59:59.999999999");
  private static final LocalTime LAST_TIME_MICRO = LocalTime.parse("23:59:59.999999");

  @Schema("tc_times")
  public record TcTime(@Id Long id, String label, Instant at, OffsetDateTime odt, LocalDateTime ldt, LocalTime lt,
      List<Instant> ats) {
    static TcTime last(String label) {
      return new TcTime(null, label, LAST, LAST.atOffset(ZoneOffset.ofHours(2)), LAST_LOCAL, LAST_TIME, List.of(LAST, LAST));
    }
  }

  @Schema("tc_tickets")
  public record TcTicket(@Id Long id, String title, Status status, List<Status> labels, @ReadOnly Status origin) {
    public enum Status { OPEN, CLOSED }
  }

  @Schema("tc_int_keys")
  public record TcIntKeys(@Id Long id, Map<Integer, Object> data) {}

  @Schema("tc_authors")
  public record TcAuthor(@Id Long id, String name, @HasMany(foreignKey = "authorId") Assoc<List<TcPost>> posts) {
    static TcAuthor named(String name) {
      return new TcAuthor(null, name, null);
    }
  }

  @Schema("tc_posts")
  public record TcPost(@Id Long id, String title, Long authorId, @BelongsTo Assoc<TcAuthor> author,
      @ManyToMany(joinTable = "tc_posts_tags", joinKey = "post_id", relatedKey = "tag_id") Assoc<List<TcTag>> tags) {
    static TcPost titled(String title, Long authorId) {
      return new TcPost(null, title, authorId, null, null);
    }
  }

  @Schema("tc_tags")
  public record TcTag(@Id Long id, String name) {}

  // ---- 17: times are truncated to microseconds, never rounded ----

  @Test
  void timesAreTruncatedToMicrosecondsOnInsertAndRead(Repo repo) {
    TcTime inserted = repo.insert(TcTime.last("insert")).block(T);
    TcTime read = repo.get(TcTime.class, inserted.id()).block(T);
    for (TcTime t : List.of(inserted, read)) {
      assertTruncated(t);
    }
  }

  @Test
  void timesAreTruncatedInUpdatesInsertAllAndUpdateAll(Repo repo) {
    TcTime row = repo.insert(new TcTime(null, "update", null, null, null, null, null)).block(T);
    TcTime updated = repo.update(Changeset.change(row, Map.of("at", LAST, "odt", LAST.atOffset(ZoneOffset.UTC),
        "ldt", LAST_LOCAL, "lt", LAST_TIME, "ats", List.of(LAST, LAST)))).block(T);
    assertTruncated(updated);
    assertTruncated(repo.reload(updated).block(T));

    List<TcTime> all = repo.insertAllReturning(TcTime.class, List.of(TcTime.last("all"),
        Map.of("label", "all map", "at", LAST, "odt", LAST.atOffset(ZoneOffset.UTC), "ldt", LAST_LOCAL, "lt", LAST_TIME,
            "ats", List.of(LAST, LAST))), InsertAllOptions.defaults()).collectList().block(T);
    assertThat(all).hasSize(2).allSatisfy(TypesConformanceIT::assertTruncated);

    TcTime blank = repo.insert(new TcTime(null, "updateAll", null, null, null, null, null)).block(T);
    Query<TcTime> only = Query.from(TcTime.class).where("id", blank.id());
    assertThat(repo.updateAll(only, Updates.set("at", LAST).andSet("odt", LAST.atOffset(ZoneOffset.UTC)).andSet("ldt", LAST_LOCAL)
        .andSet("lt", LAST_TIME).andSet("ats", List.of(LAST, LAST))).block(T)).isEqualTo(1L);
    assertTruncated(repo.reload(blank).block(T));
    assertThat(repo.updateAll(only, Updates.push("ats", LAST)).block(T)).isEqualTo(1L);
    assertThat(repo.reload(blank).block(T).ats()).containsExactly(LAST_MICRO, LAST_MICRO, LAST_MICRO);
  }

  @Test
  void queryParametersAreTruncatedAsTheColumnsWere(Repo repo) {
    repo.insert(TcTime.last("query")).block(T);
    Query<TcTime> q = Query.from(TcTime.class);
    assertThat(repo.all(q.where("at", LAST)).count().block(T)).as("where at = LAST").isEqualTo(1L);
    assertThat(repo.all(q.where("odt", LAST.atOffset(ZoneOffset.ofHours(-5)))).count().block(T)).isEqualTo(1L);
    assertThat(repo.all(q.where("ldt", LAST_LOCAL)).count().block(T)).isEqualTo(1L);
    assertThat(repo.all(q.where("lt", LAST_TIME)).count().block(T)).as("not 24:00").isEqualTo(1L);
    assertThat(repo.all(q.where(field("at").in(List.of(LAST)))).count().block(T)).isEqualTo(1L);
    assertThat(repo.all(q.where(fragment("? = at", LAST))).count().block(T)).as("an untyped parameter").isEqualTo(1L);
    assertThat(repo.all(q.where(fragment("lt = ?", LAST_TIME))).count().block(T)).isEqualTo(1L);
    assertThat(repo.all(q.where(field("at").lt(LAST))).count().block(T)).as("LAST is not in 2025").isEqualTo(0L);
    assertThat(repo.all(q.where(fragment("extract(year from ?::timestamptz at time zone 'UTC') = 2024", LAST))).count()
        .block(T)).isEqualTo(1L);
    List<Object> raw = repo.query("SELECT $1::timestamptz, $2::timestamp, $3::time", List.of(LAST, LAST_LOCAL, LAST_TIME))
        .block(T).rows().get(0);
    assertThat(((OffsetDateTime) raw.get(0)).toInstant()).as("repo.query's parameters too").isEqualTo(LAST_MICRO);
    assertThat(raw.get(1)).isEqualTo(LAST_LOCAL_MICRO);
    assertThat(raw.get(2)).isEqualTo(LAST_TIME_MICRO);
  }

  private static void assertTruncated(TcTime t) {
    assertThat(t.at()).isEqualTo(LAST_MICRO);
    assertThat(t.odt().toInstant()).isEqualTo(LAST_MICRO);
    assertThat(t.ldt()).isEqualTo(LAST_LOCAL_MICRO);
    assertThat(t.lt()).isEqualTo(LAST_TIME_MICRO);
    assertThat(t.ats()).containsExactly(LAST_MICRO, LAST_MICRO);
  }

  // ---- 19: datetimeAdd reads back as its base's type ----

  @Test
  void datetimeAddReadsBackAsItsBasesType(Repo repo) {
    repo.insert(new TcTime(null, "add", Instant.parse("2024-05-06T07:08:09Z"), OffsetDateTime.parse("2024-05-06T07:08:09Z"),
        LocalDateTime.parse("2024-05-06T07:08:09"), LocalTime.parse("07:08:09"), null)).block(T);
    Map<String, Object> row = repo.one(Query.from(TcTime.class).select(Map.of(
        "at", datetimeAdd(field("at"), 1, DateAdd.Unit.HOUR),
        "odt", datetimeAdd(field("odt"), 1, DateAdd.Unit.HOUR),
        "ldt", datetimeAdd(field("ldt"), 1, DateAdd.Unit.HOUR),
        "twice", datetimeAdd(datetimeAdd(field("at"), 1, DateAdd.Unit.DAY), -1, DateAdd.Unit.MINUTE)))).block(T);
    assertThat(row.get("at")).isEqualTo(Instant.parse("2024-05-06T08:08:09Z"));
    assertThat(row.get("odt")).isEqualTo(OffsetDateTime.parse("2024-05-06T08:08:09Z"));
    assertThat(row.get("ldt")).isEqualTo(LocalDateTime.parse("2024-05-06T08:08:09"));
    assertThat(row.get("twice")).isEqualTo(Instant.parse("2024-05-07T07:07:09Z"));
    assertThat(repo.one(Query.from(TcTime.class).select(datetimeAdd(field("at"), 2, DateAdd.Unit.DAY), Object.class)).block(T))
        .isEqualTo(Instant.parse("2024-05-08T07:08:09Z"));
    assertThat(repo.one(Query.from(TcTime.class).select(datetimeAdd(field("at"), 30, DateAdd.Unit.SECOND), Instant.class))
        .block(T)).isEqualTo(Instant.parse("2024-05-06T07:08:39Z"));
  }

  // ---- 20: an enum value the enum lacks ----

  @Test
  void anEnumValueTheEnumLacksNamesTheValueFieldAndSchema(Repo repo) {
    repo.query("INSERT INTO tc_tickets (title, status, labels) VALUES ('bad', 'ARCHIVED', '{OPEN}')", List.of()).block(T);
    expectLoad(repo.all(TcTicket.class), "\"ARCHIVED\"", "'status'");
    expectLoad(repo.all(Query.from(TcTicket.class).select(field("status"), TcTicket.Status.class)), "\"ARCHIVED\"", "'status'");
    expectLoad(repo.all(Query.from(TcTicket.class).select(Map.of("s", field("status")))), "\"ARCHIVED\"", "'status'");
    expectLoad(repo.aggregate(Query.from(TcTicket.class), Aggregate.MAX, "status", TcTicket.Status.class), "\"ARCHIVED\"",
        "'status'");

    repo.query("UPDATE tc_tickets SET status = 'OPEN', labels = '{OPEN,STALE}'", List.of()).block(T);
    expectLoad(repo.all(TcTicket.class), "\"STALE\"", "'labels'");

    repo.query("UPDATE tc_tickets SET labels = NULL", List.of()).block(T);
    expectLoad(repo.all(TcTicket.class), "\"IMPORTED\"", "'origin'");
    expectLoad(repo.insert(new TcTicket(null, "new", TcTicket.Status.OPEN, List.of(), null)), "\"IMPORTED\"", "'origin'");
    expectLoad(repo.insertAllReturning(TcTicket.class, List.of(Map.of("title", "bulk")), InsertAllOptions.defaults()),
        "\"IMPORTED\"", "'origin'");
  }

  private static void expectLoad(org.reactivestreams.Publisher<?> rows, String value, String field) {
    StepVerifier.create(rows).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class)
        .hasMessageContaining(value).hasMessageContaining(field).hasMessageContaining("TcTicket (table tc_tickets)")
        .hasMessageContaining("OPEN, CLOSED")).verify(T);
  }

  // ---- 21: map keys that would come back as strings ----

  @Test
  void aMapWithNonStringKeysIsRefusedAtFirstUse(Repo repo) {
    Consumer<Throwable> refused = e -> assertThat(e).isInstanceOf(SchemaException.class)
        .hasMessageContaining("TypesConformanceIT$TcIntKeys").hasMessageContaining("'data'")
        .hasMessageContaining("Map<String, Object>");
    repo.insert(new TcIntKeys(null, Map.of(1, "one"))).as(StepVerifier::create).expectErrorSatisfies(refused).verify(T);
    repo.all(TcIntKeys.class).as(StepVerifier::create).expectErrorSatisfies(refused).verify(T);
  }

  // ---- 22: nulls given to preload stay in place ----

  @Test
  void nullsGivenToPreloadStayInPlace(Repo repo) {
    TcAuthor ann = repo.insert(TcAuthor.named("Ann")).block(T);
    TcPost post = repo.insert(TcPost.titled("one", ann.id())).block(T);
    List<TcPost> out = repo.preload(Arrays.asList(null, post, null), "author", "tags").block(T);
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isNull();
    assertThat(out.get(2)).isNull();
    assertThat(out.get(1).author().get().name()).isEqualTo("Ann");
    assertThat(out.get(1).tags().get()).isEmpty();
    assertThat(repo.preload(Arrays.asList((TcPost) null, null), Preload.of("author")).block(T)).containsExactly(null, null);
    repo.preload((TcPost) null, "author").as(StepVerifier::create).as("Ecto: preload(nil) is nil").verifyComplete();
  }

  // ---- 25: preload functions and queries of the wrong kind ----

  @Test
  void preloadsOfTheWrongKindNameTheOwnerAndAssociation(Repo repo) {
    TcAuthor ann = repo.insert(TcAuthor.named("Ann")).block(T);
    TcPost post = repo.insert(TcPost.titled("one", ann.id())).block(T);
    TcTag tag = repo.insert(new TcTag(null, "java")).block(T);
    repo.query("INSERT INTO tc_posts_tags (post_id, tag_id) VALUES ($1, $2)", List.of(post.id(), tag.id())).block(T);
    List<TcPost> posts = List.of(post);
    List<TcAuthor> authors = List.of(ann);

    expectPreload(repo.preload(posts, Preload.of("author").using(ids -> Flux.just(post))), "TcPost", "'author'", "function");
    expectPreload(repo.preload(authors, Preload.of("posts").using(ids -> Flux.just(tag))), "TcAuthor", "'posts'", "function");
    expectPreload(repo.preload(authors, Preload.of("posts").using(ids -> Mono.just(List.of(post)))), "TcAuthor", "'posts'",
        "function");
    expectPreload(repo.preload(posts, Preload.of("tags").using(ids -> Flux.just(tag))), "TcPost", "'tags'", "Map.Entry");
    expectPreload(repo.preload(posts, Preload.of("tags").using(ids -> Flux.just(Map.entry(post.id(), ann)))), "TcPost",
        "'tags'", "function");

    expectPreload(repo.preload(posts, Preload.of("author").query(Query.from(TcTag.class))), "TcPost", "'author'",
        "must be over TcAuthor");
    expectPreload(repo.preload(posts, Preload.of("tags").query(Query.from(TcPost.class))), "TcPost", "'tags'",
        "must be over TcTag");
    TcPost orphan = repo.insert(TcPost.titled("orphan", null)).block(T);
    expectPreload(repo.preload(List.of(orphan), Preload.of("author").query(Query.from(TcTag.class))), "TcPost", "'author'",
        "must be over TcAuthor"); // whether or not the parents have keys to load
    expectPreload(repo.preload(posts, Preload.of("author").query(Query.from(TcAuthor.class).select(field("name"), String.class))),
        "TcPost", "'author'", "query");
    expectPreload(repo.preload(authors, Preload.of("posts").query(Query.from(TcPost.class).as("p")
        .joinAssoc(JoinKind.INNER, "p", "author", "a").selectBinding("a", TcAuthor.class))), "TcAuthor", "'posts'", "query");
    expectPreload(repo.preload(posts, Preload.of("tags").query(Query.from(TcTag.class).select(Map.of("n", field("name"))))),
        "TcPost", "'tags'", "query");
    expectPreload(repo.all(Query.from(TcAuthor.class).preload(Preload.of("posts").using(ids -> Flux.just(ann)))), "TcAuthor",
        "'posts'", "function");
  }

  private static void expectPreload(org.reactivestreams.Publisher<?> out, String owner, String association, String what) {
    StepVerifier.create(out).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PreloadException.class)
        .isInstanceOf(FlectoException.class).hasMessageContaining("schema " + owner + " (table ")
        .hasMessageContaining(association).hasMessageContaining(what)).verify(T);
  }
}
