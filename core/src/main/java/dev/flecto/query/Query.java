package dev.flecto.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An immutable query over one schema: where conditions joined with AND, order by, limit and
 * offset. Every step returns a new query; the original is never changed, so queries can be
 * shared and composed. (The full Ecto query language builds on this value.)
 *
 * <pre>{@code
 * Query<Person> smiths = Query.from(Person.class).where("lastName", "Smith");
 * Query<Person> oldest = smiths.where("age", Op.GE, 30).orderBy(Order.desc("age")).limit(10);
 * repo.all(oldest);   // smiths is unchanged
 * }</pre>
 *
 * @param <T> the schema record type
 * @param source the schema record class
 * @param filters the where conditions
 * @param orderBy the order terms
 * @param limit the row limit, or null
 * @param offset the rows to skip, or null
 */
public record Query<T>(Class<T> source, List<Filter> filters, List<Order> orderBy, Integer limit, Integer offset) {

  /**
   * Copies the lists so the query stays immutable.
   *
   * <pre>{@code new Query<>(Person.class, List.of(), List.of(), null, null) }</pre>
   */
  public Query {
    if (source == null) {
      throw new IllegalArgumentException("a query needs a source schema");
    }
    filters = List.copyOf(filters);
    orderBy = List.copyOf(orderBy);
  }

  /**
   * A query selecting every record of a schema.
   *
   * <pre>{@code Query.from(Person.class) }</pre>
   *
   * @param source the schema record class
   * @param <T> the record type
   * @return the query
   */
  public static <T> Query<T> from(Class<T> source) {
    return new Query<>(source, List.of(), List.of(), null, null);
  }

  /**
   * Adds {@code field = value}. A null value is refused when planned, as in Ecto: use
   * {@link #whereNull(String)}.
   *
   * <pre>{@code Query.from(Person.class).where("lastName", "Smith") }</pre>
   *
   * @param field the field name
   * @param value the value, cast to the field's type when planned ({@code "28"} for an Integer is fine)
   * @return the new query
   */
  public Query<T> where(String field, Object value) {
    return where(field, Op.EQ, value);
  }

  /**
   * Adds {@code field op value}.
   *
   * <pre>{@code Query.from(Person.class).where("age", Op.LT, 30) }</pre>
   *
   * @param field the field name
   * @param op the operator
   * @param value the value
   * @return the new query
   */
  public Query<T> where(String field, Op op, Object value) {
    List<Filter> next = new ArrayList<>(filters);
    next.add(new Filter(field, op, value));
    return new Query<>(source, next, orderBy, limit, offset);
  }

  /**
   * Adds {@code field = value} for each entry, as Ecto's keyword {@code where}.
   *
   * <pre>{@code Query.from(Person.class).where(Map.of("firstName", "Ann", "lastName", "Lee")) }</pre>
   *
   * @param equalities field name to value
   * @return the new query
   */
  public Query<T> where(Map<String, ?> equalities) {
    Query<T> q = this;
    for (Map.Entry<String, ?> e : new java.util.TreeMap<>(equalities).entrySet()) {
      q = q.where(e.getKey(), e.getValue());
    }
    return q;
  }

  /**
   * Adds {@code field IS NULL}.
   *
   * <pre>{@code Query.from(Person.class).whereNull("age") }</pre>
   *
   * @param field the field name
   * @return the new query
   */
  public Query<T> whereNull(String field) {
    return where(field, Op.IS_NULL, null);
  }

  /**
   * Adds {@code field IS NOT NULL}.
   *
   * <pre>{@code Query.from(Person.class).whereNotNull("age") }</pre>
   *
   * @param field the field name
   * @return the new query
   */
  public Query<T> whereNotNull(String field) {
    return where(field, Op.IS_NOT_NULL, null);
  }

  /**
   * Appends ascending order terms.
   *
   * <pre>{@code Query.from(Person.class).orderBy("lastName", "firstName") }</pre>
   *
   * @param fields field names
   * @return the new query
   */
  public Query<T> orderBy(String... fields) {
    List<Order> next = new ArrayList<>(orderBy);
    for (String f : fields) {
      next.add(Order.asc(f));
    }
    return new Query<>(source, filters, next, limit, offset);
  }

  /**
   * Appends order terms.
   *
   * <pre>{@code Query.from(Person.class).orderBy(Order.desc("age"), Order.asc("id")) }</pre>
   *
   * @param orders the terms
   * @return the new query
   */
  public Query<T> orderBy(Order... orders) {
    List<Order> next = new ArrayList<>(orderBy);
    next.addAll(List.of(orders));
    return new Query<>(source, filters, next, limit, offset);
  }

  /**
   * Sets the row limit (bound as a parameter, so the query's shape does not depend on it).
   *
   * <pre>{@code Query.from(Person.class).limit(10) }</pre>
   *
   * @param rows the limit, not negative
   * @return the new query
   */
  public Query<T> limit(int rows) {
    return new Query<>(source, filters, orderBy, rows, offset);
  }

