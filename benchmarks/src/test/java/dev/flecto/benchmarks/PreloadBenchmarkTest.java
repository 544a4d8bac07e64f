package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link PreloadBenchmark} from rotting without timing anything: its trial setup, each
 * benchmark method once, the same associations from Flecto and from both hand-written variants,
 * stitched to the right parents, and the same statements on both sides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreloadBenchmarkTest {
  private final PreloadBenchmark bench = new PreloadBenchmark();

  @BeforeAll
  void setUp() {
    bench.setup();
  }

  @AfterAll
  void tearDown() {
    bench.tearDown();
  }

  @Test
  void everyBenchmarkMethodLoadsTheSamePosts() {
    List<BenchPost> flecto = bench.flectoPreload();
    List<BenchPost> sequential = bench.rawSequential();
    List<BenchPost> parallel = bench.rawParallel();
    assertThat(flecto).hasSize(PreloadBenchmark.POSTS);
    assertThat(sequential).isEqualTo(flecto);
    assertThat(parallel).isEqualTo(flecto);
    for (List<BenchPost> loaded : List.of(flecto, sequential, parallel)) {
      assertThat(loaded).extracting(BenchPost::id)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, PreloadBenchmark.POSTS).boxed().toList());
      assertThat(loaded).allSatisfy(p -> {
        assertThat(p.author().isLoaded()).isTrue();
        assertThat(p.comments().isLoaded()).isTrue();
        assertThat(p.tags().isLoaded()).isTrue();
      });
    }
    // The parents are the benchmark's input for every operation: preloading returns copies.
    assertThat(bench.parents()).hasSize(PreloadBenchmark.POSTS)
        .allSatisfy(p -> assertThat(p.comments().isLoaded()).isFalse());
  }

  @Test
  void associationsAreStitchedToTheirOwnParents() {
    for (List<BenchPost> loaded : List.of(bench.flectoPreload(), bench.rawSequential(), bench.rawParallel())) {
      for (BenchPost p : loaded) {
        long id = p.id();
        long authorId = (id - 1) % PreloadBenchmark.AUTHORS + 1;
        assertThat(p.authorId()).isEqualTo(authorId);
        assertThat(p.author().get()).isEqualTo(new BenchAuthor(authorId, "Author" + authorId));

        // Comment c is on post (c - 1) % POSTS + 1: post p has p, p + POSTS, ..., in id order.
        List<BenchComment> expectedComments = LongStream.range(0, PreloadBenchmark.COMMENTS_PER_POST)
            .mapToObj(k -> {
              long c = id + k * PreloadBenchmark.POSTS;
              return new BenchComment(c, id, "Comment" + c);
            })
            .toList();
        assertThat(p.comments().get()).isEqualTo(expectedComments);

        // Tag k of post p is (p * 7 + k * 13) % TAGS + 1 (PreloadBenchmark.tagSql), linked in id order.
        Set<Long> expectedTags = new TreeSet<>();
        for (int k = 0; k < PreloadBenchmark.TAGS_PER_POST; k++) {
          expectedTags.add((id * 7 + k * 13) % PreloadBenchmark.TAGS + 1);
        }
        assertThat(p.tags().get()).extracting(BenchTag::id).containsExactlyElementsOf(expectedTags);
        assertThat(p.tags().get()).allSatisfy(t -> assertThat(t.name()).isEqualTo("tag" + t.id()));
      }
      assertThat(loaded.stream().mapToInt(p -> p.comments().get().size()).sum())
          .isEqualTo(PreloadBenchmark.POSTS * PreloadBenchmark.COMMENTS_PER_POST);
      assertThat(loaded.stream().map(p -> p.author().get().id()).distinct().count())
          .isEqualTo(PreloadBenchmark.AUTHORS);
      assertThat(loaded.stream().flatMap(p -> p.tags().get().stream()).map(BenchTag::id).distinct().count())
          .isEqualTo(PreloadBenchmark.TAGS);
    }
  }

  /**
   * The comparison is fair only if Flecto's preloader runs what the hand-written side runs. Both
   * prepare their statements on the shared pool's connections (the driver's statement cache keeps
   * them), so PostgreSQL's {@code pg_prepared_statements} of every connection shows what each side
   * really sent: Flecto's text is the raw text plus its table alias and quoted identifiers.
   */
  @Test
  void flectoIssuesTheStatementsTheRawSideDoes() {
    bench.flectoPreload();
    bench.rawSequential();
    bench.rawParallel();

    Set<String> prepared = preparedOnEveryConnection().stream()
        .filter(sql -> sql.contains("= ANY($1)"))
        .collect(Collectors.toSet());
    Set<String> raw = Set.of(PreloadBenchmark.RAW_AUTHORS, PreloadBenchmark.RAW_COMMENTS,
        PreloadBenchmark.RAW_LINKS, PreloadBenchmark.RAW_TAGS);
    assertThat(prepared).containsAll(raw);
    Set<String> flecto = new HashSet<>(prepared);
    flecto.removeAll(raw);
    assertThat(flecto).hasSize(raw.size()).allSatisfy(sql -> assertThat(sql).contains(" AS b0 ", "b0.\""));
    assertThat(flecto.stream().map(PreloadBenchmarkTest::withoutAliasAndQuotes).collect(Collectors.toSet()))
        .isEqualTo(raw);
  }

  private static String withoutAliasAndQuotes(String sql) {
    return sql.replace(" AS b0", "").replace("b0.", "").replace("\"", "");
  }

  /** Every connection of the pool held at once, so the query below sees each session once. */
  private List<String> preparedOnEveryConnection() {
    return Flux.usingWhen(
            Flux.range(0, bench.poolSize).flatMap(i -> Mono.from(bench.pool().create())).collectList(),
            connections -> Flux.fromIterable(connections).concatMap(c ->
                Flux.from(c.createStatement("SELECT statement FROM pg_prepared_statements").execute())
                    .flatMap(r -> r.map((row, meta) -> row.get(0, String.class)))),
            connections -> Flux.fromIterable(connections).concatMap(Connection::close))
        .collectList()
        .block(Duration.ofSeconds(30));
  }
}
