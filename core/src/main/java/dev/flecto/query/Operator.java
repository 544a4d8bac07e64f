package dev.flecto.query;

import dev.flecto.QueryException;

/**
 * The binary operators of query expressions, with their SQL.
 *
 * <pre>{@code Exprs.field("votes").gt(10) // BinaryOp[op=GT, ...] }</pre>
 */
public enum Operator {
  /** {@code =}. */
  EQ("=", true),
  /** {@code <>}. */
  NE("<>", true),
  /** {@code <}. */
  LT("<", true),
  /** {@code <=}. */
  LE("<=", true),
  /** {@code >}. */
  GT(">", true),
  /** {@code >=}. */
  GE(">=", true),
  /** {@code LIKE}. */
  LIKE("LIKE", true),
  /** {@code ILIKE}. */
  ILIKE("ILIKE", true),
  /** {@code AND}. */
  AND("AND", false),
  /** {@code OR}. */
  OR("OR", false),
  /** {@code +}. */
  ADD("+", false),
  /** {@code -}. */
  SUB("-", false),
  /** {@code *}. */
  MUL("*", false),
  /** {@code /}. */
  DIV("/", false);

  private final String sql;
  private final boolean comparison;

  Operator(String sql, boolean comparison) {
    this.sql = sql;
    this.comparison = comparison;
  }

  /**
   * The operator's SQL.
   *
   * <pre>{@code Operator.NE.sql() // "<>" }</pre>
   *
   * @return the SQL
   */
  public String sql() {
    return sql;
  }

  /**
   * Whether it compares two values (comparing with null is refused, as in Ecto).
   *
   * <pre>{@code Operator.EQ.comparison() // true }</pre>
   *
   * @return true for comparisons
   */
  public boolean comparison() {
    return comparison;
  }

  static Operator of(Op op) {
    switch (op) {
      case EQ: return EQ;
      case NE: return NE;
      case LT: return LT;
      case LE: return LE;
      case GT: return GT;
      case GE: return GE;
      default: throw new QueryException(op + " is not a binary operator");
    }
  }
}
