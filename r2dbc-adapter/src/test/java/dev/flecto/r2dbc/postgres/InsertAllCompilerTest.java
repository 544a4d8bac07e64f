package dev.flecto.r2dbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.BulkInsert.Conflict;
import dev.flecto.schema.Column;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact SQL of insertAll statements. */
class InsertAllCompilerTest {
  @Schema("people")
  public record Person(@Id Long id, String firstName, @Column("we\"ird") String weird, Integer age) {}

  @Schema(value = "events", prefix = "audit")
  public record Event(@Id Long id, String kind) {}

  private final PostgresDialect dialect = new PostgresDialect(16);
  private final SchemaMeta<Person> meta = Schemas.of(Person.class);
  private final List<SchemaField> nameAge = List.of(meta.field("firstName"), meta.field("age"));

  @Test
  void rowsAreNumberedInOrderAndTheTextIsCachedByRowCount() {
    BulkInsert.Shape shape = shape(meta, null, nameAge, Conflict.RAISE, List.of(), List.of(), List.of());
    String sql = dialect.insertAll(shape, List.of(new Object[] {"a", 1}, new Object[] {"b", 2}));
    assertThat(sql).isEqualTo("INSERT INTO \"people\" (\"first_name\", \"age\") VALUES ($1, $2), ($3, $4)");
    assertThat(dialect.insertAll(shape, List.of(new Object[] {"c", 3}, new Object[] {"d", null}))).isSameAs(sql);
  }

  @Test
  void placeholdersConstraintAndFragmentTargetsAndAnotherTable() {
    BulkInsert.Shape shape = new BulkInsert.Shape(meta, null, nameAge, Conflict.NOTHING, List.of(), List.of(), List.of(),
        "people_archive", "people_name_key", null, null, List.of(), 0, 1, null);
    assertThat(dialect.insertAll(shape, List.of(new Object[] {new BulkInsert.Bound(0), 1}, new Object[] {new BulkInsert.Bound(0), 2})))
        .isEqualTo("INSERT INTO \"people_archive\" (\"first_name\", \"age\") VALUES ($1, $2), ($1, $3)"
            + " ON CONFLICT ON CONSTRAINT \"people_name_key\" DO NOTHING");
    BulkInsert.Shape fragment = new BulkInsert.Shape(meta, null, nameAge, Conflict.REPLACE, List.of(), nameAge, List.of(),
        null, null, "(lower(first_name))", null, List.of(), 0, 0, null);
    assertThat(dialect.insertAll(fragment, List.<Object[]>of(new Object[] {"a", 1})))
        .isEqualTo("INSERT INTO \"people\" (\"first_name\", \"age\") VALUES ($1, $2) ON CONFLICT (lower(first_name))"
            + " DO UPDATE SET \"first_name\" = EXCLUDED.\"first_name\", \"age\" = EXCLUDED.\"age\"");
  }

  @Test
  void anInsertFromAQueryNumbersItsParametersAfterTheLeadingOnes() {
    dev.flecto.planner.PlannedQuery<?> q = dev.flecto.planner.Planner.plan(dev.flecto.query.Query.from(Person.class)
        .where("age", 3).select(java.util.Map.of("firstName", dev.flecto.query.Exprs.field("firstName"))));
    BulkInsert.Shape shape = new BulkInsert.Shape(meta, null, List.of(meta.field("firstName")), Conflict.NOTHING, List.of(),
        List.of(), List.of(), null, null, null, null, List.of(), 0, 2, q.shape());
    assertThat(dialect.insertAll(shape, List.of()))
        .isEqualTo("INSERT INTO \"people\" (\"first_name\") SELECT p0.\"first_name\" FROM \"people\" AS p0 WHERE p0.\"age\" = $3"
            + " ON CONFLICT DO NOTHING");
  }

