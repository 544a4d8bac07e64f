package dev.flecto.query;

import dev.flecto.QueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Factories of query expressions, meant for static import.
 *
 * <pre>{@code
 * import static dev.flecto.query.Exprs.*;
 * Query.from(Post.class).as("p")
 *     .join(JoinKind.LEFT, Comment.class, "c", field("c", "postId").eq(field("p", "id")))
 *     .where(field("p", "title").ilike("%java%").and(not(field("p", "archived").eq(true))))
 *     .groupBy(field("p", "id"))
 *     .select(Map.of("title", field("p", "title"), "comments", count(field("c", "id"))));
 * }</pre>
 */
public final class Exprs {
  private Exprs() {}

  /**
   * A field of the query's source.
   *
   * <pre>{@code field("age") }</pre>
   *
   * @param name the field name
   * @return the reference
   */
  public static FieldRef field(String name) {
    return new FieldRef(null, name);
  }

  /**
   * A field of a named binding (the source's or a join's {@code as}).
   *
   * <pre>{@code field("c", "votes") }</pre>
   *
   * @param binding the binding name
   * @param name the field name
   * @return the reference
   */
  public static FieldRef field(String binding, String name) {
    return new FieldRef(binding, name);
  }

  /**
   * A field of a binding by position (Ecto's positional bindings): 0 is the source, 1 the first
   * join, and so on.
   *
   * <pre>{@code Query.from(Post.class).join(Comment.class, "c", field(1, "postId").eq(field(0, "id"))) }</pre>
   *
   * @param position the binding's position
   * @param name the field name
   * @return the reference
   */
  public static FieldRef field(int position, String name) {
    if (position < 0) {
      throw new QueryException("a binding position is 0 (the source) or more, got " + position);
    }
    return new FieldRef(FieldRef.POSITION + position, name);
  }

  /**
   * A bound value.
   *
   * <pre>{@code param(28) }</pre>
   *
   * @param value the value
   * @return the parameter
   */
  public static Param param(Object value) {
    return new Param(value);
  }

  /**
   * Every condition joined with AND.
   *
   * <pre>{@code and(field("a").eq(1), field("b").eq(2)) }</pre>
   *
   * @param conditions at least one condition
   * @return the expression
   */
  public static Expr and(Expr... conditions) {
    return fold(Operator.AND, conditions);
  }

  /**
   * Every condition joined with OR.
   *
   * <pre>{@code or(field("a").eq(1), field("b").eq(2)) }</pre>
   *
   * @param conditions at least one condition
   * @return the expression
   */
  public static Expr or(Expr... conditions) {
    return fold(Operator.OR, conditions);
  }

  /**
   * {@code NOT condition}.
   *
   * <pre>{@code not(field("archived").eq(true)) }</pre>
   *
   * @param condition the condition
   * @return the expression
   */
  public static Expr not(Expr condition) {
    return new UnaryOp(UnaryOp.Kind.NOT, condition);
  }

  /**
   * {@code count(*)}: the number of rows.
   *
   * <pre>{@code count() }</pre>
   *
   * @return the expression
   */
  public static Call count() {
    return new Call(Call.Fn.COUNT, List.of(), false);
  }

  /**
   * {@code count(e)}: the non-null values.
   *
   * <pre>{@code count(field("c", "id")) }</pre>
   *
   * @param e the expression
   * @return the expression
   */
  public static Call count(Expr e) {
    return new Call(Call.Fn.COUNT, List.of(e), false);
  }

  /**
   * {@code count(DISTINCT e)}.
   *
   * <pre>{@code countDistinct(field("authorId")) }</pre>
   *
   * @param e the expression
   * @return the expression
   */
  public static Call countDistinct(Expr e) {
    return new Call(Call.Fn.COUNT, List.of(e), true);
  }

  /**
   * {@code sum(e)}.
   *
   * <pre>{@code sum(field("votes")) }</pre>
   *
   * @param e the expression
   * @return the expression
   */
  public static Call sum(Expr e) {
    return new Call(Call.Fn.SUM, List.of(e), false);
  }

