package dev.flecto.repo;

import dev.flecto.FlectoException;
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
import reactor.util.context.ContextView;

/**
 * The adapter of {@link DynamicRepos#repo()}: each operation runs on the adapter of the repo the
 * Reactor Context names ({@link DynamicRepos#use}), leased for as long as the operation runs (a
 * statement, a stream, a whole transaction), so an evicted repo closes only when nothing runs on
 * it. It must forward every method of {@link Adapter} (a test checks it does).
 */
final class DynamicAdapter implements Adapter {
  private final RepoLeases leases;
  private final Duration statementTimeout; // null: each chosen repo's own
  private final Supplier<Mono<Void>> closeRegistry;

  DynamicAdapter(RepoLeases leases, Duration statementTimeout, Supplier<Mono<Void>> closeRegistry) {
    this.leases = leases;
    this.statementTimeout = statementTimeout;
    this.closeRegistry = closeRegistry;
  }

  private Adapter chosen(RepoLeases.Lease lease) {
    Adapter a = lease.repo.adapter();
    return statementTimeout == null ? a : a.withStatementTimeout(statementTimeout);
  }

  private static FlectoException noKey() {
    return new FlectoException("no dynamic repo is chosen for this operation: the Reactor Context names none; "
        + "hint: add .contextWrite(DynamicRepos.use(key)) at the end of the pipeline");
  }

  /**
   * The lease of the key: the one an enclosing operation holds (so a transaction's statements run
   * on its repo even after that repo was evicted), else the registry's.
   */
  private Mono<RepoLeases.Lease> lease(ContextView ctx, String key) {
    RepoLeases.Lease held = ctx.getOrDefault(leases, null);
    return Mono.fromCallable(() -> held != null && held.key.equals(key) ? leases.retain(held) : leases.acquire(key));
  }

  private Mono<Void> release(RepoLeases.Lease lease) {
    return Mono.fromRunnable(() -> leases.release(lease));
  }

  private <R> Mono<R> mono(Function<Adapter, Mono<R>> op) {
    return Mono.deferContextual(ctx -> {
      String key = DynamicRepos.keyIn(ctx);
      return key == null ? Mono.error(noKey()) : Mono.usingWhen(lease(ctx, key),
          lease -> op.apply(chosen(lease)).contextWrite(c -> c.put(leases, lease)), this::release);
    });
  }

  private <R> Flux<R> flux(Function<Adapter, Flux<R>> op) {
    return Flux.deferContextual(ctx -> {
      String key = DynamicRepos.keyIn(ctx);
      return key == null ? Flux.error(noKey()) : Flux.usingWhen(lease(ctx, key),
          lease -> op.apply(chosen(lease)).contextWrite(c -> c.put(leases, lease)), this::release);
    });
  }

  @Override
  public <T> Flux<T> all(PlannedQuery<T> query) {
    return flux(a -> a.all(query));
  }

  @Override
  public Mono<Object> aggregate(PlannedQuery<?> query, Aggregate kind, SchemaField field) {
    return mono(a -> a.aggregate(query, kind, field));
  }

  @Override
  public Mono<Boolean> exists(PlannedQuery<?> query) {
    return mono(a -> a.exists(query));
  }

  @Override
  public Mono<Long> deleteAll(PlannedQuery<?> query) {
    return mono(a -> a.deleteAll(query));
  }

  @Override
  public Mono<Long> updateAll(PlannedQuery<?> query, PlannedUpdate updates) {
    return mono(a -> a.updateAll(query, updates));
  }

  @Override
  public <T> Flux<T> deleteAllReturning(PlannedQuery<T> query) {
    return flux(a -> a.deleteAllReturning(query));
  }

  @Override
  public <T> Flux<T> updateAllReturning(PlannedQuery<T> query, PlannedUpdate updates) {
    return flux(a -> a.updateAllReturning(query, updates));
  }

  @Override
  public <T> Flux<T> stream(PlannedQuery<T> query, int maxRows, Duration idleTimeout,
      Function<List<T>, Mono<List<T>>> eachChunk) {
    return flux(a -> a.stream(query, maxRows, idleTimeout, eachChunk));
  }

  @Override
  public Adapter withStatementTimeout(Duration timeout) {
    return new DynamicAdapter(leases, timeout, closeRegistry);
  }

  /**
   * The database is chosen per subscription, its replicas with it: a dynamic Repo's replica Repo
   * reads from the chosen database's primary, refusing writes as any replica Repo does.
   */
  @Override
  public Adapter replica(dev.flecto.repo.ReplicaStrategy strategy) {
    return this;
  }

  @Override
  public Adapter primary() {
    return this;
  }

  @Override
  public String readOnly() {
    return null;
  }

  /** Synchronous: no Context, so no chosen repo; SQL text needs one. */
  @Override
  public SqlStatement toSql(PlannedQuery<?> query) {
    throw new FlectoException("toSql on the Repo of a DynamicRepos: it has no Context to choose a repo by; "
        + "hint: call toSql on a Repo of one database (Repo.connect(url))");
  }

  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values) {
    return mono(a -> a.insert(schema, fields, values));
  }

  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values, Upsert upsert) {
    return mono(a -> a.insert(schema, fields, values, upsert));
  }

  @Override
  public Mono<Object[]> update(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values,
      List<SchemaField> filters, Object[] filterValues, List<SchemaField> returning) {
    return mono(a -> a.update(schema, fields, values, filters, filterValues, returning));
  }

  @Override
  public Mono<Long> delete(SchemaMeta<?> schema, List<SchemaField> filters, Object[] filterValues) {
    return mono(a -> a.delete(schema, filters, filterValues));
  }

  @Override
  public Mono<Long> insertAll(BulkInsert insert) {
    return mono(a -> a.insertAll(insert));
  }

  @Override
  public Flux<Object[]> insertAllReturning(BulkInsert insert) {
    return flux(a -> a.insertAllReturning(insert));
  }

  @Override
  public Mono<Long> insertAll(SchemalessInsert insert) {
    return mono(a -> a.insertAll(insert));
  }

  @Override
  public <T> Mono<T> transact(Supplier<? extends Mono<T>> work) {
    return mono(a -> a.transact(work));
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return mono(a -> a.savepoint(work));
  }

  @Override
  public <T> Mono<T> transact(TransactionOptions options, Supplier<? extends Mono<T>> work) {
    return mono(a -> a.transact(options, work));
  }

  @Override
  public <T> Mono<T> checkout(Supplier<? extends Mono<T>> work) {
    return mono(a -> a.checkout(work));
  }

  /** False when no repo is chosen: there is no transaction of one. */
  @Override
  public Mono<Boolean> inTransaction() {
    return Mono.deferContextual(ctx -> DynamicRepos.keyIn(ctx) == null ? Mono.just(false) : mono(Adapter::inTransaction));
  }

  /** Closing the Repo closes the registry: every open repo's pool, and its idle sweep. */
  @Override
  public Mono<Void> close() {
    return closeRegistry.get();
  }

  @Override
  public Mono<QueryResult> query(String sql, List<Object> params) {
    return mono(a -> a.query(sql, params));
  }

  /** Synchronous, as {@link #toSql}. */
  @Override
  public List<String> ddl(dev.flecto.migration.Command command) {
    throw new FlectoException("migration DDL on the Repo of a DynamicRepos: it has no Context to choose a repo by; "
        + "hint: migrate each database with a Repo of its own (Repo.connect(url)) and Migrator.of(it)");
  }
}
