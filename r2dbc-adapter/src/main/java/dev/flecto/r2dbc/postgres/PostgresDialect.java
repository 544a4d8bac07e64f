package dev.flecto.r2dbc.postgres;

import dev.flecto.adapter.BulkInsert;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.QueryShape;
import dev.flecto.query.Aggregate;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/**
 * PostgreSQL SQL generation: values always travel as {@code $n} parameters and identifiers are
 * always quoted. Compiled text is cached per statement shape in bounded caches, so a repeated
 * query costs a cache lookup.
 *
 * <pre>{@code
 * PostgresDialect dialect = new PostgresDialect(1024);
 * dialect.select(Planner.plan(Query.from(Person.class).where("age", 3)).shape())
 * // SELECT "id", "first_name", "last_name", "age" FROM "people" WHERE "age" = $1
 * }</pre>
 */
public final class PostgresDialect {
  private final SqlCache<QueryShape> selects;
  private final SqlCache<WriteKey> writes;
  private final SqlCache<BulkKey> bulks;
  private final SqlCache<InsertAllKey> insertAlls;
  private final SqlCache<UpsertKey> upserts;
  private final SqlCache<SchemalessKey> schemaless;

  /**
   * Creates a dialect whose caches hold at most {@code cacheSize} shapes each.
   *
   * <pre>{@code new PostgresDialect(1024) }</pre>
   *
   * @param cacheSize the bound of each cache
   */
  public PostgresDialect(int cacheSize) {
    this.selects = new SqlCache<>(cacheSize);
    this.writes = new SqlCache<>(cacheSize);
    this.bulks = new SqlCache<>(cacheSize);
    this.upserts = new SqlCache<>(cacheSize);
    // A full chunk's text is up to about half a megabyte: keep fewer of them than of other shapes.
    this.insertAlls = new SqlCache<>(Math.min(cacheSize, INSERT_ALL_CACHE_SIZE));
    this.schemaless = new SqlCache<>(Math.min(cacheSize, INSERT_ALL_CACHE_SIZE));
  }

  /**
   * The multi-row INSERT of one chunk of an insertAll, with ON CONFLICT and RETURNING as the shape
   * says. Where every row gives every field, the text is cached by shape and row count; rows that
   * leave fields to their DEFAULT are compiled each time.
   *
   * <pre>{@code dialect.insertAll(shape, rows) // INSERT INTO "people" ("first_name", "age") VALUES ($1, $2), ($3, $4) }</pre>
   *
   * @param shape the insert's shape
   * @param chunk the rows of this statement, at most {@link #insertAllRowsPerStatement} of them
   * @return the SQL
   */
  public String insertAll(BulkInsert.Shape shape, List<Object[]> chunk) {
    for (Object[] row : chunk) {
      for (Object v : row) {
        if (!BulkInsert.isValue(v)) { // a DEFAULT or a placeholder: the text depends on the rows
          return InsertAllCompiler.compile(shape, chunk.size(), chunk);
        }
      }
    }
    return insertAlls.get(new InsertAllKey(shape, chunk.size()), k -> InsertAllCompiler.compile(shape, chunk.size(), null));
  }

  /**
   * The multi-row INSERT of one chunk of a schemaless insertAll, cached as {@link #insertAll} is.
   *
   * <pre>{@code dialect.insertAll(insert, rows) // INSERT INTO "events" ("kind", "at") VALUES ($1, $2), ($3, DEFAULT) }</pre>
   *
   * @param insert the insert (its rows are not read)
   * @param chunk the rows of this statement, at most {@link #insertAllRowsPerStatement(int)} of them
   * @return the SQL
   */
  public String insertAll(dev.flecto.adapter.SchemalessInsert insert, List<Object[]> chunk) {
    for (Object[] row : chunk) {
      for (Object v : row) {
        if (v == BulkInsert.DEFAULT) {
          return SchemalessInsertCompiler.compile(insert, chunk.size(), chunk);
        }
      }
    }
    return schemaless.get(new SchemalessKey(insert.shapeOnly(), chunk.size()),
        k -> SchemalessInsertCompiler.compile(insert, chunk.size(), null));
  }

  /**
   * How many rows of this many columns one statement may hold.
   *
   * <pre>{@code dialect.insertAllRowsPerStatement(3) // 21845 }</pre>
   *
   * @param columns the columns a row gives
   * @return the rows a statement
   */
  public int insertAllRowsPerStatement(int columns) {
    return InsertAllCompiler.rowsPerStatement(Math.max(1, columns), 0);
  }

  /**
   * The {@code COPY ... FROM STDIN} (text format) of insertAll rows that give these columns of the
   * shape; the shape's prefix applies as for {@link #insertAll}. Its text is short, so not cached.
   *
   * <pre>{@code dialect.insertAllCopy(shape, shape.fields()) // COPY "people" ("first_name", "age") FROM STDIN }</pre>
   *
   * @param shape the insert's shape
   * @param columns the fields the copied rows give, in the shape's order
   * @return the SQL
   */
  public String insertAllCopy(BulkInsert.Shape shape, List<SchemaField> columns) {
    return InsertAllCompiler.copy(shape, columns);
  }

