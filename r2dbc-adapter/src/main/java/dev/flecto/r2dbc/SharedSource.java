package dev.flecto.r2dbc;

import dev.flecto.adapter.TransactionOptions;
import io.r2dbc.spi.Connection;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Repo's connections on a {@link SharedSandbox}: the sandbox a test holds when it is subscribed
 * (its connection, its statements' turns, seen through this Repo's telemetry), else the pool.
 */
final class SharedSource implements ConnectionSource {
  private final SharedSandbox shared;
  private final PooledSource pooled;
  private final Observed observed;
  // The source for the sandbox seen last: one per checkout, so savepoint turns stay the sandbox's.
  private volatile Sandbox seen;
  private volatile SandboxSource seenSource;

  SharedSource(SharedSandbox shared, Observed observed) {
    this.shared = shared;
    this.pooled = new PooledSource(shared.pool(), false, observed);
    this.observed = observed;
  }

  private ConnectionSource now() {
    Sandbox s = shared.current();
    if (s == null) {
      return pooled;
    }
    if (seen != s) {
      Connection c = observed == null ? s.rawConnection() : observed.connection(s.rawConnection(), 0);
      seenSource = new SandboxSource(c, s.turns());
      seen = s;
    }
    return seenSource;
  }

  @Override
  public <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    return Flux.defer(() -> now().withConnection(work));
  }

  @Override
  public <T> Flux<T> onHeld(Held held, Function<Connection, Publisher<T>> work) {
    return Flux.defer(() -> now().onHeld(held, work));
  }

  @Override
  public <T> Mono<T> hold(Function<Held, Mono<T>> work) {
    return Mono.defer(() -> now().hold(work));
  }

  @Override
  public <T> Mono<T> withTransaction(TransactionOptions options, Function<Tx, Mono<T>> work) {
    return Mono.defer(() -> now().withTransaction(options, work));
  }

  @Override
  public <T> Mono<T> withTransactionOn(Held held, TransactionOptions options, Function<Tx, Mono<T>> work) {
    return Mono.defer(() -> now().withTransactionOn(held, options, work));
  }

  @Override
  public <T> Mono<T> savepoint(Supplier<? extends Mono<T>> work) {
    return Mono.defer(() -> now().savepoint(work));
  }

  @Override
  public Mono<StreamConnection> streamConnection() {
    return Mono.defer(() -> now().streamConnection());
  }

  @Override
  public Mono<StreamConnection> streamConnectionOn(Held held) {
    return Mono.defer(() -> now().streamConnectionOn(held));
  }

  @Override
  public Mono<Void> close() {
    return Mono.empty(); // the pool below is the application's
  }
}
