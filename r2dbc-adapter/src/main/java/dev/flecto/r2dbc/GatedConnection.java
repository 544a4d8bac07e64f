package dev.flecto.r2dbc;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A Flecto transaction's connection as another manager's code gets it ({@link
 * ExternalTransactions#share}): what it sends goes through the transaction's gate, so a statement
 * that arrives after Flecto's COMMIT or ROLLBACK (a cancel raced it) fails instead of running, and
 * committing, on its own. Closing it does nothing: Flecto releases the connection.
 */
final class GatedConnection implements Connection, Wrapped<Connection> {
  private final Tx tx;
  private final Connection real;

  GatedConnection(Tx tx) {
    this.tx = tx;
    this.real = tx.connection();
  }

  private <T> Publisher<T> gated(Supplier<? extends Publisher<T>> work) {
    return tx.send(work);
  }

  @Override
  public Publisher<Void> beginTransaction() {
    return gated(real::beginTransaction);
  }

  @Override
  public Publisher<Void> beginTransaction(TransactionDefinition definition) {
    return gated(() -> real.beginTransaction(definition));
  }

  @Override
  public Publisher<Void> close() {
    return Mono.empty();
  }

  @Override
  public Publisher<Void> commitTransaction() {
    return gated(real::commitTransaction);
  }

  @Override
  public Batch createBatch() {
    Batch batch = real.createBatch();
    return new Batch() {
      @Override
      public Batch add(String sql) {
        batch.add(sql);
        return this;
      }

      @Override
      public Publisher<? extends Result> execute() {
        return gated(() -> reactor.core.publisher.Flux.<Result>from(batch.execute()));
      }
    };
  }

  @Override
  public Publisher<Void> createSavepoint(String name) {
    return gated(() -> real.createSavepoint(name));
  }

  @Override
  public Statement createStatement(String sql) {
    return new GatedStatement(real.createStatement(sql));
  }

  @Override
  public boolean isAutoCommit() {
    return real.isAutoCommit();
  }

  @Override
  public ConnectionMetadata getMetadata() {
    return real.getMetadata();
  }

  @Override
  public IsolationLevel getTransactionIsolationLevel() {
    return real.getTransactionIsolationLevel();
  }

  @Override
  public Publisher<Void> releaseSavepoint(String name) {
    return gated(() -> real.releaseSavepoint(name));
  }

  @Override
  public Publisher<Void> rollbackTransaction() {
    return gated(real::rollbackTransaction);
  }

  @Override
  public Publisher<Void> rollbackTransactionToSavepoint(String name) {
    return gated(() -> real.rollbackTransactionToSavepoint(name));
  }

  @Override
  public Publisher<Void> setAutoCommit(boolean autoCommit) {
    return gated(() -> real.setAutoCommit(autoCommit));
  }

  @Override
  public Publisher<Void> setLockWaitTimeout(Duration timeout) {
    return gated(() -> real.setLockWaitTimeout(timeout));
  }

  @Override
  public Publisher<Void> setStatementTimeout(Duration timeout) {
    return gated(() -> real.setStatementTimeout(timeout));
  }

  @Override
  public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
    return gated(() -> real.setTransactionIsolationLevel(level));
  }

  @Override
  public Publisher<Boolean> validate(ValidationDepth depth) {
    return real.validate(depth);
  }

  @Override
  public Connection unwrap() {
    return real;
  }

  private final class GatedStatement implements Statement {
    private final Statement statement;

    GatedStatement(Statement statement) {
      this.statement = statement;
    }

    @Override
    public Statement add() {
      statement.add();
      return this;
    }

    @Override
    public Statement bind(int index, Object value) {
      statement.bind(index, value);
      return this;
    }

    @Override
    public Statement bind(String name, Object value) {
      statement.bind(name, value);
      return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
      statement.bindNull(index, type);
      return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
      statement.bindNull(name, type);
      return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
      statement.returnGeneratedValues(columns);
      return this;
    }

    @Override
    public Statement fetchSize(int rows) {
      statement.fetchSize(rows);
      return this;
    }

    @Override
    public Publisher<? extends Result> execute() {
      return gated(() -> reactor.core.publisher.Flux.<Result>from(statement.execute()));
    }
  }
}
