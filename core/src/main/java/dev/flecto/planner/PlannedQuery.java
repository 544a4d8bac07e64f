package dev.flecto.planner;

import dev.flecto.query.Query;
import dev.flecto.schema.SchemaMeta;
import java.util.List;
import java.util.function.Function;

/**
 * A query checked against its schemas, every value cast and dumped for binding, and the plan to
 * turn each row into a result. What an adapter compiles and runs.
 *
 * <pre>{@code
 * PlannedQuery<Person> p = Planner.plan(Query.from(Person.class).where("age", "28"));
 * p.params() // [28]
 * }</pre>
 *
 * @param query the query as the user wrote it (for messages)
 * @param shape the value-free query, the cache key
 * @param params the bind values, by placeholder index
 * @param columns how to read each selected column
 * @param assemble the result from the read column values
 * @param <T> the result type
 */
public record PlannedQuery<T>(Query<T> query, QueryShape shape, List<Object> params, List<SelectedColumn> columns,
    Function<Object[], T> assemble) {
  /**
   * Copies the parameters (which may contain nulls).
   *
   * <pre>{@code new PlannedQuery<>(query, shape, List.of(28), columns, assemble) }</pre>
   */
  public PlannedQuery {
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    columns = List.copyOf(columns);
  }

  /**
   * The source schema.
   *
   * <pre>{@code planned.schema().describe() }</pre>
   *
   * @return the schema
   */
  public SchemaMeta<?> schema() {
    return shape.schema();
  }
}
