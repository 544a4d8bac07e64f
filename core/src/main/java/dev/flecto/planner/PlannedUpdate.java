package dev.flecto.planner;

import dev.flecto.query.Updates;
import dev.flecto.schema.SchemaField;
import java.util.List;

/**
 * The updates of an {@code updateAll}, checked against the schema, with values cast and dumped.
 * Their parameters come before the query's in the statement.
 *
 * <pre>{@code Planner.planUpdates(meta, Updates.inc("views", 1)).params() // [1] }</pre>
 *
 * @param shape the fields and kinds (the cache key)
 * @param params the bind values, in order
 */
public record PlannedUpdate(List<UpdateShape> shape, List<Object> params) {
  /**
   * Copies the lists.
   *
   * <pre>{@code new PlannedUpdate(List.of(), List.of()) }</pre>
   */
  public PlannedUpdate {
    shape = List.copyOf(shape);
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
  }

  /**
   * One update's shape.
   *
   * <pre>{@code new PlannedUpdate.UpdateShape(meta.field("views"), Updates.Kind.INC) }</pre>
   *
   * @param field the field
   * @param kind set or increment
   */
  public record UpdateShape(SchemaField field, Updates.Kind kind) {}
}
