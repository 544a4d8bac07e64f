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
 * embed_as modes inside an embed, the reflection helpers, and declarations refused through the Repo;
 * and the same for lists of it (Ecto's {@code {:array, Ecto.Enum}}): integer[] and text[] columns.
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
  record EtOnAList(@Id Long id, @Column(value = "title", type = EnumType.class) List<String> statuses) {}

  enum Role { ADMIN, EDITOR, VIEWER }

  /** Lists of roles embedded by name (embed_as values), as integers and as mapped text (dumped). */
  @Embedded
  record EtPrefs(
      @Column(type = EnumType.class, params = {"ADMIN=1", "EDITOR=2", "VIEWER=3"}) List<Role> byName,
      @Column(type = EnumType.class, params = {"ADMIN=1", "EDITOR=2", "VIEWER=3", "embed_as=dumped"}) List<Role> asIntegers,
      @Column(type = EnumType.class, params = {"ADMIN=adm", "EDITOR=ed", "VIEWER=view", "embed_as=dumped"}) List<Role> asTexts) {}

  /** Ecto's {:array, Ecto.Enum}: an integer[] of mapped integers, a text[] of mapped strings, a text[] of names. */
  @Schema("et_users")
  record EtUser(@Id Long id, String name,
      @Column(type = EnumType.class, params = {"ADMIN=1", "EDITOR=2", "VIEWER=3"}) List<Role> roles,
      @Column(type = EnumType.class, params = {"ADMIN=adm", "EDITOR=ed", "VIEWER=view"}) List<Role> labels,
      @Column(type = EnumType.class) List<Role> names,
      EtPrefs prefs) {
    EtUser(Long id, String name, List<Role> roles, List<Role> labels, List<Role> names) {
      this(id, name, roles, labels, names, null);
    }

    static Changeset<EtUser> changeset(EtUser u, Map<String, Object> params) {
      return Changeset.cast(u, params, "name", "roles", "labels", "names");
    }
  }

  private static List<Object> storedArrays(Repo repo, long id) {
    return repo.query("SELECT roles::text, labels::text, names::text FROM et_users WHERE id = $1", List.of(id))
        .map(r -> r.rows().get(0)).block(T);
  }

  private static long countUsers(Repo repo, String where) {
    return (Long) repo.query("SELECT count(*) FROM et_users WHERE " + where, List.of()).map(r -> r.rows().get(0).get(0)).block(T);
  }

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
            .hasMessageContaining("EnumType is for Java enum fields, not java.lang.String"))
        .verify(T);
    assertThat(count(repo, "true")).as("nothing written").isZero();
  }

  @Test
  void aListIsAnArrayOfTheStoredValuesAndReadsBack(Repo repo) {
    EtUser saved = repo.insert(new EtUser(null, "a", List.of(Role.VIEWER, Role.ADMIN), List.of(Role.EDITOR, Role.VIEWER),
        List.of(Role.ADMIN))).block(T);
    assertThat(storedArrays(repo, saved.id())).containsExactly("{3,1}", "{ed,view}", "{ADMIN}");
    assertThat(repo.get(EtUser.class, saved.id()).block(T)).isEqualTo(saved);
    assertThat(repo.all(Query.from(EtUser.class).select(field("roles"), List.class)).collectList().block(T))
        .as("a selected field loads its elements").containsExactly(List.of(Role.VIEWER, Role.ADMIN));
    EtUser empty = repo.insert(new EtUser(null, "e", List.of(), null, null)).block(T);
    assertThat(storedArrays(repo, empty.id())).containsExactly("{}", null, null);
    assertThat(repo.get(EtUser.class, empty.id()).block(T)).isEqualTo(empty);
  }

  @Test
  void insertAllByValuesAndByCopyAndUpdateAllDumpEachElement(Repo repo) {
    List<EtUser> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      List<Role> roles = i % 2 == 0 ? List.of(Role.ADMIN, Role.VIEWER) : List.of(Role.EDITOR);
      many.add(new EtUser(null, "n" + i, roles, roles, roles));
    }
    assertThat(repo.insertAll(EtUser.class, many.subList(0, 10), InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.NEVER))
        .block(T)).isEqualTo(10L);
    assertThat(repo.insertAll(EtUser.class, many, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.ALWAYS)).block(T))
        .isEqualTo(500L);
    assertThat(repo.insertAll(EtUser.class, List.of(Map.of("name", "m", "roles", List.of(1, "VIEWER"),
        "labels", List.of("adm", Role.VIEWER), "names", List.of("ADMIN", "VIEWER")))).block(T))
        .as("a map entry's lists are cast element by element").isOne();
    assertThat(countUsers(repo, "roles = '{1,3}' AND labels = '{adm,view}' AND names = '{ADMIN,VIEWER}'")).isEqualTo(5 + 250 + 1);
    assertThat(countUsers(repo, "roles = '{2}' AND labels = '{ed}' AND names = '{EDITOR}'")).isEqualTo(5 + 250);

    EtUser one = repo.all(Query.from(EtUser.class).where(field("name").eq("m"))).blockLast(T);
    assertThat(one.roles()).containsExactly(Role.ADMIN, Role.VIEWER);
    assertThat(repo.updateAll(Query.from(EtUser.class).where(field("id").eq(one.id())),
        Updates.set("roles", List.of(Role.EDITOR, "VIEWER")).andSet("labels", List.of("ed")).andSet("names", List.of(Role.VIEWER)))
        .block(T)).isOne();
    assertThat(storedArrays(repo, one.id())).containsExactly("{2,3}", "{ed}", "{VIEWER}");
    assertThat(repo.updateAll(Query.from(EtUser.class).where(field("id").eq(one.id())),
        Updates.push("roles", Role.ADMIN).andPush("labels", "VIEWER").andPull("names", Role.VIEWER)).block(T)).isOne();
    assertThat(storedArrays(repo, one.id())).as("push and pull bind the element's stored value").containsExactly("{2,3,1}", "{ed,view}", "{}");
    assertThat(repo.updateAll(Query.from(EtUser.class).where(field("id").eq(one.id())), Updates.pull("roles", 3)).block(T)).isOne();
    assertThat(repo.get(EtUser.class, one.id()).block(T).roles()).containsExactly(Role.EDITOR, Role.ADMIN);
    repo.updateAll(Query.from(EtUser.class), Updates.push("roles", "admin")).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("cannot be cast to EnumType(Role) for field 'roles'"))
        .verify(T);
  }

  @Test
  void queriesCompareTheWholeListOrFindAValueInIt(Repo repo) {
    repo.insert(new EtUser(null, "admin", List.of(Role.ADMIN, Role.EDITOR), List.of(Role.ADMIN), List.of(Role.ADMIN))).block(T);
    repo.insert(new EtUser(null, "viewer", List.of(Role.VIEWER), List.of(Role.VIEWER), List.of(Role.VIEWER))).block(T);
    Query<EtUser> whole = Query.from(EtUser.class).where(field("roles").eq(param(List.of(Role.ADMIN, "EDITOR"))));
    assertThat(repo.toSql(whole).params()).as("the list binds its stored integers").containsExactly((Object) new Integer[] {1, 2});
    assertThat(repo.all(whole).map(EtUser::name).collectList().block(T)).containsExactly("admin");
    Query<EtUser> in = Query.from(EtUser.class).where(param(Role.ADMIN).in(field("roles")));
    assertThat(repo.toSql(in).params()).as("the element binds its stored integer").containsExactly(1);
    assertThat(repo.all(in).map(EtUser::name).collectList().block(T)).containsExactly("admin");
    Query<EtUser> inText = Query.from(EtUser.class).where(param("VIEWER").in(field("labels")));
    assertThat(repo.toSql(inText).params()).containsExactly("view");
    assertThat(repo.all(inText).map(EtUser::name).collectList().block(T)).containsExactly("viewer");
    assertThat(repo.all(Query.from(EtUser.class).where(param(3).in(field("roles")))).map(EtUser::name).collectList().block(T))
        .as("the stored value casts too").containsExactly("viewer");
    assertThat(repo.all(Query.from(EtUser.class).where(param(Role.ADMIN).in(field("names")))).count().block(T)).isOne();
    repo.all(Query.from(EtUser.class).where(param("adm").in(field("roles")))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("cannot be cast to EnumType(Role), the elements of field 'roles'"))
        .verify(T);
    repo.all(Query.from(EtUser.class).where(field("roles").eq(param(List.of(Role.ADMIN, 7))))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("cannot be cast to List<EnumType(Role)>"))
        .verify(T);
  }

  @Test
  void aChangesetWithOneBadElementIsInvalidWithTheListType(Repo repo) {
    Changeset<EtUser> ok = EtUser.changeset(new EtUser(null, null, null, null, null),
        Map.of("name", "ok", "roles", List.of(3, "ADMIN", Role.EDITOR), "labels", List.of("view", "ADMIN")));
    assertThat(ok.errors()).isEmpty();
    assertThat(repo.insert(ok).block(T)).extracting(EtUser::roles, EtUser::labels)
        .containsExactly(List.of(Role.VIEWER, Role.ADMIN, Role.EDITOR), List.of(Role.VIEWER, Role.ADMIN));
    assertThat(EtUser.changeset(repo.all(EtUser.class).blockLast(T), Map.of("roles", List.of("VIEWER", 1, "EDITOR"))).changes())
        .as("the same roles: no change").isEmpty();

    Changeset<EtUser> bad = EtUser.changeset(new EtUser(null, null, null, null, null),
        Map.of("name", "bad", "roles", List.of("ADMIN", "admin"), "labels", List.of("view", 1), "names", "ADMIN"));
    assertThat(bad.isValid()).isFalse();
    assertThat(bad.errors()).extracting(ChangesetError::field, ChangesetError::message)
        .containsExactlyInAnyOrder(tuple("roles", "is invalid"), tuple("labels", "is invalid"), tuple("names", "is invalid"));
    assertThat(bad.errors()).allSatisfy(e -> assertThat(e.keys()).containsEntry("type", "List<EnumType(Role)>")
        .containsEntry("validation", "cast"));
    assertThat(bad.changes()).containsOnlyKeys("name");
    repo.insert(bad).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.flecto.changeset.InvalidChangesetException.class))
        .verify(T);
    assertThat(countUsers(repo, "name = 'bad'")).as("nothing written").isZero();
  }

  @Test
  void aStoredElementNoConstantMapsToFailsTheLoadNamingTheFieldAndTheSchema(Repo repo) {
    repo.query("INSERT INTO et_users (name, roles) VALUES ('odd', '{1,7}')", List.of()).block(T);
    repo.all(EtUser.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class)
            .hasMessageContaining("cannot load 7 (in [1, 7]) as EnumType(Role) for field 'roles' of schema EtUser (table et_users)")
            .hasMessageContaining("7 is not a stored value of EnumType(Role), which stores 1, 2, 3"))
        .verify(T);
    repo.query("UPDATE et_users SET roles = NULL, labels = '{ADMIN}'", List.of()).block(T);
    repo.all(EtUser.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class)
            .as("a constant's name is not its stored value").hasMessageContaining("for field 'labels'"))
        .verify(T);
  }

  @Test
  void insideAnEmbedAListIsNamesOrStoredValuesAsEmbedAsSays(Repo repo) {
    EtPrefs prefs = new EtPrefs(List.of(Role.VIEWER, Role.ADMIN), List.of(Role.VIEWER, Role.ADMIN), List.of(Role.EDITOR));
    EtUser saved = repo.insert(new EtUser(null, "p", null, null, null, prefs)).block(T);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) dev.flecto.schema.JsonText.decode((String) repo
        .query("SELECT prefs::text FROM et_users WHERE id = $1", List.of(saved.id())).map(r -> r.rows().get(0).get(0)).block(T));
    assertThat(json).containsEntry("by_name", List.of("VIEWER", "ADMIN")).containsEntry("as_integers", List.of(3, 1))
        .containsEntry("as_texts", List.of("ed"));
    assertThat(repo.get(EtUser.class, saved.id()).block(T).prefs()).isEqualTo(prefs);

    repo.query("UPDATE et_users SET prefs = '{\"as_integers\": [1, 8]}' WHERE id = $1", List.of(saved.id())).block(T);
    repo.get(EtUser.class, saved.id()).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class).hasMessageContaining("prefs")
            .hasMessageContaining("asIntegers").hasMessageContaining("EtUser"))
        .verify(T);
  }

  @Test
  void reflectionHelpersOfAListAreItsElements() {
    List<Role> values = EnumType.values(EtUser.class, "roles");
    assertThat(values).containsExactly(Role.ADMIN, Role.EDITOR, Role.VIEWER);
    assertThat(EnumType.dumpValues(EtUser.class, "roles")).containsExactly(1, 2, 3);
    Map<Role, Object> labels = EnumType.mappings(EtUser.class, "labels");
    assertThat(labels).containsExactly(Map.entry(Role.ADMIN, "adm"), Map.entry(Role.EDITOR, "ed"), Map.entry(Role.VIEWER, "view"));
    assertThat(EnumType.dumpValues(EtPrefs.class, "asTexts")).containsExactly("adm", "ed", "view");
  }
}
