package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.MultiplePrimaryKeyException;
import dev.flecto.StaleEntryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiFailedException;
import dev.flecto.multi.MultiResult;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.WriteOptions;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.ReadOnly;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Timestamp;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Ecto's rules for writes and aggregates, end to end: an insert leaves out nil fields (database
 * defaults apply) but writes a change to nil; an update returns the data merged with its changes
 * instead of the row read again; a write by a key that matches several rows fails and changes
 * nothing; an aggregate of a field over a distinct query sees distinct values of that field.
 */
@FlectoTest(schema = "/writes_conformance.sql")
class WritesConformanceIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Schema("wc_items")
  public record WcItem(@Id Long id, String name, Integer lockVersion, List<String> tags, String state,
      @Default("draft") String label, BigDecimal price, @ReadOnly String slug,
      @Timestamp(Timestamp.Kind.UPDATED) Instant updatedAt) {
    static WcItem named(String name) {
      return new WcItem(null, name, null, null, null, null, null, null, null);
    }
  }

  @Schema("wc_entries")
  public record WcEntry(@Id Long id, String name, Integer lockVersion) {}

  @Schema("wc_posts")
  public record WcPost(@Id Long id, Long authorId, String title, Integer votes) {}

  @Schema("wc_articles")
  public record WcArticle(@Id Long id, String title, String body, Integer views, @Timestamp Instant insertedAt,
      @Timestamp Instant updatedAt) {}

  private static final String ITEM_COLUMNS = "\"id\", \"name\", \"lock_version\", \"tags\", \"state\", \"label\", \"price\", "
      + "\"slug\", \"updated_at\"";

  // ---- 1. inserts leave out null fields, so database defaults apply ----

  @Test
  void anInsertLeavesOutNullFieldsSoTheDatabaseDefaultsApply() {
    recorded((repo, recording) -> {
      WcItem item = repo.insert(WcItem.named("Widget")).block(T);
      assertThat(item.lockVersion()).as("integer DEFAULT 1").isEqualTo(1);
      assertThat(item.tags()).as("NOT NULL DEFAULT '{}'").isEmpty();
      assertThat(item.state()).isEqualTo("from the database");
      assertThat(item.label()).as("a @Default fills a null component before the column default could").isEqualTo("draft");
      assertThat(item.price()).isNull();
      assertThat(item.slug()).isEqualTo("widget");
      assertThat(repo.reload(item).block(T)).isEqualTo(item);

      WcItem versioned = repo.insert(new WcItem(null, "Gadget", 5, List.of("a"), null, null, null, null, null)).block(T);
      assertThat(versioned.lockVersion()).isEqualTo(5);
      assertThat(versioned.tags()).containsExactly("a");
      assertThat(inserts(recording)).as("the columns written follow the values: each set is a statement shape").containsExactly(
          "INSERT INTO \"wc_items\" (\"name\", \"label\", \"updated_at\") VALUES ($1, $2, $3) RETURNING " + ITEM_COLUMNS,
          "INSERT INTO \"wc_items\" (\"name\", \"lock_version\", \"tags\", \"label\", \"updated_at\") VALUES ($1, $2, $3, $4, $5)"
              + " RETURNING " + ITEM_COLUMNS);
    });
  }

  @Test
  void aChangesetInsertWritesAChangeToNullEvenOverADefault(Repo repo) {
    Changeset<WcItem> cs = Changeset.cast(WcItem.class, Map.of("name", "Gadget"), "name")
        .putChange("label", null).putChange("state", null);
    WcItem item = repo.insert(cs).block(T);
    assertThat(item.label()).as("an explicit null beats @Default(\"draft\") and the column default").isNull();
    assertThat(cs.changes()).as("state is null in the blank record already: no change, as Ecto's change/2")
        .doesNotContainKey("state");
    assertThat(item.state()).as("not a change: left out, so the column default").isEqualTo("from the database");
    assertThat(item.lockVersion()).as("not changed, null in the data: the column default").isEqualTo(1);
    assertThat(item.tags()).isEmpty();
    assertThat(repo.reload(item).block(T)).isEqualTo(item);

    Map<String, Object> params = new HashMap<>();
    params.put("name", "Cast");
    params.put("label", null);
    WcItem cast = repo.insert(Changeset.cast(WcItem.class, params, "name", "label")).block(T);
    assertThat(cast.label()).as("a null param casts to a change to null").isNull();
    assertThat(repo.insert(Changeset.cast(WcItem.class, Map.of("name", "Blank"), "name")).block(T).label())
        .as("the blank record's @Default, not changed").isEqualTo("draft");
  }

  @Test
  void aChangeToNullOfANotNullColumnIsWrittenAndRefusedByTheDatabase(Repo repo) {
    Changeset<WcItem> cs = Changeset.cast(WcItem.class, Map.of("name", "x"), "name").putChange("tags", List.of("t"))
        .putChange("tags", null);
    assertThat(cs.changes()).as("tags is null in the blank record: no change").doesNotContainKey("tags");
    Changeset<WcItem> explicit = Changeset.change(new WcItem(null, "x", null, List.of(), null, null, null, null, null))
        .putChange("tags", null);
    repo.insert(explicit).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConstraintException.class).hasMessageContaining("tags"))
        .verify(T);
  }

  @Test
  void aMultiInsertLeavesOutNullFieldsToo(Repo repo) {
    MultiResult result = repo.transact(Multi.create()
        .insert("item", Changeset.cast(WcItem.class, Map.of("name", "Multi"), "name"))
        .insert("copy", changes -> Changeset.change(WcItem.named(changes.get("item", WcItem.class).name() + " copy"))))
        .block(T);
    assertThat(result.get("item", WcItem.class).lockVersion()).isEqualTo(1);
    assertThat(result.get("copy", WcItem.class).tags()).isEmpty();
    assertThat(result.get("copy", WcItem.class).lockVersion()).isEqualTo(1);
  }

  @Test
  void insertAllWritesWhatEachEntryGivesAsEctosInsertAll(Repo repo) {
    Map<String, Object> explicitNull = new HashMap<>();
    explicitNull.put("name", "given null");
    explicitNull.put("lockVersion", null);
    List<WcItem> rows = repo.insertAllReturning(WcItem.class, List.of(explicitNull, Map.of("name", "left out")),
        InsertAllOptions.defaults()).collectList().block(T);
    Map<String, WcItem> byName = new HashMap<>();
    rows.forEach(r -> byName.put(r.name(), r));
    assertThat(byName.get("given null").lockVersion()).as("a key given null is written as NULL").isNull();
    assertThat(byName.get("left out").lockVersion()).as("a key left out takes the column default").isEqualTo(1);
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.tags()).isEmpty();
      assertThat(r.label()).as("insert_all applies no schema default").isEqualTo("from the database");
    });
  }

  // ---- 2. updates return the data merged with the changes ----

  @Test
  void anUpdateReturnsTheDataMergedWithItsChangesAndReadsBackOnlyReadOnlyFields() {
    recorded((repo, recording) -> {
      WcItem item = repo.insert(WcItem.named("Widget")).block(T);
      recording.clear();
      Map<String, Object> changes = new java.util.LinkedHashMap<>();
      changes.put("name", "Loud");
      changes.put("state", "shout");
      changes.put("price", new BigDecimal("1.5"));
      WcItem updated = repo.update(Changeset.change(item, changes)).block(T);
      assertThat(recording.statements()).containsExactly("UPDATE \"wc_items\" SET \"name\" = $1, \"state\" = $2, "
          + "\"price\" = $3, \"updated_at\" = $4 WHERE \"id\" = $5 AND (SELECT count(*) FROM \"wc_items\" WHERE \"id\" = $5) = 1"
          + " RETURNING \"slug\"");
      assertThat(updated.name()).as("the change, not the trigger's edit of it").isEqualTo("Loud");
      assertThat(updated.price()).as("as given, not as numeric(10, 2) stores it").isEqualTo(new BigDecimal("1.5"));
      assertThat(updated.slug()).as("read-only: filled by the database and read back").isEqualTo("loud");
      assertThat(updated.updatedAt()).isAfterOrEqualTo(item.updatedAt());
      assertThat(updated.lockVersion()).isEqualTo(item.lockVersion());
      assertThat(updated.tags()).isEqualTo(item.tags());

      WcItem stored = repo.reload(updated).block(T);
      assertThat(stored.name()).isEqualTo("LOUD");
      assertThat(stored.price()).isEqualTo(new BigDecimal("1.50"));
      assertThat(stored.updatedAt()).as("the timestamp written is the one returned").isEqualTo(updated.updatedAt());
      assertThat(stored).isEqualTo(new WcItem(updated.id(), "LOUD", updated.lockVersion(), updated.tags(), updated.state(),
          updated.label(), new BigDecimal("1.50"), updated.slug(), updated.updatedAt()));
    });
  }

  @Test
  void anUpdateOfASchemaWithoutReadOnlyFieldsReturnsNoColumns() {
    recorded((repo, recording) -> {
      WcArticle article = repo.insert(new WcArticle(null, "Long read", "x".repeat(10_000), null, null, null)).block(T);
      assertThat(article.views()).isZero();
      recording.clear();
      WcArticle viewed = repo.update(Changeset.change(article, Map.of("views", 1))).block(T);
      assertThat(recording.statements()).containsExactly("UPDATE \"wc_articles\" SET \"views\" = $1, \"updated_at\" = $2"
          + " WHERE \"id\" = $3 AND (SELECT count(*) FROM \"wc_articles\" WHERE \"id\" = $3) = 1");
      assertThat(viewed.views()).isEqualTo(1);
      assertThat(viewed.body()).isSameAs(article.body());
      assertThat(viewed.insertedAt()).isEqualTo(article.insertedAt());
      assertThat(repo.reload(viewed).block(T)).isEqualTo(viewed);
    });
  }

  // ---- 3. a write by a key several rows share fails and changes nothing ----

  @Test
  void aDeleteOrUpdateByAKeyTwoRowsShareFailsNamingTheSchemaTheKeyAndTheCount(Repo repo) {
    WcEntry first = new WcEntry(7L, "first", 1);
    repo.insertAll(WcEntry.class, List.of(first, new WcEntry(7L, "second", 1), new WcEntry(8L, "alone", 1))).block(T);

    repo.delete(first).as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(MultiplePrimaryKeyException.class)
              .hasMessageContaining("delete").hasMessageContaining("WcEntry (table wc_entries)")
              .hasMessageContaining("id = 7").hasMessageContaining("2 rows").hasMessageContaining("nothing was changed");
          MultiplePrimaryKeyException m = (MultiplePrimaryKeyException) e;
          assertThat(m.schema()).isEqualTo(WcEntry.class);
          assertThat(m.key()).containsExactly(Map.entry("id", 7L));
          assertThat(m.count()).isEqualTo(2);
        })
        .verify(T);
    repo.update(Changeset.change(first, Map.of("name", "renamed"))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MultiplePrimaryKeyException.class)
            .hasMessageContaining("update").hasMessageContaining("2 rows"))
        .verify(T);
    repo.update(Changeset.change(first, Map.of("name", "renamed")).optimisticLock("lockVersion")).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MultiplePrimaryKeyException.class)
            .hasMessageContaining("id = 7 and lockVersion = 1"))
        .verify(T);
    repo.delete(Changeset.change(first), WriteOptions.defaults().withAllowStale(true)).as(StepVerifier::create)
        .as("allowStale is about missing rows; a shared key fails whatever it says, as in Ecto")
        .expectError(MultiplePrimaryKeyException.class)
        .verify(T);
    assertThat(names(repo, 7L)).as("both rows as they were").containsExactly("first", "second");

    WcEntry alone = new WcEntry(8L, "alone", 1);
    assertThat(repo.update(Changeset.change(alone, Map.of("name", "still alone"))).block(T).name()).isEqualTo("still alone");
    assertThat(repo.delete(alone).block(T)).isEqualTo(alone);
    repo.delete(alone).as(StepVerifier::create).expectError(StaleEntryException.class).verify(T);
  }

  @Test
  void aSharedKeyInsideATransactionLeavesItUsable(Repo repo) {
    repo.insertAll(WcEntry.class, List.of(new WcEntry(17L, "a", 1), new WcEntry(17L, "b", 1), new WcEntry(18L, "c", 1)))
        .block(T);
    String renamed = repo.transact(() -> repo.delete(new WcEntry(17L, "a", 1))
            .then(Mono.just("deleted"))
            .onErrorResume(MultiplePrimaryKeyException.class, e -> Mono.just("refused"))
            .flatMap(outcome -> repo.update(Changeset.change(new WcEntry(18L, "c", 1), Map.of("name", outcome)))))
        .map(WcEntry::name).block(T);
    assertThat(renamed).isEqualTo("refused");
    assertThat(names(repo, 17L)).containsExactly("a", "b");
    assertThat(names(repo, 18L)).containsExactly("refused");

    repo.transact(Multi.create()
            .update("rename", Changeset.change(new WcEntry(18L, "refused", 1), Map.of("name", "multi")))
            .delete("shared", Changeset.change(new WcEntry(17L, "a", 1))))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(MultiFailedException.class).hasCauseInstanceOf(MultiplePrimaryKeyException.class);
          assertThat(((MultiFailedException) e).step()).isEqualTo("shared");
        })
        .verify(T);
    assertThat(names(repo, 18L)).as("the Multi's earlier step was rolled back").containsExactly("refused");
    assertThat(names(repo, 17L)).containsExactly("a", "b");
  }

  @Test
  @NoSandbox
  void outsideATransactionTheStatementItselfChangesNothing(Repo repo) {
    long id = 70_000L + (System.nanoTime() & 0xffff);
    try {
      repo.insertAll(WcEntry.class, List.of(new WcEntry(id, "a", 1), new WcEntry(id, "b", 1))).block(T);
      assertThat(repo.inTransaction().block(T)).isFalse();
      repo.update(Changeset.change(new WcEntry(id, "a", 1), Map.of("name", "z"))).as(StepVerifier::create)
          .expectError(MultiplePrimaryKeyException.class).verify(T);
      repo.delete(new WcEntry(id, "a", 1)).as(StepVerifier::create)
          .expectError(MultiplePrimaryKeyException.class).verify(T);
      assertThat(names(repo, id)).as("committed statements, yet nothing changed").containsExactly("a", "b");
    } finally {
      repo.query("DELETE FROM wc_entries WHERE id = $1", List.of(id)).block(T);
    }
  }

  // ---- 4. aggregates of a field over a distinct query ----

  @Test
  void anAggregateOfAFieldOverADistinctQuerySeesDistinctValuesOfTheField(Repo repo) {
    repo.insertAll(WcPost.class, List.of(
        new WcPost(null, 1L, "x", 1), new WcPost(null, 1L, "y", 1), new WcPost(null, 1L, "z", 2),
        new WcPost(null, 2L, "x", 3), new WcPost(null, 2L, "w", 3), new WcPost(null, null, "v", 5))).block(T);
    Query<WcPost> distinct = Query.from(WcPost.class).distinct();

    assertThat(repo.aggregate(distinct, Aggregate.COUNT, "authorId", Long.class).block(T))
        .as("authors 1 and 2 (count leaves out NULL), not the 5 distinct rows that have an author").isEqualTo(2L);
    assertThat(repo.aggregate(distinct, Aggregate.SUM, "votes", Long.class).block(T)).as("1 + 2 + 3 + 5").isEqualTo(11L);
    assertThat(repo.aggregate(distinct.orderBy("title"), Aggregate.COUNT, "authorId", Long.class).block(T))
        .as("an order that chooses no rows is dropped: PostgreSQL refuses DISTINCT ordered by another column")
        .isEqualTo(2L);
    assertThat(repo.aggregate(distinct.where("authorId", 1L), Aggregate.COUNT, "votes", Long.class).block(T)).isEqualTo(2L);
    assertThat(repo.aggregate(distinct.select(field("title"), String.class), Aggregate.COUNT, "authorId", Long.class)
        .block(T)).as("the query's select is ignored in favour of the field, as in Ecto").isEqualTo(2L);
    assertThat(repo.aggregate(distinct.orderBy(Order.desc("votes")).limit(2), Aggregate.SUM, "votes", Long.class).block(T))
        .as("the two greatest distinct votes: 5 + 3").isEqualTo(8L);
    assertThat(repo.aggregate(Query.from(WcPost.class).distinctOn(field("authorId"))
            .orderBy(Order.asc("authorId"), Order.desc("votes")), Aggregate.SUM, "votes", Long.class).block(T))
        .as("each author's best post: 2 + 3 + 5").isEqualTo(10L);
    assertThat(repo.aggregate(distinct, Aggregate.COUNT).block(T))
        .as("a count of rows over a distinct query counts distinct rows, as Ecto's aggregate/3").isEqualTo(6L);
    assertThat(repo.aggregate(Query.from(WcPost.class), Aggregate.SUM, "votes", Long.class).block(T)).isEqualTo(15L);
  }

  private static List<String> names(Repo repo, long id) {
    return repo.all(Query.from(WcEntry.class).where("id", id).orderBy("name")).map(WcEntry::name).collectList().block(T);
  }

  private static List<String> inserts(RecordingConnectionFactory recording) {
    return recording.statements().stream().filter(s -> s.startsWith("INSERT")).toList();
  }

  /** Runs a test in a sandbox of its own whose statements are recorded. */
  private static void recorded(java.util.function.BiConsumer<Repo, RecordingConnectionFactory> test) {
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(TestDatabase.get().connectionFactory());
    Sandbox sandbox = Sandbox.open(recording, RepoOptions.defaults()).block(T);
    try {
      test.accept(sandbox.repo(), recording);
    } finally {
      sandbox.rollback().block(T);
    }
  }
}
