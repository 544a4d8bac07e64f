package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.mapOf;
import static dev.flecto.query.Exprs.recordOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.SchemaException;
import dev.flecto.changeset.Changeset;
import dev.flecto.it.EoSchemas.EoAccount;
import dev.flecto.it.EoSchemas.EoArticle;
import dev.flecto.it.EoSchemas.EoAuthor;
import dev.flecto.it.EoSchemas.EoBlock;
import dev.flecto.it.EoSchemas.EoCaption;
import dev.flecto.it.EoSchemas.EoCover;
import dev.flecto.it.EoSchemas.EoHolder;
import dev.flecto.it.EoSchemas.EoHolderM2m;
import dev.flecto.it.EoSchemas.EoHolderNoKey;
import dev.flecto.it.EoSchemas.EoHolderOne;
import dev.flecto.it.EoSchemas.EoLine;
import dev.flecto.it.EoSchemas.EoMeta;
import dev.flecto.it.EoSchemas.EoNote;
import dev.flecto.it.EoSchemas.EoOrder;
import dev.flecto.it.EoSchemas.EoPost;
import dev.flecto.it.EoSchemas.EoPrefs;
import dev.flecto.it.EoSchemas.EoWithHasMany;
import dev.flecto.it.EoSchemas.EoWithHasOne;
import dev.flecto.it.EoSchemas.EoWithManyToMany;
import dev.flecto.it.EoSchemas.EoWithoutKey;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.InsertOptions;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.Schemas;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Ecto's embed and field options on PostgreSQL: load_in_query (columns whole-record reads leave
 * out, loaded when named, never clobbered by an update), defaults_to_struct, timestamps inside
 * embedded schemas, and which associations an embedded schema may declare.
 */
@FlectoTest(schema = "/embed_options.sql")
class EmbedOptionsIT {
  private static final Duration T = Duration.ofSeconds(10);

  // ---- load_in_query: false

