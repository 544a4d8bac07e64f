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
 */
public final class QueryShape {
  private final Query<?> query;
  private final List<SourceInfo> sources;
  private final int limitParam;
  private final int offsetParam;
  // Shapes are cache keys looked up for every query run: hash the deep structure once.
  private final int hash;

  /**
   * Creates a shape.
   *
   * <pre>{@code new QueryShape(query, List.of(SourceInfo.of(source)), -1, -1) }</pre>
   *
   * @param query the query with placeholders
   * @param sources the source (index 0) and each join's, resolved, in order
   * @param limitParam the placeholder index of the limit, or -1
   * @param offsetParam the placeholder index of the offset, or -1
   */
  public QueryShape(Query<?> query, List<SourceInfo> sources, int limitParam, int offsetParam) {
    this.query = query;
    this.sources = List.copyOf(sources);
    this.limitParam = limitParam;
    this.offsetParam = offsetParam;
    this.hash = java.util.Objects.hash(query, this.sources, limitParam, offsetParam);
  }

  /**
   * The query with every value a placeholder.
   *
   * <pre>{@code shape.query().where() }</pre>
   *
   * @return the query
   */
  public Query<?> query() {
    return query;
  }

  /**
   * The resolved sources: index 0 is the query's source, then each join's.
   *
   * <pre>{@code shape.sources().get(1) }</pre>
   *
   * @return the sources
   */
  public List<SourceInfo> sources() {
    return sources;
  }

  /**
   * The placeholder index of the limit.
   *
   * <pre>{@code shape.limitParam() // -1 without a limit }</pre>
   *
   * @return the index or -1
   */
  public int limitParam() {
    return limitParam;
  }

  /**
   * The placeholder index of the offset.
   *
   * <pre>{@code shape.offsetParam() }</pre>
   *
   * @return the index or -1
   */
  public int offsetParam() {
    return offsetParam;
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
    if (binding.startsWith(dev.flecto.query.FieldRef.POSITION)) {
      int position = Integer.parseInt(binding.substring(1));
      return position < sources.size() ? position : -1;
    }
    for (int i = 0; i < query.joins().size(); i++) {
      if (binding.equals(query.joins().get(i).as())) {
        return i + 1;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof QueryShape other && other.hash == hash && other.limitParam == limitParam
        && other.offsetParam == offsetParam && other.query.equals(query) && other.sources.equals(sources);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "QueryShape[" + query + "]";
  }
}
