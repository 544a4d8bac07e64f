package dev.flecto.r2dbc;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** A statement whose bound values are kept for its event, and whose execution is timed. */
final class ObservedStatement implements Statement {
  private final Statement real;
  private final String sql;
  private final ObservedConnection connection;
  private final List<Object> params = new ArrayList<>();

  ObservedStatement(Statement real, String sql, ObservedConnection connection) {
    this.real = real;
    this.sql = sql;
    this.connection = connection;
  }

  private void keep(int index, Object value) {
    while (params.size() <= index) {
      params.add(null);
    }
    params.set(index, value);
  }

  @Override
  public Statement add() {
    real.add();
    return this;
  }

  @Override
  public Statement bind(int index, Object value) {
    real.bind(index, value);
    keep(index, value);
    return this;
  }

  @Override
  public Statement bind(String name, Object value) {
    real.bind(name, value);
    params.add(value);
    return this;
  }

  @Override
  public Statement bindNull(int index, Class<?> type) {
    real.bindNull(index, type);
    keep(index, null);
    return this;
  }

  @Override
  public Statement bindNull(String name, Class<?> type) {
    real.bindNull(name, type);
    params.add(null);
    return this;
  }

  @Override
  public Statement returnGeneratedValues(String... columns) {
    real.returnGeneratedValues(columns);
    return this;
  }

  @Override
  public Statement fetchSize(int rows) {
    real.fetchSize(rows);
    return this;
  }

  @Override
  public Publisher<? extends Result> execute() {
    List<Object> bound = Collections.unmodifiableList(new ArrayList<>(params));
    return Flux.deferContextual(ctx -> {
      Observed.Probe p = connection.observed().probe(Observed.kind(sql), sql, bound, ctx, connection.takeQueueNanos());
      // The statement ends with its Result's rows (or count) read; a failure or cancel before that ends it too.
      boolean[] any = new boolean[1]; // one subscriber, signals in order
      return Flux.from(real.execute()).<Result>map(r -> {
        any[0] = true;
        return new ObservedResult(r, p);
      }).doOnComplete(() -> {
        if (!any[0]) {
          p.completed();
        }
      }).doOnError(p::failed).doOnCancel(p::cancelled);
    });
  }
}
