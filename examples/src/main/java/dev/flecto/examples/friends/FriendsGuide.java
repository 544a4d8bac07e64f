package dev.flecto.examples.friends;

import dev.flecto.FlectoException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.query.Op;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The steps of Ecto's "Getting Started" guide, in the guide's order, against an existing
 * {@code people} table: insert, validate with changesets, query, update and delete. Each step
 * prints a heading, the Java call after a {@code >} prompt, and what came back.
 *
 * <p>Every call blocks so that the output reads top to bottom like the guide's IEx session; in an
 * application you would chain the {@code Mono}s and {@code Flux}es instead.
 *
 * <pre>{@code
 * try (Repo repo = Repo.connect(url)) {
 *   FriendsGuide.Outcome outcome = new FriendsGuide(repo, System.out).run();
 *   outcome.blankErrors();  // {firstName=[can't be blank], lastName=[can't be blank]}
 * }
 * }</pre>
 */
public final class FriendsGuide {
  private final Repo repo;
  private final PrintStream out;
  private int step;

  /**
   * What the guide did, for callers that check it rather than read it.
   *
   * <pre>{@code
   * FriendsGuide.Outcome o = guide.run();
   * o.updated().age();   // 29
   * o.remaining().size(); // 2
   * }</pre>
   *
   * @param blankErrors the errors of the changeset without names, by field
   * @param inserted the three people inserted as test data, with their ids
   * @param updated Ryan after his age was updated to 29
   * @param deleted the person deleted at the end
   * @param foundAfterDelete whether fetching the deleted person by id still found someone
   * @param remaining everyone left in the table at the end, by id
   */
  public record Outcome(Map<String, List<String>> blankErrors, List<Person> inserted, Person updated,
      Person deleted, boolean foundAfterDelete, List<Person> remaining) {}

  /**
   * A guide that talks to the {@code people} table through a repo and prints to a stream.
   *
   * <pre>{@code new FriendsGuide(Repo.connect(url), System.out) }</pre>
   *
   * @param repo the repo; the guide does not close it
   * @param out where each step is printed
   */
  public FriendsGuide(Repo repo, PrintStream out) {
    this.repo = repo;
    this.out = out;
  }

  /**
   * Runs every step of the guide once. The {@code people} table must exist; rows already in it
   * are deleted half-way, where the guide re-creates its database.
   *
   * <pre>{@code Person ryan = new FriendsGuide(repo, System.out).run().updated(); }</pre>
   *
   * @return what the steps produced
   * @throws FlectoException when a step the guide expects to succeed fails
   */
  public Outcome run() {
    insertingData();
    Map<String, List<String>> blankErrors = validatingChanges();
    castingExternalInput();
    List<Person> people = startingOver();
    Query<Person> first = Query.from(Person.class).orderBy("id").limit(1);
    fetchingASingleRecord(first);
    fetchingAllRecords();
    Person ryan = people.get(0);
    fetchingById(ryan.id());
    fetchingByAttribute();
    filteringResults();
    composingQueries();
    orderingAndLimiting();
    Person updated = updatingRecords(first);
    return deletingRecords(ryan.id(), blankErrors, people, updated);
  }

  private void insertingData() {
    heading("Inserting data");
    prompt("repo.insert(Person.blank())");
    Person person = repo.insert(Person.blank()).block();
    result(person.describe());
    note("the database generated the id; the Repo set insertedAt=" + person.insertedAt()
        + " and updatedAt=" + person.updatedAt());
  }

  private Map<String, List<String>> validatingChanges() {
    heading("Validating changes");
    prompt("Changeset<Person> changeset = Person.changeset(Person.blank(), Map.of())");
    Changeset<Person> changeset = Person.changeset(Person.blank(), Map.of());
    prompt("repo.insert(changeset)");
    InvalidChangesetException refused = failure(repo.insert(changeset), InvalidChangesetException.class);
    prompt("changeset.errors()");
    result(changeset.errors());
    prompt("changeset.errorsByField()");
    result(changeset.errorsByField());
    prompt("changeset.isValid()");
    result(changeset.isValid());
    prompt("repo.all(Person.class).count()");
    result(repo.all(Person.class).count().block());
    note("still the one blank person: an invalid changeset never reaches the database");

    out.println();
    prompt("changeset = Person.changeset(Person.blank(), Map.of(\"firstName\", \"Ryan\", \"lastName\", \"Bigg\"))");
    Changeset<Person> valid = Person.changeset(Person.blank(), Map.of("firstName", "Ryan", "lastName", "Bigg"));
    prompt("changeset.errors()");
    result(valid.errors());
    prompt("changeset.isValid()");
    result(valid.isValid());
    prompt("repo.insert(changeset)");
    result(repo.insert(valid).block().describe());
    return refused.changeset().errorsByField();
  }

