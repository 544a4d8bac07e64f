package dev.flecto.r2dbc.postgres;

import dev.flecto.QueryException;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.Upsert;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/**
 * The INSERT of one row with ON CONFLICT, as ecto_sql's PostgreSQL {@code insert/8}: the table
 * aliased (as ecto_sql's {@code insert_as}) when an update query's SET and WHERE refer to it;
 * parameters of the update's conditions first, then its updates', then the inserted values.
 */
final class UpsertCompiler {
  private UpsertCompiler() {}

  /**
   * @param conditionParams how many parameters the update's conditions take (0 without an update)
   */
  static String compile(SchemaMeta<?> meta, List<SchemaField> fields, Upsert.Shape shape, int conditionParams) {
    boolean query = !shape.updates().isEmpty();
    String alias = query ? ExprCompiler.alias(shape.where(), 0) : null;
    StringBuilder sb = Quote.table(new StringBuilder(192).append("INSERT INTO "), meta);
    if (query) {
      sb.append(" AS ").append(alias);
    }
    int valuesFrom = conditionParams + shape.updates().size() + 1;
    if (fields.isEmpty()) {
      sb.append(" DEFAULT VALUES");
    } else {
      SelectCompiler.columns(sb.append(" ("), fields);
      sb.append(") VALUES (");
      for (int i = 0; i < fields.size(); i++) {
        sb.append(i == 0 ? "$" : ", $").append(valuesFrom + i);
      }
      sb.append(')');
    }
    onConflict(sb, shape, alias, conditionParams);
    SelectCompiler.columns(sb.append(" RETURNING "), shape.returning());
    return sb.toString();
  }

  private static void onConflict(StringBuilder sb, Upsert.Shape shape, String alias, int conditionParams) {
    onConflict(sb, new Conflict(shape.schema(), shape.conflict(), shape.targetFields(), shape.targetConstraint(),
        shape.targetFragment(), shape.replace(), shape.where(), shape.updates()), alias, conditionParams);
  }

  /** The ON CONFLICT clause of an upsert or an insertAll: its parts, apart from their holders. */
  record Conflict(SchemaMeta<?> schema, BulkInsert.Conflict kind, List<SchemaField> targetFields, String targetConstraint,
      String targetFragment, List<SchemaField> replace, dev.flecto.planner.QueryShape where,
      List<dev.flecto.planner.PlannedUpdate.UpdateShape> updates) {
    boolean hasTarget() {
      return !targetFields.isEmpty() || targetConstraint != null || targetFragment != null;
    }
  }

  /** ON CONFLICT ... DO ...: an update's conditions are $1..$conditionParams, its updates' values next. */
  static void onConflict(StringBuilder sb, Conflict shape, String alias, int conditionParams) {
    if (shape.kind() == BulkInsert.Conflict.RAISE) {
      return;
    }
    sb.append(" ON CONFLICT");
    target(sb, shape);
    if (shape.kind() == BulkInsert.Conflict.NOTHING) {
      sb.append(" DO NOTHING");
      return;
    }
    if (!shape.hasTarget()) {
      throw new QueryException("the conflictTarget option is required on upserts by PostgreSQL (ON CONFLICT DO UPDATE "
          + "into " + shape.schema().describe() + ")");
    }
    sb.append(" DO UPDATE SET ");
    if (shape.updates().isEmpty()) {
      List<SchemaField> replace = shape.replace();
      for (int i = 0; i < replace.size(); i++) {
        Quote.name(i == 0 ? sb : sb.append(", "), replace.get(i).column()).append(" = EXCLUDED.");
        Quote.name(sb, replace.get(i).column());
      }
      return;
    }
    BulkCompiler.set(sb, alias, shape.updates(), conditionParams + 1); // the conditions' are $1..$conditionParams
    SelectCompiler.where(sb, new ExprCompiler(shape.where(), sb), shape.where().query());
  }

  private static void target(StringBuilder sb, Conflict shape) {
    if (!shape.targetFields().isEmpty()) {
      SelectCompiler.columns(sb.append(" ("), shape.targetFields());
      sb.append(')');
    } else if (shape.targetConstraint() != null) {
      Quote.name(sb.append(" ON CONSTRAINT "), shape.targetConstraint());
    } else if (shape.targetFragment() != null) {
      sb.append(' ').append(shape.targetFragment()); // Ecto's {:unsafe_fragment, sql}: passed as given
    }
  }
}