  /**
   * {@code avg(e)}.
   *
   * <pre>{@code avg(field("votes")) }</pre>
   *
   * @param e the expression
   * @return the expression
   */
  public static Call avg(Expr e) {
    return new Call(Call.Fn.AVG, List.of(e), false);
  }

  /**
   * {@code min(e)}.
   *
   * <pre>{@code min(field("insertedAt")) }</pre>
   *
   * @param e the expression
   * @return the expression
   */
  public static Call min(Expr e) {
    return new Call(Call.Fn.MIN, List.of(e), false);
  }

  /**
   * {@code max(e)}.
   *
   * <pre>{@code max(field("votes")) }</pre>
   *
   * @param e the expression
   * @return the expression
   */
  public static Call max(Expr e) {
    return new Call(Call.Fn.MAX, List.of(e), false);
  }

  /**
   * {@code coalesce(a, b, ...)}: the first non-null value.
   *
   * <pre>{@code coalesce(field("nickname"), field("name")) }</pre>
   *
   * @param args expressions or values
   * @return the expression
   */
  public static Call coalesce(Object... args) {
    List<Expr> exprs = new ArrayList<>();
    for (Object a : args) {
      exprs.add(wrap(a));
    }
    return new Call(Call.Fn.COALESCE, exprs, false);
  }

  /**
   * {@code lower(e)}.
   *
   * <pre>{@code lower(field("email")) }</pre>
   *
   * @param e the expression
   * @return the expression
   */
  public static Call lower(Expr e) {
    return new Call(Call.Fn.LOWER, List.of(e), false);
  }

  /**
   * {@code upper(e)}.
   *
   * <pre>{@code upper(field("code")) }</pre>
   *
   * @param e the expression
   * @return the expression
   */
  public static Call upper(Expr e) {
    return new Call(Call.Fn.UPPER, List.of(e), false);
  }

  /**
   * Raw SQL with {@code ?} placeholders filled by the arguments (expressions, or values that are
   * bound).
   *
   * <pre>{@code fragment("date_trunc('day', ?)", field("insertedAt")) }</pre>
   *
   * @param sql the SQL
   * @param args one per {@code ?}
   * @return the expression
   */
  public static Fragment fragment(String sql, Object... args) {
    List<Expr> exprs = new ArrayList<>();
    for (Object a : args) {
      exprs.add(wrap(a));
    }
    return new Fragment(sql, exprs);
  }

  /**
   * {@code CAST(e AS type)} (Ecto's {@code type/2}). A value compared with the cast is cast to
   * {@code type}; a cast of a {@link #param} casts the value itself when the query is planned and
   * binds it as that type (Ecto's {@code type(^"2.5", :decimal)}), so a value that does not fit
   * fails with a {@code QueryException} before anything runs.
   *
   * <pre>{@code
   * cast(field("price"), BigDecimal.class)
   * field("price").times(cast(param("2.5"), BigDecimal.class))   // $1 bound as the decimal 2.5
   * }</pre>
   *
   * @param e the expression
   * @param type a field type's Java class
   * @return the expression
   */
  public static CastExpr cast(Expr e, Class<?> type) {
    return new CastExpr(e, type);
  }

  /**
   * {@code EXISTS (subquery)}.
   *
   * <pre>{@code exists(Query.from(Comment.class).where(field("postId").eq(parentAs("p", "id")))) }</pre>
   *
   * @param subquery the subquery
   * @return the expression
   */
  public static ExistsExpr exists(Query<?> subquery) {
    return new ExistsExpr(subquery);
  }

  /**
   * A subquery's single value, {@code (SELECT ...)}.
   *
   * <pre>{@code field("votes").gt(subquery(Query.from(Post.class).select(avg(field("votes")), BigDecimal.class))) }</pre>
   *
   * @param subquery a query selecting one column
   * @return the expression
   */
  public static SubqueryExpr subquery(Query<?> subquery) {
    return new SubqueryExpr(subquery);
  }

  /**
   * A field of the enclosing query's binding, inside a subquery (Ecto's {@code parent_as}).
   *
   * <pre>{@code parentAs("p", "id") }</pre>
   *
   * @param binding the enclosing binding's name
   * @param name the field name
   * @return the reference
   */
  public static ParentRef parentAs(String binding, String name) {
    return new ParentRef(binding, name);
  }

