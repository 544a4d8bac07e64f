package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.StreamOptions;
import dev.flecto.telemetry.QueryEvent;
import dev.flecto.telemetry.QueryEvent.Kind;
import dev.flecto.telemetry.SqlLogger;
import dev.flecto.telemetry.Telemetry;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/**
 * Telemetry against PostgreSQL: every statement (queries, transaction steps, savepoints, a
 * stream's FETCHes) told once it ended, with its table, parameters, rows, times and the caller's
 * Context; a listener that throws fails nothing; SqlLogger's lines are readable and redacted.
 */
@FlectoTest(schema = "/tx.sql")
@NoSandbox
class TelemetryIT {
  private static final Duration T = Duration.ofSeconds(15);
  private final Queue<QueryEvent> events = new ConcurrentLinkedQueue<>();
  private ConnectionPool pool;
  private Repo repo;

  @BeforeEach
  void pool() {
    pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(TestDatabase.get().url()))
        .initialSize(1).maxSize(1).build());
    repo = R2dbcRepos.of(pool, RepoOptions.defaults().withTelemetry(Telemetry.none().withRepo("blog")
        .withListener(e -> {
          throw new IllegalStateException("a broken listener fails nothing");
        })
        .withListener(events::add)));
  }

  @AfterEach
  void cleanUp() {
    pool.dispose();
    TestDatabase.get().execute("TRUNCATE tx_items").block(T);
  }

  @Test
  void everyQueryIsToldWithItsTableParametersRowsTimesAndTheCallersContext() {
    TxItem a = repo.insert(TxItem.named("a")).contextWrite(Context.of("traceId", "t-1")).block(T);
    QueryEvent insert = only(Kind.QUERY);
    assertThat(insert.repo()).isEqualTo("blog");
    assertThat(insert.sql()).startsWith("INSERT INTO \"tx_items\"");
    assertThat(insert.source()).isEqualTo("tx_items");
    assertThat(insert.params()).containsExactly("a");
    assertThat(insert.rows()).isEqualTo(1);
    assertThat(insert.error()).isNull();
    assertThat((Object) insert.context().getOrDefault("traceId", null)).isEqualTo("t-1");
    assertThat(insert.queryTime()).isPositive();
    assertThat(insert.decodeTime()).isPositive();
    assertThat(insert.queueTime()).as("the acquire's wait, told with the connection's first statement").isPositive();

    repo.insert(TxItem.named("b")).block(T);
    events.clear();
    assertThat(repo.all(Query.from(TxItem.class).where(field("name").in(List.of("a", "b"))).orderBy("id")).collectList().block(T))
        .hasSize(2);
    QueryEvent all = only(Kind.QUERY);
    assertThat(all.rows()).isEqualTo(2);
    assertThat(all.source()).isEqualTo("tx_items");
    assertThat(all.params()).hasSize(1);
    assertThat(all.params().get(0)).isInstanceOf(Object[].class);
    assertThat(new SqlLogger(logger(new ConcurrentLinkedQueue<>()), true, null).line(all, false))
        .as("an array parameter rendered by its elements, not as [Ljava.lang.String;@...")
        .contains("[$1=['a', 'b']]").contains("source=tx_items").contains("rows=2").contains("repo=blog");

    events.clear();
    assertThat(repo.deleteAll(Query.from(TxItem.class).where("name", "b")).block(T)).isEqualTo(1L);
    assertThat(only(Kind.QUERY).rows()).as("a write's changed rows").isEqualTo(1);
    assertThat(a.id()).isNotNull();
  }

  @Test
  void transactionStepsFailuresAndStreamFetchesAreTold() {
    repo.transact(() -> repo.insert(TxItem.named("x"))).contextWrite(Context.of("traceId", "t-2")).block(T);
    assertThat(kinds()).containsExactly(Kind.BEGIN, Kind.QUERY, Kind.COMMIT);
    assertThat(events).as("the COMMIT too carries the caller's Context")
        .allSatisfy(e -> assertThat((Object) e.context().getOrDefault("traceId", null)).isEqualTo("t-2"));

    events.clear();
    repo.transact(() -> repo.insert(TxItem.named("x")))
        .as(StepVerifier::create).expectError(ConstraintException.class).verify(T);
    assertThat(kinds()).containsExactly(Kind.BEGIN, Kind.QUERY, Kind.ROLLBACK);
    QueryEvent failed = events.stream().filter(e -> e.kind() == Kind.QUERY).findFirst().orElseThrow();
    assertThat(failed.failed()).isTrue();
    assertThat(failed.error().getMessage()).contains("tx_items_name_key");

    repo.insertAll(TxItem.class, List.of(Map.of("name", "s1"), Map.of("name", "s2"), Map.of("name", "s3"))).block(T);
    events.clear();
    assertThat(repo.stream(Query.from(TxItem.class).orderBy("id"), StreamOptions.maxRows(2)).count().block(T)).isEqualTo(4L);
    List<QueryEvent> streamed = List.copyOf(events);
    assertThat(streamed).extracting(QueryEvent::kind).startsWith(Kind.BEGIN, Kind.QUERY).endsWith(Kind.COMMIT)
        .contains(Kind.FETCH);
    assertThat(streamed.stream().filter(e -> e.kind() == Kind.FETCH).mapToLong(QueryEvent::rows).sum())
        .as("every row arrived through a FETCH").isEqualTo(4L);
    assertThat(streamed.stream().filter(e -> e.kind() == Kind.FETCH).map(QueryEvent::source).collect(Collectors.toSet()))
        .containsExactly("tx_items");
  }

  @Test
  void aCancelledStatementIsToldOnceAsCancelled() {
    repo.insert(TxItem.named("row")).block(T); // pg_sleep runs once per row
    events.clear();
    repo.all(Query.from(TxItem.class).where(dev.flecto.query.Exprs.fragment("pg_sleep(2) IS NULL")))
        .timeout(Duration.ofMillis(100), Flux.empty()).collectList().block(T);
    repo.insert(TxItem.named("after")).block(T); // the pool's one connection is usable again
    Pools.await(() -> events.stream().anyMatch(e -> e.sql().startsWith("INSERT")));
    List<QueryEvent> sleeps = events.stream().filter(e -> e.sql().contains("pg_sleep")).toList();
    assertThat(sleeps).hasSize(1);
    assertThat(sleeps.get(0).error()).isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(new SqlLogger(logger(new ConcurrentLinkedQueue<>()), false, null).line(sleeps.get(0), false))
        .startsWith("QUERY CANCELLED");
  }

  @Test
  void theSandboxsStatementsAreToldWithTheirSavepoints() {
    Sandbox sandbox = Sandbox.open(TestDatabase.get().connectionFactory(), RepoOptions.defaults().withListener(events::add)).block(T);
    try {
      sandbox.repo().insert(TxItem.named("in-sandbox")).block(T);
      assertThat(events).extracting(QueryEvent::sql).anyMatch(s -> s.startsWith("SAVEPOINT"))
          .anyMatch(s -> s.startsWith("INSERT")).anyMatch(s -> s.startsWith("RELEASE SAVEPOINT"));
      assertThat(events).filteredOn(e -> e.sql().startsWith("SAVEPOINT")).extracting(QueryEvent::kind).containsOnly(Kind.SAVEPOINT);
    } finally {
      sandbox.rollback().block(T);
    }
  }

  @Test
  void sqlLoggerWritesOneRedactedLineAStatementAndSlowOnesAtWarn() {
    Queue<String> lines = new ConcurrentLinkedQueue<>();
    Repo logged = R2dbcRepos.of(pool, RepoOptions.defaults()
        .withListener(SqlLogger.defaults().withSlowThreshold(Duration.ofMillis(150)).withLogger(logger(lines))));
    logged.insert(TxItem.named("secret@example.com")).block(T);
    logged.all(Query.from(TxItem.class).where(dev.flecto.query.Exprs.fragment("pg_sleep(0.2) IS NOT NULL"))).collectList().block(T);
    assertThat(lines).hasSize(2);
    String insert = lines.stream().filter(l -> l.contains("INSERT")).findFirst().orElseThrow();
    assertThat(insert).startsWith("DEBUG QUERY OK source=tx_items").contains("[$1=<String>]").doesNotContain("secret");
    assertThat(lines).anyMatch(l -> l.startsWith("WARN QUERY OK SLOW") && l.contains("pg_sleep(0.2)"));
  }

  private QueryEvent only(Kind kind) {
    List<QueryEvent> of = events.stream().filter(e -> e.kind() == kind).toList();
    assertThat(of).as(kind + " events among " + events).hasSize(1);
    events.clear();
    return of.get(0);
  }

  private List<Kind> kinds() {
    return events.stream().map(QueryEvent::kind).toList();
  }

  /** An SLF4J logger, every level on, that keeps "LEVEL message" lines. */
  static Logger logger(Queue<String> lines) {
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, m, args) -> {
      String name = m.getName();
      if (name.startsWith("is") && name.endsWith("Enabled")) {
        return true;
      }
      if (List.of("trace", "debug", "info", "warn", "error").contains(name) && args != null && args.length == 1) {
        lines.add(name.toUpperCase(java.util.Locale.ROOT) + " " + args[0]);
        return null;
      }
      return name.equals("getName") ? "test" : null;
    });
  }
}
