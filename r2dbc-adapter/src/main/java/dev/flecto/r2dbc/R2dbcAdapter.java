package dev.flecto.r2dbc;

import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.SqlStatement;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.SelectedColumn;
import dev.flecto.query.Aggregate;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.r2dbc.postgres.PostgresDialect;
import dev.flecto.repo.TransactionOptions;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The R2DBC adapter: runs each statement on the transaction's connection when the Reactor Context
 * carries one, else on a connection of its own from the source.
 */
final class R2dbcAdapter implements Adapter {
  private static final ClassValue<RowPlan> ROW_PLANS = new ClassValue<>() {
    @Override
    protected RowPlan computeValue(Class<?> type) {
      return new RowPlan(Schemas.of(type));
    }
  };

  private final ConnectionSource source;
  private final PostgresDialect dialect;
  // One key per adapter, so a transaction of one Repo never leaks into another's statements.
  private final Object txKey = new Object();
  // A checkout's connection: statements run on it like a transaction's, but inTransaction() stays false.
  private final Object heldKey = new Object();

  R2dbcAdapter(ConnectionSource source, PostgresDialect dialect) {
    this.source = source;
    this.dialect = dialect;
  }

  @Override
  public <T> Flux<T> all(PlannedQuery<T> query) {
    return rows(dialect.select(query.shape()), query, query.params());
  }

  // Reactor cannot emit null: dropping the row would lose data silently, so say what to do instead.
  private static <T> T nonNull(T value, PlannedQuery<T> query) {
    if (value == null) {
      throw new dev.flecto.QueryException("a row's selected value is NULL, which a Flux cannot emit, in query "
          + query.query() + "; hint: coalesce(expr, default), select into a Map or a record, or Repo.aggregate for an aggregate");
    }
    return value;
  }

  @Override
  public Mono<Object> aggregate(PlannedQuery<?> query, Aggregate kind, SchemaField field) {
    String sql = dialect.aggregate(query.shape(), kind, field);
    boolean typed = field != null && (kind == Aggregate.MIN || kind == Aggregate.MAX);
    return run(sql, c -> {
      Statement st = c.createStatement(sql);
      Binder.bindPlanned(st, query.params());
      // A Result cannot emit null, so a NULL aggregate travels as an empty Optional.
      return Flux.from(st.execute()).concatMap(r -> r.map(row -> Optional.ofNullable(
          typed ? field.load(row.get(0, field.readType())) : kind == Aggregate.COUNT ? row.get(0, Long.class) : row.get(0))));
    }).collectList().flatMap(rows -> Mono.justOrEmpty(rows.get(0)));
  }

  @Override
  public Mono<Boolean> exists(PlannedQuery<?> query) {
    String sql = dialect.exists(query.shape());
    return run(sql, c -> {
      Statement st = c.createStatement(sql);
      Binder.bindPlanned(st, query.params());
      return Flux.from(st.execute()).concatMap(r -> r.map(row -> row.get(0, Boolean.class)));
    }).collectList().map(rows -> rows.get(0));
  }

  @Override
  public Mono<Long> deleteAll(PlannedQuery<?> query) {
    return rowsUpdated(dialect.deleteAll(query.shape()), query.params());
  }

  @Override
  public Mono<Long> updateAll(PlannedQuery<?> query, PlannedUpdate updates) {
    List<Object> params = new java.util.ArrayList<>(query.params());
    params.addAll(updates.params());
    return rowsUpdated(dialect.updateAll(query.shape(), updates.shape(), query.params().size()), params);
  }

  private Mono<Long> rowsUpdated(String sql, List<Object> params) {
    return run(sql, c -> {
      Statement st = c.createStatement(sql);
      Binder.bindPlanned(st, params);
      return Flux.from(st.execute()).concatMap(Result::getRowsUpdated);
    }).reduce(0L, Long::sum);
  }

  @Override
  public <T> Flux<T> deleteAllReturning(PlannedQuery<T> query) {
    return rows(dialect.deleteAllReturning(query.shape()), query, query.params());
  }

  @Override
  public <T> Flux<T> updateAllReturning(PlannedQuery<T> query, PlannedUpdate updates) {
    List<Object> params = new java.util.ArrayList<>(query.params());
    params.addAll(updates.params());
    return rows(dialect.updateAllReturning(query.shape(), updates.shape(), query.params().size()), query, params);
  }

  @Override
  public <T> Flux<T> stream(PlannedQuery<T> query, int maxRows, Function<List<T>, Mono<List<T>>> eachChunk) {
    SelectedColumn[] columns = query.columns().toArray(new SelectedColumn[0]);
    Function<Object[], T> assemble = query.assemble();
    CursorStream<T> cursor = new CursorStream<>(dialect.select(query.shape()), query.params(), maxRows,
        row -> nonNull(assemble.apply(RowPlan.read(row, columns)), query), eachChunk);
    return Flux.deferContextual(ctx -> {
      Connection tx = ctx.getOrDefault(txKey, null);
      return cursor.rows(tx != null ? Mono.just(StreamConnection.joined(tx)) : source.streamConnection(), txKey);
    });
  }

  private <T> Flux<T> rows(String sql, PlannedQuery<T> query, List<Object> params) {
    SelectedColumn[] columns = query.columns().toArray(new SelectedColumn[0]);
    java.util.function.Function<Object[], T> assemble = query.assemble();
    return run(sql, c -> {
      Statement st = c.createStatement(sql);
      Binder.bindPlanned(st, params);
      return Flux.from(st.execute()).concatMap(r -> r.map(row -> nonNull(assemble.apply(RowPlan.read(row, columns)), query)));
    });
  }

