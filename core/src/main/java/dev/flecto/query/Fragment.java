package dev.flecto.query;

import java.util.List;

/**
 * Raw SQL with {@code ?} placeholders, each filled by an argument expression (Ecto's
 * {@code fragment}); the only raw SQL a query holds, and its values are still bound.
 *
 * <pre>{@code Exprs.fragment("lower(?) = lower(?)", Exprs.field("email"), email) }</pre>
 *
 * @param sql the SQL with one {@code ?} per argument
 * @param args the arguments
 */
public record Fragment(String sql, List<Expr> args) implements Expr {
  /**
   * Checks that the placeholders and arguments agree.
   *
   * <pre>{@code new Fragment("now()", List.of()) }</pre>
   */
  public Fragment {
    args = List.copyOf(args);
    long marks = sql.chars().filter(c -> c == '?').count();
    if (marks != args.size()) {
      throw new IllegalArgumentException("fragment \"" + sql + "\" has " + marks + " ? placeholder(s) but "
          + args.size() + " argument(s)");
    }
  }
}