  /**
   * How many rows one insertAll statement of this shape may hold: PostgreSQL takes at most 65,535
   * bind parameters a statement.
   *
   * <pre>{@code dialect.insertAllRowsPerStatement(shape) // 13107 for five columns }</pre>
   *
   * @param shape the insert's shape
   * @return the rows a statement
   */
  public int insertAllRowsPerStatement(BulkInsert.Shape shape) {
    return InsertAllCompiler.rowsPerStatement(shape.fields().size(), shape.leadingParams());
  }

  /**
   * {@link #insertAllRowsPerStatement(BulkInsert.Shape)} when a row may take more parameters than
   * it has columns (a subquery value's).
   *
   * <pre>{@code dialect.insertAllRowsPerStatement(shape, 7) }</pre>
   *
   * @param shape the insert's shape
   * @param paramsPerRow the most parameters a row takes
   * @return the rows a statement
   */
  public int insertAllRowsPerStatement(BulkInsert.Shape shape, int paramsPerRow) {
    return InsertAllCompiler.rowsPerStatement(Math.max(1, Math.max(paramsPerRow, shape.fields().size())), shape.leadingParams());
  }

  /**
   * The aggregate of a query: over its conditions, or over its page (a subquery) when it has a
   * limit or offset, as Ecto does.
   *
   * <pre>{@code dialect.aggregate(shape, Aggregate.COUNT, null) // SELECT count(*) FROM "people" WHERE "age" = $1 }</pre>
   *
   * @param shape the planned shape
   * @param kind the aggregate
   * @param field the field, or null for count(*)
   * @return the SQL
   */
  public String aggregate(QueryShape shape, Aggregate kind, SchemaField field) {
    return bulks.get(new BulkKey(kind.name(), shape, field, List.of()), k -> BulkCompiler.aggregate(shape, kind, field));
  }

  /**
   * Whether a query matches a row.
   *
   * <pre>{@code dialect.exists(shape) // SELECT EXISTS (SELECT ... ) }</pre>
   *
   * @param shape the planned shape
   * @return the SQL
   */
  public String exists(QueryShape shape) {
    return bulks.get(new BulkKey("EXISTS", shape, null, List.of()), k -> BulkCompiler.exists(shape));
  }

  /**
   * The DELETE of every row matching a query's conditions.
   *
   * <pre>{@code dialect.deleteAll(shape) // DELETE FROM "people" WHERE "age" < $1 }</pre>
   *
   * @param shape the planned shape (conditions only)
   * @return the SQL
   */
  public String deleteAll(QueryShape shape) {
    return bulks.get(new BulkKey("DELETE", shape, null, List.of()), k -> BulkCompiler.deleteAll(shape));
  }

  /**
   * The UPDATE of every row matching a query's conditions; the updates' parameters follow the
   * conditions'.
   *
   * <pre>{@code dialect.updateAll(shape, updates, 1) // UPDATE "posts" AS p0 SET "views" = p0."views" + $2 WHERE p0."id" = $1 }</pre>
   *
   * @param shape the planned shape (conditions only)
   * @param updates the planned updates' shape
   * @param conditionParams how many parameters the conditions have
   * @return the SQL
   */
  public String updateAll(QueryShape shape, List<PlannedUpdate.UpdateShape> updates, int conditionParams) {
    return bulks.get(new BulkKey("UPDATE", shape, null, updates), k -> BulkCompiler.updateAll(shape, updates, conditionParams));
  }

  /**
   * The SELECT for a query shape; its placeholders follow the planned query's parameters.
   *
   * <pre>{@code dialect.select(planned.shape()) }</pre>
   *
   * @param shape the planned shape
   * @return the SQL
   */
  public String select(QueryShape shape) {
    return selects.get(shape, SelectCompiler::compile);
  }

  /**
   * The INSERT of the given columns, returning every persisted column. Which columns an insert
   * writes depends on which fields are null, so each set of columns is a shape of its own, cached.
   *
   * <pre>{@code dialect.insert(meta, List.of(meta.field("firstName"))) // INSERT INTO "people" ("first_name") VALUES ($1) RETURNING ... }</pre>
   *
   * @param meta the schema
   * @param fields the columns written
   * @return the SQL
   */
  public String insert(SchemaMeta<?> meta, List<SchemaField> fields) {
    return writes.get(new WriteKey(Kind.INSERT, meta, fields, List.of(), List.of()),
        k -> WriteCompiler.insert(meta, fields));
  }

