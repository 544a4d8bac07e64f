package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flecto.ArgumentException;
import dev.flecto.LoadException;
import dev.flecto.QueryException;
import dev.flecto.SchemaException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Column;
import dev.flecto.schema.Embedded;
import dev.flecto.schema.EnumType;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The built-in Ecto.Enum ({@link EnumType}) on PostgreSQL: integers, mapped strings and names
 * stored and read back on every path (insert, get, query parameters, updateAll, insertAll by
 * VALUES and by COPY), Ecto's cast rules in changesets, a stored value no constant maps to, both
 * embed_as modes inside an embed, the reflection helpers, and declarations refused through the Repo.
 */
@FlectoTest(schema = "/enum_types.sql")
class EnumTypeIT {
  private static final Duration T = Duration.ofSeconds(10);

  enum Status { DRAFT, PUBLISHED, ARCHIVED }

  /** One enum embedded three ways: by name (embed_as :values, the default), as its integer and as its mapped text (:dumped). */
  @Embedded
  record EtMeta(
      @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2", "ARCHIVED=9"}) Status byName,
      @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2", "ARCHIVED=9", "embed_as=dumped"}) Status asInteger,
      @Column(type = EnumType.class, params = {"DRAFT=draft", "PUBLISHED=live", "ARCHIVED=gone", "embed_as=dumped"}) Status asText) {}

  @Schema("et_posts")
  record EtPost(@Id Long id, String title,
      @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2", "ARCHIVED=9"}) Status status,
      @Column(type = EnumType.class, params = {"DRAFT=draft", "PUBLISHED=live", "ARCHIVED=gone"}) Status stage,
      @Column(type = EnumType.class) Status kind,
      EtMeta meta) {
    EtPost(Long id, String title, Status status, Status stage, Status kind) {
      this(id, title, status, stage, kind, null);
    }

    static Changeset<EtPost> changeset(EtPost p, Map<String, Object> params) {
      return Changeset.cast(p, params, "title", "status", "stage", "kind");
    }
  }