  @Test
  void wholeRecordReadsLeaveLoadInQueryFalseColumnsOutOfTheirSql() {
    withRepo(Clock.systemUTC(), (repo, recording) -> {
      EoAuthor ann = repo.insert(EoAuthor.named("Ann")).block(T);
      recording.clear();
      EoArticle saved = repo.insert(EoArticle.of("t", "long body", new EoMeta(null, "wire", 900),
          List.of(new EoNote(null, "n1")), ann.id())).block(T);
      String insert = only(recording, "INSERT INTO \"eo_articles\"");
      assertThat(insert.substring(0, insert.indexOf(" RETURNING "))).as("written").contains("\"body\"", "\"meta\"", "\"notes\"");
      assertThat(insert.substring(insert.indexOf(" RETURNING "))).as("not read back").contains("\"title\"")
          .doesNotContain("\"body\"").doesNotContain("\"meta\"").doesNotContain("\"notes\"");
      assertThat(saved.body()).as("the insert returns what it wrote").isEqualTo("long body");
      assertThat(saved.meta().source()).isEqualTo("wire");
      assertThat(saved.notes()).extracting(EoNote::text).containsExactly("n1");
      Map<String, Object> row = repo.query("SELECT body, meta->>'id' AS meta_id, notes->0->>'id' AS note_id FROM eo_articles "
          + "WHERE id = $1", List.of(saved.id())).block(T).maps().get(0);
      assertThat(row.get("body")).isEqualTo("long body");
      assertThat(saved.meta().id()).as("the embed's generated id, as stored").isNotNull().hasToString((String) row.get("meta_id"));
      assertThat(saved.notes().get(0).id()).isNotNull().hasToString((String) row.get("note_id"));

      recording.clear();
      List<EoArticle> reads = List.of(
          repo.get(EoArticle.class, saved.id()).block(T),
          repo.one(Query.from(EoArticle.class).where("id", saved.id())).block(T),
          repo.all(EoArticle.class).blockFirst(T),
          repo.transact(() -> repo.stream(Query.from(EoArticle.class)).next()).block(T),
          repo.reload(saved).block(T),
          repo.preload(ann, "articles").block(T).articles().get().get(0),
          repo.all(Query.from(EoAuthor.class).as("u").joinAssoc(JoinKind.LEFT, "u", "articles", "a")
              .preload(Preload.join("articles", "a"))).blockFirst(T).articles().get().get(0));
      assertThat(reads).allSatisfy(a -> {
        assertThat(a.title()).isEqualTo("t");
        assertThat(a.authorId()).isEqualTo(ann.id());
        assertThat(a.body()).as("not loaded: the field's default").isNull();
        assertThat(a.meta()).isNull();
        assertThat(a.notes()).as("an embeds-many's default").isEmpty();
      });
      List<String> selects = recording.statements().stream().filter(s -> s.contains("\"eo_articles\"")).toList();
      assertThat(selects).hasSizeGreaterThanOrEqualTo(7).allSatisfy(s ->
          assertThat(s).doesNotContain("\"body\"").doesNotContain("\"meta\"").doesNotContain("\"notes\""));
      assertThat(repo.toSql(Query.from(EoArticle.class)).text()).contains("\"title\"").doesNotContain("body")
          .doesNotContain("meta").doesNotContain("notes");
    });
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aQueryThatNamesTheFieldLoadsIt(Repo repo) {
    EoArticle saved = repo.insert(EoArticle.of("t", "long body", new EoMeta(null, "wire", 900),
        List.of(new EoNote(null, "n1"), new EoNote(null, "n2")), null)).block(T);
    Query<EoArticle> q = Query.from(EoArticle.class).as("a").where(field("a", "id").eq(saved.id()));

    Query<EoArticle> named = q.select(recordOf("a", "id", "title", "body", "meta", "notes"), EoArticle.class);
    assertThat(repo.toSql(named).text()).contains("\"body\"", "\"meta\"", "\"notes\"");
    EoArticle full = repo.one(named).block(T);
    assertThat(full.body()).isEqualTo("long body");
    assertThat(full.meta()).isEqualTo(saved.meta());
    assertThat(full.notes()).isEqualTo(saved.notes());
    assertThat(full.authorId()).as("not named").isNull();

    Map<String, Object> map = (Map<String, Object>) repo.one(q.select(mapOf("a", "body", "meta"), Map.class)).block(T);
    assertThat(map).containsEntry("body", "long body").containsEntry("meta", saved.meta());
    assertThat(repo.one(q.select(field("a", "body"), String.class)).block(T)).isEqualTo("long body");
    EoArticle merged = repo.one(q.selectMerge(Map.of("body", field("a", "body")))).block(T);
    assertThat(merged.title()).isEqualTo("t");
    assertThat(merged.body()).as("selectMerge names it").isEqualTo("long body");
    assertThat(merged.meta()).as("not named").isNull();
    assertThat(repo.all(q.select(recordOf("a"), EoArticle.class)).blockFirst(T).body())
        .as("recordOf(binding) is the whole record: loaded fields only").isNull();
  }

  @Test
  void anUpdateOfARecordReadWithoutTheFieldWritesOnlyItsChanges() {
    withRepo(Clock.systemUTC(), (repo, recording) -> {
      EoArticle saved = repo.insert(EoArticle.of("t", "long body", new EoMeta(null, "wire", 900),
          List.of(new EoNote(null, "n1")), null)).block(T);
      EoArticle loaded = repo.get(EoArticle.class, saved.id()).block(T);
      recording.clear();
      EoArticle renamed = repo.update(Changeset.cast(loaded, Map.of("title", "t2"), "title", "body")
          .castEmbed("meta").castEmbed("notes")).block(T);
      assertThat(only(recording, "UPDATE \"eo_articles\"")).contains("\"title\"").doesNotContain("\"body\"")
          .doesNotContain("\"meta\"").doesNotContain("\"notes\"");
      assertThat(renamed.title()).isEqualTo("t2");
      assertThat(renamed.body()).as("as it was read").isNull();
      assertThat(stored(repo, saved.id())).isEqualTo(Map.of("title", "t2", "body", "long body", "source", "wire", "notes", 1));

      EoArticle rewritten = repo.update(Changeset.cast(loaded, Map.of("body", "short"), "body")).block(T);
      assertThat(rewritten.body()).as("a change is written and returned").isEqualTo("short");
      EoArticle remeta = repo.update(Changeset.change(loaded).putEmbed("meta", Map.of("source", "desk"))).block(T);
      assertThat(remeta.meta().source()).isEqualTo("desk");
      assertThat(remeta.meta().id()).isNotNull();
      assertThat(stored(repo, saved.id())).isEqualTo(Map.of("title", "t2", "body", "short", "source", "desk", "notes", 1));
    });
  }

  @Test
  void insertOptionsReadTheColumnBackOnlyWhenAskedForEveryField() {
    withRepo(Clock.systemUTC(), (repo, recording) -> {
      recording.clear();
      EoArticle all = repo.insert(EoArticle.of("r", "b2", null, List.of(), null), InsertOptions.defaults().withReturningAll())
          .block(T);
      assertThat(returning(only(recording, "INSERT INTO \"eo_articles\""))).as("Ecto's returning: true").contains("\"body\"");
      assertThat(all.body()).isEqualTo("b2");
      recording.clear();
      EoArticle skipped = repo.insert(EoArticle.of("d", "b3", null, List.of(), null),
          InsertOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING)).block(T);
      assertThat(returning(only(recording, "INSERT INTO \"eo_articles\""))).doesNotContain("\"body\"");
      assertThat(skipped.body()).as("the value given").isEqualTo("b3");
      assertThat(skipped.id()).isNotNull();
    });
  }