  /**
   * The INSERT of one row with conflict handling (an upsert), returning the shape's columns.
   * Cached per schema, columns written, shape and count of the update's condition parameters.
   *
   * <pre>{@code
   * dialect.upsert(meta, List.of(email, name), upsert)
   * // INSERT INTO "users" ("email", "name") VALUES ($1, $2) ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name" RETURNING ...
   * }</pre>
   *
   * @param meta the schema
   * @param fields the columns written
   * @param upsert the conflict handling: its parameters (the update's conditions', then its
   *     updates') come before the inserted values
   * @return the SQL
   */
  public String upsert(SchemaMeta<?> meta, List<SchemaField> fields, dev.flecto.adapter.Upsert upsert) {
    int conditionParams = upsert.params().size() - upsert.shape().updates().size();
    return upserts.get(new UpsertKey(meta, fields, upsert.shape(), conditionParams),
        k -> UpsertCompiler.compile(meta, fields, upsert.shape(), conditionParams));
  }

  /**
   * The UPDATE setting the given columns ({@code $1..$n}) where the filters equal the following
   * parameters, when no other row matches them, returning the given columns (none: no RETURNING).
   *
   * <pre>{@code
   * dialect.update(meta, List.of(age), meta.primaryKey(), List.of())
   * // UPDATE "people" SET "age" = $1 WHERE "id" = $2 AND (SELECT count(*) FROM "people" WHERE "id" = $2) = 1
   * }</pre>
   *
   * @param meta the schema
   * @param fields the columns set
   * @param filters the columns matched
   * @param returning the columns read back, possibly none
   * @return the SQL
   */
  public String update(SchemaMeta<?> meta, List<SchemaField> fields, List<SchemaField> filters, List<SchemaField> returning) {
    return writes.get(new WriteKey(Kind.UPDATE, meta, fields, filters, returning),
        k -> WriteCompiler.update(meta, fields, filters, returning));
  }

  /**
   * The DELETE of the row where the filters equal the parameters, when no other row matches them.
   *
   * <pre>{@code
   * dialect.delete(meta, meta.primaryKey())
   * // DELETE FROM "people" WHERE "id" = $1 AND (SELECT count(*) FROM "people" WHERE "id" = $1) = 1
   * }</pre>
   *
   * @param meta the schema
   * @param filters the columns matched
   * @return the SQL
   */
  public String delete(SchemaMeta<?> meta, List<SchemaField> filters) {
    return writes.get(new WriteKey(Kind.DELETE, meta, List.of(), filters, List.of()), k -> WriteCompiler.delete(meta, filters));
  }

  /**
   * The DELETE of {@link #deleteAll} returning the query's selection.
   *
   * <pre>{@code dialect.deleteAllReturning(shape) // DELETE FROM "people" AS p0 WHERE ... RETURNING p0."id", ... }</pre>
   *
   * @param shape the planned shape
   * @return the SQL
   */
  public String deleteAllReturning(QueryShape shape) {
    return bulks.get(new BulkKey("DELETE RETURNING", shape, null, List.of()),
        k -> BulkCompiler.returning(BulkCompiler.deleteAll(shape), shape));
  }

  /**
   * The UPDATE of {@link #updateAll} returning the query's selection.
   *
   * <pre>{@code dialect.updateAllReturning(shape, updates, 1) }</pre>
   *
   * @param shape the planned shape
   * @param updates the planned updates' shape
   * @param conditionParams how many parameters the conditions and selection have
   * @return the SQL
   */
  public String updateAllReturning(QueryShape shape, List<PlannedUpdate.UpdateShape> updates, int conditionParams) {
    return bulks.get(new BulkKey("UPDATE RETURNING", shape, null, updates),
        k -> BulkCompiler.returning(BulkCompiler.updateAll(shape, updates, conditionParams), shape));
  }

  private static final int INSERT_ALL_CACHE_SIZE = 64;

  private enum Kind { INSERT, UPDATE, DELETE }

  /**
   * The statements of a migration command, in order ({@link DdlCompiler}); not cached: migrations
   * run once.
   *
   * <pre>{@code dialect.ddl(Migrations.createIndex(Migrations.index("posts", "title"))) }</pre>
   *
   * @param command the command
   * @return the statements; empty for a {@code run} command
   */
  public List<String> ddl(dev.flecto.migration.Command command) {
    return DdlCompiler.compile(command);
  }

  private record UpsertKey(SchemaMeta<?> meta, List<SchemaField> fields, dev.flecto.adapter.Upsert.Shape shape, int conditionParams) {}

  private record InsertAllKey(BulkInsert.Shape shape, int rows) {}

  private record SchemalessKey(dev.flecto.adapter.SchemalessInsert shape, int rows) {}

  private record BulkKey(String kind, QueryShape shape, SchemaField field, List<PlannedUpdate.UpdateShape> updates) {}

  // SchemaMeta has identity equality (one per class), so the key compares schemas cheaply.
  private record WriteKey(Kind kind, SchemaMeta<?> meta, List<SchemaField> fields, List<SchemaField> filters,
      List<SchemaField> returning) {}
}
