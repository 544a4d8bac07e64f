package dev.flecto.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Clients that hang up in the middle of {@code GET /posts/export}: two rounds of 40 at once, each
 * client cut after a random number of lines (1 to 2,500) or a random 0–200 ms, over 5,000 posts
 * read 50 rows a FETCH. Each cut cancels a stream somewhere: waiting for a pooled connection,
 * opening its transaction, declaring the cursor, between FETCHes, preloading a chunk's authors,
 * writing a line. After each round, within 10 s, no server session of the application may be left
 * in a transaction and Boot's pool must have every connection back; at the end a whole export must
 * still work. No export may hold back a line the web server asked it for (a stream that stalls);
 * a client that waits 20 s for lines its export already gave is hung up on and reported, as the
 * wait is in the HTTP connection. The seed (42) is printed; {@code -Dblog.disconnect.seed=N} plans
 * other cuts (the timing is the machine's: a seed replays the plan, not every interleaving).
 *
 * <pre>{@code
 * mvn -B verify -pl example-webflux -am -Dblog.disconnect.seed=7
 * }</pre>
 */
@Import(ExportDisconnectIT.WatchExports.class)
class ExportDisconnectIT extends BlogTestSupport {
  private static final int POSTS = 5_000;
  private static final int CLIENTS = 40;
  // The second round runs warm, and so cuts at other moments of the stream.
  private static final int ROUNDS = 2;
  private static final long SEED = Long.getLong("blog.disconnect.seed", 42L);
  private static final Duration SETTLE = Duration.ofSeconds(10);
  // A round takes 1 to 8 s here; past this, a client waits for a line that will not come.
  private static final Duration ROUND_LIMIT = Duration.ofSeconds(20);

  @Autowired
  ConnectionPool pool;

  @Autowired
  ExportWatch exports;

  @Value("${spring.r2dbc.properties.applicationName}")
  String applicationName;

  /** How one client hangs up: after this many lines, or after this many milliseconds. */
  private record Cut(int lines, int millis) {
    static Cut random(Random random) {
      // At most half the posts (50 FETCHes): every client hangs up before the end, and a round stays short.
      return random.nextBoolean() ? new Cut(1 + random.nextInt(POSTS / 2), 0) : new Cut(0, random.nextInt(201));
    }

    @Override
    public String toString() {
      return lines > 0 ? lines + " lines" : millis + " ms";
    }
  }

  @Test
  @Timeout(60)
  void clientsThatHangUpMidExportLeaveNoTransactionOpenAndNoConnectionTaken() {
    Author author = author("Streamer");
    repo.insertAll(Post.class, IntStream.range(0, POSTS)
        .mapToObj(i -> Map.of("authorId", author.id(), "title", "Streamed " + i, "body", "Row " + i)).toList()).block(T);
    long total = repo.aggregate(Query.from(Post.class), Aggregate.COUNT).block(T);
    System.out.printf("ExportDisconnectIT: seed %d (-Dblog.disconnect.seed=N for another), %d rounds of %d clients, "
        + "%d posts, 50 rows a FETCH%n", SEED, ROUNDS, CLIENTS, total);

    Random random = new Random(SEED);
    WebClient web = WebClient.create(baseUrl());
    for (int round = 1; round <= ROUNDS; round++) {
      List<Cut> cuts = IntStream.range(0, CLIENTS).mapToObj(i -> Cut.random(random)).toList();
      long start = System.nanoTime();
      long[] got = hangUp(web, cuts, round);
      long clientsMillis = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      List<String> problems = settle();
      long settleMillis = (System.nanoTime() - start) / 1_000_000;
      print(round, cuts, got, clientsMillis, settleMillis);

      assertThat(problems).as("round %d, %d ms after the clients hung up (seed %d)", round, settleMillis, SEED).isEmpty();
      assertThat(LongStream.of(got).max().orElseThrow()).as("no client read the whole export").isLessThan(total);
    }

    // And the application still serves: a whole export, every row.
    List<String> all = client.get().uri("/posts/export").accept(MediaType.APPLICATION_NDJSON).exchange()
        .expectStatus().isOk()
        .returnResult(String.class).getResponseBody().collectList().block(T);
    assertThat(all).hasSize((int) total);
  }

  // Runs the clients all at once; returns the lines each read. A client still reading after
  // ROUND_LIMIT is reported with the pool's, the sessions', the exports' and the sockets' state,
  // taken while it still waits (before it is cancelled, which releases whatever held it). If an
  // export was asked for lines it did not give, the stream held them: the test fails. If every
  // export gave each line the web server asked for, the lines are in the HTTP connection between
  // WebClient and the server, outside Flecto (seen 3 times in about 75 runs, each in a cold first round):
  // the waiting clients are hung up on, as the test's other clients are, and settle() checks what
  // that hang-up left behind.
  private long[] hangUp(WebClient web, List<Cut> cuts, int round) {
    AtomicLongArray got = new AtomicLongArray(CLIENTS);
    AtomicIntegerArray done = new AtomicIntegerArray(CLIENTS);
    CompletableFuture<Void> clients = Flux.range(0, CLIENTS)
        .flatMap(i -> linesBefore(web, cuts.get(i)).doOnNext(line -> got.incrementAndGet(i)).then()
            // Done when it ended, not when the round's timeout cancelled it: the report names who was still reading.
            .doOnTerminate(() -> done.set(i, 1)), CLIENTS)
        .then().toFuture();
    String stalled = null;
    List<String> starved = List.of();
    try {
      clients.get(ROUND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      starved = exports.starved();
      stalled = state() + "; the HTTP connections' queues: " + sockets();
      clients.cancel(true);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("round " + round + ": a client failed", e);
    }
    long[] lines = new long[CLIENTS];
    List<String> waiting = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      lines[i] = got.get(i);
      if (done.get(i) == 0) {
        waiting.add("client " + i + " (" + cuts.get(i) + ") had " + lines[i] + " lines");
      }
    }
    if (stalled != null) {
      String report = String.format("round %d (seed %d): clients still reading after %s: %s; while they waited: %s; "
          + "after they were cancelled: %s", round, SEED, ROUND_LIMIT, waiting, stalled, state());
      assertThat(starved).as("exports that were asked for lines and did not give them; %s", report).isEmpty();
      System.out.println("ExportDisconnectIT: every export gave the web server each line it asked for, so these "
          + "clients waited on their HTTP connections, not on a stream; hung up on them. " + report);
    }
    return lines;
  }

  // The lines one client reads before hanging up. take cancels the body: WebClient closes the
  // connection mid-response, and the server cancels the export's Flux.
  private static Flux<String> linesBefore(WebClient web, Cut cut) {
    Flux<String> lines = web.get().uri("/posts/export").accept(MediaType.APPLICATION_NDJSON)
        .retrieve().bodyToFlux(String.class);
    return cut.lines() > 0 ? lines.take(cut.lines()) : lines.take(Duration.ofMillis(cut.millis()));
  }

  // Waits up to SETTLE for the pool and every session of the application to be idle; returns what
  // was still wrong at the end (nothing when it settled).
  private List<String> settle() {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<String> problems;
    do {
      problems = new ArrayList<>();
      PoolMetrics metrics = pool.getMetrics().orElseThrow();
      if (metrics.acquiredSize() != 0 || metrics.pendingAcquireSize() != 0) {
        problems.add("Boot's pool: acquired " + metrics.acquiredSize() + ", pending " + metrics.pendingAcquireSize());
      }
      problems.addAll(sessionsNotIdle());
      if (problems.isEmpty()) {
        return problems;
      }
      sleep(50);
    } while (System.nanoTime() < deadline);
    return problems;
  }

  private String state() {
    PoolMetrics metrics = pool.getMetrics().orElseThrow();
    return "Boot's pool: acquired " + metrics.acquiredSize() + ", pending " + metrics.pendingAcquireSize()
        + ", idle " + metrics.idleSize() + "; sessions not idle: " + sessionsNotIdle()
        + "; exports the server has not ended: " + exports.open();
  }

  // Through the test database's own connections (another application_name), not the app's pool.
  private List<String> sessionsNotIdle() {
    return Flux.usingWhen(TestDatabase.get().connectionFactory().create(),
        c -> Flux.from(c.createStatement("SELECT pid, state, query FROM pg_stat_activity "
                + "WHERE application_name = $1 AND state <> 'idle' ORDER BY pid")
            .bind("$1", applicationName).execute())
            .flatMap(r -> r.map((row, meta) -> "session " + row.get("pid", Integer.class) + " is "
                + row.get("state", String.class) + ", last statement: " + row.get("query", String.class))),
        Connection::close).collectList().block(T);
  }

  private static void print(int round, List<Cut> cuts, long[] got, long clientsMillis, long settleMillis) {
    StringBuilder sb = new StringBuilder(String.format("  round %d: clients done in %d ms, settled in %d ms; "
        + "each client's cut -> lines it got:", round, clientsMillis, settleMillis));
    for (int i = 0; i < CLIENTS; i++) {
      sb.append(i % 8 == 0 ? "\n    " : "  ").append(cuts.get(i)).append(" -> ").append(got[i]);
    }
    System.out.println(sb);
  }

  // The kernel's view of the clients' HTTP connections (Linux's ss): bytes a server socket has yet
  // to send and a client socket has yet to read tell which end holds lines that were written.
  private String sockets() {
    try {
      Process ss = new ProcessBuilder("ss", "-tn", "( sport = :" + port + " or dport = :" + port + " )")
          .redirectErrorStream(true).start();
      return new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(ss could not run: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * What the server's side of each export did: the lines the web server asked for and the lines
   * the export gave it (one NDJSON line is one element, flushed on its own). When a client waits
   * for a line, this tells where it is held: asked for and not given (the export's Flux), or given
   * and not asked for more (the HTTP write).
   */
  static final class ExportWatch implements WebFilter {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, AtomicLongArray> open = new ConcurrentHashMap<>(); // id -> {asked, given, ended}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
      if (!exchange.getRequest().getPath().value().equals("/posts/export")) {
        return chain.filter(exchange);
      }
      long id = ids.incrementAndGet();
      AtomicLongArray counts = new AtomicLongArray(3);
      ServerHttpResponseDecorator watched = new ServerHttpResponseDecorator(exchange.getResponse()) {
        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
          return super.writeAndFlushWith(Flux.from(body)
              .doOnRequest(n -> counts.getAndUpdate(0, asked -> asked + n < 0 ? Long.MAX_VALUE : asked + n))
              .doOnNext(line -> counts.incrementAndGet(1))
              // An export that ended gives no more, whatever was asked: not a stall.
              .doOnTerminate(() -> counts.set(2, 1)));
        }
      };
      open.put(id, counts);
      return chain.filter(exchange.mutate().response(watched).build()).doFinally(s -> open.remove(id));
    }

    /** Each export not ended that was asked for more lines than it gave: those lines are held in its Flux. */
    List<String> starved() {
      return open.entrySet().stream().filter(e -> e.getValue().get(2) == 0 && e.getValue().get(0) > e.getValue().get(1))
          .map(ExportWatch::describe).toList();
    }

    /** Each export still open: the lines asked for and given. */
    List<String> open() {
      return open.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(ExportWatch::describe).toList();
    }

    private static String describe(Map.Entry<Long, AtomicLongArray> export) {
      return "export " + export.getKey() + " asked " + export.getValue().get(0) + " lines, given " + export.getValue().get(1);
    }
  }

  @TestConfiguration
  static class WatchExports {
    @Bean
    ExportWatch exportWatch() {
      return new ExportWatch();
    }
  }
}
