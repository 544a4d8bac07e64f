package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.SchemaException;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.schema.SchemaMeta;
import java.util.ArrayList;

/**
 * Checks a query against its schemas and casts its values (Ecto's planner): an unknown binding
 * or field, a value that cannot be cast to the type it is compared with, a comparison with null,
 * or a bad lock fails with a {@link QueryException} naming the query, the clause and a hint. Each
 * value becomes a numbered parameter; the query without its values is the {@link QueryShape},
 * by which SQL and row plans are cached.
 *
 * <p>The work is split like the dialect's compiler, one small planner per concern: sources and
 * joins ({@code SourcePlanner}), the clauses in parameter order ({@code QueryPlanner}),
 * expressions ({@code ExprPlanner}), value casting ({@code ParamPlanner}), selections
 * ({@code SelectPlanner}), ordering ({@code OrderPlanner}), nested queries ({@code NestedPlanner})
 * and updateAll's updates ({@code UpdatePlanner}).
 *
 * <pre>{@code
 * Planner.plan(Query.from(Person.class).where("age", "abc"))
 * // QueryException: value "abc" in where cannot be cast to Integer for field 'age' of schema Person (table people) ...
 * }</pre>
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans a query.
   *
   * <pre>{@code PlannedQuery<Person> planned = Planner.plan(Query.from(Person.class).limit(5)); }</pre>
   *
   * @param query the query
   * @param <T> the result type
   * @return the planned query
   * @throws QueryException when the query does not fit its schemas
   * @throws SchemaException when a source is not a valid schema
   */
  public static <T> PlannedQuery<T> plan(Query<T> query) {
    Scope scope = new Scope(query, null, new ArrayList<>());
    Query<T> normalized = scope.normalize();
    QueryShape shape = new QueryShape(normalized, scope.sources,
        normalized.limit() == null ? -1 : normalized.limit(), normalized.offset() == null ? -1 : normalized.offset());
    RowSpecs.Spec<T> spec = RowSpecs.of(shape);
    // The cached spec's shape, equal to this one: the adapter's statement caches then find it by identity, not
    // by comparing the whole query again.
    return new PlannedQuery<>(query, spec.shape(), Params.owning(scope.params), spec.columns(), spec.layout(), spec.assemble());
  }

  /**
   * Plans the updates of an {@code updateAll}: every field must be persisted and writable, every
   * value castable to its field's type, and an increment's field numeric.
   *
   * <pre>{@code Planner.planUpdates(Schemas.of(Post.class), Updates.set("published", "true")) // params [true] }</pre>
   *
   * @param meta the schema
   * @param updates the updates
   * @return the planned updates
   * @throws QueryException naming the field at fault
   */
  public static PlannedUpdate planUpdates(SchemaMeta<?> meta, Updates updates) {
    return UpdatePlanner.plan(meta, updates);
  }

  /**
   * Plans the updates of an updateAll on a table without a schema: columns as named, values bound
   * as given.
   *
   * <pre>{@code Planner.planUpdates("events", Updates.set("state", "done").inc("tries", 1)) // params ["done", 1] }</pre>
   *
   * @param table the table, for error messages
   * @param updates the updates
   * @return the planned updates
   * @throws QueryException naming the column at fault
   */
  public static PlannedUpdate planUpdates(String table, Updates updates) {
    return UpdatePlanner.schemaless(table, updates);
  }
}
