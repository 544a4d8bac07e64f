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
