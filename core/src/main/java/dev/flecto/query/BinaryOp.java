package dev.flecto.query;

import dev.flecto.QueryException;

/**
 * A binary operation: comparison, boolean or arithmetic.
 *
 * <pre>{@code new BinaryOp(Operator.GT, Exprs.field("votes"), Exprs.param(10)) }</pre>
 *
 * @param op the operator
 * @param left the left operand
 * @param right the right operand
 */
public record BinaryOp(Operator op, Expr left, Expr right) implements Expr {
  /**
   * Checks the parts.
   *
   * <pre>{@code new BinaryOp(Operator.AND, a, b) }</pre>
   */
  public BinaryOp {
    if (op == null || left == null || right == null) {
      throw new QueryException("a binary operation needs an operator and two operands");
    }
  }
}