  /**
   * Sets how many rows to skip.
   *
   * <pre>{@code Query.from(Person.class).orderBy("id").offset(20).limit(10) }</pre>
   *
   * @param rows rows to skip, not negative
   * @return the new query
   */
  public Query<T> offset(int rows) {
    return new Query<>(source, filters, orderBy, limit, rows);
  }

  /**
   * The first row by the query's order, or by primary key ascending when it has none; limit 1
   * (Ecto's {@code first/2}).
   *
   * <pre>{@code repo.one(Query.from(Person.class).first()) }</pre>
   *
   * @return the new query
   */
  public Query<T> first() {
    Query<T> ordered = orderBy.isEmpty() ? byKey(Direction.ASC) : this;
    return ordered.limit(1);
  }

  /**
   * The last row: the query's order reversed, or primary key descending when it has none; limit 1
   * (Ecto's {@code last/2}).
   *
   * <pre>{@code repo.one(Query.from(Person.class).where("lastName", "Smith").last()) }</pre>
   *
   * @return the new query
   */
  public Query<T> last() {
    return reverseOrder().limit(1);
  }

  /**
   * The order reversed term by term, or primary key descending when the query has no order (Ecto's
   * {@code reverse_order/1}).
   *
   * <pre>{@code Query.from(Person.class).orderBy("age").reverseOrder() // order by age desc }</pre>
   *
   * @return the new query
   */
  public Query<T> reverseOrder() {
    if (orderBy.isEmpty()) {
      return byKey(Direction.DESC);
    }
    List<Order> reversed = new ArrayList<>(orderBy.size());
    for (Order o : orderBy) {
      reversed.add(new Order(o.field(), o.direction() == Direction.ASC ? Direction.DESC : Direction.ASC));
    }
    return new Query<>(source, filters, reversed, limit, offset);
  }

  /**
   * The query without one of its clauses (Ecto's {@code exclude/2}).
   *
   * <pre>{@code paged.exclude(Query.Clause.LIMIT).exclude(Query.Clause.OFFSET) // for counting all rows }</pre>
   *
   * @param clause the clause to remove
   * @return the new query
   */
  public Query<T> exclude(Clause clause) {
    switch (clause) {
      case WHERE:
        return new Query<>(source, List.of(), orderBy, limit, offset);
      case ORDER_BY:
        return new Query<>(source, filters, List.of(), limit, offset);
      case LIMIT:
        return new Query<>(source, filters, orderBy, null, offset);
      case OFFSET:
        return new Query<>(source, filters, orderBy, limit, null);
      default:
        throw new AssertionError(clause);
    }
  }

  /**
   * The clauses {@link #exclude(Clause)} can remove.
   *
   * <pre>{@code Query.Clause.ORDER_BY }</pre>
   */
  public enum Clause {
    /** Every where condition. */
    WHERE,
    /** Every order term. */
    ORDER_BY,
    /** The limit. */
    LIMIT,
    /** The offset. */
    OFFSET
  }

  private Query<T> byKey(Direction direction) {
    List<dev.flecto.schema.SchemaField> key = dev.flecto.schema.Schemas.of(source).requirePrimaryKey("first/last/reverseOrder");
    List<Order> byKey = new ArrayList<>(key.size());
    for (dev.flecto.schema.SchemaField f : key) {
      byKey.add(new Order(f.name(), direction));
    }
    return new Query<>(source, filters, byKey, limit, offset);
  }

  /**
   * The query as readable text for messages, such as
   * {@code from Person where lastName = "Smith" order by age desc limit 10}.
   *
   * <pre>{@code Query.from(Person.class).where("age", 3).toString() // from Person where age = 3 }</pre>
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("from ").append(source.getSimpleName());
    for (int i = 0; i < filters.size(); i++) {
      Filter f = filters.get(i);
      sb.append(i == 0 ? " where " : " and ").append(f.field()).append(' ').append(symbol(f.op()));
      if (f.op().takesValue()) {
        sb.append(' ').append(f.value() instanceof CharSequence ? "\"" + f.value() + "\"" : f.value());
      }
    }
    for (int i = 0; i < orderBy.size(); i++) {
      Order o = orderBy.get(i);
      sb.append(i == 0 ? " order by " : ", ").append(o.field()).append(o.direction() == Direction.DESC ? " desc" : "");
    }
    if (limit != null) {
      sb.append(" limit ").append(limit);
    }
    if (offset != null) {
      sb.append(" offset ").append(offset);
    }
    return sb.toString();
  }

  private static String symbol(Op op) {
    switch (op) {
      case EQ: return "=";
      case NE: return "<>";
      case LT: return "<";
      case LE: return "<=";
      case GT: return ">";
      case GE: return ">=";
      case IS_NULL: return "is null";
      case IS_NOT_NULL: return "is not null";
      default: throw new AssertionError(op);
    }
  }
}
