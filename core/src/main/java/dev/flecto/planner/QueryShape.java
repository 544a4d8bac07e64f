package dev.flecto.planner;

import dev.flecto.query.Query;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/**
 * A planned query without its values: the query with every value replaced by a
 * {@link Placeholder}, and the schema of each binding. Equal shapes compile to the same SQL and
 * decode rows the same way, so both are cached by shape.
 *
 * <pre>{@code
 * QueryShape a = Planner.plan(Query.from(Person.class).where("age", 1)).shape();
 * QueryShape b = Planner.plan(Query.from(Person.class).where("age", 2)).shape();
 * a.equals(b) // true
 * }</pre>
 *
 * @param query the query with placeholders
 * @param sources the source (index 0) and each join's, resolved, in order
 * @param limitParam the placeholder index of the limit, or -1
 * @param offsetParam the placeholder index of the offset, or -1
 */
public record QueryShape(Query<?> query, List<SourceInfo> sources, int limitParam, int offsetParam) {
  /**
   * Copies the sources.
   *
   * <pre>{@code new QueryShape(query, List.of(meta), -1, -1) }</pre>
   */
  public QueryShape {
    sources = List.copyOf(sources);
  }

  /**
   * The source's schema.
   *
   * <pre>{@code shape.schema().table() }</pre>
   *
   * @return the schema of binding 0, or null for a table or subquery source
   */
  public SchemaMeta<?> schema() {
    return sources.get(0).schema();
  }

  /**
   * The index of a binding: 0 for null or the source's name, else its join's position plus one.
   *
   * <pre>{@code shape.bindingIndex("c") // 1 }</pre>
   *
   * @param binding the binding name, or null
   * @return the index, or -1 when there is no such binding
   */
  public int bindingIndex(String binding) {
    if (binding == null || binding.equals(query.as())) {
      return 0;
    }
    for (int i = 0; i < query.joins().size(); i++) {
      if (binding.equals(query.joins().get(i).as())) {
        return i + 1;
      }
    }
    return -1;
  }
}
