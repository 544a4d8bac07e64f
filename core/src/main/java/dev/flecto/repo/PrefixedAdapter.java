package dev.flecto.repo;

import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.QueryResult;
import dev.flecto.adapter.SchemalessInsert;
import dev.flecto.adapter.SqlStatement;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.adapter.Upsert;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.query.Aggregate;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The adapter a Repo runs on: its statements get the default prefix (the Repo's
 * {@code withPrefix}, else the Reactor Context's {@link Tenancy#prefix}) where they name none.
 * Every statement of the Repo, its preloads, Multi steps and association writes passes here, so
 * one place decides. It must forward every method of {@link Adapter} (a test checks it does).
 */
final class PrefixedAdapter implements Adapter {
  private final Adapter delegate;
  private final String fixed;

  private PrefixedAdapter(Adapter delegate, String fixed) {
    this.delegate = delegate;
    this.fixed = fixed;
  }

  /** The adapter with the Context's default prefix applied (an adapter that already does is kept). */
  static PrefixedAdapter over(Adapter adapter) {
    return adapter instanceof PrefixedAdapter p ? p : new PrefixedAdapter(adapter, null);
  }

  PrefixedAdapter withPrefix(String prefix) {
    return new PrefixedAdapter(delegate, prefix);
  }

  String prefix() {
    return fixed;
  }

  /** The adapter under the prefixing, for a registry that picks adapters per subscription. */
  Adapter delegate() {
    return delegate;
  }

  private <R> Mono<R> mono(Function<String, Mono<R>> op) {
    return fixed != null ? Mono.defer(() -> op.apply(fixed))
        : Mono.deferContextual(ctx -> op.apply(Tenancy.prefixIn(ctx)));
  }

  private <R> Flux<R> flux(Function<String, Flux<R>> op) {
    return fixed != null ? Flux.defer(() -> op.apply(fixed))
        : Flux.deferContextual(ctx -> op.apply(Tenancy.prefixIn(ctx)));
  }

  private static <T> SchemaMeta<T> meta(SchemaMeta<T> schema, String prefix) {
    return prefix == null ? schema : schema.inPrefix(prefix);
  }

  @Override
  public <T> Flux<T> all(PlannedQuery<T> query) {
    return flux(p -> delegate.all(Prefixing.query(query, p)));
  }

  @Override
  public Mono<Object> aggregate(PlannedQuery<?> query, Aggregate kind, SchemaField field) {
    return mono(p -> delegate.aggregate(Prefixing.query(query, p), kind, field));
  }

  @Override
  public Mono<Boolean> exists(PlannedQuery<?> query) {
    return mono(p -> delegate.exists(Prefixing.query(query, p)));
  }

  @Override
  public Mono<Long> deleteAll(PlannedQuery<?> query) {
    return mono(p -> delegate.deleteAll(Prefixing.query(query, p)));
  }

  @Override
  public Mono<Long> updateAll(PlannedQuery<?> query, PlannedUpdate updates) {
    return mono(p -> delegate.updateAll(Prefixing.query(query, p), updates));
  }

  @Override
  public <T> Flux<T> deleteAllReturning(PlannedQuery<T> query) {
    return flux(p -> delegate.deleteAllReturning(Prefixing.query(query, p)));
  }

  @Override
  public <T> Flux<T> updateAllReturning(PlannedQuery<T> query, PlannedUpdate updates) {
    return flux(p -> delegate.updateAllReturning(Prefixing.query(query, p), updates));
  }

  @Override
  public <T> Flux<T> stream(PlannedQuery<T> query, int maxRows, Duration idleTimeout,
      Function<List<T>, Mono<List<T>>> eachChunk) {
    return flux(p -> delegate.stream(Prefixing.query(query, p), maxRows, idleTimeout, eachChunk));
  }

  @Override
  public Adapter withStatementTimeout(Duration timeout) {
    return new PrefixedAdapter(delegate.withStatementTimeout(timeout), fixed);
  }

  /** A replica's reads keep this default prefix: a tenant's replica Repo reads the tenant's tables. */
  @Override
  public Adapter replica(dev.flecto.repo.ReplicaStrategy strategy) {
    Adapter replica = delegate.replica(strategy);
    return replica == delegate ? this : new PrefixedAdapter(replica, fixed);
  }

  @Override
  public Adapter primary() {
    Adapter primary = delegate.primary();
    return primary == delegate ? this : new PrefixedAdapter(primary, fixed);
  }

  @Override
  public String readOnly() {
    return delegate.readOnly();
  }

  /** Synchronous, so only the Repo's own default applies: a Context exists only in a subscription. */
  @Override
  public SqlStatement toSql(PlannedQuery<?> query) {
    return delegate.toSql(Prefixing.query(query, fixed));
  }

  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values) {
    return mono(p -> delegate.insert(meta(schema, p), fields, values));
  }

  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values, Upsert upsert) {
    return mono(p -> delegate.insert(meta(schema, p), fields, values, Prefixing.upsert(upsert, p)));
  }

  @Override
  public Mono<Object[]> update(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values,
      List<SchemaField> filters, Object[] filterValues, List<SchemaField> returning) {
    return mono(p -> delegate.update(meta(schema, p), fields, values, filters, filterValues, returning));
  }

  @Override
  public Mono<Long> delete(SchemaMeta<?> schema, List<SchemaField> filters, Object[] filterValues) {
    return mono(p -> delegate.delete(meta(schema, p), filters, filterValues));
  }

  @Override
  public Mono<Long> insertAll(BulkInsert insert) {
    return mono(p -> delegate.insertAll(Prefixing.bulk(insert, p)));
  }

  @Override
  public Flux<Object[]> insertAllReturning(BulkInsert insert) {
    return flux(p -> delegate.insertAllReturning(Prefixing.bulk(insert, p)));
  }

  @Override
  public Mono<Long> insertAll(SchemalessInsert insert) {
    return mono(p -> delegate.insertAll(Prefixing.schemaless(insert, p)));
  }

  @Override
  public <T> Mono<T> transact(Supplier<? extends Mono<T>> work) {
    return delegate.transact(work);
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return delegate.savepoint(work);
  }

  @Override
  public <T> Mono<T> transact(TransactionOptions options, Supplier<? extends Mono<T>> work) {
    return delegate.transact(options, work);
  }

  @Override
  public <T> Mono<T> checkout(Supplier<? extends Mono<T>> work) {
    return delegate.checkout(work);
  }

  @Override
  public Mono<Boolean> inTransaction() {
    return delegate.inTransaction();
  }

  @Override
  public Mono<Void> close() {
    return delegate.close();
  }

  @Override
  public Mono<QueryResult> query(String sql, List<Object> params) {
    return delegate.query(sql, params);
  }

  @Override
  public List<String> ddl(dev.flecto.migration.Command command) {
    return delegate.ddl(command);
  }
}
