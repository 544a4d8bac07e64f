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
 * @param layout where each column's value goes in the array {@code assemble} takes
 * @param assemble the result from the array {@code layout} describes, filled from a row
 * @param <T> the result type
 */
public record PlannedQuery<T>(Query<T> query, QueryShape shape, List<Object> params, List<SelectedColumn> columns,
    RowLayout layout, Function<Object[], T> assemble) {
  /**
   * Copies the parameters (which may contain nulls); the layout must place every column.
   *
   * <pre>{@code new PlannedQuery<>(query, shape, List.of(28), columns, RowLayout.identity(columns.size()), assemble) }</pre>
   */
  public PlannedQuery {
    params = Params.of(params);
    columns = List.copyOf(columns);
    if (layout.columns() != columns.size()) {
      throw new IllegalArgumentException("the layout places " + layout.columns() + " columns, the query selects "
          + columns.size());
    }
  }

  /**
   * A planned query whose {@code assemble} takes the column values in column order.
   *
   * <pre>{@code new PlannedQuery<>(query, shape, List.of(28), columns, values -> (String) values[0]) }</pre>
   *
   * @param query the query as the user wrote it
   * @param shape the value-free query
   * @param params the bind values
   * @param columns how to read each selected column
   * @param assemble the result from the column values
   */
  public PlannedQuery(Query<T> query, QueryShape shape, List<Object> params, List<SelectedColumn> columns,
      Function<Object[], T> assemble) {
    this(query, shape, params, columns, RowLayout.identity(columns.size()), assemble);
  }

  /**
   * The same plan with other bind values (a cached plan reused for another key).
   *
   * <pre>{@code plan.withParams(query, List.of(42L)) }</pre>
   *
   * @param query the query the values come from (for messages)
   * @param params the bind values
   * @return the planned query
   */
  public PlannedQuery<T> withParams(Query<T> query, List<Object> params) {
    return new PlannedQuery<>(query, shape, params, columns, layout, assemble);
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

  /**
   * One row's result, each selected column read through {@code reader}: a schema's record goes
   * straight to its constructor where it can, else through {@link #layout()} and {@link #assemble()}.
   *
   * <pre>{@code Person p = planned.read(row, (r, i) -> r.get(i, planned.columns().get(i).readType())); }</pre>
   *
   * @param row the adapter's row
   * @param reader reads one column of it, loaded as {@link #columns()} says
   * @param <R> the adapter's row type
   * @return the result
   */
  public <R> T read(R row, ColumnReader<? super R> reader) {
    return layout.read(row, reader, assemble);
  }
}
