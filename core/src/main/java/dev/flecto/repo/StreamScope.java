package dev.flecto.repo;

import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The end of what a stream serves (a web exchange, a message's handling), carried in the Reactor
 * Context: a {@link Repo#stream} subscribed under one stops when it ends (its cursor closed, its
 * transaction ended, its connection released) even when its subscriber neither cancels nor asks for
 * more. A web server that fails a response without cancelling its body (Spring WebFlux, for a client
 * gone just before the first line) would otherwise leave the stream waiting for demand until its
 * idle timeout. The Spring Boot starter binds each WebFlux exchange's end this way.
 *
 * <pre>{@code
 * Sinks.One<Boolean> done = Sinks.one();
 * handle(request)                                   // may return repo.stream(...)
 *     .contextWrite(StreamScope.endingWith(done.asMono()))
 *     .doFinally(s -> done.tryEmitValue(true));     // the exchange is over, however it ended
 * }</pre>
 */
public final class StreamScope {
  private static final Object KEY = StreamScope.class;

  private StreamScope() {}

  /**
   * A Context change that makes the streams subscribed under it stop when {@code end} emits.
   *
   * <pre>{@code flux.contextWrite(StreamScope.endingWith(exchangeOver)) }</pre>
   *
   * @param end emits (any value) when what the streams serve is over; its completion without a
   *     value is no signal
   * @return the Context change, for {@code contextWrite}
   */
  public static Function<Context, Context> endingWith(Publisher<?> end) {
    Mono<Boolean> signal = Mono.from(Objects.requireNonNull(end, "end")).map(v -> Boolean.TRUE)
        .switchIfEmpty(Mono.never());
    return ctx -> ctx.put(KEY, signal);
  }

  /** Emits when the scope of the subscriber's Context ends; never, outside one. */
  static Mono<Boolean> end() {
    return Mono.deferContextual(ctx -> ctx.getOrDefault(KEY, Mono.never()));
  }
}
