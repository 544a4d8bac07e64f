package dev.flecto.r2dbc.postgres;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.QueryException;
import dev.flecto.adapter.BulkInsert.Conflict;
import dev.flecto.adapter.Upsert;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.Planner;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact SQL of Repo.insert with on_conflict, as ecto_sql's postgres_test.exs "insert with on conflict" cases. */
class UpsertCompilerTest {
  @Schema("posts")
  public record Post(@Id Long id, String title, String body, Integer version) {}

  private final PostgresDialect dialect = new PostgresDialect(16);
  private final SchemaMeta<Post> meta = Schemas.of(Post.class);
  private final List<SchemaField> titleBody = List.of(meta.field("title"), meta.field("body"));
  private final List<SchemaField> id = meta.primaryKey();
  private static final String INSERT = "INSERT INTO \"posts\" (\"title\", \"body\") VALUES ($1, $2)";

  @Test
  void raiseIsAPlainInsert() {
    assertThat(sql(Conflict.RAISE, List.of(), null, null, List.of(), id))
        .isEqualTo(INSERT + " RETURNING \"id\"");
  }

  @Test
  void nothingWithAndWithoutATarget() {
    assertThat(sql(Conflict.NOTHING, List.of(), null, null, List.of(), id))
        .isEqualTo(INSERT + " ON CONFLICT DO NOTHING RETURNING \"id\"");
    assertThat(sql(Conflict.NOTHING, List.of(meta.field("title")), null, null, List.of(), id))
        .isEqualTo(INSERT + " ON CONFLICT (\"title\") DO NOTHING RETURNING \"id\"");
  }

  @Test
  void replaceTakesTheProposedValues() {
    assertThat(sql(Conflict.REPLACE, List.of(meta.field("title")), null, null, titleBody, meta.persistedFields()))
        .isEqualTo(INSERT + " ON CONFLICT (\"title\") DO UPDATE SET \"title\" = EXCLUDED.\"title\", \"body\" = EXCLUDED.\"body\""
            + " RETURNING \"id\", \"title\", \"body\", \"version\"");
  }

  @Test
  void aConstraintTargetIsQuotedAndAFragmentIsPassedAsGiven() {
    assertThat(sql(Conflict.NOTHING, List.of(), "posts_title_key", null, List.of(), id))
        .isEqualTo(INSERT + " ON CONFLICT ON CONSTRAINT \"posts_title_key\" DO NOTHING RETURNING \"id\"");
    assertThat(sql(Conflict.REPLACE, List.of(), null, "(lower(title))", List.of(meta.field("body")), id))
        .isEqualTo(INSERT + " ON CONFLICT (lower(title)) DO UPDATE SET \"body\" = EXCLUDED.\"body\" RETURNING \"id\"");
  }

  @Test
  void anUpdateAliasesTheTableAndNumbersConditionsThenUpdatesThenValues() {
    PlannedQuery<Post> where = Planner.plan(Query.from(Post.class).where(field("version").lt(3))
        .where(fragment("EXCLUDED.version > ?", field("version"))));
    PlannedUpdate updates = Planner.planUpdates(meta, Updates.set("body", "b").andInc("version", 1));
    List<Object> params = new ArrayList<>(where.params());
    params.addAll(updates.params());
    Upsert upsert = new Upsert(new Upsert.Shape(meta, Conflict.REPLACE, id, null, null, List.of(), where.shape(),
        updates.shape(), id), params);
    String sql = dialect.upsert(meta, titleBody, upsert);
    assertThat(sql).isEqualTo("INSERT INTO \"posts\" AS p0 (\"title\", \"body\") VALUES ($4, $5) ON CONFLICT (\"id\")"
        + " DO UPDATE SET \"body\" = $2, \"version\" = p0.\"version\" + $3"
        + " WHERE p0.\"version\" < $1 AND EXCLUDED.version > p0.\"version\" RETURNING \"id\"");
    assertThat(dialect.upsert(meta, titleBody, upsert)).as("cached by shape").isSameAs(sql);
  }

  @Test
  void anUpdateWithoutConditionsHasNoWhere() {
    PlannedQuery<Post> all = Planner.plan(Query.from(Post.class));
    PlannedUpdate updates = Planner.planUpdates(meta, Updates.set("body", "b"));
    Upsert upsert = new Upsert(new Upsert.Shape(meta, Conflict.REPLACE, List.of(), "posts_pkey", null, List.of(),
        all.shape(), updates.shape(), id), updates.params());
    assertThat(dialect.upsert(meta, titleBody, upsert)).isEqualTo("INSERT INTO \"posts\" AS p0 (\"title\", \"body\")"
        + " VALUES ($2, $3) ON CONFLICT ON CONSTRAINT \"posts_pkey\" DO UPDATE SET \"body\" = $1 RETURNING \"id\"");
  }

  @Test
  void noColumnsInsertsDefaultValues() {
    assertThat(dialect.upsert(meta, List.of(), new Upsert(new Upsert.Shape(meta, Conflict.NOTHING, List.of(), null, null,
        List.of(), null, List.of(), id), List.of())))
        .isEqualTo("INSERT INTO \"posts\" DEFAULT VALUES ON CONFLICT DO NOTHING RETURNING \"id\"");
  }

  @Test
  void anUpdateWithoutATargetIsRefusedAsEctoSqlDoes() {
    assertThatThrownBy(() -> sql(Conflict.REPLACE, List.of(), null, null, titleBody, id))
        .isInstanceOf(QueryException.class).hasMessageContaining("conflictTarget option is required on upserts");
  }

  private String sql(Conflict conflict, List<SchemaField> target, String constraint, String fragment,
      List<SchemaField> replace, List<SchemaField> returning) {
    return dialect.upsert(meta, titleBody, new Upsert(new Upsert.Shape(meta, conflict, target, constraint, fragment, replace,
        null, List.of(), returning), List.of()));
  }
}
