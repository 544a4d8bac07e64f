package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.ConstraintException;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.InsertAllOptions.OnConflict;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Repo.insertAll end to end: entries, casting, defaults, chunking in one transaction, upserts, returning. */
@FlectoTest(schema = "/multi.sql")
class InsertAllIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static final InsertAllOptions DEFAULTS = InsertAllOptions.defaults();
  // The chunking tests are about INSERT ... VALUES, which COPY (CopyInsertAllIT) would replace from 1,000 entries on.
  private static final InsertAllOptions VALUES = DEFAULTS.withCopy(InsertAllOptions.Copy.NEVER);

  @Test
  void insertsRecordsAndMapsWithCastValuesAndDefaults(Repo repo) {
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    List<Object> entries = List.of(
        new IaItem(null, "r1", 3, new BigDecimal("1.50"), "record", List.of("a", "b"), at, "ignored"),
        IaItem.of("r2", null),
        Map.of("code", "m1", "qty", "9", "price", "2.25", "tags", List.of("x")),
        Map.of("code", "m2", "note", "no qty"));
    assertThat(repo.insertAll(IaItem.class, entries).block(T)).isEqualTo(4L);

    List<IaItem> rows = repo.all(Query.from(IaItem.class).orderBy("code")).collectList().block(T);
    assertThat(rows).extracting(IaItem::code).containsExactly("m1", "m2", "r1", "r2");
    assertThat(rows).allSatisfy(r -> assertThat(r.id()).as("the database assigns keys").isPositive());
    IaItem m1 = rows.get(0);
    assertThat(m1.qty()).isEqualTo(9);
    assertThat(m1.price()).isEqualByComparingTo("2.25");
    assertThat(m1.tags()).containsExactly("x");
    assertThat(rows.get(1).qty()).as("a field a map leaves out takes the column's DEFAULT").isEqualTo(5);
    assertThat(rows.get(2)).extracting(IaItem::qty, IaItem::note, IaItem::tags, IaItem::insertedAt)
        .containsExactly(3, "record", List.of("a", "b"), at);
    assertThat(rows.get(3).qty()).as("a record's null takes its @Default, as Repo.insert").isEqualTo(1);
    assertThat(rows).filteredOn(r -> !r.code().equals("r1")).allSatisfy(r ->
        assertThat(r.insertedAt()).as("insertAll autogenerates no timestamps, as Ecto").isNull());
  }

  @Test
  void returningEmitsTheInsertedRecordsOrOnlyTheNamedFields(Repo repo) {
    List<IaItem> all = repo.insertAllReturning(IaItem.class,
        List.of(Map.of("code", "a", "qty", 1), Map.of("code", "b", "qty", 2, "note", "n")), DEFAULTS).collectList().block(T);
    assertThat(all).extracting(IaItem::code, IaItem::qty).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 2));
    assertThat(all).allSatisfy(i -> assertThat(i.id()).isPositive());
    assertThat(repo.all(IaItem.class).collectList().block(T)).containsExactlyInAnyOrderElementsOf(all);

    List<IaItem> some = repo.insertAllReturning(IaItem.class, List.of(Map.of("code", "c", "qty", 3, "note", "x")),
        DEFAULTS.withReturning("id", "code")).collectList().block(T);
    assertThat(some).hasSize(1);
    assertThat(some.get(0).id()).isPositive();
    assertThat(some.get(0)).extracting(IaItem::code, IaItem::qty, IaItem::note).containsExactly("c", null, null);
  }

  @Test
  void clientUuidKeysAreGeneratedWhenLeftOut(Repo repo) {
    UUID given = UUID.randomUUID();
    List<IaToken> tokens = repo.insertAllReturning(IaToken.class, List.of(
        Map.of("value", "m"), new IaToken(null, "r"), new IaToken(given, "g")), DEFAULTS).collectList().block(T);
    assertThat(tokens).extracting(IaToken::id).doesNotContainNull().doesNotHaveDuplicates().contains(given);
    assertThat(repo.all(IaToken.class).count().block(T)).isEqualTo(3L);
  }

  @Test
  @NoSandbox
  void badEntriesFailBeforeAnySqlNamingFieldAndSchema() {
    // Nothing may reach the database, so a repo of its own, outside the sandbox, records what would.
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(TestDatabase.get().connectionFactory());
    Repo repo = R2dbcRepos.of(recording, RepoOptions.defaults());
    assertThatThrownBy(() -> repo.insertAll(IaItem.class, List.of(Map.of("code", "a"), Map.of("nope", 1))).block(T))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("unknown field 'nope'").hasMessageContaining("entry 1").hasMessageContaining("IaItem (table ia_items)");
    assertThatThrownBy(() -> repo.insertAll(IaItem.class, List.of(Map.of("code", "a", "qty", "many"))).block(T))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("value \"many\" for field 'qty'").hasMessageContaining("cannot be cast to Integer")
        .hasMessageContaining("IaItem");
    assertThatThrownBy(() -> repo.insertAll(IaItem.class, List.of(Map.of("scratch", "v"))).block(T))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("field 'scratch'").hasMessageContaining("not writable");
    assertThatThrownBy(() -> repo.insertAll(IaItem.class, List.of(new IaToken(null, "x"))).block(T))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("entry 0").hasMessageContaining("IaToken");
    assertThatThrownBy(() -> repo.insertAll(IaItem.class, List.of(Map.of("code", "a")),
            DEFAULTS.withOnConflict(OnConflict.REPLACE_ALL)).block(T))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("needs a conflictTarget");
    assertThatThrownBy(() -> repo.insertAll(IaItem.class, List.of(Map.of("code", "a")), DEFAULTS.withReturning("price", "bogus")).block(T))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("returning names field 'bogus'");
    assertThat(repo.insertAll(IaItem.class, List.of()).block(T)).isZero();
    assertThat(recording.statements()).isEmpty();
  }

  @Test
  void onConflictNothingSkipsAndReplaceUpdatesTheExistingRow(Repo repo) {
    IaItem kept = repo.insertAllReturning(IaItem.class, List.of(Map.of("code", "k", "qty", 1, "note", "old")), DEFAULTS)
        .blockFirst(T);
    List<Map<String, Object>> again = List.of(Map.of("code", "k", "qty", 2, "note", "new"), Map.of("code", "fresh", "qty", 3));
    assertThat(repo.insertAll(IaItem.class, again, DEFAULTS.withOnConflict(OnConflict.NOTHING)).block(T))
        .as("PostgreSQL counts only the rows inserted").isEqualTo(1L);
    assertThat(repo.get(IaItem.class, kept.id()).block(T).note()).isEqualTo("old");

    assertThat(repo.insertAll(IaItem.class, List.of(Map.of("code", "k", "qty", 4, "note", "only note")),
        DEFAULTS.withOnConflict(OnConflict.REPLACE, "note").withConflictTarget("code")).block(T)).isEqualTo(1L);
    assertThat(repo.get(IaItem.class, kept.id()).block(T)).extracting(IaItem::qty, IaItem::note).containsExactly(1, "only note");

    List<IaItem> replaced = repo.insertAllReturning(IaItem.class, List.of(Map.of("code", "k", "qty", 8, "note", "all")),
        DEFAULTS.withOnConflict(OnConflict.REPLACE_ALL_EXCEPT, "id").withConflictTarget("code")).collectList().block(T);
    assertThat(replaced).singleElement().satisfies(r -> {
      assertThat(r.id()).as("the key was kept").isEqualTo(kept.id());
      assertThat(r).extracting(IaItem::qty, IaItem::note).containsExactly(8, "all");
    });
    assertThat(repo.all(IaItem.class).count().block(T)).isEqualTo(2L);
  }

  @Test
  void thePrefixOptionInsertsIntoAnotherSchema(Repo repo) {
    assertThat(repo.insertAll(IaItem.class, List.of(Map.of("code", "tenant")), DEFAULTS.withPrefix("ia_tenant")).block(T)).isEqualTo(1L);
    assertThat(repo.all(Query.from(IaItem.class).prefix("ia_tenant")).map(IaItem::code).collectList().block(T)).containsExactly("tenant");
    assertThat(repo.all(IaItem.class).collectList().block(T)).isEmpty();
  }

  @Test
  @NoSandbox
  void moreRowsThanOneStatementTakesAreChunkedInOneTransaction() {
    withPool((repo, recording) -> {
      List<Map<String, Object>> rows = items(20_000);
      rows.get(1_000).remove("qty"); // a DEFAULT in the first chunk: compiled apart from the cached shape
      assertThat(repo.insertAll(IaItem.class, rows, VALUES).block(T)).isEqualTo(20_000L);
      List<String> inserts = recording.statements().stream().filter(s -> s.startsWith("INSERT")).toList();
      assertThat(inserts).as("5 fields: 13,107 rows (65,535 parameters) a statement").hasSize(2);
      assertThat(inserts).allSatisfy(sql -> assertThat(sql.chars().filter(c -> c == '$').count()).isLessThanOrEqualTo(65_535));
      assertThat(inserts.get(0)).contains("($5001, DEFAULT, $5002, $5003, $5004)").endsWith("$65534)");
      assertThat(repo.all(IaItem.class).count().block(T)).isEqualTo(20_000L);
      assertThat(repo.one(Query.from(IaItem.class).where("code", "code-1000")).block(T).qty()).isEqualTo(5);
      assertThat(repo.one(Query.from(IaItem.class).where("code", "code-19999")).block(T).price()).isEqualByComparingTo("199.99");
    });
  }

  @Test
  @NoSandbox
  void aViolationInALateChunkLeavesNoRowOfAnyChunk() {
    withPool((repo, recording) -> {
      repo.insert(IaItem.of("before", 1)).block(T);
      recording.clear();
      List<Map<String, Object>> rows = items(20_000);
      rows.get(19_998).put("code", "code-0"); // a duplicate in the second statement
      assertThatThrownBy(() -> repo.insertAll(IaItem.class, rows, VALUES).block(T))
          .isInstanceOf(ConstraintException.class).hasMessageContaining("ia_items_code_key");
      // BEGIN, two chunks, then the ROLLBACK; Flecto sends both as SQL (so they queue behind whatever was sent).
      List<String> sent = recording.statements();
      assertThat(sent.size()).isEqualTo(4);
      assertThat(sent.get(0)).isEqualTo("BEGIN");
      assertThat(sent.get(3)).isEqualTo("ROLLBACK");
      assertThat(sent.subList(1, 3)).allSatisfy(sql -> assertThat(sql.startsWith("INSERT INTO \"ia_items\"")).isTrue());
      assertThat(repo.all(IaItem.class).map(IaItem::code).collectList().block(T)).containsExactly("before");

      // Inside the caller's transaction, the chunks join it: the failure rolls back the caller's work too.
      List<Map<String, Object>> bad = items(20_000);
      bad.get(19_999).put("qty", -1);
      repo.transact(() -> repo.insert(IaItem.of("in-tx", 1)).then(repo.insertAll(IaItem.class, bad, VALUES)))
          .as(StepVerifier::create)
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConstraintException.class).hasMessageContaining("ia_items_qty_check"))
          .verify(T);
      assertThat(repo.all(IaItem.class).map(IaItem::code).collectList().block(T)).containsExactly("before");

      List<IaItem> returned = repo.insertAllReturning(IaItem.class, items(14_000), DEFAULTS.withReturning("id", "code"))
          .collectList().block(T);
      assertThat(returned).hasSize(14_000).extracting(IaItem::code).doesNotHaveDuplicates().contains("code-0", "code-13999");
    });
  }

  private static List<Map<String, Object>> items(int n) {
    List<Map<String, Object>> rows = new ArrayList<>(n);
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("code", "code-" + i);
      row.put("qty", i % 100);
      row.put("price", BigDecimal.valueOf(i, 2));
      row.put("note", "note " + i);
      row.put("insertedAt", at);
      rows.add(row);
    }
    return rows;
  }

  /** A pool of the test's own, recorded, whose connections must all be idle afterwards; the table is emptied. */
  private static void withPool(BiConsumer<Repo, RecordingConnectionFactory> test) {
    ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(TestDatabase.get().url()))
        .initialSize(1).maxSize(4).build());
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(pool);
    try {
      test.accept(R2dbcRepos.of(recording, RepoOptions.defaults()), recording);
      long deadline = System.nanoTime() + T.toNanos();
      while (pool.getMetrics().orElseThrow().acquiredSize() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(pool.getMetrics().orElseThrow().acquiredSize()).as("every connection released").isZero();
    } finally {
      pool.dispose();
      TestDatabase.get().execute("TRUNCATE ia_items").block(T);
    }
  }
}