  // ---- defaults_to_struct: true

  @Test
  @SuppressWarnings("unchecked")
  void defaultsToStructGivesTheDefaultRecordWhereEctoGivesTheStructDefault(Repo repo) {
    EoPrefs defaults = new EoPrefs(null, null, 20);
    EoAccount blank = Schemas.of(EoAccount.class).blank();
    assertThat(blank.prefs()).isEqualTo(defaults);
    // castEmbed onto a new record updates its default record in place (its nil key matches), so onReplace RAISE allows it
    EoAccount created = repo.insert(EoAccount.changeset(blank, Map.of("name", "a", "prefs", Map.of("dark", true)))).block(T);
    assertThat(created.prefs().dark()).isTrue();
    assertThat(created.prefs().pageSize()).isEqualTo(20);
    assertThat(created.prefs().id()).as("generated on insert").isNotNull();
    assertThat(created.hidden().pageSize()).as("written, as Ecto writes the struct default").isEqualTo(20);
    Map<String, Object> row = repo.query("SELECT prefs, hidden FROM eo_accounts WHERE id = $1", List.of(created.id()))
        .block(T).maps().get(0);
    assertThat((Map<String, Object>) row.get("prefs")).containsEntry("dark", true).containsEntry("page_size", 20);
    assertThat((Map<String, Object>) row.get("hidden")).containsEntry("dark", null).containsEntry("page_size", 20);

    repo.query("INSERT INTO eo_accounts (name, prefs, hidden) VALUES ('nulls', NULL, NULL)", List.of()).block(T);
    EoAccount nulls = repo.getBy(EoAccount.class, Map.of("name", "nulls")).block(T);
    assertThat(nulls.prefs()).as("a NULL column stays null, as Ecto loads an explicit nil").isNull();
    assertThat(nulls.hidden()).as("not loaded: the default record").isEqualTo(defaults);
    EoAccount hidden = repo.one(Query.from(EoAccount.class).as("a").where(field("a", "name").eq("nulls"))
        .select(recordOf("a", "id", "hidden"), EoAccount.class)).block(T);
    assertThat(hidden.hidden()).as("named, it loads its NULL").isNull();
    assertThat(hidden.prefs()).as("not named: the default record").isEqualTo(defaults);

    repo.query("UPDATE eo_accounts SET prefs = '{\"dark\": false}' WHERE name = 'nulls'", List.of()).block(T);
    assertThat(repo.getBy(EoAccount.class, Map.of("name", "nulls")).block(T).prefs())
        .as("keys missing from the JSON take the embedded record's defaults").isEqualTo(new EoPrefs(null, false, 20));
  }

  // ---- timestamps() inside an embedded schema

