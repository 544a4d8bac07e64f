package dev.flecto.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What raw SQL returned ({@code repo.query}, Ecto's {@code %Postgrex.Result{}}): the columns, the
 * rows as lists of values in column order (as the driver decodes them), and the number of rows
 * returned or affected.
 *
 * <pre>{@code
 * QueryResult r = repo.query("SELECT id, title FROM posts WHERE id > $1", List.of(10)).block();
 * r.columns()   // [id, title]
 * r.rows()      // [[11, "Hello"], [12, "World"]]
 * r.numRows()   // 2
 * r.maps()      // [{id=11, title=Hello}, {id=12, title=World}]
 * }</pre>
 *
 * @param columns the column names, empty for a statement that returns no rows
 * @param rows the rows
 * @param numRows the rows returned, or for INSERT, UPDATE and DELETE without RETURNING, affected
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, long numRows) {
  /**
   * Copies the lists (values may be null).
   *
   * <pre>{@code new QueryResult(List.of("n"), List.of(List.of(1)), 1) }</pre>
   */
  public QueryResult {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /**
   * The rows as maps from column name to value, in column order.
   *
   * <pre>{@code repo.query("SELECT 1 AS one", List.of()).map(QueryResult::maps) // [{one=1}] }</pre>
   *
   * @return the rows as maps
   */
  public List<Map<String, Object>> maps() {
    List<Map<String, Object>> maps = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        map.put(columns.get(i), row.get(i));
      }
      maps.add(Collections.unmodifiableMap(map));
    }
    return Collections.unmodifiableList(maps);
  }
}
