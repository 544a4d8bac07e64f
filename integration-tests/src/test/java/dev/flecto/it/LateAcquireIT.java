package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.StreamOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A connection that reaches Flecto after Flecto cancelled its acquire. r2dbc-pool 1.0 answers such
 * a cancel by putting the connection back in the pool, and when the cancel races with the
 * connection's emission, the connection is emitted anyway: the cancelled operation's cleanup then
 * sent a ROLLBACK (and a stream a BEGIN) on a connection the pool had lent to the next borrower,
 * ending that borrower's transaction, whose later statements committed on their own
 * (CancellationFuzzIT, once in about 40,000 trials). {@link LateFactory} makes the race certain: it
 * holds the connection it acquired for a moment and, when cancelled, gives it back to the pool and
 * still emits it. Flecto must never cancel a pool's acquire, and give back untouched a connection
 * that arrives for an operation already cancelled.
 */
@FlectoTest(schema = "/tx.sql")
@NoSandbox
class LateAcquireIT {
  private static final Duration T = Duration.ofSeconds(15);
  private static final String APP = "flecto-late-acquire";
  private ConnectionPool pool;

  @BeforeEach
  void pool() {
    pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(TestDatabase.get().url()
        + "?applicationName=" + APP)).initialSize(1).maxSize(1).build());
  }

  @AfterEach
  void cleanUp() {
    pool.dispose();
    TestDatabase.get().execute("TRUNCATE tx_items").block(T);
  }

  @ParameterizedTest
  @ValueSource(strings = {"transact", "stream", "statement", "checkout"})
  void aConnectionArrivingAfterItsOperationWasCancelledIsGivenBackUntouched(String kind) throws Exception {
    TestDatabase.get().execute("INSERT INTO tx_items (name) VALUES ('s1'), ('s2')").block(T);
    LateFactory late = new LateFactory(pool, Duration.ofMillis(300));
    Repo cancelled = R2dbcRepos.of(late, RepoOptions.defaults());
    Repo next = R2dbcRepos.of(pool, RepoOptions.defaults());
    Function<Repo, Publisher<?>> operations = switch (kind) {
      case "transact" -> r -> r.transact(() -> r.insert(TxItem.named("cancelled")));
      case "stream" -> r -> r.stream(Query.from(TxItem.class).orderBy("id"), StreamOptions.maxRows(1));
      case "statement" -> r -> r.insert(TxItem.named("cancelled"));
      default -> r -> r.checkout(() -> r.insert(TxItem.named("cancelled")));
    };
    Disposable first = Flux.from(operations.apply(cancelled)).subscribe(x -> { }, e -> { });
    assertThat(late.acquired.await(T.toMillis(), TimeUnit.MILLISECONDS)).isTrue(); // the pool's one connection is on its way to the first operation

    // The next borrower waits for that connection, then writes two rows in one transaction, with a pause between.
    CompletableFuture<TxItem> second = next.transact(() -> next.insert(TxItem.named("b1"))
        .then(Mono.delay(Duration.ofMillis(600))).then(next.insert(TxItem.named("b2")))).toFuture();
    Thread.sleep(50);
    first.dispose();

    assertThat(second.get(T.toMillis(), TimeUnit.MILLISECONDS).name()).isEqualTo("b2");
    assertThat(next.all(Query.from(TxItem.class).orderBy("name")).map(TxItem::name).collectList().block(T))
        .as("the next borrower's transaction committed whole, and the cancelled operation wrote nothing")
        .containsExactly("b1", "b2", "s1", "s2");
    assertThat(late.cancels.get()).as("Flecto never cancels the pool's acquire").isZero();
    Pools.assertIdle(pool);
    assertThat(next.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + APP
        + "' AND state <> 'idle' AND pid <> pg_backend_pid()", List.of()).map(r -> ((Number) r.rows().get(0).get(0)).longValue())
        .block(T)).as("no session of the pool left in a transaction").isZero();
  }

  /**
   * Over a pool: a connection acquired is emitted {@code late}; when its subscriber cancels first,
   * it goes back to the pool at once and is emitted all the same (as the raw connection behind a
   * handle whose close does nothing, the pool having taken it back already).
   */
  static final class LateFactory implements ConnectionFactory {
    private final ConnectionPool pool;
    private final Duration late;
    final CountDownLatch acquired = new CountDownLatch(1);
    final AtomicInteger cancels = new AtomicInteger();

    LateFactory(ConnectionPool pool, Duration late) {
      this.pool = pool;
      this.late = late;
    }

    @Override
    public Publisher<? extends Connection> create() {
      return subscriber -> {
        CompletableFuture<Connection> got = Mono.<Connection>from(pool.create()).toFuture();
        got.thenRun(acquired::countDown);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean emitted = new AtomicBoolean();
        subscriber.onSubscribe(new Subscription() {
          @Override
          public void request(long n) {
          }

          @Override
          public void cancel() {
            if (emitted.get()) {
              return; // Mono.from ends a publisher that is not a Mono with a cancel after its one value
            }
            cancels.incrementAndGet();
            cancelled.set(true);
            got.thenAccept(c -> Mono.from(c.close()).subscribe());
          }
        });
        got.thenAccept(c -> Mono.delay(late).subscribe(x -> {
          if (emitted.compareAndSet(false, true)) {
            subscriber.onNext(cancelled.get() ? released(c) : c);
            subscriber.onComplete();
          }
        }));
      };
    }

    /** The connection behind a pooled one already given back: statements still reach it, close does nothing. */
    private static Connection released(Connection pooled) {
      Connection raw = (Connection) ((Wrapped<?>) pooled).unwrap();
      return (Connection) Proxy.newProxyInstance(LateAcquireIT.class.getClassLoader(),
          new Class<?>[] {Connection.class, Wrapped.class}, (proxy, method, args) -> {
            switch (method.getName()) {
              case "close":
                return Mono.empty();
              case "unwrap":
                return args == null ? raw : ((Class<?>) args[0]).isInstance(raw) ? raw : null;
              default:
                try {
                  return method.invoke(raw, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
            }
          });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
      return pool.getMetadata();
    }
  }
}
