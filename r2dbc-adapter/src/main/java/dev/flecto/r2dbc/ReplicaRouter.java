package dev.flecto.r2dbc;

import dev.flecto.ReadOnlyRepoException;
import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.QueryResult;
import dev.flecto.adapter.SchemalessInsert;
import dev.flecto.adapter.SqlStatement;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.adapter.Upsert;
import dev.flecto.migration.Command;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.query.Aggregate;
import dev.flecto.repo.ReplicaStrategy;
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
 * The adapter of a Repo with replicas. As the primary's Repo it sends writes, transactions,
 * checkouts and raw SQL to the primary, and reads to the primary too unless automatic routing is
 * on. As a replica's ({@link #replica}, read-only) it sends reads to its replica. Either way a
 * read goes to the primary when the caller runs in a transaction or checkout of the primary, and
 * when no replica is healthy; a read on a replica that fails for want of it before emitting
 * anything is run again on the primary, and the replica put out of use until a health check
 * finds it well.
 */
final class ReplicaRouter implements Adapter {
  private final R2dbcAdapter primary;
  private final ReplicaSet set;
  private final boolean autoRoute;
  private final ReplicaNode pinned; // a read-only router's replica; null: the primary's router, or none was healthy
  private final String readOnly;    // null: the primary's router
  private final Duration timeout;   // a withStatementTimeout's, for the replicas' adapters too; null: the options'

  ReplicaRouter(R2dbcAdapter primary, ReplicaSet set, boolean autoRoute) {
    this(primary, set, autoRoute, null, null, null);
  }

  private ReplicaRouter(R2dbcAdapter primary, ReplicaSet set, boolean autoRoute, ReplicaNode pinned, String readOnly,
      Duration timeout) {
    this.primary = primary;
    this.set = set;
    this.autoRoute = autoRoute;
    this.pinned = pinned;
    this.readOnly = readOnly;
    this.timeout = timeout;
  }

  @Override
  public Adapter replica(ReplicaStrategy strategy) {
    ReplicaNode node = set.pick(strategy);
    return new ReplicaRouter(primary, set, autoRoute, node,
        node != null ? node.name : "no replica (none was healthy when it was chosen)", timeout);
  }

  @Override
  public Adapter primary() {
    return primary;
  }

  @Override
  public String readOnly() {
    return readOnly;
  }

  @Override
  public Adapter withStatementTimeout(Duration t) {
    return new ReplicaRouter((R2dbcAdapter) primary.withStatementTimeout(t), set, autoRoute, pinned, readOnly, t);
  }

  /**
   * Where a read runs: null for the primary. A transaction's or checkout's statements stay on its
   * connection (the primary's, or a replica stream's own, whose per-chunk preloads run in it).
   */
  private ReplicaNode target(ContextView ctx) {
    if (primary.bound(ctx)) {
      return null;
    }
    for (ReplicaNode n : set.nodes()) {
      if (n.adapter.bound(ctx)) {
        return n;
      }
    }
    // The replica given, while healthy; else another one that is (the configured choice); else the primary.
    return pinned != null && pinned.up() ? pinned : set.pick(null);
  }

  private Adapter on(ReplicaNode node) {
    return timeout == null ? node.adapter : node.adapter.withStatementTimeout(timeout);
  }

  /** The read on its replica, run again on the primary when the replica fails it before any row was emitted. */
  private <T> Flux<T> read(Function<Adapter, Flux<T>> op) {
    if (readOnly == null && !autoRoute) {
      return op.apply(primary); // the primary's Repo without routing: its reads cost nothing more
    }
    return Flux.deferContextual(ctx -> {
      ReplicaNode node = target(ctx);
      if (node == null) {
        return op.apply(primary);
      }
      if (node.adapter.bound(ctx)) {
        return op.apply(on(node)); // inside the replica's own stream transaction: no retry elsewhere
      }
      boolean[] emitted = {false}; // one per subscription; a Flux signals one at a time
      return op.apply(on(node)).doOnNext(x -> emitted[0] = true).onErrorResume(e -> {
        if (emitted[0]) {
          return Flux.error(e);
        }
        if (ReplicaSet.unreachable(e)) {
          node.failed(e);
          return op.apply(primary);
        }
        return ReplicaSet.recoveryConflict(e) ? op.apply(primary) : Flux.error(e);
      });
    });
  }

  @Override
  public <T> Flux<T> all(PlannedQuery<T> query) {
    return read(a -> a.all(query));
  }

  @Override
  public Mono<Object> aggregate(PlannedQuery<?> query, Aggregate kind, SchemaField field) {
    return read(a -> a.aggregate(query, kind, field).flux()).singleOrEmpty();
  }

  @Override
  public Mono<Boolean> exists(PlannedQuery<?> query) {
    return read(a -> a.exists(query).flux()).single();
  }

