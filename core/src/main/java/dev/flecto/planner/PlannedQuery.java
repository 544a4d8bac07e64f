package dev.flecto.planner;

import dev.flecto.query.Query;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/**
 * A query checked against its schema, with every parameter cast to its field's type and dumped
 * for binding, in placeholder order. What an adapter compiles and runs.
 *
 * <pre>{@code
 * PlannedQuery<Person> p = Planner.plan(Query.from(Person.class).where("age", "28"));
 * p.params() // [28]
 * }</pre>
 *
 * @param query the query as the user wrote it (for messages)
 * @param schema the source schema
 * @param shape the cache key
 * @param params the bind values in placeholder order
 * @param <T> the record type
 */
public record PlannedQuery<T>(Query<T> query, SchemaMeta<T> schema, QueryShape shape, List<Object> params) {
  /**
   * Copies the parameters (which may contain nulls).
   *
   * <pre>{@code new PlannedQuery<>(query, meta, shape, List.of(28)) }</pre>
   */
  public PlannedQuery {
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
  }
}