  /**
   * A function over an inline window.
   *
   * <pre>{@code over(rowNumber(), Window.partitionBy(field("authorId")).orderBy(Order.desc("votes"))) }</pre>
   *
   * @param function a window function or aggregate
   * @param window the window
   * @return the expression
   */
  public static Over over(Call function, Window window) {
    return new Over(function, null, window);
  }

  /**
   * A function over a named window of the query ({@code query.window(name, ...)}).
   *
   * <pre>{@code over(sum(field("votes")), "w") }</pre>
   *
   * @param function a window function or aggregate
   * @param windowName the window's name
   * @return the expression
   */
  public static Over over(Call function, String windowName) {
    return new Over(function, windowName, null);
  }

  /**
   * {@code row_number()}, to be used with {@link #over}.
   *
   * <pre>{@code over(rowNumber(), window) }</pre>
   *
   * @return the call
   */
  public static Call rowNumber() {
    return new Call(Call.Fn.ROW_NUMBER, List.of(), false);
  }

  /**
   * {@code rank()}, to be used with {@link #over}.
   *
   * <pre>{@code over(rank(), window) }</pre>
   *
   * @return the call
   */
  public static Call rank() {
    return new Call(Call.Fn.RANK, List.of(), false);
  }

  /**
   * {@code dense_rank()}, to be used with {@link #over}.
   *
   * <pre>{@code over(denseRank(), window) }</pre>
   *
   * @return the call
   */
  public static Call denseRank() {
    return new Call(Call.Fn.DENSE_RANK, List.of(), false);
  }

  /**
   * {@code lag(e, offset)}: the value {@code offset} rows before, over a window.
   *
   * <pre>{@code over(lag(field("votes"), 1), window) }</pre>
   *
   * @param e the expression
   * @param offset how many rows back
   * @return the call
   */
  public static Call lag(Expr e, int offset) {
    return new Call(Call.Fn.LAG, List.of(e, new Param(offset)), false);
  }

  /**
   * {@code lead(e, offset)}: the value {@code offset} rows after, over a window.
   *
   * <pre>{@code over(lead(field("votes"), 1), window) }</pre>
   *
   * @param e the expression
   * @param offset how many rows ahead
   * @return the call
   */
  public static Call lead(Expr e, int offset) {
    return new Call(Call.Fn.LEAD, List.of(e, new Param(offset)), false);
  }

  /**
   * {@code first_value(e)} over a window.
   *
   * <pre>{@code over(firstValue(field("title")), window) }</pre>
   *
   * @param e the expression
   * @return the call
   */
  public static Call firstValue(Expr e) {
    return new Call(Call.Fn.FIRST_VALUE, List.of(e), false);
  }

  /**
   * {@code last_value(e)} over a window.
   *
   * <pre>{@code over(lastValue(field("title")), window) }</pre>
   *
   * @param e the expression
   * @return the call
   */
  public static Call lastValue(Expr e) {
    return new Call(Call.Fn.LAST_VALUE, List.of(e), false);
  }

  /**
   * {@code nth_value(e, n)} over a window.
   *
   * <pre>{@code over(nthValue(field("title"), 2), window) }</pre>
   *
   * @param e the expression
   * @param n the row, from 1
   * @return the call
   */
  public static Call nthValue(Expr e, int n) {
    return new Call(Call.Fn.NTH_VALUE, List.of(e, new Param(n)), false);
  }

  /**
   * {@code base + amount * interval '1 unit'} for a timestamp (Ecto's {@code datetime_add}).
   *
   * <pre>{@code datetimeAdd(field("insertedAt"), 1, DateAdd.Unit.HOUR) }</pre>
   *
   * @param base the timestamp expression
   * @param amount a number or an expression
   * @param unit the unit
   * @return the expression
   */
  public static DateAdd datetimeAdd(Expr base, Object amount, DateAdd.Unit unit) {
    return new DateAdd(base, wrap(amount), unit, false);
  }