  @Test
  void embeddedTimestampsAreSetOnInsertAndBumpedOnlyWhenTheEmbedChanges() {
    MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    withRepo(clock, (repo, recording) -> {
      Instant t1 = clock.now;
      EoPost post = repo.insert(EoPost.changeset(Schemas.of(EoPost.class).blank(), Map.of("title", "p",
          "cover", Map.of("url", "a.png", "caption", Map.of("text", "c")),
          "blocks", List.of(Map.of("text", "b1"), Map.of("text", "b2"))))).block(T);
      assertThat(post.insertedAt()).isEqualTo(t1);
      assertThat(post.cover().insertedAt()).isEqualTo(t1);
      assertThat(post.cover().updatedAt()).isEqualTo(t1);
      assertThat(post.cover().caption().updatedAt()).as("nested").isEqualTo(t1);
      assertThat(post.blocks()).allSatisfy(b -> assertThat(List.of(b.insertedAt(), b.updatedAt())).containsOnly(t1));
      EoPost stored = repo.get(EoPost.class, post.id()).block(T);
      assertThat(stored).as("as stored").isEqualTo(post);

      Instant t2 = clock.advance();
      EoBlock b1 = stored.blocks().get(0);
      EoBlock b2 = stored.blocks().get(1);
      EoPost updated = repo.update(EoPost.changeset(stored, Map.of("blocks", List.of(
          Map.of("id", b1.id().toString(), "text", "b1 changed"), Map.of("id", b2.id().toString(), "text", "b2"),
          Map.of("text", "b3"))))).block(T);
      assertThat(updated.blocks().get(0)).isEqualTo(new EoBlock(b1.id(), "b1 changed", t1, t2));
      assertThat(updated.blocks().get(1)).as("unchanged: written as it was").isEqualTo(b2);
      assertThat(updated.blocks().get(2).insertedAt()).as("new").isEqualTo(t2);
      assertThat(updated.blocks().get(2).updatedAt()).isEqualTo(t2);
      assertThat(updated.cover()).as("not in the changes").isEqualTo(stored.cover());
      assertThat(updated.updatedAt()).isEqualTo(t2);
      assertThat(repo.get(EoPost.class, post.id()).block(T)).isEqualTo(updated);

      Instant t3 = clock.advance();
      EoPost recovered = repo.update(EoPost.changeset(updated, Map.of("cover", Map.of("url", "b.png")))).block(T);
      assertThat(recovered.cover()).isEqualTo(new EoCover(post.cover().id(), "b.png", post.cover().caption(), t1, t3));
      assertThat(recovered.blocks()).isEqualTo(updated.blocks());

      Instant t4 = clock.advance();
      EoPost retitled = repo.update(EoPost.changeset(recovered, Map.of("title", "p2"))).block(T);
      assertThat(retitled.updatedAt()).isEqualTo(t4);
      assertThat(repo.get(EoPost.class, post.id()).block(T).cover()).as("embeds not changed keep their times")
          .isEqualTo(recovered.cover());

      Instant t5 = clock.advance();
      EoPost recaptioned = repo.update(EoPost.changeset(retitled, Map.of("cover", Map.of("caption", Map.of("text", "c2")))))
          .block(T);
      assertThat(recaptioned.cover().caption()).isEqualTo(new EoCaption("c2", t5));
      assertThat(recaptioned.cover().updatedAt()).isEqualTo(t5);
      assertThat(recaptioned.cover().insertedAt()).isEqualTo(t1);

      clock.advance();
      Instant mine = Instant.parse("2000-01-01T00:00:00Z");
      EoCover given = new EoCover(post.cover().id(), "c.png", recaptioned.cover().caption(), t1, mine);
      EoPost explicit = repo.update(Changeset.change(recaptioned).putEmbed("cover", given)).block(T);
      assertThat(explicit.cover()).as("a change that sets the timestamp wins").isEqualTo(given);
      assertThat(repo.get(EoPost.class, post.id()).block(T).cover()).isEqualTo(given);

      Instant t7 = clock.advance();
      EoPost plain = repo.insert(new EoPost(null, "plain", new EoCover(null, "x", null, null, null),
          List.of(new EoBlock(null, "b", null, null)), null, null)).block(T);
      assertThat(plain.cover().id()).isNotNull();
      assertThat(plain.cover().insertedAt()).as("a record inserted as it is").isEqualTo(t7);
      assertThat(plain.blocks().get(0).updatedAt()).isEqualTo(t7);
      assertThat(repo.get(EoPost.class, plain.id()).block(T)).isEqualTo(plain);
    });
  }

  // ---- associations inside an embedded schema

