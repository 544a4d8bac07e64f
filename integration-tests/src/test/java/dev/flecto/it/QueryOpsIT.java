package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.QueryException;
import dev.flecto.adapter.SqlStatement;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Op;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Repo.aggregate, exists, deleteAll, updateAll and toSql on PostgreSQL. */
@FlectoTest(migrations = "dev.flecto.it.migrations")
class QueryOpsIT {
  private static final Duration T = Duration.ofSeconds(10);

  private static void people(Repo repo) {
    Flux.just(Person.of("Ann", "Lee", 40), Person.of("Bob", "Lee", 20), Person.of("Cid", "Ray", null), Person.of("Dee", "Lee", 30))
        .concatMap(repo::insert).blockLast(T);
  }

  @Test
  void aggregatesOverConditionsAndPages(Repo repo) {
    people(repo);
    Query<Person> lees = Query.from(Person.class).where("lastName", "Lee");
    assertThat(repo.aggregate(Query.from(Person.class), Aggregate.COUNT).block(T)).isEqualTo(4L);
    assertThat(repo.aggregate(Query.from(Person.class), Aggregate.COUNT, "age", Long.class).block(T)).as("non-null ages").isEqualTo(3L);
    assertThat(repo.aggregate(lees, Aggregate.SUM, "age", Long.class).block(T)).isEqualTo(90L);
    assertThat(repo.aggregate(lees, Aggregate.AVG, "age", BigDecimal.class).block(T)).isEqualByComparingTo("30");
    assertThat(repo.aggregate(lees, Aggregate.MIN, "age", Integer.class).block(T)).isEqualTo(20);
    assertThat(repo.aggregate(lees.orderBy("age").limit(2), Aggregate.MAX, "age", Integer.class).block(T))
        .as("over the page: the two youngest").isEqualTo(30);
    Instant newest = repo.aggregate(Query.from(Person.class), Aggregate.MAX, "insertedAt", Instant.class).block(T);
    assertThat(newest).isEqualTo(repo.all(Query.from(Person.class).where("firstName", "Dee")).blockFirst(T).insertedAt());
    repo.aggregate(Query.from(Person.class).where("lastName", "Nobody"), Aggregate.SUM, "age", Long.class)
        .as(StepVerifier::create).verifyComplete();
    assertThat(repo.aggregate(Query.from(Person.class).where("lastName", "Nobody"), Aggregate.COUNT).block(T)).isZero();
    repo.aggregate(lees, Aggregate.AVG, "age", Long.class).as(StepVerifier::create).expectNext(30L).verifyComplete();
  }

