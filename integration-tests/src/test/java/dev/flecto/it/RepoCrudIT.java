package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.MultipleResultsException;
import dev.flecto.NoResultsException;
import dev.flecto.StaleEntryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.query.Op;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Repo reads and writes end to end, each test in the sandbox. */
@FlectoTest(migrations = "dev.flecto.it.migrations")
class RepoCrudIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void insertReturnsTheGeneratedIdAndTimestamps(Repo repo) {
    Person p = repo.insert(Person.of("Ryan", "Bigg", 28)).block(T);
    assertThat(p.id()).isPositive();
    assertThat(p.insertedAt()).isNotNull().isEqualTo(p.updatedAt());
    assertThat(p.insertedAt()).isCloseTo(java.time.Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    assertThat(p.insertedAt().getNano() % 1000).as("microsecond precision, as stored").isZero();
    Person second = repo.insert(Person.of("Jane", "Smith", 26)).block(T);
    assertThat(second.id()).isGreaterThan(p.id());
    assertThat(repo.get(Person.class, p.id()).block(T)).isEqualTo(p);
  }

  @Test
  void insertsAValidChangesetWithCastValues(Repo repo) {
    Changeset<Person> cs = Changeset.cast(Person.class,
        Map.of("firstName", "Ryan", "lastName", "Bigg", "age", "28"), "firstName", "lastName", "age")
        .validateRequired("firstName", "lastName");
    repo.insert(cs).as(StepVerifier::create)
        .assertNext(p -> assertThat(p).extracting(Person::firstName, Person::age).containsExactly("Ryan", 28))
        .verifyComplete();
  }