  /**
   * {@code base + amount * interval '1 unit'} for a date, cast back to a date (Ecto's {@code date_add}).
   *
   * <pre>{@code dateAdd(field("dueOn"), 2, DateAdd.Unit.WEEK) }</pre>
   *
   * @param base the date expression
   * @param amount a number or an expression
   * @param unit the unit
   * @return the expression
   */
  public static DateAdd dateAdd(Expr base, Object amount, DateAdd.Unit unit) {
    return new DateAdd(base, wrap(amount), unit, true);
  }

  /**
   * The current time minus an amount (Ecto's {@code ago}); the current time is the client's, bound
   * as a parameter.
   *
   * <pre>{@code field("insertedAt").gt(ago(7, DateAdd.Unit.DAY)) }</pre>
   *
   * @param amount how many units back
   * @param unit the unit
   * @return the expression
   */
  public static DateAdd ago(long amount, DateAdd.Unit unit) {
    return new DateAdd(new Param(java.time.Instant.now()), new Param(-amount), unit, false);
  }

  /**
   * The current time plus an amount (Ecto's {@code from_now}).
   *
   * <pre>{@code field("expiresAt").lt(fromNow(1, DateAdd.Unit.HOUR)) }</pre>
   *
   * @param amount how many units ahead
   * @param unit the unit
   * @return the expression
   */
  public static DateAdd fromNow(long amount, DateAdd.Unit unit) {
    return new DateAdd(new Param(java.time.Instant.now()), new Param(amount), unit, false);
  }

  /**
   * Names a selected expression (Ecto's {@code selected_as/2}).
   *
   * <pre>{@code selectedAs(sum(field("votes")), "total") }</pre>
   *
   * @param e the expression
   * @param name the name
   * @return the expression
   */
  public static SelectedAs selectedAs(Expr e, String name) {
    return new SelectedAs(e, name);
  }

  /**
   * Refers to a name given with {@link #selectedAs} (Ecto's {@code selected_as/1}).
   *
   * <pre>{@code Order.desc(selected("total")) }</pre>
   *
   * @param name the name
   * @return the reference
   */
  public static SelectedRef selected(String name) {
    return new SelectedRef(name);
  }

  /**
   * Splices a list into a fragment, one parameter per element (Ecto's {@code splice}).
   *
   * <pre>{@code fragment("? IN (?)", field("id"), splice(List.of(1, 2, 3))) }</pre>
   *
   * @param values the elements (expressions or values)
   * @return the splice
   */
  public static Splice splice(java.util.Collection<?> values) {
    List<Expr> exprs = new ArrayList<>();
    for (Object v : values) {
      exprs.add(wrap(v));
    }
    return new Splice(exprs);
  }

  /**
   * A binding's whole record as one value of a select (Ecto's {@code select: {p, c}}): beside
   * other records and values, in a record class or a map; null when the binding matched nothing.
   *
   * <pre>{@code
   * Query.from(Post.class).as("p").join(JoinKind.LEFT, Author.class, "a", field("a", "id").eq(field("p", "authorId")))
   *     .select(PostAndAuthor.class, recordOf("p"), recordOf("a"))
   * }</pre>
   *
   * @param binding the binding
   * @return the expression
   */
  public static RecordOf recordOf(String binding) {
    return new RecordOf(binding, List.of(), false);
  }

  /**
   * A binding's record with only these fields loaded (Ecto's {@code struct(c, [:id, :title])}):
   * the other fields are null (zero for primitives, an empty list for an embeds-many; a field
   * declared {@code loadInQuery = false} or a {@code defaultsToStruct} embed its default) and its
   * associations not loaded, so write it back only through a changeset of the fields read. Naming
   * a {@code loadInQuery = false} field loads it. Alone it is the whole select:
   * {@code .select(recordOf("p", "id", "title"), Post.class)}.
   *
   * <p>A field {@code "assoc.field"} (deeper: {@code "assoc.nested.field"}) names a field of an
   * association the query preloads by its own query (Ecto's
   * {@code struct(c, [:country_id, :name, country: [:id, :population]])}): that preload reads only
   * the fields named. As Ecto requires, the keys the records are matched by must be among the fields
   * (the parent's foreign key for a belongs-to, its key for a has-many; the child's key or foreign
   * key); Flecto refuses the query when one is missing, where Ecto would find nothing. Only a
   * recordOf of the root binding, as the whole select of the query that has the preloads, takes them.
   *
   * <pre>{@code
   * Query.from(Post.class).as("p").select(recordOf("p", "id", "title"), Post.class)
   * Query.from(Post.class).as("p").preload("comments")
   *     .select(recordOf("p", "id", "title", "comments.postId", "comments.body"), Post.class)
   * }</pre>
   *
   * @param binding the binding
   * @param fields the fields to read
   * @return the expression
   */
  public static RecordOf recordOf(String binding, String... fields) {
    return new RecordOf(binding, List.of(fields), false);
  }

