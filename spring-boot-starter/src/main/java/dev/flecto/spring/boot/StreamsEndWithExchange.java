package dev.flecto.spring.boot;

import dev.flecto.repo.StreamScope;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ends the Repo's streams with the WebFlux exchange they serve: the exchange's end, however it
 * came (response written, failed, cancelled), is a {@link StreamScope} in the Reactor Context of
 * everything the exchange runs, so a {@code repo.stream} returned as a response body closes its
 * cursor, ends its transaction and releases its connection then.
 *
 * <p>Why: when a client hangs up just as the first line of a streamed body is about to be written,
 * Reactor Netty refuses the write ("the client has gone away") and Spring Framework's
 * {@code ChannelSendOperator} ends the exchange with that error without cancelling the body, which
 * it had subscribed to and asked for one item. The body then waits for demand that never comes: an
 * NDJSON export would keep its transaction and its pooled connection until Flecto's idle timeout
 * (60 s by default). The WebFlux example's {@code ExportDisconnectIT} found it (about one hang-up
 * in a hundred). {@code flecto.web.end-streams-with-exchange=false} turns the filter off.
 *
 * <pre>{@code
 * @GetMapping(path = "/posts/export", produces = MediaType.APPLICATION_NDJSON_VALUE)
 * Flux<Post> export() {
 *   return repo.stream(Query.from(Post.class).orderBy("id"));   // ends with the exchange
 * }
 * }</pre>
 */
public final class StreamsEndWithExchange implements WebFilter, Ordered {
  /**
   * Created by the starter in a reactive web application.
   *
   * <pre>{@code new StreamsEndWithExchange() }</pre>
   */
  public StreamsEndWithExchange() {}

  /**
   * Runs the rest of the chain with the exchange's end as the streams' scope, then signals it.
   *
   * <pre>{@code filter.filter(exchange, chain) }</pre>
   *
   * @param exchange the exchange
   * @param chain the rest of the chain: the handler, and the writing of its response
   * @return the chain's completion
   */
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Sinks.One<Boolean> ended = Sinks.one();
    return chain.filter(exchange)
        .contextWrite(StreamScope.endingWith(ended.asMono()))
        .doFinally(signal -> ended.tryEmitValue(Boolean.TRUE));
  }

  /**
   * First of the filters, so the scope encloses every other filter's work too.
   *
   * <pre>{@code filter.getOrder() // Ordered.HIGHEST_PRECEDENCE }</pre>
   *
   * @return the highest precedence
   */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
