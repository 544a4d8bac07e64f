package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.ConstraintException;
import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.InsertAllOptions.Copy;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.telemetry.QueryEvent;
import dev.flecto.telemetry.Telemetry;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * insertAll through COPY: every type stored exactly as through VALUES, NULL apart from the empty
 * string, defaults, the prefix, atomic failures with the VALUES path's exceptions, transactions,
 * cancellation without a leaked connection or session, and the automatic choice.
 */
@FlectoTest(schema = "/copy_insert_all.sql")
class CopyInsertAllIT {
  private static final Duration T = Duration.ofSeconds(60);
  private static final InsertAllOptions COPY = InsertAllOptions.defaults().withCopy(Copy.ALWAYS);
  private static final InsertAllOptions VALUES = InsertAllOptions.defaults().withCopy(Copy.NEVER);
  private static final String APPLICATION_NAME = "flecto-copy-it";

  static final List<String> HOSTILE = List.of("", "plain", "tab\there", "new\nline", "cr\rlf\r\n", "back\\slash \\N \\.",
      "\\.", "\\N", "NULL", "O'Brien \"quoted\"", "{braces},[brackets]", "comma, separated", " leading and trailing ",
      "Ünïcödé ☃ 日本語 🎉", "\u000b\f\b vertical tab, form feed, backspace", "a\\tb", "$1 ?; --");

  @Test
  void everyTypeIsStoredAsTheValuesPathStoresIt(Repo repo) {
    List<CpRow> rows = hostileRows();
    assertThat(repo.insertAll(CpRow.class, coded(rows, "v-"), VALUES).block(T)).isEqualTo(rows.size());
    assertThat(repo.insertAll(CpRow.class, coded(rows, "c-"), COPY).block(T)).isEqualTo(rows.size());

    // In the database: every column of each pair of rows not distinct (NULLs, NaN and arrays included).
    String columns = "s, i, l, sh, b, d, f, dec, u, ins, odt, ldt, ld, lt, bytes, status, tags, nums, days, meta, qty";
    List<List<Object>> pairs = rows("SELECT v.code, (" + prefixed("v", columns) + ") IS NOT DISTINCT FROM ("
        + prefixed("c", columns) + "), v.dec::text IS NOT DISTINCT FROM c.dec::text FROM cp_rows v JOIN cp_rows c ON c.code = 'c-' || "
        + "substr(v.code, 3) WHERE v.code LIKE 'v-%'", repo);
    assertThat(pairs).hasSize(rows.size());
    assertThat(pairs).allSatisfy(p -> assertThat(p.subList(1, 3)).as("row %s", p.get(0)).containsExactly(true, true));

    // Read back: equal records, field by field.
    Map<String, CpRow> stored = new LinkedHashMap<>();
    repo.all(CpRow.class).toIterable().forEach(r -> stored.put(r.code(), r));
    for (int n = 0; n < rows.size(); n++) {
      assertThat(stored.get("c-" + n)).as("row %d", n).usingRecursiveComparison().ignoringFields("id", "code")
          .withEqualsForType(java.util.Objects::equals, Float.class).withEqualsForType(java.util.Objects::equals, Double.class)
          .isEqualTo(stored.get("v-" + n));
    }
    CpRow first = stored.get("c-0");
    assertThat(first.s()).isEqualTo(rows.get(0).s());
    assertThat(first.lt()).as("truncated to the microsecond, as FieldType.dump").isEqualTo(LocalTime.parse("23:59:59.999999"));
  }

  @Test
  void nullIsNotTheEmptyString(Repo repo) {
    List<CpRow> rows = List.of(text("null", null, null), text("empty", "", List.of()), text("nulls", "\\N",
        Arrays.asList(null, "", "NULL")));
    repo.insertAll(CpRow.class, rows, COPY).block(T);
    assertThat(rows("SELECT code, s IS NULL, s = '', tags IS NULL, cardinality(tags), tags[1] IS NULL, tags[2] = '',"
        + " tags[3] FROM cp_rows ORDER BY code", repo)).containsExactly(
        List.of("empty", false, true, false, 0, true, "<null>", "<null>"),
        List.of("null", true, "<null>", true, "<null>", true, "<null>", "<null>"),
        List.of("nulls", false, false, false, 3, true, true, "NULL"));
  }

