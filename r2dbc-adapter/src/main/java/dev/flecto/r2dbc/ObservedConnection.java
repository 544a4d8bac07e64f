package dev.flecto.r2dbc;

import dev.flecto.telemetry.QueryEvent.Kind;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** A connection whose statements and transaction steps are told to the Repo's listeners. */
final class ObservedConnection extends ForwardingConnection {
  private final Observed observed;
  // The acquire's wait, told with the first statement (Ecto's queue_time), then zero.
  private final AtomicLong queueNanos;

  ObservedConnection(Connection real, Observed observed, long queueNanos) {
    super(real);
    this.observed = observed;
    this.queueNanos = new AtomicLong(queueNanos);
  }

  long takeQueueNanos() {
    return queueNanos.getAndSet(0);
  }

  Observed observed() {
    return observed;
  }

  @Override
  protected Publisher<Void> step(Kind kind, String sql, Supplier<Publisher<Void>> send) {
    Publisher<Void> step = send.get();
    return Mono.deferContextual(ctx -> {
      Observed.Probe p = observed.probe(kind, sql, List.of(), ctx, takeQueueNanos());
      return Mono.from(step).doOnSuccess(v -> p.completed()).doOnError(p::failed).doOnCancel(p::cancelled);
    });
  }

  @Override
  public Statement createStatement(String sql) {
    return new ObservedStatement(real.createStatement(sql), sql, this);
  }

  @Override
  public String toString() {
    return "Observed[" + real + "]";
  }
}