  @Schema("et_posts")
  record EtDuplicate(@Id Long id, @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=1", "ARCHIVED=2"}) Status status) {}

  @Schema("et_posts")
  record EtNotAnEnum(@Id Long id, @Column(type = EnumType.class) String title) {}

  @Schema("et_posts")
  record EtOnAList(@Id Long id, @Column(value = "title", type = EnumType.class) List<Status> statuses) {}

  private static List<Object> stored(Repo repo, long id) {
    return repo.query("SELECT status, stage, kind FROM et_posts WHERE id = $1", List.of(id)).map(r -> r.rows().get(0)).block(T);
  }

  private static long count(Repo repo, String where) {
    return (Long) repo.query("SELECT count(*) FROM et_posts WHERE " + where, List.of()).map(r -> r.rows().get(0).get(0)).block(T);
  }

  @Test
  void valuesAreStoredAsMappedAndReadBack(Repo repo) {
    EtPost saved = repo.insert(new EtPost(null, "a", Status.PUBLISHED, Status.PUBLISHED, Status.PUBLISHED)).block(T);
    assertThat(stored(repo, saved.id())).containsExactly(2, "live", "PUBLISHED");
    assertThat(repo.get(EtPost.class, saved.id()).block(T)).isEqualTo(saved);
    EtPost empty = repo.insert(new EtPost(null, "nulls", null, null, null)).block(T);
    assertThat(repo.get(EtPost.class, empty.id()).block(T)).isEqualTo(empty);
  }

  @Test
  void queryParametersCastThroughTheType(Repo repo) {
    repo.insert(new EtPost(null, "a", Status.DRAFT, Status.ARCHIVED, Status.DRAFT)).block(T);
    Query<EtPost> byConstant = Query.from(EtPost.class).where(field("status").eq(param(Status.DRAFT)));
    assertThat(repo.toSql(byConstant).params()).as("the constant binds its stored integer").containsExactly(1);
    assertThat(repo.all(byConstant).map(EtPost::title).collectList().block(T)).containsExactly("a");
    assertThat(repo.toSql(Query.from(EtPost.class).where(field("stage").eq("ARCHIVED"))).params()).containsExactly("gone");
    assertThat(repo.all(Query.from(EtPost.class).where(field("stage").eq("gone"))).count().block(T)).isOne();
    assertThat(repo.all(Query.from(EtPost.class).where(field("status").eq(1))).count().block(T)).isOne();
    assertThat(repo.all(Query.from(EtPost.class).where(field("kind").eq(Status.DRAFT))).count().block(T)).isOne();
    repo.all(Query.from(EtPost.class).where(field("status").eq("draft"))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("cannot be cast to EnumType(Status)").hasMessageContaining("status"))
        .verify(T);
  }

  @Test
  void updateAllAndInsertAllByValuesAndByCopyDumpTheSameWay(Repo repo) {
    EtPost saved = repo.insert(new EtPost(null, "u", Status.DRAFT, Status.DRAFT, Status.DRAFT)).block(T);
    assertThat(repo.updateAll(Query.from(EtPost.class).where(field("id").eq(saved.id())),
        Updates.set("status", Status.ARCHIVED).andSet("stage", "PUBLISHED").andSet("kind", Status.ARCHIVED)).block(T)).isOne();
    assertThat(stored(repo, saved.id())).containsExactly(9, "live", "ARCHIVED");

    List<EtPost> many = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      Status s = Status.values()[i % 3];
      many.add(new EtPost(null, "n" + i, s, s, s));
    }
    assertThat(repo.insertAll(EtPost.class, many.subList(0, 9), InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.NEVER))
        .block(T)).isEqualTo(9L);
    assertThat(repo.insertAll(EtPost.class, many, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.ALWAYS)).block(T))
        .isEqualTo(1_000L);
    assertThat(repo.insertAll(EtPost.class, List.of(Map.of("title", "m", "status", 9, "stage", "gone", "kind", "ARCHIVED")))
        .block(T)).as("a map entry's values are cast as changesets cast them").isOne();
    // ARCHIVED is every third entry from the third: 3 of the first 9, 333 of 1,000, and the map's.
    assertThat(count(repo, "status = 9 AND stage = 'gone' AND kind = 'ARCHIVED'")).isEqualTo(3 + 333 + 1);
    assertThat(count(repo, "status = 1 AND stage = 'draft' AND kind = 'DRAFT'")).isEqualTo(3 + 334);
    assertThat(repo.all(Query.from(EtPost.class).where(field("title").eq("n4"))).collectList().block(T))
        .extracting(EtPost::status, EtPost::stage, EtPost::kind)
        .containsExactly(tuple(Status.PUBLISHED, Status.PUBLISHED, Status.PUBLISHED), tuple(Status.PUBLISHED, Status.PUBLISHED, Status.PUBLISHED));
  }

  @Test
  void changesetsCastTheConstantItsNameOrItsStoredValueAndNothingElse(Repo repo) {
    Changeset<EtPost> ok = EtPost.changeset(new EtPost(null, null, null, null, null),
        Map.of("title", "c", "status", 9, "stage", "live", "kind", "ARCHIVED"));
    assertThat(ok.errors()).isEmpty();
    EtPost saved = repo.insert(ok).block(T);
    assertThat(saved).extracting(EtPost::status, EtPost::stage, EtPost::kind)
        .containsExactly(Status.ARCHIVED, Status.PUBLISHED, Status.ARCHIVED);
    assertThat(EtPost.changeset(saved, Map.of("status", "ARCHIVED", "stage", Status.PUBLISHED)).changes())
        .as("the values the record has: no change").isEmpty();

    Changeset<EtPost> bad = EtPost.changeset(new EtPost(null, null, null, null, null),
        Map.of("status", "9", "stage", "PUBLISHED ", "kind", "archived"));
    assertThat(bad.isValid()).isFalse();
    assertThat(bad.errors()).extracting(ChangesetError::field, ChangesetError::message)
        .containsExactlyInAnyOrder(tuple("status", "is invalid"), tuple("stage", "is invalid"), tuple("kind", "is invalid"));
    assertThat(bad.errors()).allSatisfy(e -> assertThat(e.keys()).containsEntry("type", "EnumType(Status)")
        .containsEntry("validation", "cast"));
    repo.insert(bad).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.flecto.changeset.InvalidChangesetException.class))
        .verify(T);
    assertThat(count(repo, "title IS NULL")).as("nothing written").isZero();
  }

  @Test
  void aStoredValueNoConstantMapsToFailsTheLoadNamingTheFieldAndTheSchema(Repo repo) {
    repo.query("INSERT INTO et_posts (title, status) VALUES ('odd', 5)", List.of()).block(T);
    repo.all(EtPost.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class)
            .hasMessageContaining("cannot load 5 as EnumType(Status) for field 'status' of schema EtPost (table et_posts)")
            .hasMessageContaining("5 is not a stored value of EnumType(Status), which stores 1, 2, 9"))
        .verify(T);
    repo.query("UPDATE et_posts SET status = 1, stage = 'DRAFT'", List.of()).block(T);
    repo.all(EtPost.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class)
            .as("a constant's name is not its stored value").hasMessageContaining("for field 'stage'"))
        .verify(T);
  }

  @Test
  void insideAnEmbedAValueIsItsNameOrItsStoredValueAsEmbedAsSays(Repo repo) {
    EtMeta meta = new EtMeta(Status.ARCHIVED, Status.ARCHIVED, Status.ARCHIVED);
    EtPost saved = repo.insert(new EtPost(null, "e", null, null, null, meta)).block(T);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) dev.flecto.schema.JsonText.decode((String) repo
        .query("SELECT meta::text FROM et_posts WHERE id = $1", List.of(saved.id())).map(r -> r.rows().get(0).get(0)).block(T));
    assertThat(json).containsEntry("by_name", "ARCHIVED").containsEntry("as_integer", 9).containsEntry("as_text", "gone");
    assertThat(repo.get(EtPost.class, saved.id()).block(T).meta()).isEqualTo(meta);
    assertThat(repo.all(Query.from(EtPost.class).where(field("id").eq(saved.id()))).map(EtPost::meta).blockLast(T)).isEqualTo(meta);

    repo.query("UPDATE et_posts SET meta = '{\"by_name\": \"LOST\"}' WHERE id = $1", List.of(saved.id())).block(T);
    repo.get(EtPost.class, saved.id()).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class).hasMessageContaining("meta")
            .hasMessageContaining("byName").hasMessageContaining("EtPost"))
        .verify(T);
  }

  @Test
  void reflectionHelpersAreEctoEnumsValuesDumpValuesAndMappings() {
    List<Status> values = EnumType.values(EtPost.class, "status");
    assertThat(values).containsExactly(Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED);
    assertThat(EnumType.dumpValues(EtPost.class, "status")).containsExactly(1, 2, 9);
    assertThat(EnumType.dumpValues(EtPost.class, "stage")).containsExactly("draft", "live", "gone");
    Map<Status, Object> kinds = EnumType.mappings(EtPost.class, "kind");
    assertThat(kinds).containsExactly(Map.entry(Status.DRAFT, "DRAFT"), Map.entry(Status.PUBLISHED, "PUBLISHED"),
        Map.entry(Status.ARCHIVED, "ARCHIVED"));
    assertThat(EnumType.dumpValues(EtMeta.class, "asText")).as("an embedded record's field").containsExactly("draft", "live", "gone");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> EnumType.values(EtPost.class, "title")))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("field 'title' of schema EtPost (table et_posts) is not an enum field");
  }

  @Test
  void badDeclarationsAreRefusedThroughTheRepoNamingTheSchemaAndTheField(Repo repo) {
    repo.all(EtDuplicate.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SchemaException.class).hasMessageContaining("EtDuplicate")
            .hasMessageContaining("'status'").hasMessageContaining("DRAFT and PUBLISHED are both stored as 1"))
        .verify(T);
    repo.insert(new EtNotAnEnum(null, "x")).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SchemaException.class).hasMessageContaining("EtNotAnEnum")
            .hasMessageContaining("'title'").hasMessageContaining("EnumType is for Java enum fields, not java.lang.String"))
        .verify(T);
    repo.all(EtOnAList.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SchemaException.class).hasMessageContaining("'statuses'")
            .hasMessageContaining("{:array, Ecto.Enum}) is not supported"))
        .verify(T);
    assertThat(count(repo, "true")).as("nothing written").isZero();
  }
}
