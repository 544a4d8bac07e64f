package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Keeps {@link W7Multi} from rotting without timing anything: its trial setup (which fails when
 * the implementations disagree), each benchmark method once, the same outcome from every
 * implementation for the same input, the rows each left behind equal to what it returned, and
 * Flecto's statements the raw side's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class W7MultiTest {
  private final W7Multi bench = new W7Multi();

  @BeforeAll
  void setUp() {
    bench.setup();
  }

  @AfterAll
  void tearDown() {
    bench.tearDown();
  }

  @Test
  void everyImplementationWritesTheSameRows() {
    Map<String, LongFunction<W7Multi.Outcome>> implementations = new LinkedHashMap<>();
    implementations.put("raw", bench::raw);
    implementations.put("flecto", bench::flecto);
    implementations.put("spring", bench::spring);
    implementations.put("jooq", bench::jooq);
    implementations.put("jdbc", bench::jdbc);
    long n = 1_000_000;
    W7Multi.Outcome expected = new W7Multi.Outcome(new W7Multi.Author(null, "Author " + n),
        new W7Multi.Post(null, null, "Post " + n + " (edited)"), new W7Multi.Comment(null, null, "Comment " + n), 1);
    implementations.forEach((name, implementation) -> {
      W7Multi.Outcome o = implementation.apply(n);
      assertThat(o.author().id()).as(name).isPositive();
      assertThat(o.withoutIds()).as(name).isEqualTo(expected);
      // The rows as stored are the rows it returned, ids included: the transaction committed.
      assertThat(bench.stored(o)).as(name).isEqualTo(o);
    });
  }

  @Test
  void everyBenchmarkMethodWritesNewRows() {
    Map<String, Supplier<W7Multi.Outcome>> methods = new LinkedHashMap<>();
    methods.put("flecto", bench::flecto);
    methods.put("raw", bench::raw);
    methods.put("spring", bench::spring);
    methods.put("jooq", bench::jooq);
    methods.put("jdbc", bench::jdbc);
    Set<Long> posts = new java.util.HashSet<>();
    methods.forEach((name, method) -> {
      W7Multi.Outcome o = method.get();
      assertThat(posts.add(o.post().id())).as(name).isTrue();
      assertThat(o.comments()).as(name).isEqualTo(1);
      assertThat(o.post().title()).as(name).endsWith(" (edited)").startsWith("Post ");
      assertThat(bench.stored(o)).as(name).isEqualTo(o);
    });
  }

  /**
   * Flecto's statements are the raw side's, but for its quotes and table alias: each raw statement
   * has a quoted twin on the pool's connections. (Spring's and jOOQ's, prepared on the same pool,
   * differ: {@code RETURNING "id"} only, every column SET, lower-case keywords.)
   */
  @Test
  void flectoSendsTheRawSidesStatements() {
    bench.flecto();
    bench.raw();
    Set<String> prepared = PreparedStatements.onEveryConnection(bench.stacks().pool(), Stacks.POOL_SIZE).stream()
        .filter(sql -> sql.contains("bench_multi_"))
        .collect(Collectors.toSet());
    Set<String> raw = Set.of(W7Multi.INSERT_AUTHOR, W7Multi.INSERT_POST, W7Multi.INSERT_COMMENT, W7Multi.UPDATE_TITLE,
        W7Multi.COUNT_COMMENTS);
    assertThat(prepared).containsAll(raw);
    Set<String> twins = prepared.stream()
        .filter(sql -> sql.contains("\"") && raw.contains(withoutAliasAndQuotes(sql)))
        .collect(Collectors.toSet());
    assertThat(twins).hasSize(raw.size());
    assertThat(twins.stream().map(W7MultiTest::withoutAliasAndQuotes).collect(Collectors.toSet())).isEqualTo(raw);
  }

  private static String withoutAliasAndQuotes(String sql) {
    return sql.replace(" AS b0", "").replace("b0.", "").replace("\"", "");
  }
}
