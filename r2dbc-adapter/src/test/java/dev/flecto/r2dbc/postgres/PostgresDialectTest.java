package dev.flecto.r2dbc.postgres;

import static dev.flecto.query.Exprs.cast;
import static dev.flecto.query.Exprs.coalesce;
import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.countDistinct;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static dev.flecto.query.Exprs.lower;
import static dev.flecto.query.Exprs.max;
import static dev.flecto.query.Exprs.not;
import static dev.flecto.query.Exprs.or;
import static dev.flecto.query.Exprs.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.Planner;
import dev.flecto.query.Aggregate;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Op;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.schema.Column;
import dev.flecto.schema.Id;
import dev.flecto.schema.ReadOnly;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import dev.flecto.schema.Virtual;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact SQL of every construct the dialect compiles. */
class PostgresDialectTest {
  @Schema("people")
  public record Person(@Id Long id, String firstName, @Column("we\"ird") String weird, Integer age, @Virtual String note,
      @ReadOnly String slug) {}

  @Schema(value = "events", prefix = "audit")
  public record Event(@Id Long id, String kind) {}

  @Schema("memberships")
  public record Membership(@Id Long userId, @Id Long groupId, String role) {}

  @Schema("comments")
  public record Comment(@Id Long id, Long personId, String body, Integer votes) {}

  public record NameVotes(String name, Long votes) {}

  @Schema("authors")
  public record Author(@Id Long id, String name, @dev.flecto.schema.HasMany(foreignKey = "authorId") dev.flecto.schema.Assoc<List<Article>> articles) {}

  @Schema("articles")
  public record Article(@Id Long id, Long authorId, @dev.flecto.schema.BelongsTo dev.flecto.schema.Assoc<Author> author,
      @dev.flecto.schema.ManyToMany(joinTable = "articles_tags") dev.flecto.schema.Assoc<List<Event>> tags) {}

  private final PostgresDialect dialect = new PostgresDialect(16);
  private static final String COLS = "p0.\"id\", p0.\"first_name\", p0.\"we\"\"ird\", p0.\"age\", p0.\"slug\"";
  private static final String FROM = " FROM \"people\" AS p0";

  private String select(Query<?> q) {
    return dialect.select(Planner.plan(q).shape());
  }

  @Test
  void selectsEveryPersistedColumnQuotedAndAliased() {
    assertThat(select(Query.from(Person.class))).isEqualTo("SELECT " + COLS + FROM);
    assertThat(select(Query.from(Event.class))).isEqualTo("SELECT e0.\"id\", e0.\"kind\" FROM \"audit\".\"events\" AS e0");
  }

