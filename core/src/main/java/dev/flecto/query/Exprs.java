package dev.flecto.query;

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
   * {@code CAST(e AS type)}.
   *
   * <pre>{@code cast(field("price"), BigDecimal.class) }</pre>
   *
   * @param e the expression
   * @param type a field type's Java class
   * @return the expression
   */
  public static CastExpr cast(Expr e, Class<?> type) {
    return new CastExpr(e, type);
  }

  static Expr wrap(Object value) {
    return value instanceof Expr e ? e : new Param(value);
  }

  private static Expr fold(Operator op, Expr[] conditions) {
    if (conditions.length == 0) {
      throw new IllegalArgumentException(op + " needs at least one condition");
    }
    Expr out = conditions[0];
    for (int i = 1; i < conditions.length; i++) {
      out = new BinaryOp(op, out, conditions[i]);
    }
    return out;
  }
}
