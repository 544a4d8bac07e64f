package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Keeps {@link W5Preload} from rotting without timing anything: its trial setup (which fails when
 * the implementations disagree), each benchmark method once, the same associations from every
 * implementation, stitched to the right parents, and the same statements from Flecto and the raw
 * side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class W5PreloadTest {
  private final W5Preload bench = new W5Preload();

  @BeforeAll
  void setUp() {
    bench.setup();
  }

  @AfterAll
  void tearDown() {
    bench.tearDown();
  }

  /** Every implementation's result by its id, each benchmark method called once. */
  private Map<String, List<BenchPost>> loadedByEveryImplementation() {
    Map<String, List<BenchPost>> loaded = new LinkedHashMap<>();
    loaded.put("flecto", bench.flecto());
    loaded.put("raw", bench.raw());
    loaded.put("rawSequential", bench.rawSequential());
    loaded.put("spring", bench.spring());
    loaded.put("jooq", bench.jooq());
    loaded.put("jooqMultiset", bench.jooqMultiset());
    loaded.put("jdbc", bench.jdbc());
    return loaded;
  }

  @Test
  void everyBenchmarkMethodLoadsTheSamePosts() {
    Map<String, List<BenchPost>> loaded = loadedByEveryImplementation();
    List<BenchPost> flecto = loaded.get("flecto");
    assertThat(flecto).hasSize(W5Preload.POSTS);
    loaded.forEach((implementation, posts) -> {
      assertThat(posts).as(implementation).isEqualTo(flecto);
      assertThat(posts).as(implementation).extracting(BenchPost::id)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, W5Preload.POSTS).boxed().toList());
      assertThat(posts).as(implementation).allSatisfy(p -> {
        assertThat(p.author().isLoaded()).isTrue();
        assertThat(p.comments().isLoaded()).isTrue();
        assertThat(p.tags().isLoaded()).isTrue();
      });
    });
    // The parents are the benchmark's input for every operation: preloading returns copies.
    assertThat(bench.parents()).hasSize(W5Preload.POSTS)
        .allSatisfy(p -> assertThat(p.comments().isLoaded()).isFalse());
  }

  @Test
  void associationsAreStitchedToTheirOwnParents() {
    loadedByEveryImplementation().forEach((implementation, loaded) -> {
      for (BenchPost p : loaded) {
        long id = p.id();
        long authorId = (id - 1) % W5Preload.AUTHORS + 1;
        assertThat(p.authorId()).as(implementation).isEqualTo(authorId);
        assertThat(p.author().get()).as(implementation).isEqualTo(new BenchAuthor(authorId, "Author" + authorId));

        // Comment c is on post (c - 1) % POSTS + 1: post p has p, p + POSTS, ..., in id order.
        List<BenchComment> expectedComments = LongStream.range(0, W5Preload.COMMENTS_PER_POST)
            .mapToObj(k -> {
              long c = id + k * W5Preload.POSTS;
              return new BenchComment(c, id, "Comment" + c);
            })
            .toList();
        assertThat(p.comments().get()).as(implementation).isEqualTo(expectedComments);

        // Tag k of post p is (p * 7 + k * 13) % TAGS + 1 (W5Preload.tagSql), in tag id order.
        Set<Long> expectedTags = new TreeSet<>();
        for (int k = 0; k < W5Preload.TAGS_PER_POST; k++) {
          expectedTags.add((id * 7 + k * 13) % W5Preload.TAGS + 1);
        }
        assertThat(p.tags().get()).as(implementation).extracting(BenchTag::id).containsExactlyElementsOf(expectedTags);
        assertThat(p.tags().get()).as(implementation).allSatisfy(t -> assertThat(t.name()).isEqualTo("tag" + t.id()));
      }
      assertThat(loaded.stream().mapToInt(p -> p.comments().get().size()).sum()).as(implementation)
          .isEqualTo(W5Preload.POSTS * W5Preload.COMMENTS_PER_POST);
      assertThat(loaded.stream().map(p -> p.author().get().id()).distinct().count()).as(implementation)
          .isEqualTo(W5Preload.AUTHORS);
      assertThat(loaded.stream().flatMap(p -> p.tags().get().stream()).map(BenchTag::id).distinct().count())
          .as(implementation).isEqualTo(W5Preload.TAGS);
    });
  }

  /**
   * The comparison is fair only if Flecto's preloader runs what the raw side runs. Both prepare
   * their statements on the shared pool's connections, so {@code pg_prepared_statements} shows what
   * each really sent: Flecto's text is the raw text plus its table alias and quoted identifiers.
   */
  @Test
  void flectoIssuesTheStatementsTheRawSideDoes() {
    bench.flecto();
    bench.rawSequential();
    bench.raw();

    Set<String> prepared = PreparedStatements.onEveryConnection(bench.stacks().pool(), Stacks.POOL_SIZE).stream()
        .filter(sql -> sql.contains("= ANY($1)"))
        .collect(Collectors.toSet());
    Set<String> raw = Set.of(W5Preload.RAW_AUTHORS, W5Preload.RAW_COMMENTS, W5Preload.RAW_LINKS, W5Preload.RAW_TAGS);
    assertThat(prepared).containsAll(raw);
    // The other reactive stacks share the pool: Flecto's statements are the ones with its alias.
    Set<String> flecto = new HashSet<>(prepared);
    flecto.removeIf(sql -> !sql.contains(" AS b0 "));
    assertThat(flecto).hasSize(raw.size()).allSatisfy(sql -> assertThat(sql).contains("b0.\""));
    assertThat(flecto.stream().map(W5PreloadTest::withoutAliasAndQuotes).collect(Collectors.toSet())).isEqualTo(raw);
  }

  private static String withoutAliasAndQuotes(String sql) {
    return sql.replace(" AS b0", "").replace("b0.", "").replace("\"", "");
  }
}
