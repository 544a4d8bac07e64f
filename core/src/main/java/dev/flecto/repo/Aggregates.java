package dev.flecto.repo;

import dev.flecto.query.Exprs;
import dev.flecto.query.Query;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.Schemas;

/**
 * The query {@link Repo#aggregate} runs, as Ecto's {@code Repo.aggregate} builds it: a query with a
 * limit, offset, distinct, combination or grouping is aggregated as a subquery; any other is
 * aggregated over its sources and conditions.
 */
final class Aggregates {
  private Aggregates() {}

  /**
   * For {@code count(*)}: the subquery keeps its select (a distinct query counts its distinct
   * rows, as Ecto's {@code aggregate/3}); a direct aggregate drops the order and the select, whose
   * values would otherwise be bound to nothing.
   */
  static <T> Query<T> of(Query<T> query) {
    if (query.aggregatesAsSubquery() || query.schemaType() == null) {
      return query;
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) query.schemaType();
    return query.exclude(Query.Clause.ORDER_BY).selectBinding(null, type);
  }

  /**
   * For an aggregate of a field: the subquery selects that field alone, as Ecto's
   * {@code aggregate/4} does, so a distinct query yields distinct values of the field (not of
   * whole rows, which would count a value once per row it appears in), and a page reads one
   * column. Its order is dropped unless a limit, offset or {@code DISTINCT ON} needs it to choose
   * rows: PostgreSQL refuses a {@code SELECT DISTINCT} ordered by a column it does not select.
   * Combinations and groupings keep their select, which their other parts must match. A field
   * the schema does not have is left for the caller to report.
   */
  static Query<?> of(Query<?> query, String field) {
    if (!query.aggregatesAsSubquery() || query.schemaType() == null || !query.combinations().isEmpty()
        || !query.groupBy().isEmpty() || query.having() != null) {
      return of(query);
    }
    SchemaField f = Schemas.of(query.schemaType()).findField(field);
    if (f == null || f.virtual()) {
      return of(query);
    }
    boolean ordered = query.limit() != null || query.offset() != null || !query.distinctOn().isEmpty();
    return (ordered ? query : query.exclude(Query.Clause.ORDER_BY)).select(Exprs.field(field), Object.class);
  }
}
