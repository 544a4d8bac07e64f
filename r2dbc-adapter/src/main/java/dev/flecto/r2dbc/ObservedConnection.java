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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** A connection whose statements and transaction steps are told to the Repo's listeners. */
final class ObservedConnection implements Connection, Wrapped<Connection> {
  private final Connection real;
  private final Observed observed;
  // The acquire's wait, told with the first statement (Ecto's queue_time), then zero.
  private final AtomicLong queueNanos;

  ObservedConnection(Connection real, Observed observed, long queueNanos) {
    this.real = real;
    this.observed = observed;
    this.queueNanos = new AtomicLong(queueNanos);
  }

  long takeQueueNanos() {
    return queueNanos.getAndSet(0);
  }

  Observed observed() {
    return observed;
  }

  private Publisher<Void> step(Kind kind, String sql, Publisher<Void> real) {
    return Mono.deferContextual(ctx -> {
      Observed.Probe p = observed.probe(kind, sql, List.of(), ctx, takeQueueNanos());
      return Mono.from(real).doOnSuccess(v -> p.completed()).doOnError(p::failed).doOnCancel(p::cancelled);
    });
  }

  @Override
  public Publisher<Void> beginTransaction() {
    return step(Kind.BEGIN, "BEGIN", real.beginTransaction());
  }

  @Override
  public Publisher<Void> beginTransaction(TransactionDefinition definition) {
    return step(Kind.BEGIN, "BEGIN " + definition, real.beginTransaction(definition));
  }

  @Override
  public Publisher<Void> close() {
    return real.close();
  }

  @Override
  public Publisher<Void> commitTransaction() {
    return step(Kind.COMMIT, "COMMIT", real.commitTransaction());
  }

  @Override
  public Batch createBatch() {
    return real.createBatch();
  }

  @Override
  public Publisher<Void> createSavepoint(String name) {
    return step(Kind.SAVEPOINT, "SAVEPOINT " + name, real.createSavepoint(name));
  }

  @Override
  public Statement createStatement(String sql) {
    return new ObservedStatement(real.createStatement(sql), sql, this);
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
    return step(Kind.SAVEPOINT, "RELEASE SAVEPOINT " + name, real.releaseSavepoint(name));
  }

  @Override
  public Publisher<Void> rollbackTransaction() {
    return step(Kind.ROLLBACK, "ROLLBACK", real.rollbackTransaction());
  }

  @Override
  public Publisher<Void> rollbackTransactionToSavepoint(String name) {
    return step(Kind.SAVEPOINT, "ROLLBACK TO SAVEPOINT " + name, real.rollbackTransactionToSavepoint(name));
  }

  @Override
  public Publisher<Void> setAutoCommit(boolean autoCommit) {
    return real.setAutoCommit(autoCommit);
  }

  @Override
  public Publisher<Void> setLockWaitTimeout(Duration timeout) {
    return real.setLockWaitTimeout(timeout);
  }

  @Override
  public Publisher<Void> setStatementTimeout(Duration timeout) {
    return real.setStatementTimeout(timeout);
  }

  @Override
  public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
    return real.setTransactionIsolationLevel(level);
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

  @Override
  public String toString() {
    return "Observed[" + real + "]";
  }
}
