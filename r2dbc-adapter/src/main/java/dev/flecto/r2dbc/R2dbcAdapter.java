package dev.flecto.r2dbc;

import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.QueryResult;
import dev.flecto.adapter.SqlStatement;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.ColumnReader;
import dev.flecto.planner.SelectedColumn;
import dev.flecto.query.Aggregate;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.r2dbc.postgres.PostgresDialect;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import dev.flecto.TimeoutException;
import dev.flecto.repo.RepoOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
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

  // What an update without RETURNING emits for its one row: no values (shared, as it is empty).
  private static final Object[] NOTHING_READ = new Object[0];

  private final ConnectionSource source;
  private final PostgresDialect dialect;
  // One key per adapter, so a transaction of one Repo never leaks into another's statements.
  private final Object txKey;
  // A checkout's connection: statements run on it like a transaction's, but inTransaction() stays false.
  private final Object heldKey;
  private final Duration statementTimeout;
  private final Duration idleTimeout;
  // With a listener, statements say which table they are about (in their Context); else nothing is added.
  private final boolean observing;
  // Another transaction manager's transactions, joined and shared (Spring's); null: none, no lookup.
  private final ExternalTransactions external;

  R2dbcAdapter(ConnectionSource source, PostgresDialect dialect, RepoOptions options) {
    this(source, dialect, options, null);
  }

  R2dbcAdapter(ConnectionSource source, PostgresDialect dialect, RepoOptions options, ExternalTransactions external) {
    this(source, dialect, new Object(), new Object(), options.statementTimeout(), options.idleTimeout(),
        options.telemetry().enabled(), external);
  }

  private R2dbcAdapter(ConnectionSource source, PostgresDialect dialect, Object txKey, Object heldKey,
      Duration statementTimeout, Duration idleTimeout, boolean observing, ExternalTransactions external) {
    this.external = external;
    this.source = source;
    this.dialect = dialect;
    this.txKey = txKey;
    this.heldKey = heldKey;
    this.statementTimeout = statementTimeout;
    this.idleTimeout = idleTimeout;
    this.observing = observing;
  }

  /** The same adapter (pool, transactions, caches) with another statement timeout. */
  @Override
  public Adapter withStatementTimeout(Duration timeout) {
    return new R2dbcAdapter(source, dialect, txKey, heldKey, timeout, idleTimeout, observing, external);
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
    java.util.function.UnaryOperator<Object> load = typed ? field.loader("schema " + query.schema().describe()) : null;
    // A Result cannot emit null, so a NULL aggregate travels as an empty Optional.
    return firstRow(sql, table(query.schema()), st -> Binder.bindPlanned(st, query.params()), row -> Optional.ofNullable(
        typed ? load.apply(row.get(0, field.readType())) : kind == Aggregate.COUNT ? row.get(0, Long.class) : row.get(0)))
        .mapNotNull(value -> value.orElse(null));
  }

  @Override
  public Mono<Boolean> exists(PlannedQuery<?> query) {
    String sql = dialect.exists(query.shape());
    return run(sql, table(query.schema()), c -> {
      Statement st = c.createStatement(sql);
      Binder.bindPlanned(st, query.params());
      return Flux.from(st.execute()).concatMap(r -> r.map(row -> row.get(0, Boolean.class)));
    }).collectList().map(rows -> rows.get(0));
  }

  @Override
  public Mono<Long> deleteAll(PlannedQuery<?> query) {
    return rowsUpdated(dialect.deleteAll(query.shape()), table(query.schema()), st -> Binder.bindPlanned(st, query.params()));
  }

  @Override
  public Mono<Long> updateAll(PlannedQuery<?> query, PlannedUpdate updates) {
    List<Object> params = new java.util.ArrayList<>(query.params());
    params.addAll(updates.params());
    return rowsUpdated(dialect.updateAll(query.shape(), updates.shape(), query.params().size()), table(query.schema()),
        st -> Binder.bindPlanned(st, params));
  }

  /** The rows one statement changed. */
  private Mono<Long> rowsUpdated(String sql, String table, Consumer<Statement> binder) {
    return reduced(sql, table, binder, Result::getRowsUpdated, 0L, Long::sum);
  }

  /** The first row of one statement, decoded; every row is still read, so the Result is consumed to its end. */
  private <T> Mono<T> firstRow(String sql, String table, Consumer<Statement> binder, Function<Readable, T> decode) {
    return reduced(sql, table, binder, r -> r.map(decode), null, Reduced::first);
  }

  /**
   * One statement's items folded into one value ({@link Reduced}). Taken with singleOrEmpty, not
   * Mono.from: the value waits for the statement's end (its connection released, its sandbox
   * savepoint released), which a Mono subscriber's cancel at the value would otherwise cut short.
   */
  private <T> Mono<T> reduced(String sql, String table, Consumer<Statement> binder,
      Function<? super Result, ? extends Publisher<? extends T>> perResult, T seed, BinaryOperator<T> fold) {
    return run(sql, table, c -> {
      Statement st = c.createStatement(sql);
      binder.accept(st);
      return new Reduced<T>(st.execute(), perResult, seed, fold);
    }).singleOrEmpty();
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
  public <T> Flux<T> stream(PlannedQuery<T> query, int maxRows, Duration idle, Function<List<T>, Mono<List<T>>> eachChunk) {
    ColumnReader<io.r2dbc.spi.Readable> reader = RowPlan.reader(query.columns());
    CursorStream<T> cursor = new CursorStream<>(dialect.select(query.shape()), query.params(), maxRows,
        row -> nonNull(query.read(row, reader), query), eachChunk, statementTimeout);
    Flux<T> rows = Flux.deferContextual(ctx -> {
      Tx tx = tx(ctx);
      if (tx != null && tx.abortedBy() != null) {
        return Flux.error(Tx.aborted(tx.abortedBy(), "the stream of " + query.query()));
      }
      Held held = ctx.getOrDefault(heldKey, null);
      Mono<StreamConnection> on = tx != null ? Mono.just(StreamConnection.joined(tx))
          : held != null ? source.streamConnectionOn(held) : source.streamConnection();
      return cursor.rows(on, txKey);
    });
    if (observing) {
      rows = rows.contextWrite(ctx -> Observed.withSource(ctx, table(query.schema())));
    }
    Duration limit = idle != null ? idle : idleTimeout;
    return IdleBound.demand(rows, limit, () -> new TimeoutException("the stream of " + query.query() + " was ended: its "
        + "subscriber requested no row for " + limit + " (the stream's idle timeout), so its cursor was closed, its "
        + "transaction rolled back and its connection released; raise StreamOptions.withIdleTimeout for slow consumers", limit));
  }

  private <T> Flux<T> rows(String sql, PlannedQuery<T> query, List<Object> params) {
    ColumnReader<io.r2dbc.spi.Readable> reader = RowPlan.reader(query.columns());
    return run(sql, table(query.schema()), c -> {
      Statement st = c.createStatement(sql);
      Binder.bindPlanned(st, params);
      return Flux.from(st.execute()).concatMap(r -> r.map(row -> nonNull(query.read(row, reader), query)));
    });
  }

  @Override
  public SqlStatement toSql(PlannedQuery<?> query) {
    return new SqlStatement(dialect.select(query.shape()), query.params());
  }

  @Override
  public List<String> ddl(dev.flecto.migration.Command command) {
    return dialect.ddl(command);
  }

  @Override
  public Mono<QueryResult> query(String sql, List<Object> params) {
    return run(sql, null, c -> {
      Statement st = c.createStatement(sql);
      RawRows.bind(st, params, sql);
      return Flux.from(st.execute()).concatMap(RawRows::read);
    }).collectList().map(RawRows::result);
  }

  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values) {
    String sql = dialect.insert(schema, fields);
    return returningOne(sql, schema, st -> Binder.bindAll(st, 0, fields, values));
  }

  // The update's planned parameters are bound first ($1..), then the inserted values.
  @Override
  public Mono<Object[]> insert(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values, dev.flecto.adapter.Upsert upsert) {
    String sql = dialect.upsert(schema, fields, upsert);
    List<Object> params = upsert.params();
    Consumer<Statement> binder = st -> {
      Binder.bindPlanned(st, params);
      Binder.bindAll(st, params.size(), fields, values);
    };
    if (upsert.shape().returning().equals(schema.loadedFields())) {
      return returningOne(sql, schema, binder); // the schema's row plan, made once
    }
    SelectedColumn[] columns = RowPlan.columns(schema, upsert.shape().returning());
    return firstRow(sql, schema.table(), binder, row -> RowPlan.read(row, columns));
  }

  @Override
  public Mono<Object[]> update(SchemaMeta<?> schema, List<SchemaField> fields, Object[] values,
      List<SchemaField> filters, Object[] filterValues, List<SchemaField> returning) {
    String sql = dialect.update(schema, fields, filters, returning);
    Consumer<Statement> binder =
        st -> Binder.bindAll(st, Binder.bindAll(st, 0, fields, values), filters, filterValues);
    if (returning.isEmpty()) {
      // No RETURNING: the row count says whether the one row was updated.
      return rowsUpdated(sql, schema.table(), binder).flatMap(n -> n == 1 ? Mono.just(NOTHING_READ) : Mono.empty());
    }
    SelectedColumn[] columns = RowPlan.columns(schema, returning);
    return firstRow(sql, schema.table(), binder, row -> RowPlan.read(row, columns));
  }

  @Override
  public Mono<Long> delete(SchemaMeta<?> schema, List<SchemaField> filters, Object[] filterValues) {
    String sql = dialect.delete(schema, filters);
    return rowsUpdated(sql, schema.table(), st -> Binder.bindAll(st, 0, filters, filterValues));
  }

  @Override
  public Mono<Long> insertAll(BulkInsert insert) {
    if (insert.copy() == BulkInsert.Copy.NEVER) {
      return inChunks(insert, Result::getRowsUpdated).reduce(0L, Long::sum);
    }
    return Mono.defer(() -> {
      boolean always = insert.copy() == BulkInsert.Copy.ALWAYS;
      List<CopyIn.Run> runs = CopyIn.runs(dialect, insert.shape(), insert.rows(), always ? Integer.MAX_VALUE : 1);
      if (runs == null && always) {
        return Mono.error(new dev.flecto.ArgumentException("insertAll into schema " + insert.shape().schema().describe()
            + " with InsertAllOptions.withCopy(ALWAYS): an entry that gives no field, or a List field without an element "
            + "type, cannot be copied; use Copy.AUTO to insert such entries with INSERT ... VALUES"));
      }
      if (runs == null) {
        return inChunks(insert, Result::getRowsUpdated).reduce(0L, Long::sum);
      }
      Mono<Long> copied = copy(insert, runs);
      return always ? copied.onErrorMap(CopyIn.NotPostgres.class, e -> new dev.flecto.ArgumentException("insertAll with "
              + "InsertAllOptions.withCopy(ALWAYS): " + e.getMessage() + "; use Copy.AUTO to fall back to INSERT ... VALUES", e))
          : copied.onErrorResume(CopyIn.NotPostgres.class, e -> inChunks(insert, Result::getRowsUpdated).reduce(0L, Long::sum));
    });
  }

  // One COPY a run, in order; several run in one transaction (the caller's, or their own) so a failing run leaves no row.
  private Mono<Long> copy(BulkInsert insert, List<CopyIn.Run> runs) {
    String table = table(insert.shape().schema());
    Mono<Long> copies = Flux.fromIterable(runs)
        .concatMap(run -> run(run.sql(), table, c -> CopyIn.copy(c, run, insert.rows())))
        .reduce(0L, Long::sum);
    return runs.size() == 1 ? copies : transact(() -> copies);
  }

  @Override
  public Flux<Object[]> insertAllReturning(BulkInsert insert) {
    SelectedColumn[] columns = RowPlan.columns(insert.shape().schema(), insert.shape().returning());
    return inChunks(insert, r -> r.map(row -> RowPlan.read(row, columns)));
  }

  // One statement per chunk, in order; several run in one transaction (the caller's, or their own) so a failing chunk leaves no row.
  private <R> Flux<R> inChunks(BulkInsert insert, Function<Result, Publisher<R>> read) {
    BulkInsert.Shape shape = insert.shape();
    if (shape.select() != null) { // INSERT ... SELECT: one statement, no rows
      String sql = dialect.insertAll(shape, List.of());
      return run(sql, table(shape.schema()), c -> {
        Statement st = c.createStatement(sql);
        Binder.bindPlanned(st, insert.params());
        return Flux.from(st.execute()).concatMap(read);
      });
    }
    List<Object[]> rows = insert.rows();
    int size = dialect.insertAllRowsPerStatement(shape, widestRow(rows));
    Flux<R> statements = Flux.range(0, (rows.size() + size - 1) / size).concatMap(i -> {
      List<Object[]> chunk = rows.subList(i * size, Math.min(rows.size(), (i + 1) * size));
      String sql = dialect.insertAll(shape, chunk);
      return run(sql, table(shape.schema()), c -> {
        Statement st = c.createStatement(sql);
        Binder.bindPlanned(st, insert.params()); // the conflict update's and the placeholders', in every chunk
        int n = insert.params().size();
        for (Object[] row : chunk) {
          n = Binder.bindRow(st, n, shape.fields(), row);
        }
        return Flux.from(st.execute()).concatMap(read);
      });
    });
    return rows.size() <= size ? statements : transact(() -> statements.collectList()).flatMapIterable(list -> list);
  }

  // As inChunks: one statement a chunk, several in one transaction; values bound as given, a null untyped.
  @Override
  public Mono<Long> insertAll(dev.flecto.adapter.SchemalessInsert insert) {
    List<Object[]> rows = insert.rows();
    int size = dialect.insertAllRowsPerStatement(insert.columns().size());
    Mono<Long> statements = Flux.range(0, (rows.size() + size - 1) / size).concatMap(i -> {
      List<Object[]> chunk = rows.subList(i * size, Math.min(rows.size(), (i + 1) * size));
      String sql = dialect.insertAll(insert, chunk);
      return run(sql, insert.table(), c -> {
        Statement st = c.createStatement(sql);
        List<Object> params = new java.util.ArrayList<>();
        for (Object[] row : chunk) {
          for (Object v : row) {
            if (v != BulkInsert.DEFAULT) {
              params.add(v);
            }
          }
        }
        RawRows.bind(st, params, sql);
        return Flux.from(st.execute()).concatMap(Result::getRowsUpdated);
      });
    }).reduce(0L, Long::sum);
    return rows.size() <= size ? statements : transact(() -> statements);
  }

  // The most parameters a row takes: a subquery value's may be more than its columns.
  private static int widestRow(List<Object[]> rows) {
    int widest = 0;
    for (Object[] row : rows) {
      int n = 0;
      for (Object cell : row) {
        n += BulkInsert.paramsOf(cell);
      }
      widest = Math.max(widest, n);
    }
    return widest;
  }

  @Override
  public <T> Mono<T> transact(Supplier<? extends Mono<T>> work) {
    return transact(TransactionOptions.defaults(), work);
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return Mono.deferContextual(ctx -> {
      Tx tx = tx(ctx);
      return tx != null ? Savepoints.around(tx, work) : source.savepoint(work);
    });
  }

  @Override
  public <T> Mono<T> transact(TransactionOptions options, Supplier<? extends Mono<T>> work) {
    return Mono.deferContextual(ctx -> {
      Tx tx = tx(ctx);
      if (tx != null) {
        return nested(tx, options, work);
      }
      Function<Tx, Mono<T>> inTx = t -> guarded(t, work);
      Held held = ctx.getOrDefault(heldKey, null);
      return held != null ? source.withTransactionOn(held, options, inTx) : source.withTransaction(options, inTx);
    });
  }

  /**
   * Ecto's nested transaction: it joins the enclosing one, and its failure (an error, a rollback,
   * a cancel) aborts that one, which can then neither run statements nor commit, even when the
   * caller catches the error. With a savepoint it is a scope of its own, and its failure is undone
   * by rolling back to the savepoint, leaving the enclosing transaction usable.
   */
  private <T> Mono<T> nested(Tx tx, TransactionOptions options, Supplier<? extends Mono<T>> work) {
    Throwable aborted = tx.abortedBy();
    if (aborted != null) {
      return Mono.error(Tx.aborted(aborted, "a nested transact"));
    }
    if (options.savepoint()) {
      Tx scope = tx.savepointScope(options);
      return Nested.run(tx, options, () -> guarded(scope, work));
    }
    // Only the work's failure aborts: options refused before it ran (a conflicting isolation level) wrote nothing.
    return Nested.run(tx, options, () -> Mono.defer(work)
        .doOnError(tx::abort)
        .doOnCancel(() -> tx.abort(new java.util.concurrent.CancellationException("a nested transact was cancelled"))));
  }

  /**
   * The body of a transaction scope: its connection in the Context; an abort by a nested transact
   * fails it at its end (so it rolls back, even when the caller caught the nested error); at the
   * root, a body that runs no statement for the idle timeout is ended.
   */
  private <T> Mono<T> guarded(Tx tx, Supplier<? extends Mono<T>> work) {
    Mono<T> body = new TxBody<>(work, tx, txKey);
    if (!tx.isRoot()) {
      return body;
    }
    if (external != null) {
      // Spring's code inside the body joins this transaction, through its gate: a statement of
      // Spring's sent after the ROLLBACK of a cancel fails instead of committing on its own.
      body = external.share(new GatedConnection(tx), body);
    }
    Duration idle = tx.rootOptions().idleTimeout() != null ? tx.rootOptions().idleTimeout() : idleTimeout;
    return body.timeout(tx.activity().idle(idle), Mono.error(() -> new TimeoutException("the transaction was rolled back: "
        + "it ran no statement for " + idle + " (its idle timeout); a body that stops making progress must not hold a "
        + "connection and a transaction forever (TransactionOptions.withIdleTimeout raises it)", idle)));
  }

  @Override
  public <T> Mono<T> checkout(Supplier<? extends Mono<T>> work) {
    return Mono.deferContextual(ctx -> ctx.hasKey(heldKey) || tx(ctx) != null
        ? Mono.defer(work)
        : source.hold(held -> Mono.defer(work).contextWrite(Context.of(heldKey, held))
            .timeout(held.activity().idle(idleTimeout), Mono.error(() -> new TimeoutException("the checkout was "
                + "ended: it ran no statement for " + idleTimeout + " (the Repo's idle timeout), and a body that stops "
                + "making progress must not hold a connection forever", idleTimeout)))));
  }

  /**
   * Whether statements in this Context run on a connection this adapter holds: a transaction's
   * (its own or one it joins) or a checkout's. A replica router sends those to this adapter.
   */
  boolean bound(ContextView ctx) {
    return ctx.hasKey(heldKey) || tx(ctx) != null;
  }

  /** The dialect, shared by the adapters of a primary's replicas. */
  PostgresDialect dialect() {
    return dialect;
  }

  @Override
  public Mono<Boolean> inTransaction() {
    return Mono.deferContextual(ctx -> Mono.just(tx(ctx) != null));
  }

  /**
   * The transaction this Context runs in: Flecto's own, else one another manager began that
   * Flecto joins (Spring's, through {@link ExternalTransactions}), else null.
   */
  private Tx tx(ContextView ctx) {
    Tx tx = ctx.getOrDefault(txKey, null);
    if (tx != null || external == null) {
      return tx;
    }
    ExternalTransactions.Joined joined = external.current(ctx);
    return joined == null ? null : joined.state(txKey, () -> Tx.joined(joined));
  }

  @Override
  public Mono<Void> close() {
    return source.close();
  }

  // The schema's whole row, by its row plan (made once per schema).
  private Mono<Object[]> returningOne(String sql, SchemaMeta<?> schema, Consumer<Statement> binder) {
    return firstRow(sql, schema.table(), binder, ROW_PLANS.get(schema.type())::decode);
  }

  /**
   * One statement: on the transaction's connection (none once the transaction was aborted or
   * ended), else the checkout's, else one of its own; bounded by the statement timeout.
   */
  private <T> Flux<T> run(String sql, String table, Function<Connection, Publisher<T>> work) {
    Flux<T> statement = new Sent<>(sql, work);
    return observing ? statement.contextWrite(ctx -> Observed.withSource(ctx, table)) : statement;
  }

  /**
   * A statement of {@link #run}: where it goes is read from its subscriber's Context when it is
   * subscribed. One object, where {@code Flux.deferContextual} and its lambda were two, on every
   * statement a Repo sends.
   */
  private final class Sent<T> extends Flux<T> {
    private final String sql;
    private final Function<Connection, Publisher<T>> work;

    Sent(String sql, Function<Connection, Publisher<T>> work) {
      this.sql = sql;
      this.work = work;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
      Publisher<T> statement;
      try {
        statement = statement(actual.currentContext());
      } catch (Throwable e) {
        Exceptions.throwIfJvmFatal(e);
        Operators.error(actual, Operators.onOperatorError(e, actual.currentContext()));
        return;
      }
      statement.subscribe(actual);
    }

    private Publisher<T> statement(ContextView ctx) {
      Tx tx = tx(ctx);
      if (tx != null) {
        Throwable aborted = tx.abortedBy();
        if (aborted != null) {
          return Flux.error(Tx.aborted(aborted, "SQL " + sql));
        }
        Duration server = tx.rootOptions().timeout();
        Duration limit = server != null ? server.plusSeconds(1) : statementTimeout; // the server's own bound goes first
        return new Bounded<>(tx.gate(work), sql, tx.connection(), limit, tx.activity());
      }
      Held held = ctx.getOrDefault(heldKey, null);
      if (held != null) {
        return new Bounded<>(source.onHeld(held, work), sql, held.connection(), statementTimeout, held.activity());
      }
      // A pooled statement's own cancel path asks the server to stop it.
      return new Bounded<>(source.withConnection(work), sql, null, statementTimeout, null);
    }
  }

  private static String table(SchemaMeta<?> schema) {
    return schema == null ? null : schema.table();
  }
}
