package dev.flecto.adapter;

import dev.flecto.adapter.TransactionOptions;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The adapter SPI: what a database adapter does for the {@link dev.flecto.repo.Repo}, kept as
 * small as Ecto's adapter contract. The Repo decides what to write; the adapter compiles SQL for
 * its dialect, runs it on the right connection (the transaction's, from the Reactor Context, or
 * one from its pool), decodes rows and translates driver errors into Flecto exceptions.
 *
 * <p>Component values are passed as the schema holds them, except that a map field's value of an
 * insert, update or insertAll comes already encoded as its {@link dev.flecto.schema.JsonText} (the
 * Repo checks it before any statement); the adapter binds {@link SchemaField#dump(Object)} of each,
 * which passes a JsonText through, and loads what it reads with {@link SchemaField#load(Object)}.
 * Every publisher is cold.
 *
 * <pre>{@code
 * Repo repo = Repo.of(myAdapter, RepoOptions.defaults());
 * }</pre>
 */
public interface Adapter {

  /**
   * Runs a planned query and emits one record per row.
   *
   * <pre>{@code adapter.all(Planner.plan(Query.from(Person.class))) }</pre>
   *
   * @param query the planned query
   * @param <T> the record type
   * @return the records
   */
  <T> Flux<T> all(PlannedQuery<T> query);

  /**
   * Computes an aggregate over the rows a planned query matches (over its page when it has a limit
   * or offset).
   *
   * <pre>{@code adapter.aggregate(planned, Aggregate.MAX, meta.field("age")) }</pre>
   *
   * @param query the planned query
   * @param kind the aggregate
   * @param field the field, or null for {@code count(*)}
   * @return the value (Long for counts; the driver's number for sums and averages; the field's type
   *     for min and max), or empty when it is NULL
   */
  Mono<Object> aggregate(PlannedQuery<?> query, dev.flecto.query.Aggregate kind, SchemaField field);

  /**
   * Whether a planned query matches any row.
   *
   * <pre>{@code adapter.exists(planned) }</pre>
   *
   * @param query the planned query
   * @return true when a row matches
   */
  Mono<Boolean> exists(PlannedQuery<?> query);

  /**
   * Deletes every row a planned query matches (it has only conditions).
   *
   * <pre>{@code adapter.deleteAll(planned) }</pre>
   *
   * @param query the planned query
   * @return how many rows were deleted
   */
  Mono<Long> deleteAll(PlannedQuery<?> query);

  /**
   * Updates every row a planned query matches (it has only conditions).
   *
   * <pre>{@code adapter.updateAll(planned, Planner.planUpdates(meta, Updates.inc("views", 1))) }</pre>
   *
   * @param query the planned query
   * @param updates the planned updates
   * @return how many rows were updated
   */
  Mono<Long> updateAll(PlannedQuery<?> query, dev.flecto.planner.PlannedUpdate updates);

  /**
   * Deletes every row a planned query matches and emits each deleted row as the query selects it
   * ({@code DELETE ... RETURNING}).
   *
   * <pre>{@code adapter.deleteAllReturning(planned) }</pre>
   *
   * @param query the planned query (conditions and a select)
   * @param <T> the row type
   * @return the deleted rows
   */
  <T> Flux<T> deleteAllReturning(PlannedQuery<T> query);

  /**
   * Updates every row a planned query matches and emits each updated row, after the update, as the
   * query selects it ({@code UPDATE ... RETURNING}).
   *
   * <pre>{@code adapter.updateAllReturning(planned, updates) }</pre>
   *
   * @param query the planned query (conditions and a select)
   * @param updates the planned updates
   * @param <T> the row type
   * @return the updated rows
   */
  <T> Flux<T> updateAllReturning(PlannedQuery<T> query, dev.flecto.planner.PlannedUpdate updates);

  /**
   * Streams the records of a planned query with backpressure: a cursor in the caller's
   * transaction (closed when the stream ends, fails or is cancelled, so the transaction goes on),
   * or in a transaction of the stream's own when there is none (committed when the stream
   * completes, rolled back on error and cancel, its connection released). Each read of
   * {@code maxRows} rows happens only when the previous chunk was emitted and more are
   * demanded. Each chunk passes through {@code eachChunk} before its records are emitted; it runs
   * on the stream's connection, in the stream's transaction, between reads.
   *
   * <p>A subscriber that requests nothing for {@code idleTimeout} ends the stream: the cursor is
   * closed (its own transaction rolled back, its connection released) and the subscriber gets a
   * {@link dev.flecto.TimeoutException}.
   *
   * <pre>{@code adapter.stream(Planner.plan(Query.from(Event.class)), 500, null, Mono::just) }</pre>
   *
   * @param query the planned query
   * @param maxRows records a read, at least 1
   * @param idleTimeout how long the stream may wait for demand, or null for the adapter's default
   * @param eachChunk what to do with each chunk before it is emitted ({@code Mono::just} for nothing)
   * @param <T> the record type
   * @return the records, in the query's order
   */
  <T> Flux<T> stream(PlannedQuery<T> query, int maxRows, java.time.Duration idleTimeout,
      java.util.function.Function<List<T>, Mono<List<T>>> eachChunk);

  /**
   * This adapter with another statement timeout: the same connections, caches and transactions
   * (a statement in a transaction of this adapter runs in it), each statement bounded by the
   * given time. Adapters without a client-side bound return themselves.
   *
   * <pre>{@code adapter.withStatementTimeout(Duration.ofMinutes(5)).updateAll(planned, updates) }</pre>
   *
   * @param timeout how long one statement may take, positive
   * @return the adapter
   */
  default Adapter withStatementTimeout(java.time.Duration timeout) {
    return this;
  }

  /**
   * An adapter that reads from one replica chosen by the strategy, for
   * {@link dev.flecto.repo.Repo#replica(dev.flecto.repo.ReplicaStrategy)}: its reads go to that
   * replica while it is healthy, else to the primary; its transactions and checkouts, and every
   * statement in a transaction of the primary, run on the primary. The Repo refuses writes on it
   * before they reach the adapter. An adapter without replicas returns itself: the read-only Repo
   * then reads from the primary, and still refuses writes, so code that writes through a replica
   * fails in tests as it would in production.
   *
   * <pre>{@code adapter.replica(ReplicaStrategy.roundRobin()).all(planned) }</pre>
   *
   * @param strategy how to choose among the healthy replicas, or null for the configured one
   * @return the adapter
   */
  default Adapter replica(dev.flecto.repo.ReplicaStrategy strategy) {
    return this;
  }

  /**
   * The adapter that sends every statement to the primary, whatever this one routes to replicas
   * (for {@link dev.flecto.repo.Repo#primary()}, a read that must see the caller's own writes). It
   * shares the primary's pool and transactions. An adapter without replicas returns itself.
   *
   * <pre>{@code adapter.primary().all(planned) }</pre>
   *
   * @return the adapter
   */
  default Adapter primary() {
    return this;
  }

  /**
   * The name of the replica this adapter reads from when it is a replica's ({@link #replica}), for
   * the messages of refused writes; null for an adapter that writes.
   *
   * <pre>{@code adapter.replica(null).readOnly() // "replica-1 (db-replica-1:5432)" }</pre>
   *
   * @return the replica's name, or null
   */
  default String readOnly() {
    return null;
  }

  /**
   * The SQL and parameters a planned query runs as.
   *
   * <pre>{@code adapter.toSql(planned).text() }</pre>
   *
   * @param query the planned query
   * @return the statement
   */
  SqlStatement toSql(PlannedQuery<?> query);

  /**
   * Inserts one row and reads back every column a whole-record query loads
   * ({@link SchemaMeta#loadedFields()}: not those declared {@code loadInQuery = false}).
   *
   * <pre>{@code adapter.insert(meta, List.of(meta.field("name")), new Object[] {"Ann"}) }</pre>
   *
   * @param schema the schema
   * @param fields the columns to write (may be empty: every column takes its database default);
   *     the columns left out take their database defaults, so the set varies from call to call
   * @param values their values, one per field
   * @return the loaded values of {@link SchemaMeta#loadedFields()}, in that order
   */
  Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values);

  /**
   * Inserts one row with conflict handling (an upsert) and reads back the
   * {@code upsert.shape().returning()} columns of the row inserted, or of the existing row it
   * updated.
   *
   * <pre>{@code adapter.insert(meta, List.of(meta.field("email")), new Object[] {"a@b.c"}, upsert) }</pre>
   *
   * @param schema the schema
   * @param fields the columns to write, as for {@link #insert(SchemaMeta, List, Object[])}
   * @param values their values, one per field
   * @param upsert the conflict handling, its parameters and the columns read back
   * @return the loaded values of the returning columns, in that order; empty when no row was
   *     written (a conflict skipped, or an update whose conditions did not hold)
   */
  Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values, Upsert upsert);

  /**
   * Updates the row matching every filter (the primary key, and a lock version) when it is the
   * only row they match, and reads back the {@code returning} columns. When the filters match
   * several rows (a key that is not unique in the database) no row may be changed: the Repo then
   * counts them and raises {@link dev.flecto.MultiplePrimaryKeyException}.
   *
   * <pre>{@code adapter.update(meta, List.of(age), new Object[] {29}, meta.primaryKey(), new Object[] {1L}, List.of()) }</pre>
   *
   * @param schema the schema
   * @param fields the columns to set, not empty
   * @param values their values
   * @param filters the columns that identify the row
   * @param filterValues their values
   * @param returning the columns to read back (the schema's read-only ones), possibly none
   * @return the loaded values of {@code returning}, in that order (an empty array for none), or
   *     empty when no row was updated: none matched, or more than one did
   */
  Mono<Object[]> update(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values,
      List<SchemaField> filters, Object[] filterValues, List<SchemaField> returning);

  /**
   * Deletes the row matching every filter when it is the only row they match; when they match
   * several, none may be deleted (see {@link #update}).
   *
   * <pre>{@code adapter.delete(meta, meta.primaryKey(), new Object[] {1L}) }</pre>
   *
   * @param schema the schema
   * @param filters the columns that identify the row
   * @param filterValues their values
   * @return how many rows were deleted: 1, or 0 when none matched or more than one did
   */
  Mono<Long> delete(SchemaMeta<?> schema, List<SchemaField> filters, Object[] filterValues);

  /**
   * Inserts many rows (Ecto's {@code insert_all}) in as few statements as the database allows,
   * all in one transaction: the caller's, or one of its own when more than one statement is
   * needed, so a failing row leaves none of them.
   *
   * <pre>{@code adapter.insertAll(new BulkInsert(shape, rows)) // Mono<Long> }</pre>
   *
   * @param insert the shape and rows ({@code returning} is ignored)
   * @return how many rows were inserted (conflicting rows skipped by {@code NOTHING} are not counted)
   */
  Mono<Long> insertAll(BulkInsert insert);

  /**
   * {@link #insertAll(BulkInsert)} reading back the {@code returning} columns of each inserted row,
   * emitted after the transaction committed when it opened one.
   *
   * <pre>{@code adapter.insertAllReturning(new BulkInsert(shape, rows)) // Flux<Object[]> }</pre>
   *
   * @param insert the shape (with returning columns) and rows
   * @return per inserted row, the loaded values of {@code insert.shape().returning()}, in that order
   */
  Flux<Object[]> insertAllReturning(BulkInsert insert);

  /**
   * Inserts schemaless rows (Ecto's {@code insert_all("table", entries)}), values as given, in as
   * few statements as the database allows, all in one transaction.
   *
   * <pre>{@code adapter.insertAll(new SchemalessInsert(null, "events", columns, rows, BulkInsert.Conflict.RAISE, List.of(), null, null, List.of())) }</pre>
   *
   * @param insert the table, columns and rows
   * @return how many rows were inserted
   */
  default Mono<Long> insertAll(SchemalessInsert insert) {
    return Mono.error(new UnsupportedOperationException("this adapter has no schemaless insertAll"));
  }

  /**
   * Runs work in a transaction whose connection travels in the Reactor Context: it commits when
   * the work completes and emits the work's value only after COMMIT succeeded; it rolls back on
   * error and on cancel. Inside a transaction already, the work joins it.
   *
   * <pre>{@code adapter.transact(() -> adapter.insert(...)) }</pre>
   *
   * @param work the work, subscribed once the transaction began
   * @param <T> the value type
   * @return the work's value
   */
  <T> Mono<T> transact(Supplier<? extends Mono<T>> work);

  /**
   * Runs work in a savepoint when it runs inside a transaction (or a sandbox): a failure inside it
   * rolls back to the savepoint and leaves the transaction usable. Outside a transaction the work
   * runs as it is, each statement on its own.
   *
   * <pre>{@code adapter.savepoint(() -> adapter.insert(...)) }</pre>
   *
   * @param work the work
   * @param <T> the value type
   * @return the work's value
   */
  <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work);

  /**
   * {@link #transact(Supplier)} with options: the transaction begins with the isolation level and
   * access mode, and bounds each statement's time on the server. Inside a transaction already,
   * the work joins it (or runs in a savepoint of it, with {@link TransactionOptions#savepoint()})
   * after the options were checked against it. Inside a {@link #checkout(Supplier)}, the
   * transaction runs on the checked-out connection. Retrying is the Repo's business, not the
   * adapter's.
   *
   * <pre>{@code adapter.transact(TransactionOptions.defaults().withReadOnly(true), () -> adapter.all(planned).collectList()) }</pre>
   *
   * @param options the options
   * @param work the work, subscribed once the transaction began
   * @param <T> the value type
   * @return the work's value, after commit
   */
  <T> Mono<T> transact(TransactionOptions options, Supplier<? extends Mono<T>> work);

  /**
   * Runs work on one connection held for its whole pipeline, without a transaction: the
   * connection travels in the Reactor Context as a transaction's does, each statement commits on
   * its own, and it is released when the work completes, fails or is cancelled. Inside a
   * transaction or another checkout, the work runs as it is.
   *
   * <pre>{@code adapter.checkout(() -> adapter.insert(...).then(adapter.exists(planned))) }</pre>
   *
   * @param work the work, subscribed once the connection was acquired
   * @param <T> the value type
   * @return the work's value, after the connection was released
   */
  <T> Mono<T> checkout(Supplier<? extends Mono<T>> work);

  /**
   * Whether the subscriber's Reactor Context carries a transaction of this adapter.
   *
   * <pre>{@code adapter.inTransaction() // Mono<Boolean> }</pre>
   *
   * @return true inside a transaction
   */
  Mono<Boolean> inTransaction();

  /**
   * Releases the adapter's resources: drains and closes its pool.
   *
   * <pre>{@code adapter.close().block(); }</pre>
   *
   * @return completion
   */
  Mono<Void> close();

  /**
   * Runs raw SQL with {@code $n} parameters (Ecto's {@code Ecto.Adapters.SQL.query/4}): in the
   * caller's transaction when there is one, errors translated and telemetry told as for every
   * statement.
   *
   * <pre>{@code adapter.query("SELECT count(*) FROM posts WHERE author_id = $1", List.of(7)) }</pre>
   *
   * @param sql the statement
   * @param params the values of its placeholders, in order (null binds an untyped NULL)
   * @return the columns, rows and row count
   */
  Mono<QueryResult> query(String sql, List<Object> params);

  /**
   * The SQL statements of a migration command in this adapter's dialect, in the order they run;
   * empty for a command that is not SQL ({@code run}).
   *
   * <pre>{@code adapter.ddl(Migrations.createTable(Migrations.table("posts"), Migrations.add("title", ColumnType.STRING))) }</pre>
   *
   * @param command the command
   * @return the statements
   * @throws dev.flecto.migration.MigrationException when the dialect cannot express the command
   */
  List<String> ddl(dev.flecto.migration.Command command);
}
