package dev.flecto.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.repo.StreamOptions;
import dev.flecto.spring.boot.StreamsEndWithExchange;
import dev.flecto.spring.boot.it.app.Blog;
import dev.flecto.spring.boot.it.app.Blog.Author;
import dev.flecto.spring.boot.it.app.BlogApp;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * What WebFlux does when a client hangs up just before the first line of a streamed body (found by
 * the WebFlux example's disconnect test): the exchange fails while the body, subscribed and asked
 * for one row, is never cancelled. Played here exactly, with a chain that does that to a
 * {@code repo.stream}: without the starter's filter the stream holds its connection; with it the
 * stream ends with the exchange and Boot's pool gets the connection back at once.
 */
@SpringBootTest(classes = BlogApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class StreamsEndWithExchangeContract extends BlogDatabase {
  @Autowired
  Repo repo;

  @Autowired
  ConnectionFactory pool;

  @BeforeEach
  void rows() {
    Flux.range(0, 3).concatMap(i -> repo.insert(new Author(null, "streamed-" + i))).blockLast(T);
  }

  /** A chain as WebFlux runs it in that case: the body subscribed for one row, then the exchange fails, the body left alone. */
  private WebFilterChain hangUpBeforeTheFirstLine(AtomicReference<Subscription> body, AtomicReference<String> ended) {
    return exchange -> Mono.deferContextual(ctx -> {
      repo.stream(Query.from(Author.class).orderBy("id"), StreamOptions.maxRows(1))
          .contextWrite(Context.of(ctx))
          .subscribe(new BaseSubscriber<Author>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
              body.set(s);
              s.request(1);
            }

            @Override
            protected void hookOnComplete() {
              ended.set("complete");
            }

            @Override
            protected void hookOnError(Throwable e) {
              ended.set("error " + e);
            }
          });
      return Mono.delay(Duration.ofMillis(300)).then(Mono.error(new IOException("the client has gone away")));
    });
  }

  private int acquired() {
    return ((ConnectionPool) pool).getMetrics().orElseThrow().acquiredSize();
  }

  private static boolean within(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Mono.delay(Duration.ofMillis(10)).block();
    }
    return true;
  }

  @Test
  void withoutTheFilterTheStreamHoldsItsConnectionAfterTheExchangeFailed() {
    AtomicReference<Subscription> body = new AtomicReference<>();
    AtomicReference<String> ended = new AtomicReference<>();
    WebFilterChain chain = hangUpBeforeTheFirstLine(body, ended);
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/posts/export"));
    try {
      chain.filter(exchange).onErrorResume(IOException.class, e -> Mono.empty()).block(T);
      assertThat(within(Duration.ofSeconds(1), () -> acquired() == 0)).as("the stream still holds a pooled connection").isFalse();
      assertThat(ended.get()).as("the body never ended").isNull();
    } finally {
      body.get().cancel(); // what the filter does, done by hand
    }
    assertThat(within(T, () -> acquired() == 0)).as("cancelled, the stream gave its connection back").isTrue();
  }

  @Test
  void withTheFilterTheStreamEndsWithTheExchangeAndGivesItsConnectionBack() {
    AtomicReference<Subscription> body = new AtomicReference<>();
    AtomicReference<String> ended = new AtomicReference<>();
    WebFilterChain chain = hangUpBeforeTheFirstLine(body, ended);
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/posts/export"));
    new StreamsEndWithExchange().filter(exchange, chain).onErrorResume(IOException.class, e -> Mono.empty()).block(T);
    assertThat(within(Duration.ofSeconds(5), () -> acquired() == 0)).as("Boot's pool has the stream's connection back").isTrue();
    assertThat(ended.get()).as("the body ended with the exchange").isEqualTo("complete");
  }
}