  @Override
  public SqlStatement toSql(PlannedQuery<?> query) {
    return new SqlStatement(dialect.select(query.shape()), query.params());
  }

  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values) {
    String sql = dialect.insert(schema, fields);
    return returningOne(sql, schema, st -> Binder.bindAll(st, 0, fields, values));
  }

  @Override
  public Mono<Object[]> update(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values,
      List<SchemaField> filters, Object[] filterValues) {
    String sql = dialect.update(schema, fields, filters);
    return returningOne(sql, schema, st -> Binder.bindAll(st, Binder.bindAll(st, 0, fields, values), filters, filterValues));
  }

  @Override
  public Mono<Long> delete(SchemaMeta<?> schema, List<SchemaField> filters, Object[] filterValues) {
    String sql = dialect.delete(schema, filters);
    return run(sql, c -> {
      Statement st = c.createStatement(sql);
      Binder.bindAll(st, 0, filters, filterValues);
      return Flux.from(st.execute()).concatMap(Result::getRowsUpdated);
    }).reduce(0L, Long::sum);
  }

  @Override
  public Mono<Long> insertAll(BulkInsert insert) {
    return inChunks(insert, Result::getRowsUpdated).reduce(0L, Long::sum);
  }

  @Override
  public Flux<Object[]> insertAllReturning(BulkInsert insert) {
    SelectedColumn[] columns = RowPlan.columns(insert.shape().returning());
    return inChunks(insert, r -> r.map(row -> RowPlan.read(row, columns)));
  }

  // One statement per chunk, in order; several run in one transaction (the caller's, or their own) so a failing chunk leaves no row.
  private <R> Flux<R> inChunks(BulkInsert insert, Function<Result, Publisher<R>> read) {
    BulkInsert.Shape shape = insert.shape();
    List<Object[]> rows = insert.rows();
    int size = dialect.insertAllRowsPerStatement(shape);
    Flux<R> statements = Flux.range(0, (rows.size() + size - 1) / size).concatMap(i -> {
      List<Object[]> chunk = rows.subList(i * size, Math.min(rows.size(), (i + 1) * size));
      String sql = dialect.insertAll(shape, chunk);
      return run(sql, c -> {
        Statement st = c.createStatement(sql);
        int n = 0;
        for (Object[] row : chunk) {
          n = Binder.bindRow(st, n, shape.fields(), row);
        }
        return Flux.from(st.execute()).concatMap(read);
      });
    });
    return rows.size() <= size ? statements : transact(() -> statements.collectList()).flatMapIterable(list -> list);
  }

  @Override
  public <T> Mono<T> transact(Supplier<? extends Mono<T>> work) {
    return transact(TransactionOptions.defaults(), work);
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return Mono.deferContextual(ctx -> {
      Connection tx = ctx.getOrDefault(txKey, null);
      return tx != null ? Savepoints.around(tx, work) : source.savepoint(work);
    });
  }

  @Override
  public <T> Mono<T> transact(TransactionOptions options, Supplier<? extends Mono<T>> work) {
    return Mono.deferContextual(ctx -> {
      Connection tx = ctx.getOrDefault(txKey, null);
      if (tx != null) {
        return Nested.run(tx, options, work);
      }
      Function<Connection, Mono<T>> inTx = c -> Mono.defer(work).contextWrite(Context.of(txKey, c));
      Connection held = ctx.getOrDefault(heldKey, null);
      return held != null ? source.withTransactionOn(held, options, inTx) : source.withTransaction(options, inTx);
    });
  }

  @Override
  public <T> Mono<T> checkout(Supplier<? extends Mono<T>> work) {
    return Mono.deferContextual(ctx -> connection(ctx) != null
        ? Mono.defer(work)
        // singleOrEmpty waits for the release; Mono.from would cancel the checkout at its value.
        : source.withConnection(c -> Mono.defer(work).contextWrite(Context.of(heldKey, c))).singleOrEmpty());
  }

  // The transaction's connection, else the checkout's, else null: the statement takes one of its own.
  private Connection connection(ContextView ctx) {
    Connection tx = ctx.getOrDefault(txKey, null);
    return tx != null ? tx : ctx.getOrDefault(heldKey, null);
  }

  @Override
  public Mono<Boolean> inTransaction() {
    return Mono.deferContextual(ctx -> Mono.just(ctx.hasKey(txKey)));
  }

  @Override
  public Mono<Void> close() {
    return source.close();
  }

  // Every row is collected, so the Result is always consumed to its end (an unconsumed one can wedge the connection).
  private Mono<Object[]> returningOne(String sql, SchemaMeta<?> schema, java.util.function.Consumer<Statement> binder) {
    RowPlan plan = ROW_PLANS.get(schema.type());
    return run(sql, c -> {
      Statement st = c.createStatement(sql);
      binder.accept(st);
      return Flux.from(st.execute()).concatMap(r -> r.map(plan::decode));
    }).collectList().flatMap(rows -> rows.isEmpty() ? Mono.empty() : Mono.just(rows.get(0)));
  }

  private <T> Flux<T> run(String sql, Function<Connection, Publisher<T>> work) {
    return Flux.deferContextual(ctx -> {
      Connection tx = connection(ctx);
      Flux<T> out = tx != null ? Flux.defer(() -> work.apply(tx)) : source.withConnection(work);
      return out.onErrorMap(e -> Errors.translate(e, sql));
    });
  }
}