  private void castingExternalInput() {
    heading("Casting external input");
    note("params come as strings, the way a JSON or form decoder gives them; cast converts each to its field's type");
    prompt("Person.changeset(Person.blank(), Map.of(\"firstName\", \"Ryan\", \"lastName\", \"Bigg\", \"age\", \"28\")).changes()");
    result(Person.changeset(Person.blank(), Map.of("firstName", "Ryan", "lastName", "Bigg", "age", "28")).changes());
    prompt("Person.changeset(Person.blank(), Map.of(\"firstName\", \"Ryan\", \"lastName\", \"Bigg\", \"age\", \"twenty\")).errorsByField()");
    result(Person.changeset(Person.blank(), Map.of("firstName", "Ryan", "lastName", "Bigg", "age", "twenty"))
        .errorsByField());
  }

  private List<Person> startingOver() {
    heading("Starting over with test data");
    note("the guide re-creates its database here; deleting every row does the same for this run");
    prompt("repo.all(Person.class).concatMap(repo::delete).count()");
    result(repo.all(Person.class).concatMap(repo::delete).count().block());
    prompt("Flux.just(Person.of(\"Ryan\", \"Bigg\", 28), Person.of(\"John\", \"Smith\", 27), "
        + "Person.of(\"Jane\", \"Smith\", 26)).concatMap(repo::insert)");
    // concatMap, not flatMap: the inserts run one after the other, so the ids follow the list.
    List<Person> people = Flux.just(Person.of("Ryan", "Bigg", 28), Person.of("John", "Smith", 27),
            Person.of("Jane", "Smith", 26))
        .concatMap(repo::insert)
        .collectList()
        .block();
    results(people);
    note("inserted " + people.size() + " people");
    return people;
  }

  private void fetchingASingleRecord(Query<Person> first) {
    heading("Fetching a single record");
    note("Ecto.Query.first is an order by id and a limit of 1");
    prompt("Query<Person> first = Query.from(Person.class).orderBy(\"id\").limit(1)");
    prompt("repo.one(first)");
    result(repo.one(first).block().describe());
    note("and Ecto.Query.last orders by id descending");
    prompt("repo.one(Query.from(Person.class).orderBy(Order.desc(\"id\")).limit(1))");
    result(repo.one(Query.from(Person.class).orderBy(Order.desc("id")).limit(1)).block().describe());
    prompt("repo.one(Query.from(Person.class))");
    failure(repo.one(Query.from(Person.class)), FlectoException.class);
    prompt("repo.one(Query.from(Person.class).where(\"firstName\", \"Nobody\"))");
    result(optional(repo.one(Query.from(Person.class).where("firstName", "Nobody"))));
  }

  private void fetchingAllRecords() {
    heading("Fetching all records");
    prompt("repo.all(Person.class)");
    results(repo.all(Person.class).collectList().block());
  }

  private void fetchingById(Long id) {
    heading("Fetching a single record based on ID");
    prompt("repo.get(Person.class, " + id + "L)");
    result(repo.get(Person.class, id).block().describe());
    prompt("repo.get(Person.class, 999L)");
    result(optional(repo.get(Person.class, 999L)));
    prompt("repo.getOrFail(Person.class, 999L)");
    failure(repo.getOrFail(Person.class, 999L), FlectoException.class);
  }

  private void fetchingByAttribute() {
    heading("Fetching a single record based on a specific attribute");
    prompt("repo.getBy(Person.class, Map.of(\"firstName\", \"Ryan\"))");
    result(repo.getBy(Person.class, Map.of("firstName", "Ryan")).block().describe());
  }

  private void filteringResults() {
    heading("Filtering results");
    prompt("repo.all(Query.from(Person.class).where(\"lastName\", \"Smith\"))");
    results(repo.all(Query.from(Person.class).where("lastName", "Smith")).collectList().block());
    note("values always travel as bind parameters, so Java needs no ^pin: a variable works as it is");
    String lastName = "Smith";
    prompt("String lastName = \"Smith\"");
    prompt("repo.all(Query.from(Person.class).where(\"lastName\", lastName)).count()");
    result(repo.all(Query.from(Person.class).where("lastName", lastName)).count().block());
  }

