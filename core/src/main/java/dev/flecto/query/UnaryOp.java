package dev.flecto.query;

import dev.flecto.QueryException;

/**
 * {@code NOT e}, {@code e IS NULL} or {@code e IS NOT NULL}.
 *
 * <pre>{@code Exprs.not(Exprs.field("archived").eq(true)) }</pre>
 *
 * @param kind the operation
 * @param operand the operand
 */
public record UnaryOp(Kind kind, Expr operand) implements Expr {
  /**
   * The unary operations.
   *
   * <pre>{@code UnaryOp.Kind.IS_NULL }</pre>
   */
  public enum Kind {
    /** {@code NOT}. */
    NOT,
    /** {@code IS NULL}. */
    IS_NULL,
    /** {@code IS NOT NULL}. */
    IS_NOT_NULL
  }

  /**
   * Checks the parts.
   *
   * <pre>{@code new UnaryOp(UnaryOp.Kind.NOT, e) }</pre>
   */
  public UnaryOp {
    if (kind == null || operand == null) {
      throw new QueryException("a unary operation needs a kind and an operand");
    }
  }
}