  @Test
  void leftOutFieldsTakeTheirColumnDefaultsAndRecordNullsTheirDefault(Repo repo) {
    List<Object> entries = new ArrayList<>();
    for (int n = 0; n < 1_500; n++) {
      entries.add(n < 500 ? Map.of("code", "m-" + n) : n < 1_000 ? CpRow.coded("r-" + n, null) : Map.of("code", "q-" + n, "qty", 3));
    }
    assertThat(repo.insertAll(CpRow.class, entries, COPY).block(T)).as("three runs, one COPY each").isEqualTo(1_500L);
    assertThat(rows("SELECT left(code, 1), min(qty), max(qty), count(*) FROM cp_rows GROUP BY 1 ORDER BY 1", repo))
        .containsExactly(List.of("m", 5, 5, 1_500L / 3), List.of("q", 3, 3, 500L), List.of("r", 7, 7, 500L));
    assertThatThrownBy(() -> repo.insertAll(CpRow.class, List.of(Map.of(), Map.of("code", "x")), COPY).block(T))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("an entry that gives no field");
  }

  @Test
  void thePrefixOptionCopiesIntoAnotherSchema(Repo repo) {
    assertThat(repo.insertAll(CpRow.class, List.of(CpRow.coded("tenant", 1)), COPY.withPrefix("cp_tenant")).block(T)).isOne();
    assertThat(repo.all(Query.from(CpRow.class).prefix("cp_tenant")).map(CpRow::code).collectList().block(T))
        .containsExactly("tenant");
    assertThat(repo.all(CpRow.class).collectList().block(T)).isEmpty();
  }

  @Test
  void copyRefusesReturningAndUpsertsBeforeAnySql(Repo repo) {
    assertThatThrownBy(() -> repo.insertAllReturning(CpRow.class, List.of(CpRow.coded("a", 1)), COPY).blockLast(T))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("COPY reads no row back");
    assertThatThrownBy(() -> repo.insertAll(CpRow.class, List.of(CpRow.coded("a", 1)),
            COPY.withOnConflict(InsertAllOptions.OnConflict.NOTHING)).block(T))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("onConflict NOTHING");
  }