  private void composingQueries() {
    heading("Composing queries");
    prompt("Query<Person> query = Query.from(Person.class).where(\"lastName\", \"Smith\")");
    Query<Person> query = Query.from(Person.class).where("lastName", "Smith");
    note("queries are immutable values: where returns a new query, so the first one can still be reused");
    prompt("query = query.where(\"firstName\", \"Jane\")");
    query = query.where("firstName", "Jane");
    prompt("query");
    result(query);
    prompt("repo.all(query)");
    results(repo.all(query).collectList().block());
  }

  private void orderingAndLimiting() {
    heading("Ordering and limiting");
    prompt("repo.all(Query.from(Person.class).where(\"lastName\", \"Smith\").orderBy(\"firstName\"))");
    results(repo.all(Query.from(Person.class).where("lastName", "Smith").orderBy("firstName")).collectList().block());
    prompt("repo.all(Query.from(Person.class).where(\"age\", Op.GE, 27).orderBy(Order.desc(\"age\")).limit(1))");
    results(repo.all(Query.from(Person.class).where("age", Op.GE, 27).orderBy(Order.desc("age")).limit(1))
        .collectList().block());
  }

  private Person updatingRecords(Query<Person> first) {
    heading("Updating records");
    prompt("Person person = repo.one(first).block()");
    Person person = repo.one(first).block();
    result(person.describe());
    prompt("Changeset<Person> changeset = Person.changeset(person, Map.of(\"age\", 29))");
    Changeset<Person> changeset = Person.changeset(person, Map.of("age", 29));
    prompt("changeset.changes()");
    result(changeset.changes());
    prompt("repo.update(changeset)");
    Person updated = repo.update(changeset).block();
    result(updated.describe());
    note("only age was written, and the Repo moved updatedAt from " + person.updatedAt() + " to "
        + updated.updatedAt());

    out.println();
    prompt("repo.update(Person.changeset(person, Map.of(\"firstName\", \"\")))");
    InvalidChangesetException refused = failure(repo.update(Person.changeset(person, Map.of("firstName", ""))),
        InvalidChangesetException.class);
    note("the exception carries the changeset, to hand its errors back to whoever sent the params");
    prompt("e.changeset().errorsByField()");
    result(refused.changeset().errorsByField());
    prompt("repo.reload(person)");
    result(repo.reload(person).block().describe());
    return updated;
  }

  private Outcome deletingRecords(Long id, Map<String, List<String>> blankErrors, List<Person> inserted,
      Person updated) {
    heading("Deleting records");
    prompt("person = repo.get(Person.class, " + id + "L).block()");
    Person person = repo.get(Person.class, id).block();
    prompt("repo.delete(person)");
    Person deleted = repo.delete(person).block();
    result(deleted.describe());
    prompt("repo.get(Person.class, " + id + "L)");
    Optional<Person> after = repo.get(Person.class, id).blockOptional();
    result(after.map(Person::describe).orElse("(empty)"));
    prompt("repo.delete(person)");
    failure(repo.delete(person), FlectoException.class);
    prompt("repo.all(Query.from(Person.class).orderBy(\"id\"))");
    List<Person> remaining = repo.all(Query.from(Person.class).orderBy("id")).collectList().block();
    results(remaining);
    return new Outcome(blankErrors, inserted, updated, deleted, after.isPresent(), remaining);
  }

  private void heading(String title) {
    step++;
    out.println();
    out.println("== " + step + ". " + title + " ==");
  }

  private void prompt(String code) {
    out.println("> " + code);
  }

  private void result(Object value) {
    out.println(value);
  }

  private void results(List<Person> people) {
    out.println("[");
    for (Person p : people) {
      out.println("  " + p.describe());
    }
    out.println("]");
  }

  private void note(String text) {
    out.println("# " + text);
  }

  private static String optional(Mono<Person> person) {
    return person.blockOptional().map(Person::describe).orElse("(empty)");
  }

  // Steps that are meant to fail print the exception the way the guide prints {:error, ...} tuples.
  private <E extends FlectoException> E failure(Mono<?> mono, Class<E> expected) {
    try {
      Object value = mono.block();
      throw new IllegalStateException("expected " + expected.getSimpleName() + " but the call succeeded with " + value);
    } catch (FlectoException e) {
      if (!expected.isInstance(e)) {
        throw e;
      }
      result("failed with " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return expected.cast(e);
    }
  }
}
