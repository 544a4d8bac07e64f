package dev.flecto.query;

import dev.flecto.QueryException;
import java.util.List;

/**
 * Raw SQL with {@code ?} placeholders, each filled by an argument expression (Ecto's
 * {@code fragment}); the only raw SQL a query holds, and its values are still bound. A literal
 * question mark (PostgreSQL's jsonb {@code ?} operator) is written {@code \\?}.
 *
 * <pre>{@code Exprs.fragment("lower(?) = lower(?)", Exprs.field("email"), email) }</pre>
 *
 * @param sql the SQL with one {@code ?} per argument
 * @param args the arguments
 */
public record Fragment(String sql, List<Expr> args) implements Expr {
  /**
   * Creates the fragment. That its {@code ?} placeholders and its arguments agree in number is
   * checked when a query holding it is compiled, so a mismatch fails the Repo call's publisher
   * with a {@link QueryException} naming the fragment, rather than the code building the query.
   *
   * <pre>{@code new Fragment("now()", List.of()) }</pre>
   */
  public Fragment {
    if (sql == null) {
      throw new QueryException("a fragment needs its SQL, got null");
    }
    args = List.copyOf(args);
  }

  /**
   * The number of {@code ?} placeholders, not counting escaped {@code \\?}.
   *
   * <pre>{@code Fragment.placeholders("? \\? 'k'") // 1 }</pre>
   *
   * @param sql the fragment's SQL
   * @return the count
   */
  public static long placeholders(String sql) {
    long n = 0;
    for (int i = 0; i < sql.length(); i++) {
      if (sql.charAt(i) == '\\' && i + 1 < sql.length() && sql.charAt(i + 1) == '?') {
        i++;
      } else if (sql.charAt(i) == '?') {
        n++;
      }
    }
    return n;
  }
}