  @Test
  @SuppressWarnings("unchecked")
  void anEmbeddedRecordBelongsToASchemaThroughItsStoredForeignKey(Repo repo) {
    EoAuthor ann = repo.insert(EoAuthor.named("Ann")).block(T);
    EoOrder order = repo.insert(new EoOrder(null, "o", List.of(EoLine.of(ann.id(), 2), EoLine.of(null, 1)))).block(T);
    EoOrder back = repo.get(EoOrder.class, order.id()).block(T);
    assertThat(back.lines()).extracting(EoLine::authorId).containsExactly(ann.id(), null);
    assertThat(back.lines().get(0).author().isLoaded()).isFalse();

    List<EoLine> lines = repo.preload(back.lines(), "author").block(T);
    assertThat(lines.get(0).author().get().name()).as("Ecto: belongs_to in an embedded schema can be preloaded").isEqualTo("Ann");
    assertThat(lines.get(1).author().get()).isNull();

    EoOrder again = repo.insert(new EoOrder(null, "o2", lines)).block(T);
    List<Map<String, Object>> json = (List<Map<String, Object>>) repo.query("SELECT lines FROM eo_orders WHERE id = $1",
        List.of(again.id())).block(T).maps().get(0).get("lines");
    assertThat(json.get(0)).as("only the key is stored, never the association").containsOnlyKeys("id", "author_id", "qty");
    assertThat(((Number) json.get(0).get("author_id")).longValue()).isEqualTo(ann.id());
    assertThat(repo.get(EoOrder.class, again.id()).block(T).lines().get(0).author().isLoaded()).isFalse();
  }

  @Test
  void anEmbeddedSchemaRefusesAssociationsOtherThanBelongsTo(Repo repo) {
    refused(repo.insert(new EoHolder(null, new EoWithHasMany(null, Assoc.notLoaded("EoWithHasMany", "authors")))),
        EoWithHasMany.class, "'authors'", "@BelongsTo associations only");
    refused(repo.insert(new EoHolderOne(null, new EoWithHasOne(null, Assoc.notLoaded("EoWithHasOne", "author")))),
        EoWithHasOne.class, "'author'", "@BelongsTo associations only");
    refused(repo.insert(new EoHolderM2m(null, new EoWithManyToMany(null, Assoc.notLoaded("EoWithManyToMany", "authors")))),
        EoWithManyToMany.class, "'authors'", "@BelongsTo associations only");
    refused(repo.insert(new EoHolderNoKey(null, new EoWithoutKey(null, Assoc.notLoaded("EoWithoutKey", "author")))),
        EoWithoutKey.class, "'author'", "its foreign key field 'authorId' does not exist");
    assertThat(repo.all(EoHolder.class).collectList().block(T)).as("nothing was written").isEmpty();
  }

  private static void refused(Mono<?> write, Class<?> embedded, String field, String reason) {
    write.as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SchemaException.class)
            .hasMessageContaining(embedded.getName()).hasMessageContaining(field).hasMessageContaining(reason))
        .verify(T);
  }

  // ---- helpers

  private static Map<String, Object> stored(Repo repo, Long id) {
    Map<String, Object> row = repo.query("SELECT title, body, meta->>'source' AS source, jsonb_array_length(notes) AS n "
        + "FROM eo_articles WHERE id = $1", List.of(id)).block(T).maps().get(0);
    return Map.of("title", row.get("title"), "body", row.get("body"), "source", row.get("source"),
        "notes", ((Number) row.get("n")).intValue());
  }

  private static String only(RecordingConnectionFactory recording, String prefix) {
    List<String> matching = recording.statements().stream().filter(s -> s.startsWith(prefix)).toList();
    assertThat(matching).as("statements starting with " + prefix + " in " + recording.statements()).hasSize(1);
    return matching.get(0);
  }

  private static String returning(String sql) {
    return sql.substring(sql.indexOf(" RETURNING "));
  }

  /** A sandboxed Repo on a recording connection factory, with the given clock for timestamps. */
  private static void withRepo(Clock clock, BiConsumer<Repo, RecordingConnectionFactory> test) {
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(TestDatabase.get().connectionFactory());
    Sandbox sandbox = Sandbox.open(recording, RepoOptions.defaults().withClock(clock)).block(T);
    try {
      test.accept(sandbox.repo(), recording);
    } finally {
      sandbox.rollback().block(T);
    }
  }

  /** A clock the test moves, a second a step. */
  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    Instant advance() {
      now = now.plusSeconds(1);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