  /**
   * Some fields of a binding as a map of field name to value (Ecto's {@code map(c, [:id, :title])});
   * with no fields, every field a whole-record read loads (not {@code loadInQuery = false} ones). A
   * binding of a table without a schema
   * needs its columns named.
   *
   * <pre>{@code Query.from(Post.class).as("p").select(mapOf("p", "id", "title"), Map.class) }</pre>
   *
   * @param binding the binding
   * @param fields the fields to read
   * @return the expression
   */
  public static RecordOf mapOf(String binding, String... fields) {
    return new RecordOf(binding, List.of(fields), true);
  }

  /**
   * The jsonb value at a path of a map or embed field (Ecto's {@code field["a"]["b"]}); compare it
   * with a map or a number, or use {@link #jsonText} to compare with text. A key may be an
   * expression, such as another field or a {@link #param}, whose text is the key (Ecto's
   * {@code p.meta["author"][^key]}). Into an embed, the keys are the embedded records' field names
   * (each stored under its column name, which the query uses) and list indexes, checked against
   * the embedded schemas when the query is planned; a value compared with a path that ends at an
   * embedded field is cast and written as that field stores it ({@code Instant} as ISO-8601 text,
   * an enum as its name).
   *
   * <pre>{@code
   * jsonPath(field("meta"), "address", "city")
   * jsonText(field("profile"), "visibility").eq(Visibility.PUBLIC)   // an embed's enum field
   * jsonText(field("addresses"), 0, "city").eq("Oslo")               // the first embedded address
   * jsonText(field("meta"), "labels", field("lang"))                 // a key taken from another field
   * }</pre>
   *
   * @param base a map (jsonb) or embed expression
   * @param keys object keys, or array indices, or expressions giving either
   * @return the expression
   */
  public static JsonPath jsonPath(Expr base, Object... keys) {
    return new JsonPath(base, path(keys), false);
  }

  /** The path as one text array: a bound String[], or, when a key is an expression, {@code ARRAY[...]::text[]}. */
  private static Expr path(Object[] keys) {
    String[] path = pathOf(keys);
    if (java.util.Arrays.stream(keys).noneMatch(k -> k instanceof Expr)) {
      return new Param(path);
    }
    List<Expr> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("ARRAY[");
    for (int i = 0; i < keys.length; i++) {
      sql.append(i == 0 ? "?::text" : ", ?::text");
      args.add(keys[i] instanceof Expr e ? e : new Param(path[i]));
    }
    return new Fragment(sql.append("]::text[]").toString(), args);
  }


  /**
   * The text at a path of a map or embed field ({@code #>>}); keys as {@link #jsonPath}.
   *
   * <pre>{@code jsonText(field("settings"), "theme").eq("dark") }</pre>
   *
   * @param base a map (jsonb) expression
   * @param keys object keys, or array indices
   * @return the expression
   */
  public static JsonPath jsonText(Expr base, Object... keys) {
    return new JsonPath(base, path(keys), true);
  }

  private static String[] pathOf(Object[] keys) {
    if (keys.length == 0) {
      throw new QueryException("a JSON path needs at least one key");
    }
    String[] path = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      path[i] = String.valueOf(keys[i]);
    }
    return path;
  }

  static Expr wrap(Object value) {
    return value instanceof Expr e ? e : new Param(value);
  }

  private static Expr fold(Operator op, Expr[] conditions) {
    if (conditions.length == 0) {
      throw new QueryException(op + " needs at least one condition");
    }
    Expr out = conditions[0];
    for (int i = 1; i < conditions.length; i++) {
      out = new BinaryOp(op, out, conditions[i]);
    }
    return out;
  }
}
