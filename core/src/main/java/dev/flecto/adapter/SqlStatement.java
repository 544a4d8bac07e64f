package dev.flecto.adapter;

import java.util.List;

/**
 * SQL text with {@code $n} placeholders and the values bound to them, as {@code Repo.toSql}
 * returns it (Ecto's {@code to_sql}): for logging, explaining, or checking what a query becomes.
 *
 * <pre>{@code
 * SqlStatement sql = repo.toSql(Query.from(Person.class).where("age", 28));
 * sql.text()    // SELECT "id", ... FROM "people" WHERE "age" = $1
 * sql.params()  // [28]
 * }</pre>
 *
 * @param text the SQL
 * @param params the values, in placeholder order
 */
public record SqlStatement(String text, List<Object> params) {
  /**
   * Copies the parameters (which may hold nulls).
   *
   * <pre>{@code new SqlStatement("SELECT 1", List.of()) }</pre>
   */
  public SqlStatement {
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
  }
}
