package dev.flecto.query;

import java.util.Collection;
import java.util.List;

/**
 * A query expression: immutable data, compared structurally, rendered only by the dialect. Values
 * given to the fluent operators become {@link Param}s, always bound as parameters, cast to the type
 * of the field they are compared with.
 *
 * <pre>{@code
 * Expr recent = Exprs.field("p", "votes").gt(10).and(Exprs.field("p", "title").ilike("%java%"));
 * Expr either = Exprs.field("status").in(List.of(Status.DRAFT, Status.REVIEW)).or(Exprs.field("pinned").eq(true));
 * }</pre>
 */
public sealed interface Expr
    permits FieldRef, ParentRef, Param, BinaryOp, UnaryOp, Call, Fragment, InExpr, CastExpr, SubqueryExpr, ExistsExpr, Over,
        DateAdd, SelectedAs, SelectedRef, Splice, JsonPath, RecordOf {

  /**
   * {@code this = other}.
   *
   * <pre>{@code Exprs.field("age").eq(28) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr eq(Object other) {
    return new BinaryOp(Operator.EQ, this, Exprs.wrap(other));
  }

  /**
   * {@code this <> other}.
   *
   * <pre>{@code Exprs.field("age").ne(28) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr ne(Object other) {
    return new BinaryOp(Operator.NE, this, Exprs.wrap(other));
  }

  /**
   * {@code this < other}.
   *
   * <pre>{@code Exprs.field("age").lt(18) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr lt(Object other) {
    return new BinaryOp(Operator.LT, this, Exprs.wrap(other));
  }

  /**
   * {@code this <= other}.
   *
   * <pre>{@code Exprs.field("age").le(18) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr le(Object other) {
    return new BinaryOp(Operator.LE, this, Exprs.wrap(other));
  }

  /**
   * {@code this > other}.
   *
   * <pre>{@code Exprs.field("c", "votes").gt(Exprs.field("p", "votes")) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr gt(Object other) {
    return new BinaryOp(Operator.GT, this, Exprs.wrap(other));
  }

  /**
   * {@code this >= other}.
   *
   * <pre>{@code Exprs.field("age").ge(18) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr ge(Object other) {
    return new BinaryOp(Operator.GE, this, Exprs.wrap(other));
  }

  /**
   * {@code this LIKE pattern}. On a {@code byte[]} (bytea) field the pattern is bytes: a
   * {@code byte[]}, or a String matched as its UTF-8 bytes (PostgreSQL's {@code bytea LIKE bytea}).
   *
   * <pre>{@code
   * Exprs.field("title").like("Java%")
   * Exprs.field("payload").like(new byte[] {(byte) 0x89, 'P', 'N', 'G', '%'})
   * }</pre>
   *
   * @param pattern the pattern
   * @return the expression
   */
  default Expr like(Object pattern) {
    return new BinaryOp(Operator.LIKE, this, Exprs.wrap(pattern));
  }

  /**
   * {@code this ILIKE pattern} (case-insensitive). PostgreSQL has no ILIKE for bytea: on a
   * {@code byte[]} field it fails when planned; use {@link #like}.
   *
   * <pre>{@code Exprs.field("title").ilike("%java%") }</pre>
   *
   * @param pattern the pattern
   * @return the expression
   */
  default Expr ilike(Object pattern) {
    return new BinaryOp(Operator.ILIKE, this, Exprs.wrap(pattern));
  }

  /**
   * {@code this AND other}.
   *
   * <pre>{@code a.and(b) }</pre>
   *
   * @param other a condition
   * @return the expression
   */
  default Expr and(Expr other) {
    return new BinaryOp(Operator.AND, this, other);
  }

  /**
   * {@code this OR other}.
   *
   * <pre>{@code a.or(b) }</pre>
   *
   * @param other a condition
   * @return the expression
   */
  default Expr or(Expr other) {
    return new BinaryOp(Operator.OR, this, other);
  }

  /**
   * {@code this + other}.
   *
   * <pre>{@code Exprs.field("votes").plus(1) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr plus(Object other) {
    return new BinaryOp(Operator.ADD, this, Exprs.wrap(other));
  }

  /**
   * {@code this - other}.
   *
   * <pre>{@code Exprs.field("votes").minus(1) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr minus(Object other) {
    return new BinaryOp(Operator.SUB, this, Exprs.wrap(other));
  }

  /**
   * {@code this * other}.
   *
   * <pre>{@code Exprs.field("price").times(2) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr times(Object other) {
    return new BinaryOp(Operator.MUL, this, Exprs.wrap(other));
  }

  /**
   * {@code this / other}.
   *
   * <pre>{@code Exprs.field("total").dividedBy(Exprs.field("count")) }</pre>
   *
   * @param other an expression or a value
   * @return the expression
   */
  default Expr dividedBy(Object other) {
    return new BinaryOp(Operator.DIV, this, Exprs.wrap(other));
  }

  /**
   * {@code this IS NULL} (Ecto's {@code is_nil}).
   *
   * <pre>{@code Exprs.field("deletedAt").isNull() }</pre>
   *
   * @return the expression
   */
  default Expr isNull() {
    return new UnaryOp(UnaryOp.Kind.IS_NULL, this);
  }

  /**
   * {@code this IS NOT NULL}.
   *
   * <pre>{@code Exprs.field("deletedAt").isNotNull() }</pre>
   *
   * @return the expression
   */
  default Expr isNotNull() {
    return new UnaryOp(UnaryOp.Kind.IS_NOT_NULL, this);
  }

  /**
   * {@code this = ANY($n)}, the values bound as one array parameter (Ecto's {@code in ^list}).
   *
   * <pre>{@code Exprs.field("id").in(List.of(1L, 2L, 3L)) }</pre>
   *
   * @param values the values
   * @return the expression
   */
  default Expr in(Collection<?> values) {
    return new InExpr(this, new Param(java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values))), false);
  }

  /**
   * {@code NOT (this = ANY($n))}.
   *
   * <pre>{@code Exprs.field("status").notIn(List.of("spam")) }</pre>
   *
   * @param values the values
   * @return the expression
   */
  default Expr notIn(Collection<?> values) {
    return new InExpr(this, new Param(java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values))), true);
  }

  /**
   * {@code this = ANY(array)}: whether an array (a list field) holds this value (Ecto's
   * {@code "elixir" in p.tags}). A parameter is cast to the list's element type.
   *
   * <pre>{@code Exprs.param("elixir").in(Exprs.field("tags")) }</pre>
   *
   * @param array an array expression, such as a {@code List<String>} field
   * @return the expression
   */
  default Expr in(Expr array) {
    return new InExpr(this, array, false);
  }

  /**
   * {@code NOT (this = ANY(array))}: the array does not hold this value.
   *
   * <pre>{@code Exprs.param("spam").notIn(Exprs.field("tags")) }</pre>
   *
   * @param array an array expression, such as a {@code List<String>} field
   * @return the expression
   */
  default Expr notIn(Expr array) {
    return new InExpr(this, array, true);
  }

  /**
   * {@code this IN (SELECT ...)}: the subquery selects one expression.
   *
   * <pre>{@code field("id").in(Query.from(Comment.class).select(field("postId"), Long.class)) }</pre>
   *
   * @param subquery a query selecting one column
   * @return the expression
   */
  default Expr in(Query<?> subquery) {
    return new InExpr(this, new SubqueryExpr(subquery), false);
  }

  /**
   * {@code NOT (this IN (SELECT ...))}.
   *
   * <pre>{@code field("id").notIn(Query.from(Ban.class).select(field("userId"), Long.class)) }</pre>
   *
   * @param subquery a query selecting one column
   * @return the expression
   */
  default Expr notIn(Query<?> subquery) {
    return new InExpr(this, new SubqueryExpr(subquery), true);
  }
}
