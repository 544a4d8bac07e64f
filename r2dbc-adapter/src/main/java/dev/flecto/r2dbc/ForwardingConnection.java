package dev.flecto.r2dbc;

import dev.flecto.telemetry.QueryEvent.Kind;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * A connection over another that passes everything on, with three hooks for what a wrapper
 * changes: transaction steps ({@link #step}: BEGIN, COMMIT, ROLLBACK, savepoints), session
 * settings ({@link #setting}), and statements and batches. {@link ObservedConnection} tells the
 * steps to listeners; {@link GatedConnection} sends everything through a transaction's gate.
 */
abstract class ForwardingConnection implements Connection, Wrapped<Connection> {
  protected final Connection real;

  ForwardingConnection(Connection real) {
    this.real = real;
  }

  /** A transaction step, as the wrapper sends it; the SQL names it for listeners. */
  protected abstract Publisher<Void> step(Kind kind, String sql, Supplier<Publisher<Void>> send);

  /** A session setting, as the wrapper sends it: as it is unless overridden. */
  protected Publisher<Void> setting(Supplier<Publisher<Void>> send) {
    return send.get();
  }

  @Override
  public Publisher<Void> beginTransaction() {
    return step(Kind.BEGIN, "BEGIN", real::beginTransaction);
  }

  @Override
  public Publisher<Void> beginTransaction(TransactionDefinition definition) {
    return step(Kind.BEGIN, "BEGIN " + definition, () -> real.beginTransaction(definition));
  }

  @Override
  public Publisher<Void> commitTransaction() {
    return step(Kind.COMMIT, "COMMIT", real::commitTransaction);
  }

  @Override
  public Publisher<Void> createSavepoint(String name) {
    return step(Kind.SAVEPOINT, "SAVEPOINT " + name, () -> real.createSavepoint(name));
  }

  @Override
  public Publisher<Void> releaseSavepoint(String name) {
    return step(Kind.SAVEPOINT, "RELEASE SAVEPOINT " + name, () -> real.releaseSavepoint(name));
  }

  @Override
  public Publisher<Void> rollbackTransaction() {
    return step(Kind.ROLLBACK, "ROLLBACK", real::rollbackTransaction);
  }

  @Override
  public Publisher<Void> rollbackTransactionToSavepoint(String name) {
    return step(Kind.SAVEPOINT, "ROLLBACK TO SAVEPOINT " + name, () -> real.rollbackTransactionToSavepoint(name));
  }

  @Override
  public Publisher<Void> setAutoCommit(boolean autoCommit) {
    return setting(() -> real.setAutoCommit(autoCommit));
  }

  @Override
  public Publisher<Void> setLockWaitTimeout(Duration timeout) {
    return setting(() -> real.setLockWaitTimeout(timeout));
  }

  @Override
  public Publisher<Void> setStatementTimeout(Duration timeout) {
    return setting(() -> real.setStatementTimeout(timeout));
  }

  @Override
  public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
    return setting(() -> real.setTransactionIsolationLevel(level));
  }

  @Override
  public Batch createBatch() {
    return real.createBatch();
  }

  @Override
  public abstract Statement createStatement(String sql);

  @Override
  public Publisher<Void> close() {
    return real.close();
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
  public Publisher<Boolean> validate(ValidationDepth depth) {
    return real.validate(depth);
  }

  /** The connection below (the pool's), so a server-side cancel can reach the driver's. */
  @Override
  public Connection unwrap() {
    return real;
  }
}
