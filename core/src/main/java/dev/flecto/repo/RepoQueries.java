package dev.flecto.repo;

import dev.flecto.QueryException;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.Planner;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;

/**
 * The Repo's checks and small plans of the queries it is given: what updateAll and deleteAll may
 * take, a record's key as a query, a source named for a message. Kept apart from {@link Repo} so
 * that it reads as the list of what a Repo does.
 */
final class RepoQueries {
  private RepoQueries() {}

  static String describeSource(Query<?> query) {
    return query.schemaType() != null ? "schema " + Schemas.of(query.schemaType()).describe()
        : dev.flecto.query.Source.describe(query.source());
  }

  // A schema's fields cast the values; a table's columns take them as given (Ecto's update_all on "table").
  static PlannedUpdate updates(PlannedQuery<?> planned, Updates updates) {
    return planned.query().source() instanceof dev.flecto.query.Source.Table t ? Planner.planUpdates(t.name(), updates)
        : Planner.planUpdates(planned.schema(), updates);
  }

  static <T> PlannedQuery<T> conditionsOnly(Query<T> query, String operation) {
    RepoArgs.given(query, operation, "query");
    if (!(query.source() instanceof dev.flecto.query.Source.Schema) && !(query.source() instanceof dev.flecto.query.Source.Table)) {
      throw new QueryException(operation + " needs a query from a table (a schema's, or one named as Ecto's \"table\"), not "
          + describeSource(query));
    }
    if (!query.groupBy().isEmpty() || query.having() != null || query.distinctRows() || query.lock() != null
        || !query.combinations().isEmpty()) {
      throw new QueryException(operation + " takes a query with conditions, inner joins and CTEs only (no grouping, "
          + "distinct, locks or combinations), got " + query);
    }
    for (dev.flecto.query.Join j : query.joins()) {
      // As ecto_sql: the joined tables become UPDATE ... FROM / DELETE ... USING, which only an inner join means.
      if (j.kind() != dev.flecto.query.JoinKind.INNER) {
        throw new QueryException(operation + " supports only inner joins (PostgreSQL's UPDATE ... FROM and DELETE ... "
            + "USING), got a " + j.kind() + " join of '" + j.as() + "' in query " + query);
      }
    }
    if (!query.orderBy().isEmpty() || query.limit() != null || query.offset() != null) {
      throw new QueryException(operation + " takes a query with conditions only (PostgreSQL's UPDATE and DELETE have "
          + "no order by, limit or offset; choose the rows in a CTE or a subquery), got " + query);
    }
    if (query.source() instanceof dev.flecto.query.Source.Table && query.select() instanceof dev.flecto.query.Selection.Binding<?>
        && !operation.endsWith("Returning")) {
      // A table without a schema has no record to select, and an UPDATE or DELETE without RETURNING selects nothing.
      @SuppressWarnings("unchecked")
      PlannedQuery<T> planned = (PlannedQuery<T>) Planner.plan(query.select(dev.flecto.query.Exprs.fragment("NULL"), Object.class));
      return planned;
    }
    return Planner.plan(query);
  }

  static <T> SchemaField singleKey(Class<T> type) {
    return Schemas.of(type).requireSingleKey("get",
        "use getBy(" + type.getSimpleName() + ".class, Map.of(...)) with every key field");
  }

  static <T> Query<T> keyQuery(T record, String operation) {
    SchemaMeta<T> meta = Schemas.ofRecord(record);
    Object[] key = WritePlan.keyValues(meta, record, operation);
    Query<T> q = Query.from(meta.type());
    for (int i = 0; i < key.length; i++) {
      q = q.where(meta.primaryKey().get(i).name(), key[i]);
    }
    return q;
  }

  static String redact(String url) {
    return url == null ? "null" : url.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
  }
}
