package dev.flecto.r2dbc;

import dev.flecto.telemetry.QueryEvent.Kind;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Flecto transaction's connection as another manager's code gets it ({@link
 * ExternalTransactions#share}): what it sends goes through the transaction's gate, so a statement
 * that arrives after Flecto's COMMIT or ROLLBACK (a cancel raced it) fails instead of running, and
 * committing, on its own. Closing it does nothing: Flecto releases the connection.
 */
final class GatedConnection extends ForwardingConnection {
  private final Tx tx;

  GatedConnection(Tx tx) {
    super(tx.connection());
    this.tx = tx;
  }

  private <T> Publisher<T> gated(Supplier<? extends Publisher<T>> work) {
    return tx.send(work);
  }

  @Override
  protected Publisher<Void> step(Kind kind, String sql, Supplier<Publisher<Void>> send) {
    return gated(send);
  }

  @Override
  protected Publisher<Void> setting(Supplier<Publisher<Void>> send) {
    return gated(send);
  }

  @Override
  public Publisher<Void> close() {
    return Mono.empty();
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
        return gated(() -> Flux.<Result>from(batch.execute()));
      }
    };
  }

  @Override
  public Statement createStatement(String sql) {
    return new GatedStatement(real.createStatement(sql));
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
      return gated(() -> Flux.<Result>from(statement.execute()));
    }
  }
}