  @Override
  public <T> Flux<T> stream(PlannedQuery<T> query, int maxRows, Duration idleTimeout, Function<List<T>, Mono<List<T>>> eachChunk) {
    return read(a -> a.stream(query, maxRows, idleTimeout, eachChunk));
  }

  /**
   * Raw SQL may write, so the primary's Repo never routes it. A replica's runs on the replica
   * (which refuses writes itself), or on the primary in a read-only transaction.
   */
  @Override
  public Mono<QueryResult> query(String sql, List<Object> params) {
    if (readOnly == null) {
      return primary.query(sql, params);
    }
    return Mono.deferContextual(ctx -> {
      ReplicaNode node = target(ctx);
      Mono<QueryResult> onPrimary = primary.bound(ctx) ? primary.query(sql, params)
          : primary.transact(TransactionOptions.defaults().withReadOnly(true), () -> primary.query(sql, params));
      if (node == null) {
        return onPrimary;
      }
      return on(node).query(sql, params).onErrorResume(e -> {
        if (ReplicaSet.unreachable(e)) {
          node.failed(e);
          return onPrimary;
        }
        return ReplicaSet.recoveryConflict(e) ? onPrimary : Mono.error(e);
      });
    });
  }

  @Override
  public SqlStatement toSql(PlannedQuery<?> query) {
    return primary.toSql(query);
  }

  @Override
  public List<String> ddl(Command command) {
    return primary.ddl(command);
  }

  // A read-only Repo refuses writes itself; these refuse what reaches its adapter by another way.
  private <T> Mono<T> refuse(String method) {
    return Mono.error(new ReadOnlyRepoException(method, readOnly));
  }

  @Override
  public Mono<Long> deleteAll(PlannedQuery<?> query) {
    return readOnly != null ? refuse("deleteAll") : primary.deleteAll(query);
  }

  @Override
  public Mono<Long> updateAll(PlannedQuery<?> query, PlannedUpdate updates) {
    return readOnly != null ? refuse("updateAll") : primary.updateAll(query, updates);
  }

  @Override
  public <T> Flux<T> deleteAllReturning(PlannedQuery<T> query) {
    return readOnly != null ? this.<T>refuse("deleteAllReturning").flux() : primary.deleteAllReturning(query);
  }

  @Override
  public <T> Flux<T> updateAllReturning(PlannedQuery<T> query, PlannedUpdate updates) {
    return readOnly != null ? this.<T>refuse("updateAllReturning").flux() : primary.updateAllReturning(query, updates);
  }

  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values) {
    return readOnly != null ? refuse("insert") : primary.insert(schema, fields, values);
  }

  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values, Upsert upsert) {
    return readOnly != null ? refuse("insert") : primary.insert(schema, fields, values, upsert);
  }

  @Override
  public Mono<Object[]> update(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values,
      List<SchemaField> filters, Object[] filterValues, List<SchemaField> returning) {
    return readOnly != null ? refuse("update") : primary.update(schema, fields, values, filters, filterValues, returning);
  }

  @Override
  public Mono<Long> delete(SchemaMeta<?> schema, List<SchemaField> filters, Object[] filterValues) {
    return readOnly != null ? refuse("delete") : primary.delete(schema, filters, filterValues);
  }

  @Override
  public Mono<Long> insertAll(BulkInsert insert) {
    return readOnly != null ? refuse("insertAll") : primary.insertAll(insert);
  }

  @Override
  public Flux<Object[]> insertAllReturning(BulkInsert insert) {
    return readOnly != null ? this.<Object[]>refuse("insertAllReturning").flux() : primary.insertAllReturning(insert);
  }

  @Override
  public Mono<Long> insertAll(SchemalessInsert insert) {
    return readOnly != null ? refuse("insertAll") : primary.insertAll(insert);
  }

  @Override
  public <T> Mono<T> transact(Supplier<? extends Mono<T>> work) {
    return transact(TransactionOptions.defaults(), work);
  }

  /** On the primary; a read-only Repo's own transaction is READ ONLY (joining one, it takes it as it is). */
  @Override
  public <T> Mono<T> transact(TransactionOptions options, Supplier<? extends Mono<T>> work) {
    if (readOnly == null) {
      return primary.transact(options, work);
    }
    return Mono.deferContextual(ctx -> primary.bound(ctx) ? primary.transact(options, work)
        : primary.transact(options.withReadOnly(true), work));
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return primary.savepoint(work);
  }

  @Override
  public <T> Mono<T> checkout(Supplier<? extends Mono<T>> work) {
    return primary.checkout(work);
  }

  @Override
  public Mono<Boolean> inTransaction() {
    return primary.inTransaction();
  }

  /** The primary's Repo closes the health check and every pool; a replica's Repo is a view and closes nothing. */
  @Override
  public Mono<Void> close() {
    return readOnly != null ? Mono.empty() : set.close().then(primary.close());
  }
}
