package dev.flecto.examples.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.repo.Repo;
import dev.flecto.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FriendsAppIT {
  private static final String URL = TestDatabase.get().url();

  private record Run(int status, String out, String err) {}

  private static Run run(String url) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = FriendsApp.run(url, o, e);
    }
    // println ends lines with the platform separator; the expectations below use \n.
    return new Run(status, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"),
        err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
  }

  // The guide's migration ran, printing its SQL, unless another test here ran it first; its version is recorded.
  private static void assertMigrated(Run r) {
    assertThat(r.out()).containsPattern("== Migrated 20170525003211 create_people\nCREATE TABLE IF NOT EXISTS \"people\" "
        + "\\(\"id\" bigserial, \"first_name\" text, \"last_name\" text, \"age\" integer, \"inserted_at\" timestamptz NOT NULL, "
        + "\"updated_at\" timestamptz NOT NULL, PRIMARY KEY \\(\"id\"\\)\\)|Migrations already up");
    try (Repo repo = Repo.connect(URL)) {
      assertThat(repo.query("SELECT version FROM schema_migrations", List.of()).block().rows())
          .containsExactly(List.of(20170525003211L));
    }
  }

  @Test
  void printsEveryStepOfTheGuideWithItsResults() {
    Run r = run(URL);

    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertMigrated(r);
    assertThat(r.out())
        .containsSubsequence("== 1. Inserting data ==", "== 2. Validating changes ==",
            "== 3. Casting external input ==", "== 4. Starting over with test data ==",
            "== 5. Fetching a single record ==", "== 6. Fetching all records ==",
            "== 7. Fetching a single record based on ID ==",
            "== 8. Fetching a single record based on a specific attribute ==",
            "== 9. Filtering results ==", "== 10. Composing queries ==", "== 11. Ordering and limiting ==",
            "== 12. Updating records ==", "== 13. Deleting records ==", "Done.")
        .contains("Person[id=1, firstName=null, lastName=null, age=null]")
        .contains("> changeset.errorsByField()\n{firstName=[can't be blank], lastName=[can't be blank]}\n")
        .contains("> changeset.isValid()\nfalse\n")
        .contains("> repo.insert(changeset)\nPerson[id=2, firstName=Ryan, lastName=Bigg, age=null]\n")
        .contains("{firstName=Ryan, lastName=Bigg, age=28}")
        .contains("{age=[is invalid]}")
        .contains("# inserted 3 people")
        .contains("failed with MultipleResultsException: expected at most one result but got 3")
        .contains("failed with NoResultsException")
        .contains("from Person where lastName = \"Smith\" and firstName = \"Jane\"")
        .contains("> changeset.changes()\n{age=29}\n")
        .contains("> repo.update(changeset)\nPerson[id=3, firstName=Ryan, lastName=Bigg, age=29]\n")
        .contains("> e.changeset().errorsByField()\n{firstName=[can't be blank]}\n")
        .contains("> repo.get(Person.class, 3L)\n(empty)\n")
        .contains("failed with StaleEntryException")
        .endsWith("[\n  Person[id=4, firstName=John, lastName=Smith, age=27]\n"
            + "  Person[id=5, firstName=Jane, lastName=Smith, age=26]\n]\nDone.\n");
  }

  @Test
  void returnsWhatEachStepProduced() {
    try (Repo repo = Repo.connect(URL)) {
      PeopleTable.migrate(repo).then(PeopleTable.empty(repo)).block();
      FriendsGuide.Outcome o = new FriendsGuide(repo, new PrintStream(new ByteArrayOutputStream(), true,
          StandardCharsets.UTF_8)).run();

      assertThat(o.blankErrors()).isEqualTo(Map.of(
          "firstName", List.of("can't be blank"), "lastName", List.of("can't be blank")));
      assertThat(o.inserted()).extracting(Person::firstName).containsExactly("Ryan", "John", "Jane");
      assertThat(o.inserted()).allSatisfy(p -> assertThat(p.insertedAt()).isNotNull());
      assertThat(o.updated().age()).isEqualTo(29);
      assertThat(o.updated().updatedAt()).isAfter(o.inserted().get(0).updatedAt());
      assertThat(o.deleted().id()).isEqualTo(o.inserted().get(0).id());
      assertThat(o.foundAfterDelete()).isFalse();
      assertThat(o.remaining()).extracting(Person::firstName).containsExactly("John", "Jane");

      // Checked against the database itself, not only against what the guide reported.
      assertThat(repo.get(Person.class, o.deleted().id()).blockOptional()).isEmpty();
      assertThat(repo.all(Person.class).map(Person::firstName).collectList().block())
          .containsExactlyInAnyOrder("John", "Jane");
    }
  }

  @Test
  void aRerunOnTheSameDatabasePrintsTheSame() {
    Run first = run(URL);
    Run second = run(URL);

    assertThat(second.status()).isZero();
    assertThat(second.out()).as("the migration ran once").contains("Migrations already up");
    assertThat(withoutTimestamps(guide(second.out()))).isEqualTo(withoutTimestamps(guide(first.out())));
  }

  // What the guide printed, after the migrations (which a rerun finds already up).
  private static String guide(String out) {
    return out.substring(out.indexOf("(the people table is emptied before the guide)"));
  }

  @Test
  void acceptsAPostgresUrlAsDatabaseUrlsOftenAre() {
    assertThat(URL).startsWith("r2dbc:postgresql://");
    String postgresUrl = "postgres://" + URL.substring("r2dbc:postgresql://".length());

    Run r = run(postgresUrl);

    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertMigrated(r);
    assertThat(r.out()).contains("Using the database in DATABASE_URL: " + postgresUrl, "# inserted 3 people");
  }

  @Test
  void convertsUrlsForRawR2dbcAndHidesPasswords() {
    assertThat(PeopleTable.r2dbcUrl("postgres://app:secret@db:5432/friends"))
        .isEqualTo("r2dbc:postgresql://app:secret@db:5432/friends");
    assertThat(PeopleTable.r2dbcUrl("postgresql://db/friends")).isEqualTo("r2dbc:postgresql://db/friends");
    assertThat(PeopleTable.r2dbcUrl("r2dbc:postgresql://db/friends")).isEqualTo("r2dbc:postgresql://db/friends");
    assertThat(PeopleTable.redact("postgres://app:secret@db/friends")).isEqualTo("postgres://app:***@db/friends");
    assertThatThrownBy(() -> PeopleTable.r2dbcUrl("mysql://app:secret@db/friends"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mysql://app:***@db/friends")
        .hasMessageNotContaining("secret");
  }

  @Test
  void anUnreachableDatabaseFailsWithAClearMessageAndStatusOne() {
    Run r = run("postgres://nobody:secret@127.0.0.1:1/friends");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("postgres://nobody:***@127.0.0.1:1/friends").doesNotContain("secret");
    assertThat(r.err()).startsWith("FriendsApp failed: ").contains("127.0.0.1");
  }

  @Test
  void startsAndStopsAnEmbeddedDatabaseWhenNoUrlIsSet() {
    Run r = run(null);

    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.out()).as("a new embedded database: the migration runs").contains("== Migrated 20170525003211 create_people\n"
        + "CREATE TABLE IF NOT EXISTS \"people\"");
    assertThat(r.out())
        .startsWith("Starting an embedded PostgreSQL")
        .contains("{firstName=[can't be blank], lastName=[can't be blank]}", "# inserted 3 people")
        .endsWith("Stopping the embedded PostgreSQL.\nDone.\n");
  }

  private static String withoutTimestamps(String output) {
    return output.replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "<time>");
  }
}
