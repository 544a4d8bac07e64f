package dev.flecto.query;

import dev.flecto.QueryException;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable query over a schema (Ecto.Query): bindings, joins, conditions, selection, grouping,
 * order, paging and locking. Every step returns a new query, so queries can be shared and composed,
 * conditionally too (Ecto's dynamic queries are plain {@link Expr} values here). The planner checks
 * every field against its schema and casts every value; the dialect binds every value.
 *
 * <pre>{@code
 * import static dev.flecto.query.Exprs.*;
 * Query<Person> smiths = Query.from(Person.class).where("lastName", "Smith");
 * Query<Person> adults = smiths.where(field("age").ge(18)).orderBy(Order.desc("age")).limit(10);
 * Query<Map<String, Object>> perAuthor = Query.from(Post.class).as("p")
 *     .join(JoinKind.LEFT, Comment.class, "c", field("c", "postId").eq(field("p", "id")))
 *     .groupBy(field("p", "authorId"))
 *     .having(count(field("c", "id")).gt(5))
 *     .select(Map.of("author", field("p", "authorId"), "comments", count(field("c", "id"))));
 * }</pre>
 *
 * @param <T> what each row becomes
 * @param source what the query reads from
 * @param as the source's binding name, or null
 * @param joins the joins, in order
 * @param where the condition, or null
 * @param orderBy the order terms
 * @param groupBy the grouping expressions
 * @param having the condition on groups, or null
 * @param limit the row limit, or null
 * @param offset the rows to skip, or null
 * @param distinctRows whether rows are distinct
 * @param distinctOn the {@code DISTINCT ON} expressions with the direction each takes in the ORDER BY
 *     (implies distinct)
 * @param lock the lock clause such as {@code FOR UPDATE}, or null
 * @param select what each row becomes
 * @param combinations queries combined with this one (union, intersect, except), in order
 * @param windows the named windows, by name
 * @param prefix the PostgreSQL schema for sources whose {@code @Schema} names none, or null
 * @param ctes the common table expressions, in order
 * @param recursiveCtes whether they are {@code WITH RECURSIVE}
 * @param preloads the associations to preload on the results (not part of the SQL)
 */
public record Query<T>(Source source, String as, List<Join> joins, Expr where, List<Order> orderBy,
    List<Expr> groupBy, Expr having, Integer limit, Integer offset, boolean distinctRows, List<Order> distinctOn,
    String lock, Selection<T> select, List<Combination> combinations, Map<String, Window> windows, String prefix,
    List<Cte> ctes, boolean recursiveCtes, List<Preload> preloads) {

  /**
   * Copies the lists so the query stays immutable.
   *
   * <pre>{@code Query.from(Person.class) }</pre>
   */
  public Query {
    if (source == null) {
      throw new QueryException("a query needs a source");
    }
    joins = List.copyOf(joins);
    orderBy = List.copyOf(orderBy);
    groupBy = List.copyOf(groupBy);
    distinctOn = List.copyOf(distinctOn);
    if (select == null) {
      throw new QueryException("a query needs a selection");
    }
    combinations = List.copyOf(combinations);
    ctes = List.copyOf(ctes);
    preloads = List.copyOf(preloads);
    // Most queries have no windows: do not copy an empty map at every builder step.
    windows = windows.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(windows));
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
  @SuppressWarnings("unchecked")
  public static <T> Query<T> from(Class<T> source) {
    // The start of every query over the schema is the same immutable value: made once, not per call.
    return source == null ? start(new Source.Schema(null, null), new Selection.Binding<>(null, null))
        : (Query<T>) FROM.get(source);
  }

  private static final ClassValue<Query<?>> FROM = new ClassValue<>() {
    @Override
    protected Query<?> computeValue(Class<?> type) {
      return start(new Source.Schema(type, null), new Selection.Binding<>(null, type));
    }
  };

  /**
   * A query over a schema read from another table or a CTE with the same columns (Ecto's
   * {@code from {"table", Schema}}).
   *
   * <pre>{@code Query.from(Category.class, "category_tree").withCte("category_tree", tree) }</pre>
   *
   * @param schema the schema record class giving fields and types
   * @param table the table or CTE name
   * @param <T> the record type
   * @return the query
   */
  public static <T> Query<T> from(Class<T> schema, String table) {
    return start(new Source.Schema(schema, table), new Selection.Binding<>(null, schema));
  }

  /**
   * A schemaless query over a table by name (Ecto's {@code from "table"}): fields are column names,
   * values are bound untyped, and a select is required.
   *
   * <pre>{@code Query.fromTable("audit_log").where(field("kind").eq("login")).select(field("id"), Long.class) }</pre>
   *
   * @param table the table name
   * @return the query (select before running it)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Query<Map<String, Object>> fromTable(String table) {
    return start(new Source.Table(table), new Selection.Binding(null, Map.class));
  }

  /**
   * A query over a SQL fragment whose rows are a schema's records (Ecto's
   * {@code from f in fragment("...")}, read as the schema): the fragment's columns are named as
   * the schema's columns; where, order, joins and preloads work as over the schema's table.
   *
   * <pre>{@code
   * Query.fromFragment(Exprs.fragment("SELECT * FROM posts WHERE title ILIKE ?", "%java%"), Post.class)
   *     .where(field("votes").gt(10)).orderBy("id")
   * }</pre>
   *
   * @param fragment the SQL of the rows
   * @param schema the schema the rows are
   * @param <T> the record type
   * @return the query, selecting the schema's records
   */
  public static <T> Query<T> fromFragment(Fragment fragment, Class<T> schema) {
    if (schema == null) {
      throw new QueryException("fromFragment needs the schema class its rows are; without one use fromFragment(fragment)");
    }
    return start(new Source.Sql(fragment, schema), new Selection.Binding<>(null, schema));
  }

  /**
   * A query over a SQL fragment without a schema (Ecto's {@code from f in fragment("...")}): select
   * its columns by name.
   *
   * <pre>{@code
   * Query.fromFragment(Exprs.fragment("SELECT generate_series(1, ?) AS n", 5)).select(field("n"), Integer.class)
   * }</pre>
   *
   * @param fragment the SQL of the rows
   * @return the query; give it a select
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Query<Map<String, Object>> fromFragment(Fragment fragment) {
    return start(new Source.Sql(fragment, null), new Selection.Binding(null, Map.class));
  }

  /**
   * A query over a subquery (Ecto's {@code from s in subquery(query)}): its fields are what the
   * subquery selects, a schema's fields, a binding's {@link Exprs#recordOf} or {@link Exprs#mapOf}
   * fields (Ecto's {@code struct/2} and {@code map/2} in a subquery), or a map's keys. Its rows
   * are the subquery's: records (of only the fields a {@code recordOf} reads) or maps.
   *
   * <pre>{@code
   * Query.from(Query.from(Post.class).where("published", true)).where(field("votes").gt(10))
   * Query.from(Query.from(Post.class).as("p").select(recordOf("p", "id", "title"), Post.class)) // Posts of id and title
   * }</pre>
   *
   * @param subquery the subquery
   * @param <R> its row type
   * @return the query, selecting the subquery's rows by default
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <R> Query<R> from(Query<R> subquery) {
    Class<R> type = subquery.select() instanceof Selection.Binding<R> b ? b.type()
        : subquery.select() instanceof Selection.Single<R> s && s.expr() instanceof RecordOf r && !r.asMap()
            && s.type().isRecord() ? s.type() : (Class) Map.class;
    return start(new Source.Subquery(subquery), new Selection.Binding<>(null, type));
  }

  /**
   * A query over rows given in the query (Ecto's {@code values/2}), such as a batch to match
   * against a table; each value is bound and cast to its column's type.
   *
   * <pre>{@code
   * Query.fromValues(List.of(Map.of("id", 1L, "score", 10), Map.of("id", 2L, "score", 20)),
   *         Map.of("id", Long.class, "score", Integer.class)).as("v")
   *     .join(Person.class, "p", field("p", "id").eq(field("v", "id")))
   * }</pre>
   *
   * @param rows the rows, each a map of every column to its value
   * @param types the columns to their Java types (use a LinkedHashMap for column order)
   * @return the query, selecting each row as a map by default
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Query<Map<String, Object>> fromValues(List<? extends Map<String, ?>> rows, Map<String, Class<?>> types) {
    List<Map<String, Object>> copy = new ArrayList<>();
    rows.forEach(r -> copy.add(new LinkedHashMap<>(r)));
    return start(new Source.Values(copy, types), new Selection.Binding(null, Map.class));
  }

  private static <T> Query<T> start(Source source, Selection<T> select) {
    return new Query<>(source, null, List.of(), null, List.of(), List.of(), null, null, null, false, List.of(), null,
        select, List.of(), Map.of(), null, List.of(), false, List.of());
  }

  /**
   * Defines a common table expression (Ecto's {@code with_cte}); read it with
   * {@link #from(Class, String)} or join it as a table. A CTE given again under the same name
   * replaces the earlier one, as Ecto's does.
   *
   * <pre>{@code q.withCte("recent", Query.from(Post.class).where(field("insertedAt").gt(ago(1, DateAdd.Unit.DAY)))) }</pre>
   *
   * @param name the CTE's name
   * @param cte its query
   * @return the new query
   */
  public Query<T> withCte(String name, Query<?> cte) {
    List<Cte> next = new ArrayList<>(ctes);
    // Ecto: a CTE given again under the same name replaces the earlier one, in its place.
    int same = -1;
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).name().equals(name)) {
        same = i;
      }
    }
    if (same >= 0) {
      next.set(same, new Cte(name, cte));
    } else {
      next.add(new Cte(name, cte));
    }
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select,
        combinations, windows, prefix, next, recursiveCtes, preloads);
  }

  /**
   * Makes the CTEs {@code WITH RECURSIVE} (Ecto's {@code recursive_ctes}).
   *
   * <pre>{@code q.withCte("tree", tree).recursiveCtes(true) }</pre>
   *
   * @param recursive true for recursive
   * @return the new query
   */
  public Query<T> recursiveCtes(boolean recursive) {
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select,
        combinations, windows, prefix, ctes, recursive, preloads);
  }

  /**
   * Reads the source schema from another PostgreSQL schema (Ecto's {@code from ..., prefix:}); it
   * wins over the schema's {@code @Schema(prefix)} and the query's {@link #prefix(String)}.
   *
   * <pre>{@code Query.from(Order.class).sourcePrefix("archive_2024") }</pre>
   *
   * @param schema the PostgreSQL schema
   * @return the new query
   * @throws QueryException when the source is not a schema
   */
  public Query<T> sourcePrefix(String schema) {
    if (!(source instanceof Source.Schema s)) {
      throw new QueryException("sourcePrefix applies to a schema source, not " + Source.describe(source));
    }
    return new Query<>(new Source.Schema(s.type(), s.table(), schema), as, joins, where, orderBy, groupBy, having, limit, offset,
        distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Preloads associations on the results (Ecto's {@code preload}): after the rows are read, one
   * query per association level; dot paths nest ({@code "comments.author"}).
   *
   * <pre>{@code repo.all(Query.from(Post.class).where("published", true).preload("author", "comments.author")) }</pre>
   *
   * @param paths association names, or dot-separated paths
   * @return the new query
   */
  public Query<T> preload(String... paths) {
    List<Preload> next = new ArrayList<>(preloads);
    for (String path : paths) {
      next.add(Preload.path(path));
    }
    return withPreloads(next);
  }

  /**
   * Preloads associations on the results, with nested preloads and custom queries.
   *
   * <pre>{@code q.preload(Preload.of("comments").query(Query.from(Comment.class).orderBy(Order.desc("votes")))) }</pre>
   *
   * @param more the preloads
   * @return the new query
   */
  public Query<T> preload(Preload... more) {
    List<Preload> next = new ArrayList<>(preloads);
    next.addAll(List.of(more));
    return withPreloads(next);
  }

  private Query<T> withPreloads(List<Preload> next) {
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select,
        combinations, windows, prefix, ctes, recursiveCtes, next);
  }

  /**
   * The source's schema record class, or null for a table or subquery source.
   *
   * <pre>{@code Query.from(Person.class).schemaType() // Person.class }</pre>
   *
   * @return the class or null
   */
  public Class<?> schemaType() {
    return source instanceof Source.Schema s ? s.type() : null;
  }

  /**
   * Whether an aggregate over this query must read it whole, as a subquery (Ecto's rule): it has
   * a limit, offset, distinct, combination, grouping or common table expression, any of which
   * changes which rows there are to count.
   *
   * <pre>{@code Query.from(Person.class).limit(10).aggregatesAsSubquery() // true }</pre>
   *
   * @return true when an aggregate must wrap the whole query
   */
  public boolean aggregatesAsSubquery() {
    return limit != null || offset != null || distinctRows || !combinations.isEmpty()
        || !groupBy.isEmpty() || having != null || !ctes.isEmpty();
  }

  /**
   * Names the source's binding, so expressions can say {@code field("p", "title")}.
   *
   * <pre>{@code Query.from(Post.class).as("p") }</pre>
   *
   * @param name the binding name
   * @return the new query
   */
  public Query<T> as(String name) {
    return new Query<>(source, name, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Joins another schema under a binding name, on a condition.
   *
   * <pre>{@code q.join(JoinKind.LEFT, Comment.class, "c", field("c", "postId").eq(field("p", "id"))) }</pre>
   *
   * @param kind the kind of join
   * @param schema the joined schema record class
   * @param binding its binding name
   * @param on the condition (null for {@link JoinKind#CROSS})
   * @return the new query
   */
  public Query<T> join(JoinKind kind, Class<?> schema, String binding, Expr on) {
    return join(kind, new Source.Schema(schema, null), binding, on);
  }

  /**
   * Joins any source: a schema under another table or CTE name, a table, or a subquery (the
   * lateral kinds take a subquery, which may refer to earlier bindings with {@code parentAs}).
   *
   * <pre>{@code q.join(JoinKind.LEFT_LATERAL, new Source.Subquery(latestComment), "c", Exprs.param(true).eq(true)) }</pre>
   *
   * @param kind the kind of join
   * @param joined the joined source
   * @param binding its binding name
   * @param on the condition (null for {@link JoinKind#CROSS})
   * @return the new query
   */
  public Query<T> join(JoinKind kind, Source joined, String binding, Expr on) {
    List<Join> next = new ArrayList<>(joins);
    next.add(new Join(kind, joined, binding, on));
    return new Query<>(source, as, next, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Joins an association of an earlier binding (Ecto's {@code join: c in assoc(p, :comments)}).
   *
   * <pre>{@code Query.from(Post.class).as("p").joinAssoc(JoinKind.LEFT, "p", "comments", "c") }</pre>
   *
   * @param kind the kind of join
   * @param owner the binding whose schema declares the association (null for the source)
   * @param assoc the association's name
   * @param binding the joined binding's name
   * @return the new query
   */
  public Query<T> joinAssoc(JoinKind kind, String owner, String assoc, String binding) {
    return join(kind, new Source.Assoc(owner, assoc), binding, null);
  }

  /**
   * {@link #joinAssoc(JoinKind, String, String, String)} with a further condition, ANDed to the
   * association's keys (Ecto's {@code on:} on an assoc join).
   *
   * <pre>{@code q.joinAssoc(JoinKind.INNER, "p", "comments", "c", field("c", "votes").gt(10)) }</pre>
   *
   * @param kind the kind of join
   * @param owner the owning binding (null for the source)
   * @param assoc the association's name
   * @param binding the joined binding's name
   * @param on the further condition
   * @return the new query
   */
  public Query<T> joinAssoc(JoinKind kind, String owner, String assoc, String binding, Expr on) {
    return join(kind, new Source.Assoc(owner, assoc), binding, on);
  }

  /**
   * An inner join.
   *
   * <pre>{@code q.join(Comment.class, "c", field("c", "postId").eq(field("p", "id"))) }</pre>
   *
   * @param schema the joined schema record class
   * @param binding its binding name
   * @param on the condition
   * @return the new query
   */
  public Query<T> join(Class<?> schema, String binding, Expr on) {
    return join(JoinKind.INNER, schema, binding, on);
  }

  /**
   * Adds a condition, joined to the existing ones with AND.
   *
   * <pre>{@code q.where(field("votes").gt(10)) }</pre>
   *
   * @param condition the condition
   * @return the new query
   */
  public Query<T> where(Expr condition) {
    Expr next = where == null ? condition : new BinaryOp(Operator.AND, where, condition);
    return new Query<>(source, as, joins, next, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Adds a condition joined to the existing ones with OR (Ecto's {@code or_where}): {@code (existing) OR condition}.
   *
   * <pre>{@code q.where(field("a").eq(1)).orWhere(field("b").eq(2)) }</pre>
   *
   * @param condition the condition
   * @return the new query
   */
  public Query<T> orWhere(Expr condition) {
    Expr next = where == null ? condition : new BinaryOp(Operator.OR, where, condition);
    return new Query<>(source, as, joins, next, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Adds {@code field = value} on the source. A null value is refused when planned, as in Ecto: use
   * {@link #whereNull(String)}.
   *
   * <pre>{@code Query.from(Person.class).where("lastName", "Smith") }</pre>
   *
   * @param field the field name
   * @param value the value, cast to the field's type when planned
   * @return the new query
   */
  public Query<T> where(String field, Object value) {
    return where(Exprs.field(field).eq(value));
  }

  /**
   * Adds {@code field op value} on the source.
   *
   * <pre>{@code Query.from(Person.class).where("age", Op.LT, 30) }</pre>
   *
   * @param field the field name
   * @param op the operator
   * @param value the value (none for the null tests)
   * @return the new query
   */
  public Query<T> where(String field, Op op, Object value) {
    if (!op.takesValue()) {
      if (value != null) {
        throw new QueryException(op + " on field '" + field + "' takes no value, got " + value);
      }
      return where(op == Op.IS_NULL ? Exprs.field(field).isNull() : Exprs.field(field).isNotNull());
    }
    return where(new BinaryOp(Operator.of(op), Exprs.field(field), Exprs.wrap(value)));
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
    for (Map.Entry<String, ?> e : new TreeMap<>(equalities).entrySet()) {
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
    return where(Exprs.field(field).isNull());
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
    return where(Exprs.field(field).isNotNull());
  }

  /**
   * Appends ascending order terms on source fields.
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
    return withOrder(next);
  }

  /**
   * Appends order terms.
   *
   * <pre>{@code Query.from(Person.class).orderBy(Order.desc("age").nullsLast(), Order.asc("id")) }</pre>
   *
   * @param orders the terms
   * @return the new query
   */
  public Query<T> orderBy(Order... orders) {
    List<Order> next = new ArrayList<>(orderBy);
    next.addAll(List.of(orders));
    return withOrder(next);
  }

  /**
   * Appends grouping expressions.
   *
   * <pre>{@code q.groupBy(field("p", "authorId")) }</pre>
   *
   * @param exprs the expressions
   * @return the new query
   */
  public Query<T> groupBy(Expr... exprs) {
    List<Expr> next = new ArrayList<>(groupBy);
    next.addAll(List.of(exprs));
    return new Query<>(source, as, joins, where, orderBy, next, having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Adds a condition on groups, joined with AND.
   *
   * <pre>{@code q.having(count().gt(5)) }</pre>
   *
   * @param condition the condition
   * @return the new query
   */
  public Query<T> having(Expr condition) {
    Expr next = having == null ? condition : new BinaryOp(Operator.AND, having, condition);
    return new Query<>(source, as, joins, where, orderBy, groupBy, next, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Adds a condition on groups, joined with OR.
   *
   * <pre>{@code q.having(count().gt(5)).orHaving(max(field("votes")).gt(100)) }</pre>
   *
   * @param condition the condition
   * @return the new query
   */
  public Query<T> orHaving(Expr condition) {
    Expr next = having == null ? condition : new BinaryOp(Operator.OR, having, condition);
    return new Query<>(source, as, joins, where, orderBy, groupBy, next, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
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
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, rows, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
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
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, rows, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * {@code SELECT DISTINCT}.
   *
   * <pre>{@code Query.from(Person.class).select(field("lastName"), String.class).distinct() }</pre>
   *
   * @return the new query
   */
  public Query<T> distinct() {
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, true, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * {@code SELECT DISTINCT ON (exprs)}: the first row of each group, by the query's order. As in
   * Ecto, the expressions are prepended (ascending) to a non-empty ORDER BY when the query is
   * planned, since PostgreSQL requires the ORDER BY to begin with them. Replaces an earlier
   * {@code distinctOn}.
   *
   * <pre>{@code Query.from(Post.class).distinctOn(field("authorId")).orderBy(Order.asc("authorId"), Order.desc("insertedAt")) }</pre>
   *
   * @param exprs the expressions
   * @return the new query
   */
  public Query<T> distinctOn(Expr... exprs) {
    List<Order> next = new ArrayList<>(exprs.length);
    for (Expr e : exprs) {
      next.add(Order.asc(e));
    }
    return withDistinctOn(next);
  }

  /**
   * {@code SELECT DISTINCT ON (exprs)} with a direction for each expression (Ecto's
   * {@code distinct: [desc: p.category]}): the expressions alone are the DISTINCT ON, and when the
   * query has an ORDER BY, they are prepended to it with their directions, unless it already begins
   * with them. As in Ecto, a query without an ORDER BY of its own gets none. Replaces an earlier
   * {@code distinctOn}.
   *
   * <pre>{@code
   * // the post with the most votes per category, categories in descending order
   * Query.from(Post.class).distinctOn(Order.desc("category")).orderBy(Order.desc("votes"))
   * // SELECT DISTINCT ON (p0."category") ... ORDER BY p0."category" DESC, p0."votes" DESC
   * }</pre>
   *
   * @param orders the expressions and their directions
   * @return the new query
   */
  public Query<T> distinctOn(Order... orders) {
    return withDistinctOn(List.of(orders));
  }

  private Query<T> withDistinctOn(List<Order> next) {
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, true, next, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * A lock clause, such as {@code "FOR UPDATE"} or {@code "FOR UPDATE SKIP LOCKED"} (Ecto's
   * {@code lock}); it is checked against PostgreSQL's lock clauses when planned.
   *
   * <pre>{@code Query.from(Job.class).where("state", "queued").limit(10).lock("FOR UPDATE SKIP LOCKED") }</pre>
   *
   * @param clause the lock clause
   * @return the new query
   */
  public Query<T> lock(String clause) {
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, clause, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Selects one expression, read as the given type.
   *
   * <pre>{@code Query.from(Person.class).select(field("lastName"), String.class) // Query<String> }</pre>
   *
   * @param expr the expression
   * @param type the Java type of each value
   * @param <R> the type
   * @return the new query
   */
  public <R> Query<R> select(Expr expr, Class<R> type) {
    return withSelect(new Selection.Single<>(expr, type));
  }

  /**
   * Selects named expressions into a map per row (in the map's iteration order).
   *
   * <pre>{@code q.select(Map.of("title", field("title"), "votes", field("votes"))) }</pre>
   *
   * @param exprs name to expression
   * @return the new query
   */
  public Query<Map<String, Object>> select(Map<String, ? extends Expr> exprs) {
    return withSelect(new Selection.Named(new LinkedHashMap<>(exprs)));
  }

  /**
   * Selects expressions into a record class, by position in its canonical constructor.
   *
   * <pre>{@code record TitleVotes(String title, Integer votes) {}
   * q.select(TitleVotes.class, field("title"), field("votes")) }</pre>
   *
   * @param type the record class
   * @param exprs one per component
   * @param <R> the record type
   * @return the new query
   */
  public <R> Query<R> select(Class<R> type, Expr... exprs) {
    return withSelect(new Selection.Constructed<>(type, List.of(exprs)));
  }

  /**
   * Selects expressions as a list per row (Ecto's {@code select: [p.title, p.votes]}), each value
   * as its expression reads (a field as its type, a binding's {@link Exprs#recordOf} as a record).
   *
   * <pre>{@code q.selectList(field("title"), field("votes")) // Query<List<Object>>: [["a", 3], ["b", 5]] }</pre>
   *
   * @param exprs the values of each row, in order
   * @return the new query
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Query<List<Object>> selectList(Expr... exprs) {
    if (exprs.length == 0) {
      throw new QueryException("selectList needs at least one expression");
    }
    return withSelect(new Selection.Constructed(List.class, List.of(exprs)));
  }

  /**
   * Selects the whole record of a joined binding.
   *
   * <pre>{@code q.join(Comment.class, "c", on).selectBinding("c", Comment.class) // Query<Comment> }</pre>
   *
   * @param binding the binding name
   * @param type its schema record class
   * @param <R> the record type
   * @return the new query
   */
  public <R> Query<R> selectBinding(String binding, Class<R> type) {
    return withSelect(new Selection.Binding<>(binding, type));
  }

  /**
   * {@code this UNION other} (duplicates removed); the order, limit and offset of this query then
   * apply to the combined rows.
   *
   * <pre>{@code customers.union(leads) }</pre>
   *
   * @param other a query selecting the same number of columns
   * @return the new query
   */
  public Query<T> union(Query<?> other) {
    return combine(Combination.Kind.UNION, other);
  }

  /**
   * {@code this UNION ALL other}.
   *
   * <pre>{@code customers.unionAll(leads) }</pre>
   *
   * @param other a query selecting the same number of columns
   * @return the new query
   */
  public Query<T> unionAll(Query<?> other) {
    return combine(Combination.Kind.UNION_ALL, other);
  }

  /**
   * {@code this INTERSECT other}.
   *
   * <pre>{@code customers.intersect(subscribers) }</pre>
   *
   * @param other a query selecting the same number of columns
   * @return the new query
   */
  public Query<T> intersect(Query<?> other) {
    return combine(Combination.Kind.INTERSECT, other);
  }

  /**
   * {@code this INTERSECT ALL other}.
   *
   * <pre>{@code a.intersectAll(b) }</pre>
   *
   * @param other a query selecting the same number of columns
   * @return the new query
   */
  public Query<T> intersectAll(Query<?> other) {
    return combine(Combination.Kind.INTERSECT_ALL, other);
  }

  /**
   * {@code this EXCEPT other}.
   *
   * <pre>{@code customers.except(unsubscribed) }</pre>
   *
   * @param other a query selecting the same number of columns
   * @return the new query
   */
  public Query<T> except(Query<?> other) {
    return combine(Combination.Kind.EXCEPT, other);
  }

  /**
   * {@code this EXCEPT ALL other}.
   *
   * <pre>{@code a.exceptAll(b) }</pre>
   *
   * @param other a query selecting the same number of columns
   * @return the new query
   */
  public Query<T> exceptAll(Query<?> other) {
    return combine(Combination.Kind.EXCEPT_ALL, other);
  }

  /**
   * Names a window that {@code Exprs.over(function, name)} can use (Ecto's {@code windows}).
   *
   * <pre>{@code q.window("w", Window.partitionBy(field("authorId"))).select(...over(sum(field("votes")), "w")...) }</pre>
   *
   * @param name the window's name
   * @param window the window
   * @return the new query
   */
  public Query<T> window(String name, Window window) {
    Map<String, Window> next = new LinkedHashMap<>(windows);
    next.put(name, window);
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select,
        combinations, next, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Runs the query in another PostgreSQL schema (Ecto's {@code put_query_prefix}): sources whose
   * {@code @Schema} names no prefix use this one; multi-tenancy by schema builds on it.
   *
   * <pre>{@code Query.from(Order.class).prefix("tenant_42") }</pre>
   *
   * @param schema the PostgreSQL schema, or null for the search path
   * @return the new query
   */
  public Query<T> prefix(String schema) {
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select,
        combinations, windows, schema, ctes, recursiveCtes, preloads);
  }

  private Query<T> combine(Combination.Kind kind, Query<?> other) {
    List<Combination> next = new ArrayList<>(combinations);
    next.add(new Combination(kind, other));
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select,
        next, windows, prefix, ctes, recursiveCtes, preloads);
  }

  /**
   * Merges named expressions into the selection (Ecto's {@code select_merge}): into a map
   * selection, keys added or replaced; into a record selection, the named components computed by
   * the expressions (a {@code @Virtual} one too).
   *
   * <pre>{@code
   * Query.from(Post.class).as("p").join(JoinKind.LEFT, Comment.class, "c", ...).groupBy(field("p", "id"))
   *     .selectMerge(Map.of("commentCount", count(field("c", "id"))))   // Post's @Virtual Long commentCount
   * }</pre>
   *
   * @param exprs name to expression
   * @return the new query
   * @throws QueryException when the selection is a single value or a constructed record
   */
  public Query<T> selectMerge(Map<String, ? extends Expr> exprs) {
    if (select instanceof Selection.Named named) {
      Map<String, Expr> next = new LinkedHashMap<>(named.exprs());
      next.putAll(exprs);
      @SuppressWarnings("unchecked")
      Selection<T> merged = (Selection<T>) new Selection.Named(next);
      return withSelect(merged);
    }
    if (select instanceof Selection.Binding<T> b) {
      Map<String, Expr> next = new LinkedHashMap<>(b.merged());
      next.putAll(exprs);
      return withSelect(new Selection.Binding<>(b.binding(), b.type(), next));
    }
    throw new QueryException("selectMerge merges into a record or a map selection, not " + select);
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
    return (orderBy.isEmpty() ? byKey(Direction.ASC) : this).limit(1);
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
      reversed.add(o.reversed());
    }
    return withOrder(reversed);
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
        return new Query<>(source, as, joins, null, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
      case ORDER_BY:
        return withOrder(List.of());
      case LIMIT:
        return new Query<>(source, as, joins, where, orderBy, groupBy, having, null, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
      case OFFSET:
        return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, null, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
      case JOIN:
        return new Query<>(source, as, List.of(), where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
      case GROUP_BY:
        return new Query<>(source, as, joins, where, orderBy, List.of(), having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
      case HAVING:
        return new Query<>(source, as, joins, where, orderBy, groupBy, null, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
      case DISTINCT:
        return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, false, List.of(), lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
      case LOCK:
        return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, null, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
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
    OFFSET,
    /** Every join. */
    JOIN,
    /** Every grouping expression. */
    GROUP_BY,
    /** Every having condition. */
    HAVING,
    /** Distinct and distinct on. */
    DISTINCT,
    /** The lock. */
    LOCK
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
    return QueryText.describe(this);
  }

  private Query<T> withOrder(List<Order> next) {
    return new Query<>(source, as, joins, where, next, groupBy, having, limit, offset, distinctRows, distinctOn, lock, select, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  private <R> Query<R> withSelect(Selection<R> selection) {
    return new Query<>(source, as, joins, where, orderBy, groupBy, having, limit, offset, distinctRows, distinctOn, lock, selection, combinations, windows, prefix, ctes, recursiveCtes, preloads);
  }

  private Query<T> byKey(Direction direction) {
    if (schemaType() == null) {
      throw new QueryException("first/last/reverseOrder without an order need a schema's primary key; "
          + Source.describe(source) + " has none: give an order");
    }
    List<SchemaField> key = Schemas.of(schemaType()).requirePrimaryKey("first/last/reverseOrder");
    List<Order> byKey = new ArrayList<>(key.size());
    for (SchemaField f : key) {
      byKey.add(new Order(Exprs.field(f.name()), direction, Order.Nulls.DEFAULT));
    }
    return withOrder(byKey);
  }
}
