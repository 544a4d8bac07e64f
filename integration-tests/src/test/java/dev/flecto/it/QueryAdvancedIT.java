package dev.flecto.it;

import static dev.flecto.query.Exprs.ago;
import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.datetimeAdd;
import static dev.flecto.query.Exprs.exists;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static dev.flecto.query.Exprs.fromNow;
import static dev.flecto.query.Exprs.over;
import static dev.flecto.query.Exprs.parentAs;
import static dev.flecto.query.Exprs.rank;
import static dev.flecto.query.Exprs.rowNumber;
import static dev.flecto.query.Exprs.selected;
import static dev.flecto.query.Exprs.selectedAs;
import static dev.flecto.query.Exprs.splice;
import static dev.flecto.query.Exprs.subquery;
import static dev.flecto.query.Exprs.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.query.DateAdd;
import dev.flecto.query.Expr;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.query.Window;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Subqueries, combinations, windows, date arithmetic, selected names, splices and prefixes on PostgreSQL. */
@FlectoTest(migrations = "dev.flecto.it.migrations")
class QueryAdvancedIT {
  private static final Duration T = Duration.ofSeconds(10);

  private static void people(Repo repo) {
    Flux.just(Person.of("Ann", "Lee", 40), Person.of("Bob", "Lee", 20), Person.of("Cid", "Ray", 35), Person.of("Dee", "Lee", 30))
        .concatMap(repo::insert).blockLast(T);
  }

  @Test
  void subqueriesWithParentReferences(Repo repo) {
    people(repo);
    repo.insert(new Membership(1L, 1L, "x")).block(T);
    Query<String> olderThanAverage = Query.from(Person.class)
        .where(field("age").gt(subquery(Query.from(Person.class).select(dev.flecto.query.Exprs.avg(field("age")), BigDecimal.class))))
        .orderBy("firstName").select(field("firstName"), String.class);
    assertThat(repo.all(olderThanAverage).collectList().block(T)).containsExactly("Ann", "Cid");
    Query<String> sameLastNameAsAnOlder = Query.from(Person.class).as("p")
        .where(exists(Query.from(Person.class).where(field("lastName").eq(parentAs("p", "lastName")))
            .where(field("age").gt(parentAs("p", "age")))))
        .orderBy("firstName").select(field("firstName"), String.class);
    assertThat(repo.all(sameLastNameAsAnOlder).collectList().block(T)).containsExactly("Bob", "Dee");
    Query<String> lees = Query.from(Person.class)
        .where(field("lastName").in(Query.from(Person.class).where(field("age").lt(25)).select(field("lastName"), String.class)))
        .orderBy("firstName").select(field("firstName"), String.class);
    assertThat(repo.all(lees).collectList().block(T)).containsExactly("Ann", "Bob", "Dee");
  }

  @Test
  void combinations(Repo repo) {
    people(repo);
    Query<String> lees = Query.from(Person.class).where("lastName", "Lee").select(field("firstName"), String.class);
    Query<String> young = Query.from(Person.class).where(field("age").lt(35)).select(field("firstName"), String.class);
    assertThat(repo.all(lees.union(young)).collectList().block(T)).containsExactlyInAnyOrder("Ann", "Bob", "Dee");
    assertThat(repo.all(lees.unionAll(young)).collectList().block(T)).hasSize(5);
    assertThat(repo.all(lees.intersect(young)).collectList().block(T)).containsExactlyInAnyOrder("Bob", "Dee");
    assertThat(repo.all(lees.except(young)).collectList().block(T)).containsExactly("Ann");
  }

  @Test
  void windowFunctions(Repo repo) {
    people(repo);
    Map<String, Expr> cols = new LinkedHashMap<>();
    cols.put("name", field("firstName"));
    cols.put("rank", over(rank(), Window.partitionBy(field("lastName")).orderBy(Order.desc("age"))));
    cols.put("n", over(rowNumber(), "w"));
    cols.put("running", over(sum(field("age")), "w"));
    Query<Map<String, Object>> q = Query.from(Person.class).window("w", Window.ordered(Order.asc("age"))).select(cols)
        .orderBy(Order.asc("age"));
    List<Map<String, Object>> rows = repo.all(q).collectList().block(T);
    assertThat(rows).extracting(r -> r.get("name")).containsExactly("Bob", "Dee", "Cid", "Ann");
    assertThat(rows).extracting(r -> r.get("rank")).containsExactly(3L, 2L, 1L, 1L);
    assertThat(rows).extracting(r -> r.get("n")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(rows).extracting(r -> ((Number) r.get("running")).longValue()).containsExactly(20L, 50L, 85L, 125L);
  }

  @Test
  void dateArithmeticSelectedNamesSplicesAndPrefixes(Repo repo) {
    people(repo);
    assertThat(repo.aggregate(Query.from(Person.class).where(field("insertedAt").gt(ago(1, DateAdd.Unit.HOUR))), dev.flecto.query.Aggregate.COUNT)
        .block(T)).isEqualTo(4L);
    assertThat(repo.exists(Query.from(Person.class).where(datetimeAdd(field("insertedAt"), 2, DateAdd.Unit.DAY).lt(fromNow(1, DateAdd.Unit.DAY))))
        .block(T)).isFalse();
    Map<String, Expr> cols = new LinkedHashMap<>();
    cols.put("last", selectedAs(field("lastName"), "family"));
    cols.put("n", count());
    List<Map<String, Object>> families = repo.all(Query.from(Person.class).select(cols).groupBy(selected("family"))
        .orderBy(Order.desc(selected("family")))).collectList().block(T);
    assertThat(families).extracting(r -> r.get("last") + "=" + r.get("n")).containsExactly("Ray=1", "Lee=3");
    assertThat(repo.all(Query.from(Person.class).where(fragment("? IN (?)", field("firstName"), splice(List.of("Ann", "Cid"))))
        .orderBy("firstName").select(field("firstName"), String.class)).collectList().block(T)).containsExactly("Ann", "Cid");
    assertThat(repo.aggregate(Query.from(Person.class).prefix("public"), dev.flecto.query.Aggregate.COUNT).block(T)).isEqualTo(4L);
  }

  @Test
  void selectMergeFillsVirtualComponentsAndMaps(Repo repo) {
    repo.insert(new DefaultsDemo(null, "Hello", 3, "Lee", null, null, null)).block(T);
    DefaultsDemo read = repo.one(Query.from(DefaultsDemo.class)
        .selectMerge(Map.of("password", dev.flecto.query.Exprs.upper(field("title"))))).block(T);
    assertThat(read.password()).as("a @Virtual component computed in SQL").isEqualTo("HELLO");
    assertThat(read.title()).isEqualTo("Hello");
    Map<String, Expr> base = new LinkedHashMap<>();
    base.put("title", field("title"));
    Map<String, Object> row = repo.one(Query.from(DefaultsDemo.class).select(base)
        .selectMerge(Map.of("double", field("votes").times(2)))).block(T);
    assertThat(row).containsEntry("title", "Hello").containsEntry("double", 6);
  }
}
