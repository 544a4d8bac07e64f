package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.jsonPath;
import static dev.flecto.query.Exprs.jsonText;
import static dev.flecto.query.Exprs.selectedAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.flecto.DumpException;
import dev.flecto.FlectoException;
import dev.flecto.LoadException;
import dev.flecto.changeset.Changeset;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Where Flecto follows Ecto on JSON (item 18): a selected JSON path is the decoded value, as
 * Postgrex decodes json with Jason, never the driver's JSON object; java.time values inside a map
 * field are ISO-8601 text, as Jason writes them; and a map Jackson cannot write, or could not read
 * back, fails its write inside the publisher with a DumpException naming the field and schema,
 * leaving the table as it was and readable.
 */
@FlectoTest(schema = "/json_conformance.sql")
class JsonConformanceIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static final String SCHEMA = "schema JcDoc (table jc_docs)";

  @Schema("jc_docs")
  public record JcDoc(@Id Long id, String name, Map<String, Object> data) {
    static JcDoc of(String name, Map<String, Object> data) {
      return new JcDoc(null, name, data);
    }
  }

  /** A row of selected values. */
  public record Picked(String theme, Integer size, List<Object> tags, Map<String, Object> nested) {}

  private static Map<String, Object> sample() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("theme", "dark");
    data.put("size", 12);
    data.put("ratio", 1.5);
    data.put("big", 12_345_678_901L);
    data.put("on", true);
    data.put("tags", List.of("a", "b"));
    data.put("nested", Map.of("on", true, "depth", 2));
    data.put("none", null);
    return data;
  }

  // ---- (a) a selected JSON path is a plain Java value ----

  @Test
  void aSelectedJsonPathIsThePlainJavaValue(Repo repo) {
    repo.insert(JcDoc.of("ann", sample())).block(T);
    assertThat(one(repo, jsonPath(field("data"), "theme"))).isEqualTo("dark");
    assertThat(one(repo, jsonPath(field("data"), "size"))).isEqualTo(12);
    assertThat(one(repo, jsonPath(field("data"), "ratio"))).isEqualTo(1.5d);
    assertThat(one(repo, jsonPath(field("data"), "big"))).isEqualTo(12_345_678_901L);
    assertThat(one(repo, jsonPath(field("data"), "on"))).isEqualTo(Boolean.TRUE);
    assertThat(one(repo, jsonPath(field("data"), "tags"))).isEqualTo(List.of("a", "b"));
    assertThat(one(repo, jsonPath(field("data"), "tags", 1))).isEqualTo("b");
    assertThat(one(repo, jsonPath(field("data"), "nested"))).isEqualTo(Map.of("on", true, "depth", 2));
    assertThat(one(repo, jsonPath(field("data"), "nested", "depth"))).isEqualTo(2);
    Map<String, Object> nulls = repo.one(Query.from(JcDoc.class).select(Map.of("none", jsonPath(field("data"), "none"),
        "missing", jsonPath(field("data"), "missing")))).block(T);
    assertThat(nulls).as("a JSON null, and no such key (SQL NULL), are both null").containsEntry("none", null)
        .containsEntry("missing", null);
    assertThat(one(repo, jsonText(field("data"), "size"))).as("#>> stays text").isEqualTo("12");
    assertThat(repo.one(Query.from(JcDoc.class).select(jsonPath(field("data"), "size"), Long.class)).block(T))
        .as("cast to the asked type").isEqualTo(12L);
    assertThat(repo.one(Query.from(JcDoc.class).select(jsonPath(field("data"), "nested"), Map.class)).block(T))
        .isEqualTo(Map.of("on", true, "depth", 2));
  }

  @Test
  void jsonPathsSelectedIntoAMapARecordAMergeAndUnderANameAreDecodedToo(Repo repo) {
    JcDoc ann = repo.insert(JcDoc.of("ann", sample())).block(T);
    Map<String, Object> row = repo.one(Query.from(JcDoc.class).select(Map.of(
        "tags", jsonPath(field("data"), "tags"), "nested", jsonPath(field("data"), "nested"), "name", field("name")))).block(T);
    assertThat(row).isEqualTo(Map.of("tags", List.of("a", "b"), "nested", Map.of("on", true, "depth", 2), "name", "ann"));

    Picked picked = repo.one(Query.from(JcDoc.class).select(Picked.class, jsonPath(field("data"), "theme"),
        jsonPath(field("data"), "size"), jsonPath(field("data"), "tags"), jsonPath(field("data"), "nested"))).block(T);
    assertThat(picked).isEqualTo(new Picked("dark", 12, List.of("a", "b"), Map.of("on", true, "depth", 2)));

    JcDoc merged = repo.one(Query.from(JcDoc.class).selectMerge(Map.of("data", jsonPath(field("data"), "nested")))).block(T);
    assertThat(merged).isEqualTo(new JcDoc(ann.id(), "ann", Map.of("on", true, "depth", 2)));

    assertThat(repo.one(Query.from(JcDoc.class).select(selectedAs(jsonPath(field("data"), "tags"), "t"), Object.class)).block(T))
        .isEqualTo(List.of("a", "b"));
  }

  @Test
  void aJsonPathComparedInWhereComparesJsonValues(Repo repo) {
    repo.insert(JcDoc.of("ann", sample())).block(T);
    repo.insert(JcDoc.of("bob", Map.of("theme", "light", "size", 9, "tags", List.of("b"), "day", LocalDate.parse("2024-05-01"))))
        .block(T);
    assertThat(names(repo, Query.from(JcDoc.class).where(jsonPath(field("data"), "size").gt(10)))).containsExactly("ann");
    assertThat(names(repo, Query.from(JcDoc.class).where(jsonPath(field("data"), "size").eq(9)))).containsExactly("bob");
    assertThat(names(repo, Query.from(JcDoc.class).where(jsonPath(field("data"), "theme").eq("dark")))).containsExactly("ann");
    assertThat(names(repo, Query.from(JcDoc.class).where(jsonPath(field("data"), "tags").eq(List.of("a", "b")))))
        .containsExactly("ann");
    assertThat(names(repo, Query.from(JcDoc.class).where(jsonPath(field("data"), "nested").eq(Map.of("depth", 2, "on", true)))))
        .as("jsonb equality ignores key order").containsExactly("ann");
    assertThat(names(repo, Query.from(JcDoc.class).where(jsonPath(field("data"), "day").eq(LocalDate.parse("2024-05-01")))))
        .as("a java.time value compares as the ISO text it was written as").containsExactly("bob");
    assertThat(names(repo, Query.from(JcDoc.class).where(jsonPath(field("data"), "size").eq("12"))))
        .as("the JSON string \"12\" is not the number 12, as in Ecto").isEmpty();
  }

  // ---- (b) java.time inside map fields is ISO-8601 text ----

  @Test
  void javaTimeValuesInAMapAreStoredAsIso8601Strings(Repo repo) {
    Map<String, Object> times = new LinkedHashMap<>();
    times.put("instant", Instant.parse("2024-12-31T23:59:59.123456Z"));
    times.put("date", LocalDate.parse("2024-05-01"));
    times.put("naive", LocalDateTime.parse("2024-05-01T10:00:00.5"));
    times.put("offset", OffsetDateTime.parse("2024-05-01T10:00:00+02:00"));
    times.put("time", LocalTime.parse("10:15:30"));
    times.put("duration", Duration.ofMinutes(90));
    JcDoc doc = repo.insert(JcDoc.of("times", times)).block(T);
    Map<String, Object> expected = Map.of("instant", "2024-12-31T23:59:59.123456Z", "date", "2024-05-01",
        "naive", "2024-05-01T10:00:00.5", "offset", "2024-05-01T10:00:00+02:00", "time", "10:15:30", "duration", "PT1H30M");
    assertThat(repo.reload(doc).block(T).data()).as("read back as the strings, as Ecto reads a map back").isEqualTo(expected);

    List<Object> row = repo.query("SELECT jsonb_typeof(data->'instant'), (data->>'instant')::timestamptz = $1, "
        + "(data->>'date')::date = $2, (data->>'duration')::interval = interval '90 minutes' FROM jc_docs WHERE id = $3",
        List.of(Instant.parse("2024-12-31T23:59:59.123456Z"), LocalDate.parse("2024-05-01"), doc.id())).block(T).rows().get(0);
    assertThat(row).as("PostgreSQL reads the text as the same times").containsExactly("string", true, true, true);

    JcDoc changed = repo.update(Changeset.cast(doc, Map.of("data", Map.of("at", LocalDate.parse("2025-01-02"))), "data")).block(T);
    assertThat(repo.reload(changed).block(T).data()).isEqualTo(Map.of("at", "2025-01-02"));
    repo.insertAll(JcDoc.class, List.of(Map.of("name", "bulk", "data", Map.of("at", LocalTime.NOON)))).block(T);
    assertThat(repo.one(Query.from(JcDoc.class).where(field("name").eq("bulk")).select(jsonPath(field("data"), "at"), Object.class))
        .block(T)).isEqualTo("12:00:00");
  }

  // ---- (c) what Jackson could not read back is refused before the write ----

  @Test
  void aKeyTooLongToReadBackFailsTheInsertAndTheTableStaysReadable(Repo repo) {
    JcDoc ann = repo.insert(JcDoc.of("ann", Map.of("k", 1))).block(T);
    String longKey = "k".repeat(50_001);
    Mono<JcDoc> insert = repo.insert(JcDoc.of("bad", Map.of(longKey, 1)));
    insert.as(StepVerifier::create).expectErrorSatisfies(refused("a key of 50001 characters", "getMaxNameLength()")).verify(T);
    repo.insert(Changeset.cast(new JcDoc(null, null, null), Map.of("name", "bad", "data", Map.of(longKey, 1)), "name", "data"))
        .as(StepVerifier::create).expectErrorSatisfies(refused("a key of 50001 characters", "")).verify(T);
    repo.update(Changeset.cast(ann, Map.of("data", Map.of(longKey, 1)), "data"))
        .as(StepVerifier::create).expectErrorSatisfies(refused("a key of 50001 characters", "")).verify(T);
    repo.insertAll(JcDoc.class, List.of(Map.of("name", "ok", "data", Map.of()), Map.of("name", "bad", "data", Map.of(longKey, 1))))
        .as(StepVerifier::create).expectErrorSatisfies(refused("in entry 1 given to insertAll", "a key of 50001")).verify(T);
    assertThat(repo.all(JcDoc.class).collectList().block(T)).as("nothing written, and every row still reads")
        .containsExactly(ann);
    String atTheLimit = "k".repeat(50_000);
    assertThat(repo.reload(repo.insert(JcDoc.of("edge", Map.of(atTheLimit, 1))).block(T)).block(T).data())
        .containsOnlyKeys(atTheLimit);
  }

  @Test
  void aNumberPostgresWouldPrintTooLongAndNestingTooDeepAreRefused(Repo repo) {
    repo.insert(JcDoc.of("n", Map.of("n", new BigDecimal("1E+1000")))).as(StepVerifier::create)
        .expectErrorSatisfies(refused("the number 1E+1000", "getMaxNumberLength()")).verify(T);
    JcDoc edge = repo.insert(JcDoc.of("edge", Map.of("n", new BigDecimal("1E+999")))).block(T);
    assertThat(repo.reload(edge).block(T).data().get("n")).as("1000 digits read back")
        .isEqualTo(new BigDecimal("1E+999").toBigIntegerExact());

    Map<String, Object> deep = Map.of("leaf", 1);
    for (int i = 1; i < 1001; i++) {
      deep = Map.of("a", deep);
    }
    repo.insert(JcDoc.of("deep", deep)).as(StepVerifier::create)
        .expectErrorSatisfies(refused("nested 1001 deep", "getMaxNestingDepth()")).verify(T);
    assertThat(repo.all(Query.from(JcDoc.class).select(field("name"), String.class)).collectList().block(T)).containsExactly("edge");
  }

  @Test
  void rowsOthersWroteBeyondTheLimitFailToLoadNamingTheFieldAndSchema(Repo repo) {
    // What the check prevents: PostgreSQL takes 1E+1000 and prints it as 1,001 digits, which Jackson refuses to read.
    repo.query("INSERT INTO jc_docs (name, data) VALUES ('raw', '{\"n\": 1E+1000}')", List.of()).block(T);
    repo.all(JcDoc.class).as(StepVerifier::create).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class)
        .hasMessageContaining("'data'").hasMessageContaining(SCHEMA).hasMessageContaining("Number value length (1001)")
        .satisfies(x -> assertThat(x.getMessage()).as("the document is cut short").hasSizeLessThan(1000))).verify(T);
    repo.all(Query.from(JcDoc.class).select(jsonPath(field("data"), "n"), Object.class)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class).hasMessageContaining("JSON path")
            .hasMessageContaining("Number value length (1001)")).verify(T);
  }

  // ---- (d) a map Jackson cannot write ----

  @Test
  void aMapValueJacksonCannotWriteFailsInsideThePublisherNamingFieldAndSchema(Repo repo) {
    Map<String, Object> self = new HashMap<>();
    self.put("self", self);
    assertThatCode(() -> repo.insert(JcDoc.of("obj", Map.of("x", new Object())))).as("no error at call time")
        .doesNotThrowAnyException();
    repo.insert(JcDoc.of("obj", Map.of("x", new Object()))).as(StepVerifier::create)
        .expectErrorSatisfies(refused("No serializer found for class java.lang.Object", "[\"x\"]")).verify(T);
    repo.insert(JcDoc.of("self", self)).as(StepVerifier::create)
        .expectErrorSatisfies(refused("contains itself", "")).verify(T);
    JcDoc ann = repo.insert(JcDoc.of("ann", Map.of("k", 1))).block(T);
    repo.update(Changeset.change(ann, Map.of("data", Map.of("x", new Object())))).as(StepVerifier::create)
        .expectErrorSatisfies(refused("No serializer found", "")).verify(T);
    repo.updateAll(Query.from(JcDoc.class), Updates.set("data", Map.of("x", new Object()))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(FlectoException.class).hasMessageContaining("'data'")
            .hasMessageContaining("JcDoc").hasMessageContaining("No serializer found")).verify(T);
    String longKey = "k".repeat(60_000);
    repo.updateAll(Query.from(JcDoc.class), Updates.set("data", Map.of(longKey, 1))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(FlectoException.class).hasMessageContaining("'data'")
            .hasMessageContaining("60000 characters").satisfies(t -> assertThat(t.getMessage().length()).isLessThan(2_000)))
        .verify(T);
    repo.all(Query.from(JcDoc.class).where(jsonPath(field("data"), "k").eq(new Object())))
        .as(StepVerifier::create).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.flecto.QueryException.class)
            .hasMessageContaining("JSON path").hasMessageContaining("No serializer found")).verify(T);
    assertThat(repo.all(JcDoc.class).collectList().block(T)).containsExactly(ann);
  }

  @Test
  void aRefusedMapInATransactionRollsBackWhatRanBefore(Repo repo) {
    repo.transact(() -> repo.insert(JcDoc.of("first", Map.of("k", 1)))
            .then(repo.insert(JcDoc.of("second", Map.of("x", new Object())))))
        .as(StepVerifier::create).expectErrorSatisfies(refused("No serializer found", "")).verify(T);
    assertThat(repo.all(JcDoc.class).count().block(T)).isZero();
  }

  private static Object one(Repo repo, dev.flecto.query.Expr e) {
    return repo.one(Query.from(JcDoc.class).select(e, Object.class)).block(T);
  }

  private static List<String> names(Repo repo, Query<JcDoc> q) {
    return repo.all(q.orderBy("name")).map(JcDoc::name).collectList().block(T);
  }

  private static Consumer<Throwable> refused(String what, String also) {
    return e -> assertThat(e).isInstanceOf(DumpException.class).hasMessageContaining("field 'data'")
        .hasMessageContaining(SCHEMA).hasMessageContaining(what).hasMessageContaining(also)
        .satisfies(x -> assertThat(x.getMessage()).as("the value itself is not in the message").hasSizeLessThan(1500));
  }
}
