package dev.flecto.planner;

import dev.flecto.query.Direction;
import dev.flecto.query.Op;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/**
 * The shape of a planned query: everything that decides its SQL text and nothing of its parameter
 * values. Equal shapes compile to the same SQL, so compiled SQL and row-mapping plans are cached
 * by shape.
 *
 * <pre>{@code
 * QueryShape a = Planner.plan(Query.from(Person.class).where("age", 1)).shape();
 * QueryShape b = Planner.plan(Query.from(Person.class).where("age", 2)).shape();
 * a.equals(b) // true
 * }</pre>
 *
 * @param schema the source schema
 * @param filters the conditions, as field and operator
 * @param orderBy the order terms
 * @param hasLimit whether a LIMIT parameter follows the filters' parameters
 * @param hasOffset whether an OFFSET parameter follows
 */
public record QueryShape(
    SchemaMeta<?> schema, List<ShapeFilter> filters, List<ShapeOrder> orderBy, boolean hasLimit, boolean hasOffset) {

  /**
   * Copies the lists.
   *
   * <pre>{@code new QueryShape(meta, List.of(), List.of(), false, false) }</pre>
   */
  public QueryShape {
    filters = List.copyOf(filters);
    orderBy = List.copyOf(orderBy);
  }

  /**
   * A condition's shape.
   *
   * <pre>{@code new ShapeFilter(meta.field("age"), Op.EQ) }</pre>
   *
   * @param field the field
   * @param op the operator
   */
  public record ShapeFilter(SchemaField field, Op op) {}

  /**
   * An order term's shape.
   *
   * <pre>{@code new ShapeOrder(meta.field("age"), Direction.DESC) }</pre>
   *
   * @param field the field
   * @param direction the direction
   */
  public record ShapeOrder(SchemaField field, Direction direction) {}
}