  @Test
  void aChangesetWithErrorsNeverReachesTheDatabase() {
    recorded((repo, recording) -> {
    Changeset<Person> cs = Changeset.cast(Person.class, Map.of("age", "abc"), "firstName", "lastName", "age")
        .validateRequired("firstName", "lastName");
    repo.insert(cs).as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(InvalidChangesetException.class)
              .hasMessageContaining("insert").hasMessageContaining("Person (table people)");
          assertThat(((InvalidChangesetException) e).changeset().errorsByField()).isEqualTo(Map.of(
              "age", List.of("is invalid"), "firstName", List.of("can't be blank"), "lastName", List.of("can't be blank")));
        })
        .verify(T);
    assertThat(recording.statements()).isEmpty();
    assertThat(repo.all(Person.class).collectList().block(T)).isEmpty();
    });
  }

  @Test
  void updateWritesOnlyChangedColumnsAndTouchesUpdatedAt() {
    recorded((repo, recording) -> {
    Person p = repo.insert(Person.of("Ryan", "Bigg", 28)).block(T);
    recording.clear();
    Person updated = repo.update(Changeset.cast(p, Map.of("age", "29", "firstName", "Ryan"), "age", "firstName")).block(T);
    assertThat(recording.statements()).as("as Ecto: the row is not read back, the record is the data merged with the changes")
        .containsExactly("UPDATE \"people\" SET \"age\" = $1, \"updated_at\" = $2 WHERE \"id\" = $3"
            + " AND (SELECT count(*) FROM \"people\" WHERE \"id\" = $3) = 1");
    assertThat(updated.age()).isEqualTo(29);
    assertThat(updated.insertedAt()).isEqualTo(p.insertedAt());
    assertThat(updated.updatedAt()).isAfter(p.updatedAt());
    assertThat(repo.reload(p).block(T)).isEqualTo(updated);
    });
  }

  @Test
  void updatingAnUnchangedChangesetSendsNoSql() {
    recorded((repo, recording) -> {
    Person p = repo.insert(Person.of("Ryan", "Bigg", 28)).block(T);
    recording.clear();
    assertThat(repo.update(Changeset.change(p)).block(T)).isSameAs(p);
    assertThat(repo.update(Changeset.cast(p, Map.of("age", "28"), "age")).block(T)).isEqualTo(p);
    assertThat(recording.statements()).isEmpty();
    });
  }

  @Test
  void updateAndDeleteOfAStaleRecordFail(Repo repo) {
    Person p = repo.insert(Person.of("Ryan", "Bigg", 28)).block(T);
    assertThat(repo.delete(p).block(T)).isEqualTo(p);
    repo.delete(p).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StaleEntryException.class)
            .hasMessageContaining("delete").hasMessageContaining("Person (table people)").hasMessageContaining("id = " + p.id()))
        .verify(T);
    repo.update(Changeset.change(p, Map.of("age", 30))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StaleEntryException.class).hasMessageContaining("update"))
        .verify(T);
    assertThat(repo.get(Person.class, p.id()).block(T)).isNull();
  }

  @Test
  void getCastsTheIdAndIsEmptyWhenNothingMatches(Repo repo) {
    Person p = repo.insert(Person.of("Ryan", "Bigg", 28)).block(T);
    assertThat(repo.get(Person.class, String.valueOf(p.id())).block(T)).isEqualTo(p);
    repo.get(Person.class, -1L).as(StepVerifier::create).verifyComplete();
    repo.getOrFail(Person.class, -1L).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NoResultsException.class)
            .hasMessageContaining("Person (table people)").hasMessageContaining("where id = -1"))
        .verify(T);
  }

  @Test
  void getByAndOneRaiseOnSeveralResults(Repo repo) {
    repo.insert(Person.of("Jane", "Smith", 26)).then(repo.insert(Person.of("John", "Smith", 30))).block(T);
    assertThat(repo.getBy(Person.class, Map.of("firstName", "Jane", "lastName", "Smith")).block(T).age()).isEqualTo(26);
    repo.getBy(Person.class, Map.of("lastName", "Smith")).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MultipleResultsException.class)
            .hasMessageContaining("got 2").hasMessageContaining("lastName = \"Smith\""))
        .verify(T);
    repo.getByOrFail(Person.class, Map.of("lastName", "Nobody")).as(StepVerifier::create)
        .expectError(NoResultsException.class).verify(T);
    assertThat(repo.oneOrFail(Query.from(Person.class).where("firstName", "John")).block(T).age()).isEqualTo(30);
  }

  @Test
  void queriesFilterOrderAndPage(Repo repo) {
    Flux.just(Person.of("Ann", "Lee", 40), Person.of("Bob", "Lee", 20), Person.of("Cid", "Ray", null),
        Person.of("Dee", "Lee", 30)).concatMap(repo::insert).blockLast(T);
    Query<Person> lees = Query.from(Person.class).where("lastName", "Lee");
    assertThat(names(repo.all(lees.orderBy("age")))).containsExactly("Bob", "Dee", "Ann");
    assertThat(names(repo.all(lees.orderBy(Order.desc("age")).limit(2)))).containsExactly("Ann", "Dee");
    assertThat(names(repo.all(lees.orderBy("age").offset(1).limit(1)))).containsExactly("Dee");
    assertThat(names(repo.all(Query.from(Person.class).where("age", Op.GE, 30).orderBy("firstName")))).containsExactly("Ann", "Dee");
    assertThat(names(repo.all(Query.from(Person.class).where("age", Op.NE, 30).where("age", Op.LT, 41).orderBy("age"))))
        .containsExactly("Bob", "Ann");
    assertThat(names(repo.all(Query.from(Person.class).whereNull("age")))).containsExactly("Cid");
    assertThat(names(repo.all(Query.from(Person.class).whereNotNull("age").where("age", Op.LE, "20")))).containsExactly("Bob");
    assertThat(names(repo.all(Person.class))).hasSize(4);
    assertThat(lees.where("age", 40).orderBy("id")).as("composing never mutates").isNotEqualTo(lees);
    assertThat(repo.all(lees).collectList().block(T)).hasSize(3);
  }

  @Test
  void reloadReadsTheRowAgainAndIsEmptyOnceDeleted(Repo repo) {
    Person p = repo.insert(Person.of("Ryan", "Bigg", 28)).block(T);
    repo.update(Changeset.change(p, Map.of("age", 31))).block(T);
    assertThat(repo.reload(p).block(T).age()).isEqualTo(31);
    repo.delete(p).block(T);
    repo.reload(p).as(StepVerifier::create).verifyComplete();
    repo.reloadOrFail(p).as(StepVerifier::create).expectError(NoResultsException.class).verify(T);
  }

  @Test
  void compositeKeysInsertReloadUpdateAndDelete(Repo repo) {
    Membership m = repo.insert(new Membership(1L, 2L, "member")).block(T);
    repo.insert(new Membership(1L, 3L, "owner")).block(T);
    Membership admin = repo.update(Changeset.change(m, Map.of("role", "admin"))).block(T);
    assertThat(admin).isEqualTo(new Membership(1L, 2L, "admin"));
    assertThat(repo.getBy(Membership.class, Map.of("userId", 1L, "groupId", 3L)).block(T).role()).isEqualTo("owner");
    repo.delete(admin).block(T);
    assertThat(repo.all(Membership.class).collectList().block(T)).containsExactly(new Membership(1L, 3L, "owner"));
    repo.get(Membership.class, 1L).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("exactly one @Id").hasMessageContaining("getBy"))
        .verify(T);
  }

  @Test
  void clientGeneratedUuidKeys(Repo repo) {
    Token t = repo.insert(new Token(null, "abc")).block(T);
    assertThat(t.id()).isNotNull();
    assertThat(repo.get(Token.class, t.id().toString()).block(T)).isEqualTo(t);
    java.util.UUID mine = java.util.UUID.randomUUID();
    assertThat(repo.insert(new Token(mine, "def")).block(T).id()).isEqualTo(mine);
  }

  @Test
  void defaultsReadOnlyVirtualAndColumnOverrides(Repo repo) {
    DefaultsDemo d = repo.insert(new DefaultsDemo(null, "Hello World", null, "Lee", null, null, "secret")).block(T);
    assertThat(d.votes()).as("@Default fills a null on insert").isZero();
    assertThat(d.slug()).as("a generated column is read back").isEqualTo("hello world");
    assertThat(d.createdOn()).as("a database default is read back").isEqualTo(java.time.LocalDate.of(2024, 1, 1));
    assertThat(d.password()).as("virtual components keep their value").isEqualTo("secret");
    assertThat(d.lastName()).isEqualTo("Lee");
    DefaultsDemo read = repo.getBy(DefaultsDemo.class, Map.of("lastName", "Lee")).block(T);
    assertThat(read.password()).as("virtual components are never read").isNull();
    DefaultsDemo renamed = repo.update(Changeset.change(read, Map.of("title", "Bye"))).block(T);
    assertThat(renamed.slug()).isEqualTo("bye");
    DefaultsDemo blank = repo.insert(Changeset.cast(DefaultsDemo.class, Map.of(), "title")).block(T);
    assertThat(blank.title()).isEqualTo("untitled");
  }

  @Test
  void tablesInAnotherSchemaUseThePrefix(Repo repo) {
    Event e = repo.insert(new Event(null, "login")).block(T);
    assertThat(repo.all(Query.from(Event.class).where("kind", "login")).collectList().block(T)).containsExactly(e);
  }

  @Test
  void hostileStringsAreStoredAsPlainData(Repo repo) {
    String hostile = "Robert'); DROP TABLE people; -- \" $1 ? \\ \u0000x".replace("\u0000", "");
    Person p = repo.insert(Person.of(hostile, "O'Brien", 1)).block(T);
    assertThat(repo.getBy(Person.class, Map.of("firstName", hostile)).block(T)).isEqualTo(p);
    assertThat(repo.all(Query.from(Person.class).where("lastName", "O'Brien")).collectList().block(T)).containsExactly(p);
    assertThat(repo.all(Person.class).count().block(T)).isEqualTo(1L);
  }

  private static List<String> names(Flux<Person> people) {
    return people.map(Person::firstName).collectList().block(T);
  }

  /** Runs a test in a sandbox of its own whose statements are recorded. */
  private static void recorded(java.util.function.BiConsumer<Repo, RecordingConnectionFactory> test) {
    RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(TestDatabase.get().connectionFactory());
    Sandbox sandbox = Sandbox.open(recording, RepoOptions.defaults()).block(T);
    recording.clear(); // the sandbox's own BEGIN
    try {
      test.accept(sandbox.repo(), recording);
    } finally {
      sandbox.rollback().block(T);
    }
  }
}