  @Test
  void aSubqueryValueTakesItsParametersInTheRowsPlace() {
    dev.flecto.planner.PlannedQuery<?> q = dev.flecto.planner.Planner.plan(dev.flecto.query.Query.from(Person.class)
        .where("firstName", "a").select(dev.flecto.query.Exprs.field("age"), Integer.class));
    BulkInsert.Shape shape = new BulkInsert.Shape(meta, null, nameAge, Conflict.RAISE, List.of(), List.of(), List.of(),
        null, null, null, null, List.of(), 0, 1, null);
    BulkInsert.Subquery sub = new BulkInsert.Subquery(q.shape(), q.params());
    assertThat(dialect.insertAll(shape, List.of(new Object[] {"x", sub}, new Object[] {new BulkInsert.Bound(0), sub})))
        .isEqualTo("INSERT INTO \"people\" (\"first_name\", \"age\") VALUES ($2, (SELECT p0.\"age\" FROM \"people\" AS p0"
            + " WHERE p0.\"first_name\" = $3)), ($1, (SELECT p0.\"age\" FROM \"people\" AS p0 WHERE p0.\"first_name\" = $4))");
  }

  @Test
  void aLeftOutFieldIsDefaultAndTakesNoParameter() {
    BulkInsert.Shape shape = shape(meta, null, nameAge, Conflict.RAISE, List.of(), List.of(), List.of());
    assertThat(dialect.insertAll(shape, List.of(new Object[] {"a", BulkInsert.DEFAULT}, new Object[] {BulkInsert.DEFAULT, 2})))
        .isEqualTo("INSERT INTO \"people\" (\"first_name\", \"age\") VALUES ($1, DEFAULT), (DEFAULT, $2)");
  }

  @Test
  void conflictsReturningAndPrefixes() {
    List<Object[]> one = List.<Object[]>of(new Object[] {"a", 1});
    SchemaField weird = meta.field("weird");
    assertThat(dialect.insertAll(shape(meta, null, nameAge, Conflict.NOTHING, List.of(), List.of(), List.of()), one))
        .endsWith("VALUES ($1, $2) ON CONFLICT DO NOTHING");
    assertThat(dialect.insertAll(shape(meta, null, nameAge, Conflict.NOTHING, List.of(weird), List.of(), List.of()), one))
        .endsWith(" ON CONFLICT (\"we\"\"ird\") DO NOTHING");
    assertThat(dialect.insertAll(shape(meta, "tenant", nameAge, Conflict.REPLACE, List.of(weird), nameAge, meta.primaryKey()), one))
        .isEqualTo("INSERT INTO \"tenant\".\"people\" (\"first_name\", \"age\") VALUES ($1, $2) ON CONFLICT (\"we\"\"ird\")"
            + " DO UPDATE SET \"first_name\" = EXCLUDED.\"first_name\", \"age\" = EXCLUDED.\"age\" RETURNING \"id\"");
    SchemaMeta<Event> events = Schemas.of(Event.class);
    assertThat(dialect.insertAll(shape(events, null, List.of(events.field("kind")), Conflict.RAISE, List.of(), List.of(),
        events.persistedFields()), List.<Object[]>of(new Object[] {"k"})))
        .isEqualTo("INSERT INTO \"audit\".\"events\" (\"kind\") VALUES ($1) RETURNING \"id\", \"kind\"");
  }

  @Test
  void aStatementHoldsAtMost65535Parameters() {
    BulkInsert.Shape five = shape(meta, null, List.of(meta.field("id"), meta.field("firstName"), meta.field("weird"),
        meta.field("age"), meta.field("firstName")), Conflict.RAISE, List.of(), List.of(), List.of());
    assertThat(dialect.insertAllRowsPerStatement(five)).isEqualTo(13_107);
    assertThat(dialect.insertAllRowsPerStatement(shape(meta, null, nameAge, Conflict.RAISE, List.of(), List.of(), List.of())))
        .isEqualTo(32_767);
  }

  private static BulkInsert.Shape shape(SchemaMeta<?> meta, String prefix, List<SchemaField> fields, Conflict conflict,
      List<SchemaField> target, List<SchemaField> replace, List<SchemaField> returning) {
    return new BulkInsert.Shape(meta, prefix, fields, conflict, target, replace, returning);
  }
}