  @Test
  void comparisonsBindEveryValue() {
    assertThat(select(Query.from(Person.class).where("firstName", "x").where("age", Op.GE, 3).where("age", Op.LT, 9)
        .where("age", Op.NE, 5).where("age", Op.GT, 1).where("age", Op.LE, 8)))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE p0.\"first_name\" = $1 AND p0.\"age\" >= $2 AND p0.\"age\" < $3"
            + " AND p0.\"age\" <> $4 AND p0.\"age\" > $5 AND p0.\"age\" <= $6");
    assertThat(select(Query.from(Person.class).whereNull("age").where("firstName", "x").whereNotNull("weird")))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE p0.\"age\" IS NULL AND p0.\"first_name\" = $1 AND p0.\"we\"\"ird\" IS NOT NULL");
  }

  @Test
  void booleanTreesKeepTheirMeaning() {
    assertThat(select(Query.from(Person.class).where("age", 1).orWhere(field("age").eq(2)).where(field("firstName").eq("a"))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE (p0.\"age\" = $1 OR p0.\"age\" = $2) AND p0.\"first_name\" = $3");
    assertThat(select(Query.from(Person.class).where(or(field("age").eq(1), field("age").eq(2).and(field("weird").isNull())))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE p0.\"age\" = $1 OR (p0.\"age\" = $2 AND p0.\"we\"\"ird\" IS NULL)");
    assertThat(select(Query.from(Person.class).where(not(field("firstName").like("a%").or(field("firstName").ilike("%b"))))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE NOT (p0.\"first_name\" LIKE $1 OR p0.\"first_name\" ILIKE $2)");
  }

  @Test
  void arithmeticInFunctionsFragmentsAndCasts() {
    assertThat(select(Query.from(Person.class).where(field("age").plus(1).times(2).gt(field("age").minus(3).dividedBy(2)))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE ((p0.\"age\" + $1) * $2) > ((p0.\"age\" - $3) / $4)");
    assertThat(select(Query.from(Person.class).where(field("id").in(List.of(1, 2))).where(field("firstName").notIn(List.of("x")))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE p0.\"id\" = ANY($1) AND NOT (p0.\"first_name\" = ANY($2))");
    assertThat(select(Query.from(Person.class).where(fragment("lower(?) = lower(?)", field("firstName"), "Ann"))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE lower(p0.\"first_name\") = lower($1)");
    assertThat(select(Query.from(Person.class).where(lower(field("firstName")).eq("ann"))
        .where(coalesce(field("age"), 0).gt(cast(field("weird"), Integer.class)))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE lower(p0.\"first_name\") = $1 AND coalesce(p0.\"age\", $2) > CAST(p0.\"we\"\"ird\" AS integer)");
  }

  @Test
  void joinsOnConditionsWithTheirOwnAliases() {
    Query<Person> q = Query.from(Person.class).as("p")
        .join(Comment.class, "c", field("c", "personId").eq(field("p", "id")))
        .join(JoinKind.LEFT, Membership.class, "m", field("m", "userId").eq(field("p", "id")).and(field("m", "role").eq("admin")))
        .join(JoinKind.RIGHT, Event.class, "e", field("e", "id").eq(field("c", "id")))
        .join(JoinKind.FULL, Comment.class, "c2", field("c2", "id").eq(field("c", "id")))
        .join(JoinKind.CROSS, Event.class, "x", null)
        .where(field("c", "votes").gt(field("p", "age")));
    assertThat(select(q)).isEqualTo("SELECT " + COLS + FROM
        + " INNER JOIN \"comments\" AS c1 ON c1.\"person_id\" = p0.\"id\""
        + " LEFT OUTER JOIN \"memberships\" AS m2 ON m2.\"user_id\" = p0.\"id\" AND m2.\"role\" = $1"
        + " RIGHT OUTER JOIN \"audit\".\"events\" AS e3 ON e3.\"id\" = c1.\"id\""
        + " FULL OUTER JOIN \"comments\" AS c4 ON c4.\"id\" = c1.\"id\""
        + " CROSS JOIN \"audit\".\"events\" AS e5"
        + " WHERE c1.\"votes\" > p0.\"age\"");
    assertThat(select(q.selectBinding("c", Comment.class)))
        .startsWith("SELECT c1.\"id\", c1.\"person_id\", c1.\"body\", c1.\"votes\" FROM \"people\" AS p0 INNER JOIN");
  }

  @Test
  void selectionsGroupingAndHaving() {
    Query<Person> q = Query.from(Person.class).as("p").join(Comment.class, "c", field("c", "personId").eq(field("p", "id")));
    Map<String, dev.flecto.query.Expr> named = new LinkedHashMap<>();
    named.put("name", field("p", "firstName"));
    named.put("votes", sum(field("c", "votes")));
    assertThat(select(q.groupBy(field("p", "firstName")).having(count().gt(2)).orHaving(max(field("c", "votes")).ge(10))
        .select(named)))
        .isEqualTo("SELECT p0.\"first_name\", sum(c1.\"votes\")" + FROM + " INNER JOIN \"comments\" AS c1 ON c1.\"person_id\" = p0.\"id\""
            + " GROUP BY p0.\"first_name\" HAVING count(*) > $1 OR max(c1.\"votes\") >= $2");
    assertThat(select(q.select(NameVotes.class, field("p", "firstName"), countDistinct(field("c", "id")))))
        .startsWith("SELECT p0.\"first_name\", count(DISTINCT c1.\"id\") FROM");
    assertThat(select(Query.from(Person.class).select(field("age"), Integer.class)))
        .isEqualTo("SELECT p0.\"age\"" + FROM);
  }

  @Test
  void distinctOrderNullsPagingAndLocks() {
    assertThat(select(Query.from(Person.class).select(field("firstName"), String.class).distinct()))
        .isEqualTo("SELECT DISTINCT p0.\"first_name\"" + FROM);
    assertThat(select(Query.from(Person.class).distinctOn(field("firstName")).orderBy(Order.asc("firstName"), Order.desc("age").nullsLast())))
        .isEqualTo("SELECT DISTINCT ON (p0.\"first_name\") " + COLS + FROM + " ORDER BY p0.\"first_name\", p0.\"age\" DESC NULLS LAST");
    assertThat(select(Query.from(Person.class).where("age", 1).orderBy(Order.asc("age").nullsFirst()).limit(10).offset(5)))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE p0.\"age\" = $1 ORDER BY p0.\"age\" NULLS FIRST LIMIT $2 OFFSET $3");
    assertThat(select(Query.from(Person.class).offset(5))).isEqualTo("SELECT " + COLS + FROM + " OFFSET $1");
    assertThat(select(Query.from(Person.class).limit(1).lock("for update skip locked")))
        .isEqualTo("SELECT " + COLS + FROM + " LIMIT $1 FOR UPDATE SKIP LOCKED");
    assertThat(select(Query.from(Person.class).orderBy(Order.desc(count())).groupBy(field("age")).select(field("age"), Integer.class)))
        .isEqualTo("SELECT p0.\"age\"" + FROM + " GROUP BY p0.\"age\" ORDER BY count(*) DESC");
  }

  @Test
  void valuesAreCastToTheTypeTheyMeet() {
    PlannedQuery<Person> p = Planner.plan(Query.from(Person.class).as("p")
        .join(Comment.class, "c", field("c", "personId").eq(field("p", "id")))
        .where(field("c", "votes").plus("1").gt("10")).where(field("p", "id").in(List.of("1", "2"))));
    assertThat(p.params()).hasSize(3);
    assertThat(p.params().get(0)).isEqualTo(1);
    assertThat(p.params().get(1)).isEqualTo(10);
    assertThat((Long[]) p.params().get(2)).containsExactly(1L, 2L);
    assertThat(Planner.plan(Query.from(Person.class).where(cast(field("age"), BigDecimal.class).gt(1))).params())
        .as("a value compared with a cast takes the cast's type (Ecto's type/2)").containsExactly(new BigDecimal("1"));
  }

  @Test
  void insertsReturnEveryPersistedColumn() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    String returning = " RETURNING \"id\", \"first_name\", \"we\"\"ird\", \"age\", \"slug\"";
    assertThat(dialect.insert(meta, List.of(meta.field("firstName"), meta.field("age"))))
        .isEqualTo("INSERT INTO \"people\" (\"first_name\", \"age\") VALUES ($1, $2)" + returning);
    assertThat(dialect.insert(meta, List.of())).isEqualTo("INSERT INTO \"people\" DEFAULT VALUES" + returning);
  }

  @Test
  void eachSetOfInsertedColumnsIsAShapeOfItsOwnCachedOnce() {
    // Null fields are left out of an insert, so the columns written vary from record to record.
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    PostgresDialect fresh = new PostgresDialect(16);
    String both = fresh.insert(meta, List.of(meta.field("firstName"), meta.field("age")));
    String nameOnly = fresh.insert(meta, List.of(meta.field("firstName")));
    assertThat(nameOnly).startsWith("INSERT INTO \"people\" (\"first_name\") VALUES ($1) RETURNING");
    assertThat(fresh.insert(meta, new java.util.ArrayList<>(List.of(meta.field("firstName"), meta.field("age")))))
        .as("an equal set of columns finds the text compiled before").isSameAs(both);
    assertThat(fresh.insert(meta, List.of(meta.field("firstName")))).isSameAs(nameOnly);
  }

  @Test
  void updatesAndDeletesMatchTheWholeKeyAndOnlyARowItMatchesAlone() {
    SchemaMeta<Membership> meta = Schemas.of(Membership.class);
    assertThat(dialect.update(meta, List.of(meta.field("role")), meta.primaryKey(), List.of()))
        .isEqualTo("UPDATE \"memberships\" SET \"role\" = $1 WHERE \"user_id\" = $2 AND \"group_id\" = $3"
            + " AND (SELECT count(*) FROM \"memberships\" WHERE \"user_id\" = $2 AND \"group_id\" = $3) = 1");
    assertThat(dialect.delete(meta, meta.primaryKey()))
        .isEqualTo("DELETE FROM \"memberships\" WHERE \"user_id\" = $1 AND \"group_id\" = $2"
            + " AND (SELECT count(*) FROM \"memberships\" WHERE \"user_id\" = $1 AND \"group_id\" = $2) = 1");
    SchemaMeta<Event> events = Schemas.of(Event.class);
    assertThat(dialect.delete(events, events.primaryKey())).isEqualTo("DELETE FROM \"audit\".\"events\" WHERE \"id\" = $1"
        + " AND (SELECT count(*) FROM \"audit\".\"events\" WHERE \"id\" = $1) = 1");
  }

  @Test
  void updatesReturnOnlyTheColumnsAskedFor() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    assertThat(meta.readOnlyFields()).containsExactly(meta.field("slug"));
    assertThat(dialect.update(meta, List.of(meta.field("age")), meta.primaryKey(), meta.readOnlyFields()))
        .isEqualTo("UPDATE \"people\" SET \"age\" = $1 WHERE \"id\" = $2"
            + " AND (SELECT count(*) FROM \"people\" WHERE \"id\" = $2) = 1 RETURNING \"slug\"");
  }

  @Test
  void aggregatesOverTheConditionsOrOverThePage() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    var filtered = Planner.plan(Query.from(Person.class).where("age", Op.GT, 1).orderBy("id")).shape();
    assertThat(dialect.aggregate(filtered, Aggregate.COUNT, null))
        .isEqualTo("SELECT count(*)" + FROM + " WHERE p0.\"age\" > $1");
    assertThat(dialect.aggregate(filtered, Aggregate.SUM, meta.field("age")))
        .isEqualTo("SELECT sum(p0.\"age\")" + FROM + " WHERE p0.\"age\" > $1");
    var paged = Planner.plan(Query.from(Person.class).where("age", Op.GT, 1).orderBy("id").limit(10)).shape();
    assertThat(dialect.aggregate(paged, Aggregate.MAX, meta.field("age")))
        .isEqualTo("SELECT max(\"s\".\"age\") FROM (SELECT " + COLS + FROM
            + " WHERE p0.\"age\" > $1 ORDER BY p0.\"id\" LIMIT $2) AS \"s\"");
    assertThat(dialect.exists(filtered))
        .isEqualTo("SELECT EXISTS (SELECT " + COLS + FROM + " WHERE p0.\"age\" > $1 ORDER BY p0.\"id\")");
  }

  @Test
  void bulkUpdatesNumberTheirValuesAfterTheConditions() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    var planned = Planner.plan(Query.from(Person.class).where("firstName", "x").whereNull("weird"));
    var updates = Planner.planUpdates(meta, Updates.set("weird", "w").andInc("age", 2));
    assertThat(dialect.updateAll(planned.shape(), updates.shape(), planned.params().size()))
        .isEqualTo("UPDATE \"people\" AS p0 SET \"we\"\"ird\" = $2, \"age\" = p0.\"age\" + $3"
            + " WHERE p0.\"first_name\" = $1 AND p0.\"we\"\"ird\" IS NULL");
    assertThat(updates.params()).containsExactly("w", 2);
    assertThat(dialect.deleteAll(planned.shape()))
        .isEqualTo("DELETE FROM \"people\" AS p0 WHERE p0.\"first_name\" = $1 AND p0.\"we\"\"ird\" IS NULL");
    assertThat(dialect.deleteAll(Planner.plan(Query.from(Event.class)).shape())).isEqualTo("DELETE FROM \"audit\".\"events\" AS e0");
  }

  @Test
  void compiledSqlIsCachedPerShapeAndBounded() {
    PostgresDialect small = new PostgresDialect(2);
    String a = small.select(Planner.plan(Query.from(Person.class).where("age", 1)).shape());
    String b = small.select(Planner.plan(Query.from(Person.class).where("age", 2)).shape());
    assertThat(b).isSameAs(a);
    small.select(Planner.plan(Query.from(Person.class).where("firstName", "x")).shape());
    small.select(Planner.plan(Query.from(Person.class).where("id", 1)).shape());
    String again = small.select(Planner.plan(Query.from(Person.class).where("age", 3)).shape());
    assertThat(again).as("evicted, compiled again").isEqualTo(a).isNotSameAs(a);
  }

  @Test
  void subqueriesExistsAndParentReferences() {
    Query<Person> withComments = Query.from(Person.class).as("p")
        .where(dev.flecto.query.Exprs.exists(Query.from(Comment.class)
            .where(field("personId").eq(dev.flecto.query.Exprs.parentAs("p", "id"))).where(field("votes").gt(5))));
    assertThat(select(withComments)).isEqualTo("SELECT " + COLS + FROM
        + " WHERE EXISTS (SELECT sc0.\"id\", sc0.\"person_id\", sc0.\"body\", sc0.\"votes\" FROM \"comments\" AS sc0"
        + " WHERE sc0.\"person_id\" = p0.\"id\" AND sc0.\"votes\" > $1)");
    Query<Person> inSub = Query.from(Person.class).where(field("id").in(
        Query.from(Comment.class).where(field("votes").ge(10)).select(field("personId"), Long.class).limit(3)))
        .where(field("age").gt(dev.flecto.query.Exprs.subquery(
            Query.from(Person.class).select(dev.flecto.query.Exprs.avg(field("age")), BigDecimal.class))));
    assertThat(select(inSub)).isEqualTo("SELECT " + COLS + FROM
        + " WHERE p0.\"id\" IN (SELECT sc0.\"person_id\" FROM \"comments\" AS sc0 WHERE sc0.\"votes\" >= $1 LIMIT $2)"
        + " AND p0.\"age\" > (SELECT avg(sp0.\"age\") FROM \"people\" AS sp0)");
    PlannedQuery<Person> planned = Planner.plan(inSub);
    assertThat(planned.params()).containsExactly(10, 3L);
  }

  @Test
  void combinationsComeBeforeTheCombinedOrderAndLimit() {
    Query<String> names = Query.from(Person.class).select(field("firstName"), String.class).where(field("age").gt(30));
    Query<String> bodies = Query.from(Comment.class).select(field("body"), String.class);
    assertThat(select(names.union(bodies).unionAll(bodies).limit(5))).isEqualTo("SELECT p0.\"first_name\"" + FROM
        + " WHERE p0.\"age\" > $1 UNION (SELECT c0.\"body\" FROM \"comments\" AS c0)"
        + " UNION ALL (SELECT c0.\"body\" FROM \"comments\" AS c0) LIMIT $2");
    assertThat(select(names.intersect(bodies).intersectAll(bodies).except(bodies).exceptAll(bodies.where(field("votes").eq(1)))))
        .isEqualTo("SELECT p0.\"first_name\"" + FROM + " WHERE p0.\"age\" > $1 INTERSECT (SELECT c0.\"body\" FROM \"comments\" AS c0)"
            + " INTERSECT ALL (SELECT c0.\"body\" FROM \"comments\" AS c0) EXCEPT (SELECT c0.\"body\" FROM \"comments\" AS c0)"
            + " EXCEPT ALL (SELECT c0.\"body\" FROM \"comments\" AS c0 WHERE c0.\"votes\" = $2)");
  }

  @Test
  void windowFunctionsInlineAndNamed() {
    dev.flecto.query.Window byPerson = dev.flecto.query.Window.partitionBy(field("personId")).orderBy(Order.desc("votes"));
    Map<String, dev.flecto.query.Expr> cols = new LinkedHashMap<>();
    cols.put("id", field("id"));
    cols.put("n", dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.rowNumber(), byPerson));
    cols.put("r", dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.rank(), "w"));
    cols.put("d", dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.denseRank(), "w"));
    cols.put("prev", dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.lag(field("votes"), 1), "w"));
    cols.put("next", dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.lead(field("votes"), 2), "w"));
    cols.put("top", dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.firstValue(field("body")), "w"));
    cols.put("low", dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.lastValue(field("body")), "w"));
    cols.put("second", dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.nthValue(field("body"), 2), "w"));
    cols.put("running", dev.flecto.query.Exprs.over(sum(field("votes")),
        dev.flecto.query.Window.ordered(Order.asc("id")).frame(fragment("ROWS BETWEEN 1 PRECEDING AND CURRENT ROW"))));
    Query<Map<String, Object>> q = Query.from(Comment.class)
        .window("w", dev.flecto.query.Window.partitionBy(field("personId"))).select(cols);
    assertThat(select(q)).isEqualTo("SELECT c0.\"id\", row_number() OVER (PARTITION BY c0.\"person_id\" ORDER BY c0.\"votes\" DESC),"
        + " rank() OVER \"w\", dense_rank() OVER \"w\", lag(c0.\"votes\", $1) OVER \"w\", lead(c0.\"votes\", $2) OVER \"w\","
        + " first_value(c0.\"body\") OVER \"w\", last_value(c0.\"body\") OVER \"w\", nth_value(c0.\"body\", $3) OVER \"w\","
        + " sum(c0.\"votes\") OVER (ORDER BY c0.\"id\" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
        + " FROM \"comments\" AS c0 WINDOW \"w\" AS (PARTITION BY c0.\"person_id\")");
  }

  @Test
  void misuseFailsWhenPlanned() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Comment.class)
            .select(dev.flecto.query.Exprs.rowNumber(), Long.class)))
        .hasMessageContaining("row_number() in select needs a window");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Comment.class)
            .select(dev.flecto.query.Exprs.over(dev.flecto.query.Exprs.rank(), "nope"), Long.class)))
        .hasMessageContaining("window 'nope' in select is not defined");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Comment.class)
            .where(field("id").eq(dev.flecto.query.Exprs.parentAs("p", "id")))))
        .hasMessageContaining("is outside a subquery");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).where(field("id").in(Query.from(Comment.class)))))
        .hasMessageContaining("must select one expression");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).as("p")
            .where(dev.flecto.query.Exprs.exists(Query.from(Comment.class).where(field("personId").eq(dev.flecto.query.Exprs.parentAs("q", "id")))))))
        .hasMessageContaining("binding 'q'");
  }

  @Test
  void dateArithmeticSelectedNamesSplicesAndPrefixes() {
    assertThat(select(Query.from(Person.class).where(dev.flecto.query.Exprs.datetimeAdd(field("age"), 3, dev.flecto.query.DateAdd.Unit.DAY)
        .gt(dev.flecto.query.Exprs.ago(2, dev.flecto.query.DateAdd.Unit.HOUR)))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE (p0.\"age\" + (CAST($1 AS numeric) * interval '1 day'))"
            + " > ($2 + (CAST($3 AS numeric) * interval '1 hour'))");
    assertThat(select(Query.from(Person.class).select(dev.flecto.query.Exprs.dateAdd(field("age"), field("age"), dev.flecto.query.DateAdd.Unit.WEEK), Object.class)))
        .isEqualTo("SELECT CAST((p0.\"age\" + (CAST(p0.\"age\" AS numeric) * interval '1 week')) AS date)" + FROM);
    Map<String, dev.flecto.query.Expr> cols = new LinkedHashMap<>();
    cols.put("age", dev.flecto.query.Exprs.selectedAs(field("age"), "years"));
    cols.put("n", count());
    assertThat(select(Query.from(Person.class).select(cols).groupBy(dev.flecto.query.Exprs.selected("years"))
        .orderBy(Order.desc(dev.flecto.query.Exprs.selected("years")))))
        .isEqualTo("SELECT p0.\"age\" AS \"years\", count(*)" + FROM + " GROUP BY \"years\" ORDER BY \"years\" DESC");
    assertThat(select(Query.from(Person.class).where(fragment("? IN (?)", field("id"), dev.flecto.query.Exprs.splice(List.of(1, 2, 3))))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE p0.\"id\" IN ($1, $2, $3)");
    assertThat(select(Query.from(Person.class).prefix("tenant_1").join(Event.class, "e", field("e", "id").eq(field("id")))))
        .isEqualTo("SELECT " + COLS + " FROM \"tenant_1\".\"people\" AS p0 INNER JOIN \"audit\".\"events\" AS e1 ON e1.\"id\" = p0.\"id\"");
    assertThat(dialect.deleteAll(Planner.plan(Query.from(Person.class).prefix("t2")).shape())).isEqualTo("DELETE FROM \"t2\".\"people\" AS p0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).orderBy(Order.asc(dev.flecto.query.Exprs.selected("nope")))))
        .hasMessageContaining("selected(\"nope\") in order by names nothing the select names");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).where(dev.flecto.query.Exprs.selectedAs(field("age"), "a").eq(1))))
        .hasMessageContaining("belongs in select");
  }

  @Test
  void subqueryTableAndCteSourcesAndLateralJoins() {
    Query<Person> adults = Query.from(Person.class).where(field("age").ge(18));
    assertThat(select(Query.from(adults).where(field("firstName").eq("Ann"))))
        .isEqualTo("SELECT s0.\"id\", s0.\"first_name\", s0.\"we\"\"ird\", s0.\"age\", s0.\"slug\" FROM (SELECT " + COLS.replace("p0.", "sp0.")
            + " FROM \"people\" AS sp0 WHERE sp0.\"age\" >= $1) AS s0 WHERE s0.\"first_name\" = $2");
    Map<String, dev.flecto.query.Expr> named = new LinkedHashMap<>();
    named.put("who", field("firstName"));
    named.put("n", count());
    Query<Map<String, Object>> perName = Query.from(Person.class).groupBy(field("firstName")).select(named);
    assertThat(select(Query.from(perName).where(field("n").gt(1)).select(field("who"), String.class)))
        .isEqualTo("SELECT s0.\"who\" FROM (SELECT sp0.\"first_name\" AS \"who\", count(*) AS \"n\" FROM \"people\" AS sp0"
            + " GROUP BY sp0.\"first_name\") AS s0 WHERE s0.\"n\" > $1");
    assertThat(select(Query.from(Person.class).where(fragment("? \\? 'key' AND ?", field("firstName"), true))))
        .isEqualTo("SELECT " + COLS + FROM + " WHERE p0.\"first_name\" ? 'key' AND $1");
    assertThat(select(Query.fromTable("audit_log").where(field("kind").eq("login")).select(field("id"), Long.class).prefix("t1")))
        .isEqualTo("SELECT a0.\"id\" FROM \"t1\".\"audit_log\" AS a0 WHERE a0.\"kind\" = $1");
    Query<Comment> tree = Query.from(Comment.class, "tree")
        .withCte("tree", Query.from(Comment.class).whereNull("personId")
            .unionAll(Query.from(Comment.class).as("c").join(Comment.class, "t", field("t", "id").eq(field("c", "personId")))
                .selectBinding("c", Comment.class)))
        .recursiveCtes(true);
    assertThat(select(tree)).isEqualTo("WITH RECURSIVE \"tree\" AS (SELECT c0.\"id\", c0.\"person_id\", c0.\"body\", c0.\"votes\""
        + " FROM \"comments\" AS c0 WHERE c0.\"person_id\" IS NULL UNION ALL (SELECT c0.\"id\", c0.\"person_id\", c0.\"body\", c0.\"votes\""
        + " FROM \"comments\" AS c0 INNER JOIN \"comments\" AS c1 ON c1.\"id\" = c0.\"person_id\"))"
        + " SELECT t0.\"id\", t0.\"person_id\", t0.\"body\", t0.\"votes\" FROM \"tree\" AS t0");
    Query<Comment> latest = Query.from(Comment.class).where(field("personId").eq(dev.flecto.query.Exprs.parentAs("p", "id")))
        .orderBy(Order.desc("id")).limit(1);
    assertThat(select(Query.from(Person.class).as("p").join(JoinKind.LEFT_LATERAL, new dev.flecto.query.Source.Subquery(latest), "c",
        dev.flecto.query.Exprs.param(true).eq(true)).select(field("c", "body"), String.class)))
        .isEqualTo("SELECT s1.\"body\" FROM \"people\" AS p0 LEFT OUTER JOIN LATERAL (SELECT sc0.\"id\", sc0.\"person_id\", sc0.\"body\","
            + " sc0.\"votes\" FROM \"comments\" AS sc0 WHERE sc0.\"person_id\" = p0.\"id\" ORDER BY sc0.\"id\" DESC LIMIT $1) AS s1 ON $2 = $3");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.fromTable("audit_log")))
        .hasMessageContaining("has no schema, so it needs a select");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(adults).where(field("nope").eq(1))))
        .hasMessageContaining("field 'nope' in where does not exist in subquery");
  }

  @Test
  void aggregatesWithFilters() {
    Map<String, dev.flecto.query.Expr> cols = new LinkedHashMap<>();
    cols.put("adults", count().filter(field("age").ge(18)));
    cols.put("votes", sum(field("age")).filter(field("firstName").like("A%")));
    assertThat(select(Query.from(Person.class).select(cols)))
        .isEqualTo("SELECT count(*) FILTER (WHERE p0.\"age\" >= $1), sum(p0.\"age\") FILTER (WHERE p0.\"first_name\" LIKE $2)" + FROM);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> lower(field("firstName")).filter(field("age").gt(1)))
        .hasMessageContaining("lower is not an aggregate");
  }

  @Test
  void selectMergeAppendsComputedComponents() {
    assertThat(select(Query.from(Person.class).selectMerge(Map.of("note", lower(field("firstName"))))))
        .isEqualTo("SELECT " + COLS + ", lower(p0.\"first_name\")" + FROM);
    Map<String, dev.flecto.query.Expr> base = new LinkedHashMap<>();
    base.put("a", field("age"));
    assertThat(select(Query.from(Person.class).select(base).selectMerge(Map.of("b", count()))))
        .isEqualTo("SELECT p0.\"age\", count(*)" + FROM);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).selectMerge(Map.of("nope", count()))))
        .hasMessageContaining("selectMerge names 'nope', which is not a component");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Query.from(Person.class).select(field("age"), Integer.class)
        .selectMerge(Map.of("x", count()))).hasMessageContaining("merges into a record or a map");
  }

  @Test
  void valuesListsAreCastAndNamed() {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    types.put("id", Long.class);
    types.put("label", String.class);
    Query<Map<String, Object>> v = Query.fromValues(List.of(Map.of("id", 1L, "label", "a"), Map.of("id", "2", "label", "b")), types)
        .as("v").join(Person.class, "p", field("p", "id").eq(field("v", "id")));
    assertThat(select(v)).isEqualTo("SELECT v0.\"id\", v0.\"label\" FROM (VALUES (CAST($1 AS bigint), CAST($2 AS text)),"
        + " (CAST($3 AS bigint), CAST($4 AS text))) AS v0 (\"id\", \"label\") INNER JOIN \"people\" AS p1 ON p1.\"id\" = v0.\"id\"");
    assertThat(Planner.plan(v).params()).containsExactly(1L, "a", 2L, "b");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Query.fromValues(List.of(Map.of("id", 1L)), types))
        .hasMessageContaining("does not have exactly the columns");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.fromValues(List.of(Map.of("id", "x", "label", "a")), types)))
        .hasMessageContaining("values column 'id' cannot cast \"x\" to Long");
  }

  @Test
  void sourcePrefixesWinOverSchemaAndQueryPrefixes() {
    assertThat(select(Query.from(Event.class).sourcePrefix("archive").prefix("t1")
        .join(JoinKind.INNER, new dev.flecto.query.Source.Schema(Person.class, null, "other"), "p", field("p", "id").eq(field("id")))
        .join(Comment.class, "c", field("c", "id").eq(field("id")))))
        .isEqualTo("SELECT e0.\"id\", e0.\"kind\" FROM \"archive\".\"events\" AS e0 INNER JOIN \"other\".\"people\" AS p1"
            + " ON p1.\"id\" = e0.\"id\" INNER JOIN \"t1\".\"comments\" AS c2 ON c2.\"id\" = e0.\"id\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Query.fromTable("x").sourcePrefix("y"))
        .hasMessageContaining("sourcePrefix applies to a schema source");
  }

  @Test
  void jsonPathsBindTheirPath() {
    var q = Query.from(Person.class).where(dev.flecto.query.Exprs.jsonText(field("firstName"), "a", 0).eq("x"))
        .select(dev.flecto.query.Exprs.jsonPath(field("firstName"), "b"), Object.class);
    assertThat(select(q)).isEqualTo("SELECT (p0.\"first_name\" #> $3)" + FROM + " WHERE (p0.\"first_name\" #>> $1) = $2");
    var params = Planner.plan(q).params();
    assertThat((String[]) params.get(0)).containsExactly("a", "0");
    assertThat(params.get(1)).isEqualTo("x");
    assertThat((String[]) params.get(2)).containsExactly("b");
  }

  @Test
  void joinsThroughAssociations() {
    assertThat(select(Query.from(Author.class).as("a").joinAssoc(JoinKind.LEFT, "a", "articles", "r")))
        .isEqualTo("SELECT a0.\"id\", a0.\"name\" FROM \"authors\" AS a0 LEFT OUTER JOIN \"articles\" AS a1 ON a1.\"author_id\" = a0.\"id\"");
    assertThat(select(Query.from(Article.class).joinAssoc(JoinKind.INNER, null, "author", "w", field("w", "name").eq("Ann"))))
        .isEqualTo("SELECT a0.\"id\", a0.\"author_id\" FROM \"articles\" AS a0 INNER JOIN \"authors\" AS a1"
            + " ON a1.\"id\" = a0.\"author_id\" AND a1.\"name\" = $1");
    assertThat(select(Query.from(Article.class).as("r").joinAssoc(JoinKind.INNER, "r", "tags", "t").where(field("t", "kind").eq("x"))))
        .isEqualTo("SELECT a0.\"id\", a0.\"author_id\" FROM \"articles\" AS a0"
            + " INNER JOIN \"articles_tags\" AS a1 ON a1.\"article_id\" = a0.\"id\""
            + " INNER JOIN \"audit\".\"events\" AS e2 ON e2.\"id\" = a1.\"event_id\" WHERE e2.\"kind\" = $1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Author.class).joinAssoc(JoinKind.INNER, null, "nope", "x")))
        .hasMessageContaining("association 'nope' in join x does not exist").hasMessageContaining("[articles]");
  }

  @Test
  void positionalBindings() {
    assertThat(select(Query.from(Person.class).join(Comment.class, "c", field(1, "personId").eq(field(0, "id")))
        .where(field(1, "votes").gt(field(0, "age")))))
        .isEqualTo("SELECT " + COLS + FROM + " INNER JOIN \"comments\" AS c1 ON c1.\"person_id\" = p0.\"id\" WHERE c1.\"votes\" > p0.\"age\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).where(field(2, "age").eq(1))))
        .hasMessageContaining("binding position 2 in where does not exist");
  }

  @Test
  void theQueryPrefixReachesNestedQueries() {
    Query<Person> q = Query.from(Person.class).prefix("t9")
        .where(field("id").in(Query.from(Comment.class).select(field("personId"), Long.class)))
        .union(Query.from(Person.class));
    assertThat(select(q)).isEqualTo("SELECT " + COLS + " FROM \"t9\".\"people\" AS p0 WHERE p0.\"id\" IN"
        + " (SELECT sc0.\"person_id\" FROM \"t9\".\"comments\" AS sc0) UNION (SELECT " + COLS + " FROM \"t9\".\"people\" AS p0)");
  }

  @Test
  void aPrefixPutOnAPlannedTopQueryReachesItsNestedQueries() {
    // A default prefix (a tenant's) is put on the top query after planning: the compiler hands it down.
    Query<Person> q = Query.from(Person.class)
        .where(field("id").in(Query.from(Comment.class).select(field("personId"), Long.class)))
        .union(Query.from(Person.class));
    dev.flecto.planner.QueryShape shape = Planner.plan(q).shape();
    dev.flecto.planner.QueryShape prefixed = new dev.flecto.planner.QueryShape(shape.query().prefix("t9"), shape.sources(),
        shape.limitParam(), shape.offsetParam());
    assertThat(dialect.select(prefixed)).isEqualTo(select(q.prefix("t9")));
    assertThat(dialect.select(shape)).as("without it, the search path").doesNotContain("t9");
  }
}
