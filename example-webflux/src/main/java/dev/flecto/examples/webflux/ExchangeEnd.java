package dev.flecto.examples.webflux;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A signal that an exchange is over, however it ended, for streamed response bodies to stop at.
 *
 * <p>Why: when a client hangs up just as the first line of a streamed body is about to be written,
 * Reactor Netty refuses the write ({@code AbortedException}, "the client has gone away") and
 * Spring Framework 6.2's {@code ChannelSendOperator} ends the exchange with that error without
 * cancelling the body, which it had already subscribed to and asked for one item. The body then
 * waits for demand that never comes: an export stream would keep its transaction and its pooled
 * connection until Flecto's idle timeout (60 s by default) ends it. {@code ExportDisconnectIT}
 * found it (about one hang-up in a hundred); ending the body with the exchange releases the
 * connection at once.
 *
 * <pre>{@code
 * @GetMapping(path = "/posts/export", produces = MediaType.APPLICATION_NDJSON_VALUE)
 * Flux<Post> export(ServerWebExchange exchange) {
 *   return repo.stream(Query.from(Post.class).orderBy("id")).takeUntilOther(ExchangeEnd.of(exchange));
 * }
 * }</pre>
 */
@Component
public class ExchangeEnd implements WebFilter {
  private static final String ATTRIBUTE = ExchangeEnd.class.getName();

  /**
   * Created by Spring, as a filter of every exchange.
   *
   * <pre>{@code new ExchangeEnd() }</pre>
   */
  public ExchangeEnd() {}

  /**
   * Emits once the exchange ended: the response written, failed or cancelled.
   *
   * <pre>{@code body.takeUntilOther(ExchangeEnd.of(exchange)) }</pre>
   *
   * @param exchange the current exchange
   * @return the signal; one that never emits when the filter did not see the exchange
   */
  public static Mono<Boolean> of(ServerWebExchange exchange) {
    Mono<Boolean> ended = exchange.getAttribute(ATTRIBUTE);
    return ended != null ? ended : Mono.never();
  }

  /**
   * Runs the rest of the chain and signals its end, whatever it was.
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
    exchange.getAttributes().put(ATTRIBUTE, ended.asMono());
    return chain.filter(exchange).doFinally(signal -> ended.tryEmitValue(Boolean.TRUE));
  }
}
