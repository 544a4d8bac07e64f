package dev.flecto.r2dbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.planner.Planner;
import dev.flecto.query.Op;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.schema.Column;
import dev.flecto.schema.Id;
import dev.flecto.schema.ReadOnly;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import dev.flecto.schema.Virtual;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {
  @Schema("people")
  public record Person(@Id Long id, String firstName, @Column("we\"ird") String weird, Integer age, @Virtual String note,
      @ReadOnly String slug) {}

  @Schema(value = "events", prefix = "audit")
  public record Event(@Id Long id, String kind) {}

  @Schema("memberships")
  public record Membership(@Id Long userId, @Id Long groupId, String role) {}

  private final PostgresDialect dialect = new PostgresDialect(16);
  private static final String COLS = "\"id\", \"first_name\", \"we\"\"ird\", \"age\", \"slug\"";

  private String select(Query<?> q) {
    return dialect.select(Planner.plan(q).shape());
  }

  @Test
  void selectsEveryPersistedColumnQuoted() {
    assertThat(select(Query.from(Person.class))).isEqualTo("SELECT " + COLS + " FROM \"people\"");
    assertThat(select(Query.from(Event.class))).isEqualTo("SELECT \"id\", \"kind\" FROM \"audit\".\"events\"");
  }

  @Test
  void whereClausesBindEveryValue() {
    assertThat(select(Query.from(Person.class).where("firstName", "x").where("age", Op.GE, 3).where("age", Op.LT, 9)
        .where("age", Op.NE, 5).where("age", Op.GT, 1).where("age", Op.LE, 8)))
        .isEqualTo("SELECT " + COLS + " FROM \"people\" WHERE \"first_name\" = $1 AND \"age\" >= $2 AND \"age\" < $3"
            + " AND \"age\" <> $4 AND \"age\" > $5 AND \"age\" <= $6");
    assertThat(select(Query.from(Person.class).whereNull("age").where("firstName", "x").whereNotNull("weird")))
        .isEqualTo("SELECT " + COLS + " FROM \"people\" WHERE \"age\" IS NULL AND \"first_name\" = $1 AND \"we\"\"ird\" IS NOT NULL");
  }

  @Test
  void orderLimitAndOffsetAreParameters() {
    assertThat(select(Query.from(Person.class).where("age", 1).orderBy("age").orderBy(Order.desc("id")).limit(10).offset(5)))
        .isEqualTo("SELECT " + COLS + " FROM \"people\" WHERE \"age\" = $1 ORDER BY \"age\", \"id\" DESC LIMIT $2 OFFSET $3");
    assertThat(select(Query.from(Person.class).offset(5))).isEqualTo("SELECT " + COLS + " FROM \"people\" OFFSET $1");
  }

  @Test
  void insertsReturnEveryPersistedColumn() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    assertThat(dialect.insert(meta, List.of(meta.field("firstName"), meta.field("age"))))
        .isEqualTo("INSERT INTO \"people\" (\"first_name\", \"age\") VALUES ($1, $2) RETURNING " + COLS);
    assertThat(dialect.insert(meta, List.of())).isEqualTo("INSERT INTO \"people\" DEFAULT VALUES RETURNING " + COLS);
  }

  @Test
  void updatesAndDeletesMatchTheWholeKey() {
    SchemaMeta<Membership> meta = Schemas.of(Membership.class);
    assertThat(dialect.update(meta, List.of(meta.field("role")), meta.primaryKey()))
        .isEqualTo("UPDATE \"memberships\" SET \"role\" = $1 WHERE \"user_id\" = $2 AND \"group_id\" = $3"
            + " RETURNING \"user_id\", \"group_id\", \"role\"");
    assertThat(dialect.delete(meta, meta.primaryKey()))
        .isEqualTo("DELETE FROM \"memberships\" WHERE \"user_id\" = $1 AND \"group_id\" = $2");
    SchemaMeta<Event> events = Schemas.of(Event.class);
    assertThat(dialect.delete(events, events.primaryKey())).isEqualTo("DELETE FROM \"audit\".\"events\" WHERE \"id\" = $1");
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
  void aggregatesOverTheConditionsOrOverThePage() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    var filtered = Planner.plan(Query.from(Person.class).where("age", Op.GT, 1).orderBy("id")).shape();
    assertThat(dialect.aggregate(filtered, dev.flecto.query.Aggregate.COUNT, null))
        .isEqualTo("SELECT count(*) FROM \"people\" WHERE \"age\" > $1");
    assertThat(dialect.aggregate(filtered, dev.flecto.query.Aggregate.SUM, meta.field("age")))
        .isEqualTo("SELECT sum(\"age\") FROM \"people\" WHERE \"age\" > $1");
    var paged = Planner.plan(Query.from(Person.class).where("age", Op.GT, 1).orderBy("id").limit(10)).shape();
    assertThat(dialect.aggregate(paged, dev.flecto.query.Aggregate.MAX, meta.field("age")))
        .isEqualTo("SELECT max(\"s\".\"age\") FROM (SELECT " + COLS
            + " FROM \"people\" WHERE \"age\" > $1 ORDER BY \"id\" LIMIT $2) AS \"s\"");
    assertThat(dialect.exists(filtered))
        .isEqualTo("SELECT EXISTS (SELECT " + COLS + " FROM \"people\" WHERE \"age\" > $1 ORDER BY \"id\")");
  }

  @Test
  void bulkUpdatesNumberTheirValuesBeforeTheConditions() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    var shape = Planner.plan(Query.from(Person.class).where("firstName", "x").whereNull("weird")).shape();
    var updates = Planner.planUpdates(meta, dev.flecto.query.Updates.set("weird", "w").andInc("age", 2));
    assertThat(dialect.updateAll(shape, updates.shape())).isEqualTo("UPDATE \"people\" SET \"we\"\"ird\" = $1, "
        + "\"age\" = \"age\" + $2 WHERE \"first_name\" = $3 AND \"we\"\"ird\" IS NULL");
    assertThat(updates.params()).containsExactly("w", 2);
    assertThat(dialect.deleteAll(shape))
        .isEqualTo("DELETE FROM \"people\" WHERE \"first_name\" = $1 AND \"we\"\"ird\" IS NULL");
    assertThat(dialect.deleteAll(Planner.plan(Query.from(Event.class)).shape())).isEqualTo("DELETE FROM \"audit\".\"events\"");
  }
}