  @Test
  void aggregateErrorsNameTheFieldAndKind(Repo repo) {
    repo.aggregate(Query.from(Person.class), Aggregate.SUM).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining("SUM needs a field"))
        .verify(T);
    repo.aggregate(Query.from(Person.class), Aggregate.MAX, "agee", Integer.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("field 'agee' in aggregate does not exist in schema Person"))
        .verify(T);
    people(repo);
    repo.aggregate(Query.from(Person.class), Aggregate.MAX, "firstName", Integer.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("MAX of field 'firstName' gave Dee (String), which cannot be read as Integer"))
        .verify(T);
  }

  @Test
  void existsAnswersWithoutReadingRows(Repo repo) {
    assertThat(repo.exists(Query.from(Person.class)).block(T)).isFalse();
    people(repo);
    assertThat(repo.exists(Query.from(Person.class).where("lastName", "Ray")).block(T)).isTrue();
    assertThat(repo.exists(Query.from(Person.class).where("age", Op.GT, 100)).block(T)).isFalse();
    assertThat(repo.exists(Query.from(Person.class).orderBy("id").offset(4)).block(T)).isFalse();
  }

  @Test
  void updateAllSetsAndIncrementsMatchingRowsOnly(Repo repo) {
    people(repo);
    long n = repo.updateAll(Query.from(Person.class).where("lastName", "Lee").whereNotNull("age"),
        Updates.inc("age", 1).andSet("lastName", "Leigh")).block(T);
    assertThat(n).isEqualTo(3L);
    assertThat(repo.all(Query.from(Person.class).orderBy("firstName")).map(p -> p.firstName() + " " + p.lastName() + " " + p.age())
        .collectList().block(T)).containsExactly("Ann Leigh 41", "Bob Leigh 21", "Cid Ray null", "Dee Leigh 31");
    assertThat(repo.updateAll(Query.from(Person.class).where("firstName", "Cid"), Updates.set("age", null)).block(T)).isEqualTo(1L);
    assertThat(repo.updateAll(Query.from(Person.class).where("firstName", "Nobody"), Updates.set("age", "5")).block(T)).isZero();
  }

  @Test
  void deleteAllRemovesMatchingRowsOnly(Repo repo) {
    people(repo);
    assertThat(repo.deleteAll(Query.from(Person.class).where("age", Op.LT, 35)).block(T)).isEqualTo(2L);
    assertThat(repo.all(Query.from(Person.class).orderBy("firstName")).map(Person::firstName).collectList().block(T))
        .containsExactly("Ann", "Cid");
    assertThat(repo.deleteAll(Query.from(Person.class)).block(T)).isEqualTo(2L);
  }

  @Test
  void bulkOperationsRefuseWhatPostgresCannotDo(Repo repo) {
    people(repo);
    repo.deleteAll(Query.from(Person.class).limit(1)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("deleteAll takes a query with conditions only"))
        .verify(T);
    repo.updateAll(Query.from(Person.class), Updates.inc("firstName", 1)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("inc on field 'firstName'").hasMessageContaining("needs a number field"))
        .verify(T);
    repo.updateAll(Query.from(Person.class), Updates.set("agee", 1)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("field 'agee' in updateAll does not exist"))
        .verify(T);
    repo.updateAll(Query.from(Person.class), Updates.set("age", "old")).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("value \"old\" in updateAll cannot be cast to Integer"))
        .verify(T);
    assertThat(repo.aggregate(Query.from(Person.class), Aggregate.COUNT).block(T)).as("nothing changed").isEqualTo(4L);
  }

  @Test
  void toSqlShowsTheStatementAndItsParameters(Repo repo) {
    SqlStatement sql = repo.toSql(Query.from(Person.class).where("age", "28").orderBy("id").limit(5));
    assertThat(sql.text()).isEqualTo("SELECT p0.\"id\", p0.\"first_name\", p0.\"last_name\", p0.\"age\", p0.\"inserted_at\", "
        + "p0.\"updated_at\" FROM \"people\" AS p0 WHERE p0.\"age\" = $1 ORDER BY p0.\"id\" LIMIT $2");
    assertThat(sql.params()).isEqualTo(List.of(28, 5L));
    assertThatThrownBy(() -> repo.toSql(Query.from(Person.class).where("agee", 1))).isInstanceOf(QueryException.class);
  }

  @Test
  void firstLastAndGetByOnAQuery(Repo repo) {
    people(repo);
    Query<Person> lees = Query.from(Person.class).where("lastName", "Lee");
    assertThat(repo.one(lees.first()).block(T).firstName()).isEqualTo("Ann");
    assertThat(repo.one(lees.last()).block(T).firstName()).isEqualTo("Dee");
    assertThat(repo.one(lees.orderBy("age").last()).block(T).firstName()).isEqualTo("Ann");
    assertThat(repo.getBy(lees, java.util.Map.of("age", 20)).block(T).firstName()).isEqualTo("Bob");
    repo.getBy(lees, java.util.Map.of("firstName", "Cid")).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void bulkWritesCanReturnTheRowsTheyChanged(Repo repo) {
    people(repo);
    List<String> renamed = repo.updateAllReturning(Query.from(Person.class).where("lastName", "Lee").whereNotNull("age")
        .select(dev.flecto.query.Exprs.field("firstName"), String.class), Updates.set("lastName", "Leigh")).collectList().block(T);
    assertThat(renamed).containsExactlyInAnyOrder("Ann", "Bob", "Dee");
    List<Person> older = repo.updateAllReturning(Query.from(Person.class).where("firstName", "Ann"), Updates.inc("age", 1))
        .collectList().block(T);
    assertThat(older).singleElement().satisfies(p -> assertThat(p.age()).isEqualTo(41));
    List<Person> gone = repo.deleteAllReturning(Query.from(Person.class).where("lastName", "Leigh")).collectList().block(T);
    assertThat(gone).extracting(Person::firstName).containsExactlyInAnyOrder("Ann", "Bob", "Dee");
    assertThat(repo.all(Person.class).map(Person::firstName).collectList().block(T)).containsExactly("Cid");
  }
}
