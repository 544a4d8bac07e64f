package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.SchemaException;
import dev.flecto.query.Filter;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a query against its schema and casts its parameters (Ecto's planner): an unknown field, a
 * value that cannot be cast, or a comparison with null fails with a {@link QueryException} naming
 * the query, the field and a hint.
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
   * @param <T> the record type
   * @return the planned query
   * @throws QueryException when the query does not fit its schema
   * @throws SchemaException when the source is not a valid schema
   */
  public static <T> PlannedQuery<T> plan(Query<T> query) {
    SchemaMeta<T> meta = Schemas.of(query.source());
    List<QueryShape.ShapeFilter> filters = new ArrayList<>(query.filters().size());
    List<Object> params = new ArrayList<>();
    for (Filter f : query.filters()) {
      SchemaField field = field(query, meta, f.field(), "where");
      filters.add(new QueryShape.ShapeFilter(field, f.op()));
      if (f.op().takesValue()) {
        params.add(field.dump(cast(query, meta, field, f)));
      } else if (f.value() != null) {
        throw new QueryException(f.op() + " on field '" + f.field() + "' takes no value, got " + f.value()
            + " in query " + query);
      }
    }
    List<QueryShape.ShapeOrder> orders = new ArrayList<>(query.orderBy().size());
    for (Order o : query.orderBy()) {
      orders.add(new QueryShape.ShapeOrder(field(query, meta, o.field(), "order by"), o.direction()));
    }
    if (query.limit() != null) {
      params.add((long) nonNegative(query, "limit", query.limit()));
    }
    if (query.offset() != null) {
      params.add((long) nonNegative(query, "offset", query.offset()));
    }
    QueryShape shape = new QueryShape(meta, filters, orders, query.limit() != null, query.offset() != null);
    return new PlannedQuery<>(query, meta, shape, params);
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
  public static PlannedUpdate planUpdates(SchemaMeta<?> meta, dev.flecto.query.Updates updates) {
    if (updates.updates().isEmpty()) {
      throw new QueryException("updateAll on schema " + meta.describe() + " needs at least one update");
    }
    List<PlannedUpdate.UpdateShape> shape = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (dev.flecto.query.Updates.Update u : updates.updates()) {
      SchemaField f = meta.findField(u.field());
      if (f == null || !f.updatable()) {
        throw new QueryException("field '" + u.field() + "' in updateAll " + (f == null ? "does not exist in" : "is not writable in")
            + " schema " + meta.describe() + "; hint: the schema's fields are " + meta.fieldNames());
      }
      boolean numeric = f.type().javaType() != null && Number.class.isAssignableFrom(f.type().javaType());
      if (u.kind() == dev.flecto.query.Updates.Kind.INC && !numeric) {
        throw new QueryException("inc on field '" + u.field() + "' of schema " + meta.describe() + " needs a number field, not "
            + f.typeName());
      }
      try {
        params.add(f.dump(f.cast(u.value())));
      } catch (IllegalArgumentException e) {
        throw new QueryException("value " + quoted(u.value()) + " in updateAll cannot be cast to " + f.typeName()
            + " for field '" + u.field() + "' of schema " + meta.describe());
      }
      shape.add(new PlannedUpdate.UpdateShape(f, u.kind()));
    }
    return new PlannedUpdate(shape, params);
  }

  private static SchemaField field(Query<?> query, SchemaMeta<?> meta, String name, String clause) {
    SchemaField f = meta.findField(name);
    if (f == null) {
      throw new QueryException("field '" + name + "' in " + clause + " does not exist in schema " + meta.describe()
          + " in query " + query + "; hint: the schema's fields are " + meta.fieldNames());
    }
    if (f.virtual()) {
      throw new QueryException("field '" + name + "' in " + clause + " of schema " + meta.describe()
          + " is @Virtual and has no column, in query " + query);
    }
    return f;
  }

  private static Object cast(Query<?> query, SchemaMeta<?> meta, SchemaField field, Filter f) {
    if (f.value() == null) {
      throw new QueryException("comparing field '" + field.name() + "' of schema " + meta.describe()
          + " with null is forbidden as it is unsafe, in query " + query
          + "; hint: use whereNull(\"" + field.name() + "\") to match NULL");
    }
    try {
      return field.cast(f.value());
    } catch (IllegalArgumentException e) {
      throw new QueryException("value " + quoted(f.value()) + " in where cannot be cast to " + field.typeName()
          + " for field '" + field.name() + "' of schema " + meta.describe() + " in query " + query
          + "; hint: pass a " + field.typeName() + " or text it can be cast from");
    }
  }

  private static int nonNegative(Query<?> query, String what, int n) {
    if (n < 0) {
      throw new QueryException(what + " must not be negative, got " + n + " in query " + query);
    }
    return n;
  }

  private static String quoted(Object v) {
    return v instanceof CharSequence ? "\"" + v + "\"" : String.valueOf(v);
  }
}
