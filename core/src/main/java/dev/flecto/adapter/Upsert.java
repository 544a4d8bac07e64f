package dev.flecto.adapter;

import dev.flecto.ArgumentException;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.QueryShape;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/**
 * The conflict handling of one {@code Repo.insert} (Ecto's {@code :on_conflict} and
 * {@code :conflict_target}, already checked against the schema), as the Repo hands it to the
 * adapter: the {@link Shape}, by which SQL is cached, and the parameters of an update's conditions
 * and values.
 *
 * <pre>{@code
 * SchemaMeta<User> meta = Schemas.of(User.class);
 * Upsert upsert = new Upsert(new Upsert.Shape(meta, BulkInsert.Conflict.REPLACE, List.of(meta.field("email")), null, null,
 *     List.of(meta.field("name")), null, List.of(), meta.persistedFields()), List.of());
 * adapter.insert(meta, fields, values, upsert) // INSERT ... ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name" RETURNING ...
 * }</pre>
 *
 * @param shape everything but the parameters
 * @param params the planned parameters of the update: its conditions' first, then its updates'
 */
public record Upsert(Shape shape, List<Object> params) {
  /**
   * Copies the parameters (nulls allowed: a SET to NULL).
   *
   * <pre>{@code new Upsert(shape, List.of()) }</pre>
   */
  public Upsert {
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
  }

  /**
   * The statement's shape apart from the inserted columns.
   *
   * <pre>{@code new Upsert.Shape(meta, BulkInsert.Conflict.NOTHING, List.of(), null, null, List.of(), null, List.of(), meta.persistedFields()) }</pre>
   *
   * @param schema the schema
   * @param conflict RAISE, NOTHING, or REPLACE: an update, of {@code replace} from the proposed row
   *     or by {@code updates}
   * @param targetFields the columns of the unique index deciding a conflict, or empty
   * @param targetConstraint the constraint deciding a conflict, or null
   * @param targetFragment raw SQL deciding a conflict, or null
   * @param replace the columns taking the proposed row's values ({@code EXCLUDED}), or empty
   * @param where the shape of the update's query: its conditions (none: no WHERE) and the table
   *     alias its SET and WHERE use; null unless {@code updates} are given
   * @param updates the update of the existing row, or empty
   * @param returning the columns read back (never empty)
   */
  public record Shape(SchemaMeta<?> schema, BulkInsert.Conflict conflict, List<SchemaField> targetFields,
      String targetConstraint, String targetFragment, List<SchemaField> replace, QueryShape where,
      List<PlannedUpdate.UpdateShape> updates, List<SchemaField> returning) {
    /**
     * Copies the lists and checks the update is one of the two kinds.
     *
     * <pre>{@code new Upsert.Shape(meta, BulkInsert.Conflict.RAISE, List.of(), null, null, List.of(), null, List.of(), meta.persistedFields()) }</pre>
     */
    public Shape {
      targetFields = List.copyOf(targetFields);
      replace = List.copyOf(replace);
      updates = List.copyOf(updates);
      returning = List.copyOf(returning);
      boolean update = conflict == BulkInsert.Conflict.REPLACE;
      if (update && replace.isEmpty() == updates.isEmpty() || !update && !(replace.isEmpty() && updates.isEmpty())) {
        throw new ArgumentException("an upsert into " + schema.describe() + " with " + conflict
            + " needs " + (update ? "either replaced columns or updates" : "no replaced columns or updates"));
      }
      if (updates.isEmpty() != (where == null)) {
        throw new ArgumentException("an upsert's update needs the shape of its query, and only it");
      }
      if (returning.isEmpty()) {
        throw new ArgumentException("an upsert into " + schema.describe() + " reads back at least one column");
      }
    }

    /**
     * Whether a conflict target is given.
     *
     * <pre>{@code shape.hasTarget() }</pre>
     *
     * @return true when one is
     */
    public boolean hasTarget() {
      return !targetFields.isEmpty() || targetConstraint != null || targetFragment != null;
    }
  }
}