  @Test
  @NoSandbox
  void aViolationLeavesNoRowAndIsTheValuesPathsException() {
    withPool((repo, events) -> {
      repo.insert(CpRow.coded("before", 1)).block(T);
      for (InsertAllOptions options : List.of(COPY, VALUES)) {
        List<CpRow> duplicate = numbered(3_000, "d-");
        duplicate.set(2_999, CpRow.coded("before", 1));
        assertThatThrownBy(() -> repo.insertAll(CpRow.class, duplicate, options).block(T))
            .isInstanceOf(ConstraintException.class).hasMessageContaining("unique constraint \"cp_rows_code_key\" violated")
            .satisfies(e -> assertThat(((ConstraintException) e).constraint()).isEqualTo("cp_rows_code_key"));
        List<CpRow> negative = numbered(3_000, "n-");
        negative.set(1_234, CpRow.coded("n-x", -1));
        assertThatThrownBy(() -> repo.insertAll(CpRow.class, negative, options).block(T))
            .isInstanceOf(ConstraintException.class).hasMessageContaining("cp_rows_qty_check");
        // The same failure in the caller's transaction rolls back its earlier writes too.
        repo.transact(() -> repo.insert(CpRow.coded("in-tx", 1)).then(repo.insertAll(CpRow.class, negative, options)))
            .as(StepVerifier::create)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConstraintException.class).hasMessageContaining("cp_rows_qty_check"))
            .verify(T);
        assertThat(repo.all(CpRow.class).map(CpRow::code).collectList().block(T)).as("%s", options.copy()).containsExactly("before");
      }
    });
  }

  @Test
  @NoSandbox
  void aLargeLoadBuildsItsRowsAsTheyAreWrittenAndABadEntryFailsBeforeAnySql() {
    withPool((repo, events) -> {
      // 60,000 records made as they are read: nothing keeps them, and the load copies them all.
      assertThat(repo.insertAll(CpRow.class, generated(60_000, n -> CpRow.coded("g-" + n, n % 50))).block(T)).isEqualTo(60_000L);
      assertThat(repo.all(Query.from(CpRow.class).where("code", "g-59999")).map(CpRow::qty).blockLast(T)).isEqualTo(49);
      assertThat(events).filteredOn(e -> e.sql().startsWith("COPY")).hasSize(1);

      // Map entries, one of them bad: refused naming it, before any statement.
      events.clear();
      List<Object> maps = generated(50_000, n -> n == 41_234 ? Map.of("code", "m-" + n, "qty", "many")
          : Map.of("code", "m-" + n, "qty", n % 50));
      assertThatThrownBy(() -> repo.insertAll(CpRow.class, maps).block(T)).isInstanceOf(ArgumentException.class)
          .hasMessageContaining("value \"many\" for field 'qty' in entry 41234");
      assertThat(events).isEmpty();
      assertThat(repo.all(CpRow.class).count().block(T)).isEqualTo(60_000L);
    });
  }

  @Test
  @NoSandbox
  void anEntryThatFailsWhileItsRowIsCopiedFailsTheCopyAndTheConnectionServesTheNextStatement() {
    String url = TestDatabase.get().url();
    ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(url))
        .initialSize(1).maxSize(1).build()); // one connection: the statements after the failure run on the COPY's
    try {
      Repo repo = R2dbcRepos.of(pool, RepoOptions.defaults());
      // Entry 30,000 is fine when planned (and when grouped into runs), and bad when its row is written.
      java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
      List<Object> changing = generated(40_000, n -> n == 30_000 && reads.incrementAndGet() > 2
          ? Map.of("code", "late", "qty", "changed") : CpRow.coded("c-" + n, 1));
      assertThatThrownBy(() -> repo.insertAll(CpRow.class, changing, COPY).block(T)).isInstanceOf(ArgumentException.class)
          .hasMessageContaining("value \"changed\" for field 'qty' in entry 30000");
      assertThat(repo.all(CpRow.class).count().block(T)).as("the COPY wrote nothing").isZero();
      for (int round = 0; round < 3; round++) {
        assertThat(repo.insertAll(CpRow.class, numbered(2_000, "after" + round + "-"), COPY).block(T)).isEqualTo(2_000L);
        assertThat(repo.insert(CpRow.coded("one-" + round, 1)).map(CpRow::code).block(T)).isEqualTo("one-" + round);
      }
      assertThat(repo.all(CpRow.class).count().block(T)).isEqualTo(6_003L);
      Pools.assertIdle(pool);
    } finally {
      pool.dispose();
      TestDatabase.get().execute("TRUNCATE cp_rows").block(T);
    }
  }

  @Test
  @NoSandbox
  void inATransactionTheCopyRunsOnItsConnectionAndRollsBackWithIt() {
    withPool((repo, events) -> {
      Mono<Long> work = repo.transact(() -> repo.insertAll(CpRow.class, numbered(2_000, "t-"), COPY)
          .flatMap(n -> repo.all(CpRow.class).count().map(seen -> { // the transaction's own read sees the copied rows
            assertThat(seen).isEqualTo(2_000L);
            return n;
          }))
          .then(Mono.error(new IllegalStateException("roll back"))));
      assertThatThrownBy(() -> work.block(T)).hasMessageContaining("roll back");
      assertThat(repo.all(CpRow.class).count().block(T)).as("nothing stays").isZero();
      assertThat(repo.transact(() -> repo.insertAll(CpRow.class, numbered(2_000, "k-"), COPY)).block(T)).isEqualTo(2_000L);
      assertThat(repo.all(CpRow.class).count().block(T)).isEqualTo(2_000L);
    });
  }

  @Test
  @NoSandbox
  void aCancelMidCopyLeavesNoRowNoSessionAndNoConnectionBehind() {
    withPool((repo, events) -> {
      List<CpRow> many = numbered(400_000, "x-");
      for (Function<Mono<Long>, Mono<Long>> around : List.<Function<Mono<Long>, Mono<Long>>>of(m -> m, m -> repo.transact(() -> m))) {
        Disposable running = around.apply(repo.insertAll(CpRow.class, many, COPY)).subscribe(n -> { }, e -> { });
        Pools.await(() -> !rows("SELECT 1 FROM pg_stat_activity WHERE application_name = '" + APPLICATION_NAME
            + "' AND state = 'active' AND query LIKE 'COPY%' AND pid <> pg_backend_pid()", repo).isEmpty());
        assertThat(running.isDisposed()).as("the copy was still running when cancelled").isFalse();
        running.dispose();
        Pools.await(() -> rows("SELECT 1 FROM pg_stat_activity WHERE application_name = '" + APPLICATION_NAME
            + "' AND state <> 'idle' AND pid <> pg_backend_pid()", repo).isEmpty());
        assertThat(rows("SELECT state, query FROM pg_stat_activity WHERE application_name = '" + APPLICATION_NAME
            + "' AND state <> 'idle' AND pid <> pg_backend_pid()", repo)).as("no session busy or idle in transaction").isEmpty();
      }
      assertThat(repo.all(CpRow.class).count().block(T)).isZero();
      assertThat(repo.insertAll(CpRow.class, numbered(1_000, "after-"), COPY).block(T)).as("the connections work").isEqualTo(1_000L);
    });
  }

  /**
   * A COPY cancelled while its rows are being encoded encodes no further row, and writes none: the
   * frame being made ends with a line the server refuses. Before, the driver could go on asking for
   * frames after the cancel and drop them unreleased (with Netty's paranoid leak detection on,
   * which slows each frame, the rest of the load was encoded: this test failed). Counted by the
   * reads of the load's last entry: a COPY that encodes it reads it once more than one that stops
   * before it. The cancel comes from inside the encoding (entry 100,000, when read to be written),
   * so it lands mid-encoding whatever the machine's speed.
   */
  @Test
  @NoSandbox
  void aCopyCancelledWhileItsRowsAreEncodedEncodesNoFurtherFrame() {
    withPool((repo, events) -> {
      int n = 400_000;
      java.util.concurrent.atomic.AtomicInteger lastReads = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger cutReads = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<Runnable> cut = new java.util.concurrent.atomic.AtomicReference<>(() -> { });
      java.util.function.IntFunction<List<CpRow>> load = round -> generated(n, k -> {
        if (k == n - 1) {
          lastReads.incrementAndGet();
        }
        if (k == 100_000) {
          cutReads.incrementAndGet();
          cut.get().run();
        }
        return CpRow.coded(round + "-" + k, 1);
      });
      // A COPY that runs to its end: how often it reads an entry, its encoding included.
      assertThat(repo.insertAll(CpRow.class, load.apply(0), COPY).block(T)).isEqualTo((long) n);
      int whole = lastReads.getAndSet(0);
      assertThat(cutReads.getAndSet(0)).isEqualTo(whole);

      // The same, cancelled when entry 100,000 is read to be written (its last read).
      reactor.core.publisher.Sinks.Empty<Void> cancel = reactor.core.publisher.Sinks.empty();
      cut.set(() -> {
        if (cutReads.get() == whole) {
          cancel.tryEmitEmpty();
        }
      });
      assertThat(repo.insertAll(CpRow.class, load.apply(1), COPY).takeUntilOther(cancel.asMono()).blockOptional(T))
          .as("cancelled: no count").isEmpty();
      Pools.await(() -> rows("SELECT 1 FROM pg_stat_activity WHERE application_name = '" + APPLICATION_NAME
          + "' AND state <> 'idle' AND pid <> pg_backend_pid()", repo).isEmpty());
      assertThat(cutReads.get()).as("entry 100,000 was read to be written").isEqualTo(whole);
      assertThat(lastReads.get()).as("reads of the last entry of the cancelled COPY").isEqualTo(whole - 1);
      assertThat(repo.aggregate(Query.from(CpRow.class), dev.flecto.query.Aggregate.COUNT).block(T))
          .as("only the first load stays").isEqualTo((long) n);
      assertThat(repo.insertAll(CpRow.class, numbered(1_000, "after-"), COPY).block(T)).as("the connections work").isEqualTo(1_000L);
    });
  }

  @Test
  @NoSandbox
  void autoCopiesFromTheThresholdOnWithoutReturningOrUpserts() {
    withPool((repo, events) -> {
      Function<Runnable, List<String>> sent = action -> {
        events.clear();
        action.run();
        return events.stream().filter(e -> e.kind() == QueryEvent.Kind.QUERY).map(QueryEvent::sql)
            .map(sql -> sql.substring(0, sql.indexOf(' '))).toList();
      };
      int below = InsertAllOptions.COPY_THRESHOLD - 1;
      assertThat(sent.apply(() -> repo.insertAll(CpRow.class, numbered(below, "a-")).block(T))).containsExactly("INSERT");
      assertThat(sent.apply(() -> repo.insertAll(CpRow.class, numbered(below + 1, "b-")).block(T))).containsExactly("COPY");
      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.sql()).startsWith("COPY \"cp_rows\" (\"code\", ").endsWith(" FROM STDIN");
        assertThat(e.rows()).isEqualTo(below + 1L);
      });
      assertThat(sent.apply(() -> repo.insertAll(CpRow.class, numbered(2_000, "c-"),
          InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING)).block(T))).containsExactly("INSERT");
      assertThat(sent.apply(() -> repo.insertAllReturning(CpRow.class, numbered(2_000, "d-"), InsertAllOptions.defaults())
          .blockLast(T))).containsExactly("INSERT");
      List<Object> mixed = new ArrayList<>(numbered(2_000, "e-"));
      mixed.set(7, Map.of("code", "e-map"));
      assertThat(sent.apply(() -> repo.insertAll(CpRow.class, mixed).block(T)))
          .as("entries that leave out different fields: VALUES under AUTO").containsExactly("INSERT");
      assertThat(sent.apply(() -> repo.insertAll(CpRow.class, numbered(2_000, "f-"), VALUES).block(T))).containsExactly("INSERT");
      assertThat(repo.all(CpRow.class).count().block(T)).isEqualTo(2L * below + 1 + 4 * 2_000L);
    });
  }

  /** Rows of every type, each hostile string and edge value in turn. */
  static List<CpRow> hostileRows() {
    List<Double> doubles = List.of(0.1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300,
        Double.MAX_VALUE, Double.MIN_VALUE, 123456789.123456789);
    List<Float> floats = List.of(1.1f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, -3.4e-20f, 16_777_217f);
    List<BigDecimal> decimals = List.of(new BigDecimal("1E+3"), new BigDecimal("0.000001"),
        new BigDecimal("-12345678901234567890.123456789"), new BigDecimal("0.10"), BigDecimal.ZERO);
    List<Instant> instants = List.of(Instant.parse("2024-01-01T10:00:00.123456789Z"), Instant.parse("1970-01-01T00:00:00Z"),
        Instant.parse("1900-12-31T23:59:59.999999Z"), Instant.parse("+10000-01-01T00:00:00Z"));
    List<OffsetDateTime> offsets = List.of(OffsetDateTime.parse("2024-06-30T23:30:00.5+05:30"),
        OffsetDateTime.parse("1999-12-31T20:00:00-09:00"), OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 1_999, ZoneOffset.UTC));
    List<LocalDateTime> locals = List.of(LocalDateTime.parse("2024-02-29T12:34:56.000001"),
        LocalDateTime.parse("0001-01-01T00:00:00"), LocalDateTime.parse("9999-12-31T23:59:59.999999999"));
    List<LocalDate> dates = List.of(LocalDate.parse("2024-02-29"), LocalDate.parse("0001-01-01"), LocalDate.parse("9999-12-31"),
        LocalDate.of(0, 1, 1), LocalDate.of(-44, 3, 15));
    List<LocalTime> times = List.of(LocalTime.parse("23:59:59.999999999"), LocalTime.MIDNIGHT, LocalTime.parse("12:00:00.000100"));
    List<byte[]> bytes = List.of(new byte[] {0, 9, 10, 13, 92, 34, (byte) 255}, new byte[0], "\\x41".getBytes());
    List<List<String>> tags = List.of(List.of("a", "b"), Arrays.asList(null, "", "NULL"), List.of(), List.of("{x}", "a,b",
        "\"q\"", "back\\slash", "tab\there", "new\nline", " spaced "));
    List<List<Integer>> nums = List.of(List.of(1, -2, Integer.MAX_VALUE), Arrays.asList((Integer) null), List.of());
    List<Map<String, Object>> metas = List.of(Map.of("k", "tab\t\\ \"quote\" \n", "n", 1.5, "nested", Map.of("a",
        Arrays.asList(1, null, "x"))), Map.of(), Map.of("unicode", "☃ \u0001"));
    List<CpRow> out = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      boolean nulls = n % 13 == 12; // every field NULL but the code (and the NOT NULL qty)
      out.add(nulls ? CpRow.coded(null, 0) : new CpRow(null, null, pick(HOSTILE, n), n * 1_000_003 % 2_000_000_000 - 999_999,
          n % 2 == 0 ? Long.MIN_VALUE + n : Long.MAX_VALUE - n, (short) (n % 2 == 0 ? Short.MIN_VALUE : Short.MAX_VALUE - n),
          n % 3 == 0, pick(doubles, n), pick(floats, n), pick(decimals, n), new UUID(n * 31L, -n), pick(instants, n),
          pick(offsets, n), pick(locals, n), pick(dates, n), pick(times, n), pick(bytes, n),
          n % 2 == 0 ? CpRow.Status.DRAFT : CpRow.Status.PUBLISHED, pick(tags, n), pick(nums, n),
          n % 2 == 0 ? List.of(pick(dates, n), pick(dates, n + 1)) : null, pick(metas, n), n));
    }
    return out;
  }

  private static <T> T pick(List<T> values, int n) {
    return values.get(n % values.size());
  }

  private static List<CpRow> coded(List<CpRow> rows, String prefix) {
    List<CpRow> out = new ArrayList<>();
    for (int n = 0; n < rows.size(); n++) {
      out.add(rows.get(n).withCode(prefix + n));
    }
    return out;
  }

  /** Entries made each time they are read, as a load streamed from a file would give them. */
  private static <E> List<E> generated(int count, java.util.function.IntFunction<E> make) {
    return new java.util.AbstractList<>() {
      @Override
      public E get(int n) {
        return make.apply(n);
      }

      @Override
      public int size() {
        return count;
      }
    };
  }

  private static List<CpRow> numbered(int count, String prefix) {
    List<CpRow> out = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      out.add(CpRow.coded(prefix + n, n % 50));
    }
    return out;
  }

  private static CpRow text(String code, String s, List<String> tags) {
    return new CpRow(null, code, s, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, tags, null, null, null, 1);
  }

  private static String prefixed(String alias, String columns) {
    return String.join(", ", Arrays.stream(columns.split(", ")).map(c -> alias + "." + c).toList());
  }

  /** Rows of a query through the repo (so inside the sandbox), NULL as "<null>". */
  private static List<List<Object>> rows(String sql, Repo repo) {
    return repo.query(sql, List.of()).map(r -> r.rows().stream()
            .map(row -> row.stream().map(v -> v == null ? (Object) "<null>" : v).toList()).toList())
        .block(T);
  }

  /**
   * A pool of the test's own (sessions named {@value #APPLICATION_NAME}) with a listener; every
   * connection released afterwards, the tables emptied.
   */
  private static void withPool(BiConsumer<Repo, List<QueryEvent>> test) {
    String url = TestDatabase.get().url();
    ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(
            url + (url.contains("?") ? "&" : "?") + "applicationName=" + APPLICATION_NAME))
        .initialSize(1).maxSize(3).build());
    List<QueryEvent> events = new CopyOnWriteArrayList<>();
    try {
      test.accept(R2dbcRepos.of(pool, RepoOptions.defaults().withTelemetry(Telemetry.none().withListener(events::add))), events);
      Pools.assertIdle(pool);
    } finally {
      pool.dispose();
      TestDatabase.get().execute("TRUNCATE cp_rows").block(T);
    }
  }
}
