package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.DatabaseException;
import dev.flecto.QueryException;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.StreamOptions;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.RecordingConnectionFactory;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Repo.stream and its cancellation contract, on a pool of the test's own whose statements are
 * recorded: after every test each pooled connection is idle, outside any transaction, with no
 * cursor open, and answers its next query.
 */
@FlectoTest(migrations = "dev.flecto.it.migrations", schema = {"/arrays.sql", "/maps.sql", "/stream.sql"})
@NoSandbox
class StreamIT {
  private static final Duration T = Duration.ofSeconds(10);
  private static final int POOL_SIZE = 4;
  private static final Query<StreamItem> ITEMS = Query.from(StreamItem.class).orderBy("id");

  private ConnectionPool pool;
  private RecordingConnectionFactory recording;
  private Repo repo;

  @BeforeEach
  void pool() {
    pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(TestDatabase.get().url()))
        .initialSize(1).maxSize(POOL_SIZE).build());
    recording = RecordingConnectionFactory.wrap(pool);
    repo = R2dbcRepos.of(recording, RepoOptions.defaults());
  }

  @AfterEach
  void cleanUp() {
    try {
      assertEveryConnectionIdleAndUsable();
    } finally {
      pool.dispose();
      // DELETE, not TRUNCATE: a sandboxed test's uncommitted rows would make TRUNCATE wait for its rollback.
      TestDatabase.get().execute("DELETE FROM stream_log").block(T);
    }
  }

  @Test
  void readsEveryRowInOrderOneFetchAChunkAndCommits() {
    assertThat(repo.stream(ITEMS).map(StreamItem::id).collectList().block(T))
        .isEqualTo(ids(1, 2000));
    // 4 full chunks of 500, then a FETCH that finds nothing.
    assertThat(sent("FETCH 500 FROM flecto_cursor_")).isEqualTo(5);
    assertThat(sent("DECLARE flecto_cursor_")).isEqualTo(1);
    assertThat(sent("CLOSE")).as("its own transaction's COMMIT closes the cursor").isZero();
    recording.clear();
    // A short chunk is the last one: no FETCH after it.
    assertThat(repo.stream(ITEMS, StreamOptions.maxRows(300)).count().block(T)).isEqualTo(2000);
    assertThat(sent("FETCH 300 FROM")).isEqualTo(7);
  }

  @Test
  void theCursorTakesTheQuerysParametersAndSelection() {
    Query<String> labels = Query.from(StreamItem.class).where(field("n").gt(1990)).orderBy("id")
        .select(field("label"), String.class);
    assertThat(repo.stream(labels, StreamOptions.maxRows(4)).collectList().block(T))
        .containsExactly(IntStream.rangeClosed(1991, 2000).mapToObj(i -> "item " + i).toArray(String[]::new));
    assertThat(recording.statements().get(0)).as("the stream's own transaction begins first").isEqualTo("BEGIN");
    assertThat(recording.statements().get(1)).startsWith("DECLARE flecto_cursor_").contains("NO SCROLL CURSOR FOR SELECT")
        .contains("$1");
  }

  @Test
  void anEmptyResultCompletesAfterOneFetch() {
    repo.stream(Query.from(StreamItem.class).where(field("n").lt(0))).as(StepVerifier::create).verifyComplete();
    assertThat(sent("FETCH")).isEqualTo(1);
  }

  @Test
  void takeFetchesOnlyTheChunksItNeeds() {
    assertThat(repo.stream(ITEMS).take(700).map(StreamItem::id).collectList().block(T)).isEqualTo(ids(1, 700));
    assertThat(sent("FETCH")).isEqualTo(2);
    recording.clear();
    assertThat(repo.stream(ITEMS).take(500).count().block(T)).isEqualTo(500);
    assertThat(sent("FETCH")).as("the 500th row cancels before anything asks for a 501st").isEqualTo(1);
  }

  @Test
  void nextFetchesOnce() {
    assertThat(repo.stream(ITEMS, StreamOptions.maxRows(50)).next().block(T).id()).isEqualTo(1L);
    assertThat(sent("FETCH")).isEqualTo(1);
  }

  @Test
  void theNextFetchWaitsForDemand() {
    List<StreamItem> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    reactor.core.publisher.BaseSubscriber<StreamItem> subscriber = new reactor.core.publisher.BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
        request(100);
      }

      @Override
      protected void hookOnNext(StreamItem item) {
        seen.add(item);
      }
    };
    repo.stream(ITEMS, StreamOptions.maxRows(100)).subscribe(subscriber);
    await(() -> seen.size() == 100);
    sleep(200);
    assertThat(sent("FETCH")).as("the whole first chunk was taken, but no 101st row asked for").isEqualTo(1);
    subscriber.request(1);
    await(() -> seen.size() == 101);
    assertThat(sent("FETCH")).isEqualTo(2);
    subscriber.dispose();
  }

  @Test
  void aTimeoutOnASlowConsumerEndsTheStreamsTransaction() {
    repo.stream(ITEMS, StreamOptions.maxRows(100))
        .concatMap(item -> Mono.delay(Duration.ofMillis(20)).thenReturn(item))
        .collectList()
        .timeout(Duration.ofMillis(300))
        .as(StepVerifier::create)
        .expectError(TimeoutException.class)
        .verify(T);
    assertThat(sent("FETCH")).isEqualTo(1);
  }

  @Test
  void zipWithAFailingSiblingCancelsTheStream() {
    // The sibling fails once three pairs were emitted, however long the first FETCH took.
    AtomicInteger pairs = new AtomicInteger();
    Flux<Integer> sibling = Flux.range(1, 3).concatWith(Flux.interval(Duration.ofMillis(5)).filter(t -> pairs.get() >= 3).next()
        .then(Mono.error(new IllegalStateException("sibling"))));
    Flux.zip(repo.stream(ITEMS), sibling).doOnNext(p -> pairs.incrementAndGet())
        .as(StepVerifier::create)
        .expectNextCount(3)
        .expectErrorMessage("sibling")
        .verify(T);
    assertThat(sent("FETCH")).as("zip prefetched 32 rows, all from the first chunk").isEqualTo(1);
  }

  @Test
  void aSubscriberThatDisposesMidStreamEndsTheStreamsTransaction() {
    AtomicInteger seen = new AtomicInteger();
    Disposable running = repo.stream(ITEMS, StreamOptions.maxRows(10))
        .concatMap(item -> Mono.delay(Duration.ofMillis(5)).thenReturn(item))
        .subscribe(item -> seen.incrementAndGet());
    await(() -> seen.get() >= 25);
    running.dispose();
    assertEveryConnectionIdleAndUsable();
    assertThat(seen.get()).isLessThan(2000);
  }

  @Test
  void anErrorThrownByTheConsumerEndsTheStreamsTransaction() {
    repo.stream(ITEMS).map(item -> {
      if (item.n() == 600) {
        throw new IllegalStateException("consumer failed at " + item.n());
      }
      return item;
    }).as(StepVerifier::create)
        .expectNextCount(599)
        .expectErrorMessage("consumer failed at 600")
        .verify(T);
    assertThat(sent("FETCH")).isEqualTo(2);
  }

  @Test
  void cancelsAtRandomMomentsLeaveEveryConnectionUsable() {
    java.util.Random random = new java.util.Random(6);
    for (int i = 0; i < 40; i++) {
      Duration after = Duration.ofMillis(random.nextInt(40));
      Query<StreamItem> q = i % 3 == 0 ? ITEMS.preload("notes") : ITEMS;
      Flux<StreamItem> items = repo.stream(q, StreamOptions.maxRows(1 + random.nextInt(200)));
      if (i % 2 == 0) {
        assertThat(items.take(after).count().block(T)).isBetween(0L, 2000L);
      } else {
        Long open = repo.transact(() -> items.take(after).count().then(openCursors(repo))).block(T);
        assertThat(open).as("cursor closed after a cancel at %s", after).isZero();
      }
    }
  }

  @Test
  void aStreamReadToItsEndInACallersTransactionClosesItsCursorBeforeItsLastRow() {
    // The subscriber may go on at its last row: take(Duration) that fires as the stream completes
    // no longer waits for the stream's cleanup, so the CLOSE must already be queued by then.
    List<String> sentAtLastRow = new java.util.ArrayList<>();
    Long open = repo.transact(() -> repo.stream(Query.from(StreamItem.class).where(field("id").le(25)).orderBy("id"),
            StreamOptions.maxRows(10))
        .doOnNext(item -> {
          if (item.id() == 25) {
            sentAtLastRow.addAll(recording.statements());
          }
        })
        .then(openCursors(repo))).block(T);
    assertThat(open).isZero();
    assertThat(sentAtLastRow).filteredOn(s -> s.startsWith("CLOSE flecto_cursor_")).hasSize(1);
    assertThat(sent("CLOSE flecto_cursor_")).as("sent once, not again when the stream completes").isEqualTo(1);
    assertThat(sent("FETCH")).as("a short chunk is the last").isEqualTo(3);
  }

  @Test
  void insideACallersTransactionOtherOperationsRunBetweenFetches() {
    Long logged = repo.transact(() -> repo.stream(ITEMS, StreamOptions.maxRows(100)).take(250)
        .concatMap(item -> repo.insert(StreamLog.of(item.id()))
            .then(repo.one(Query.from(StreamLog.class).where("itemId", item.id()))))
        .count()).block(T);
    assertThat(logged).isEqualTo(250);
    assertThat(repo.aggregate(Query.from(StreamLog.class), Aggregate.COUNT).block(T)).as("committed").isEqualTo(250L);
    List<String> sent = recording.statements();
    int secondFetch = indexOf(sent, "FETCH", 2);
    assertThat(sent.subList(0, secondFetch).stream().filter(s -> s.startsWith("INSERT INTO \"stream_log\"")).count())
        .as("the first chunk's inserts ran before the second FETCH").isEqualTo(100);
    assertThat(sent("FETCH")).isEqualTo(3);
    assertThat(sent("CLOSE flecto_cursor_")).as("take(250) cancelled: the caller's transaction goes on").isEqualTo(1);
  }

  @Test
  void aCancelledStreamClosesItsCursorAndTheCallersTransactionGoesOn() {
    Long open = repo.transact(() -> repo.stream(ITEMS, StreamOptions.maxRows(10))
        .concatMap(item -> Mono.delay(Duration.ofMillis(20)).thenReturn(item))
        .collectList()
        .timeout(Duration.ofMillis(300), Mono.just(List.of()))
        .then(repo.insert(StreamLog.of(1L)))
        .then(openCursors(repo))).block(T);
    assertThat(open).isZero();
    assertThat(sent("CLOSE flecto_cursor_")).isEqualTo(1);
    assertThat(repo.all(StreamLog.class).count().block(T)).as("committed after the stream was cancelled").isEqualTo(1L);
  }

  @Test
  void aCompletedStreamInACallersTransactionClosesItsCursor() {
    Long open = repo.transact(() -> repo.stream(Query.from(StreamItem.class).where(field("id").le(5)))
        .then(openCursors(repo))).block(T);
    assertThat(open).isZero();
    assertThat(sent("CLOSE flecto_cursor_")).isEqualTo(1);
  }

  @Test
  void severalStreamsShareOneTransactionWithCursorsOfTheirOwn() {
    Query<StreamItem> odd = Query.from(StreamItem.class).where(fragment("n % 2 = 1")).orderBy("id");
    List<Long> sums = repo.transact(() -> Flux.zip(repo.stream(ITEMS, StreamOptions.maxRows(7)), repo.stream(odd, StreamOptions.maxRows(5)))
        .map(pair -> pair.getT1().id() * 10_000 + pair.getT2().id())
        .take(40)
        .collectList()).block(T);
    assertThat(sums).hasSize(40);
    assertThat(sums.get(39)).isEqualTo(40 * 10_000L + 79);
    List<String> declared = recording.statements().stream().filter(s -> s.startsWith("DECLARE"))
        .map(s -> s.split(" ")[1]).toList();
    assertThat(declared).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void preloadsRunOncePerChunkBetweenFetches() {
    Query<StreamItem> q = Query.from(StreamItem.class).where(field("id").le(250)).orderBy("id").preload("notes");
    List<StreamItem> items = repo.stream(q, StreamOptions.maxRows(100)).collectList().block(T);
    assertThat(items).hasSize(250).allSatisfy(item -> assertThat(item.notes().get()).hasSize(3)
        .allSatisfy(note -> assertThat(note.itemId()).isEqualTo(item.id())));
    List<String> kinds = recording.statements().stream()
        .map(s -> s.startsWith("FETCH") ? "FETCH" : s.contains("\"stream_notes\"") ? "notes" : s.split(" ")[0]).toList();
    assertThat(kinds).containsExactly("BEGIN", "DECLARE", "FETCH", "notes", "FETCH", "notes", "FETCH", "notes");
  }

  @Test
  void aBadQueryFailsBeforeAnythingIsSent() {
    repo.stream(Query.from(StreamItem.class).where("nope", 1)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining("nope"))
        .verify(T);
    repo.stream(Query.from(StreamItem.class).as("i").joinAssoc(dev.flecto.query.JoinKind.LEFT, "i", "notes", "n")
            .preload(Preload.join("notes", "n")))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining("join preloads cannot be streamed"))
        .verify(T);
    assertThat(recording.statements()).isEmpty();
  }

  @Test
  void aServerErrorIsTranslatedAndRollsBack() {
    repo.stream(Query.from(StreamItem.class).where(fragment("1 / (n - 700) > -100")).orderBy("id"))
        .as(StepVerifier::create)
        .expectNextCount(500)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DatabaseException.class)
            .hasMessageContaining("division by zero").hasMessageContaining("22012").hasMessageContaining("FETCH 500 FROM"))
        .verify(T);
    assertThatThrownBy(() -> repo.transact(() -> repo.stream(Query.from(StreamItem.class).where(fragment("1 / (n - 3) > -100")))
            .then(repo.insert(StreamLog.of(1L)))).block(T))
        .isInstanceOf(DatabaseException.class).hasMessageContaining("22012");
    assertThat(repo.all(StreamLog.class).count().block(T)).isZero();
  }

  @Test
  void maxRowsMustBePositive() {
    for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
      // Refused by the stream, inside its Flux, before any SQL (as Ecto's Repo.stream refuses max_rows: 0).
      assertThatThrownBy(() -> repo.transact(() -> repo.stream(ITEMS, StreamOptions.maxRows(bad)).collectList()).block(T))
          .isInstanceOf(ArgumentException.class).hasMessageContaining("maxRows").hasMessageContaining(String.valueOf(bad));
    }
    assertThatThrownBy(() -> repo.stream(ITEMS, null).blockLast(T)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("StreamOptions");
    assertThat(StreamOptions.defaults().maxRows()).isEqualTo(500);
  }

  /** The sandbox is a transaction: a stream there uses a cursor in it, and the test goes on after. */
  @Nested
  class InTheSandbox {
    @Test
    void aStreamUsesACursorInTheSandboxAndClosesIt(Repo sandboxed) {
      sandboxed.insert(StreamLog.of(7L)).block(T);
      assertThat(sandboxed.stream(ITEMS, StreamOptions.maxRows(50)).take(120).count().block(T)).isEqualTo(120);
      assertThat(openCursors(sandboxed).block(T)).isZero();
      assertThat(sandboxed.stream(Query.from(StreamItem.class).where(field("id").le(3)).orderBy("id").preload("notes"))
          .map(item -> item.notes().get().size()).collectList().block(T)).containsExactly(3, 3, 3);
      assertThat(sandboxed.transact(() -> sandboxed.stream(Query.from(StreamLog.class)).collectList()).block(T))
          .extracting(StreamLog::itemId).containsExactly(7L);
      assertThat(openCursors(sandboxed).block(T)).isZero();
    }

    @Test
    void everyTypeStreamsAsItReads(Repo sandboxed) {
      // FETCH comes back in the text format, DECLARE-less reads in binary: both must decode alike.
      sandboxed.insert(new AllTypes(null, "text ✓", 42, 7, 9_000_000_000L, -3L, (short) 12, true, true, 1.5d, 2.25f,
          new java.math.BigDecimal("12345.678900"), java.util.UUID.randomUUID(), java.time.Instant.parse("2024-05-06T07:08:09.123456Z"),
          java.time.OffsetDateTime.parse("2024-05-06T09:08:09.123456+02:00"), java.time.LocalDateTime.parse("2024-05-06T07:08:09.654321"),
          java.time.LocalDate.parse("2024-02-29"), java.time.LocalTime.parse("23:59:58.5"), new byte[] {0, 1, 2, (byte) 255},
          AllTypes.Status.PUBLISHED)).block(T);
      sandboxed.insert(new AllTypes(null, null, null, 0, null, 0L, null, null, false, null, null, null, null, null, null,
          null, null, null, null, null)).block(T);
      sandboxed.insert(new Tagged(null, List.of("java", "a \"quoted\", one"), List.of(3L, 1L), List.of(Tagged.Mood.HAPPY))).block(T);
      sandboxed.insert(new Profile(null, "Ann", java.util.Map.of("theme", "dark", "tags", List.of("a", "b")))).block(T);
      for (Query<?> q : List.of(Query.from(AllTypes.class).orderBy("id"), Query.from(Tagged.class).orderBy("id"),
          Query.from(Profile.class).orderBy("id"))) {
        List<?> read = sandboxed.all(q).collectList().block(T);
        assertThat(read).isNotEmpty();
        assertThat(sandboxed.stream(q).collectList().block(T)).usingRecursiveFieldByFieldElementComparator().isEqualTo(read);
      }
    }
  }

  private static Mono<Long> openCursors(Repo repo) {
    return repo.one(Query.fromTable("pg_cursors").where(field("name").like("flecto_cursor_%")).select(dev.flecto.query.Exprs.count(), Long.class));
  }

  private long sent(String prefix) {
    return recording.statements().stream().filter(s -> s.startsWith(prefix)).count();
  }

  private static int indexOf(List<String> statements, String prefix, int nth) {
    int seen = 0;
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i).startsWith(prefix) && ++seen == nth) {
        return i;
      }
    }
    throw new AssertionError("no " + prefix + " number " + nth + " in " + statements);
  }

  private static List<Long> ids(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
  }

  /**
   * Every connection the pool may hold is taken at once: each must be idle in the pool, outside
   * any transaction (its statement's start is its transaction's), with no Flecto cursor open.
   */
  private void assertEveryConnectionIdleAndUsable() {
    await(() -> pool.getMetrics().orElseThrow().acquiredSize() == 0);
    assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isZero();
    assertThat(pool.getMetrics().orElseThrow().pendingAcquireSize()).isZero();
    List<Connection> all = Flux.range(0, POOL_SIZE).flatMap(i -> Mono.<Connection>from(pool.create()), POOL_SIZE)
        .collectList().block(T);
    try {
      for (Connection c : all) {
        Boolean clean = Flux.from(c.createStatement("SELECT now() = statement_timestamp() AND NOT EXISTS "
                + "(SELECT 1 FROM pg_cursors WHERE name LIKE 'flecto_cursor_%')").execute())
            .concatMap(r -> r.map(row -> row.get(0, Boolean.class)))
            .blockLast(T);
        assertThat(clean).as("a pooled connection outside any transaction, no cursor open").isTrue();
      }
    } finally {
      Flux.fromIterable(all).concatMap(Connection::close).blockLast(T);
    }
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + T.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
