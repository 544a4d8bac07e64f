package dev.flecto.r2dbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.SchemalessInsert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact SQL of schemaless insertAll statements. */
class SchemalessInsertCompilerTest {
  private final PostgresDialect dialect = new PostgresDialect(16);

  private static SchemalessInsert insert(List<String> columns, BulkInsert.Conflict conflict, List<String> target,
      String constraint, List<String> replace) {
    return new SchemalessInsert("audit", "events", columns, List.of(), conflict, target, constraint, null, replace);
  }

  @Test
  void columnsAsGivenDefaultsAndTheTextCachedByRowCount() {
    SchemalessInsert i = insert(List.of("kind", "at"), BulkInsert.Conflict.RAISE, List.of(), null, List.of());
    String sql = dialect.insertAll(i, List.of(new Object[] {"a", 1}, new Object[] {"b", 2}));
    assertThat(sql).isEqualTo("INSERT INTO \"audit\".\"events\" (\"kind\", \"at\") VALUES ($1, $2), ($3, $4)");
    assertThat(dialect.insertAll(i, List.of(new Object[] {"c", 3}, new Object[] {"d", 4}))).isSameAs(sql);
    assertThat(dialect.insertAll(i, List.of(new Object[] {BulkInsert.DEFAULT, 3}, new Object[] {"d", BulkInsert.DEFAULT})))
        .isEqualTo("INSERT INTO \"audit\".\"events\" (\"kind\", \"at\") VALUES (DEFAULT, $1), ($2, DEFAULT)");
    assertThat(dialect.insertAll(insert(List.of(), BulkInsert.Conflict.RAISE, List.of(), null, List.of()),
        List.of(new Object[0], new Object[0]))).isEqualTo("INSERT INTO \"audit\".\"events\" VALUES (DEFAULT), (DEFAULT)");
  }

  @Test
  void conflicts() {
    List<Object[]> one = List.<Object[]>of(new Object[] {"a"});
    assertThat(dialect.insertAll(insert(List.of("kind"), BulkInsert.Conflict.NOTHING, List.of(), null, List.of()), one))
        .endsWith("VALUES ($1) ON CONFLICT DO NOTHING");
    assertThat(dialect.insertAll(insert(List.of("kind"), BulkInsert.Conflict.REPLACE, List.of("kind"), null, List.of("kind")), one))
        .endsWith(" ON CONFLICT (\"kind\") DO UPDATE SET \"kind\" = EXCLUDED.\"kind\"");
    assertThat(dialect.insertAll(insert(List.of("kind"), BulkInsert.Conflict.NOTHING, List.of(), "events_kind_key", List.of()), one))
        .endsWith(" ON CONFLICT ON CONSTRAINT \"events_kind_key\" DO NOTHING");
  }
}
