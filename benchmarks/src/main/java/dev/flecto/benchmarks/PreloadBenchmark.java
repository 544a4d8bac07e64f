package dev.flecto.benchmarks;

import dev.flecto.query.Query;
import dev.flecto.r2dbc.R2dbcRepos;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.schema.Assoc;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Preloading three associations of {@value #POSTS} {@link BenchPost}s (a belongs-to, a has-many
 * and a many-to-many) through Flecto next to the same loads written by hand on r2dbc-postgresql,
 * one after another on one connection and concurrently on three. Both sides share one r2dbc-pool
 * {@link ConnectionPool} set up as {@link ReadBenchmark}'s (same size, prepared-statement cache and
 * validation), issue the same statements ({@code WHERE key = ANY($1)} over the parents' distinct
 * keys bound as one {@code Long[]}, the same {@code ORDER BY}) and stitch the rows onto the same
 * records through hash maps, so the difference is Flecto's own cost: reading the schema metadata,
 * planning and compiling four queries, mapping rows and copying the records.
 *
 * <p>Only the preload step is measured: the parents are read once, through Flecto, in the trial
 * setup, and every operation loads the three associations onto that same list. Outside a
 * transaction Flecto runs sibling preloads concurrently on separate pooled connections, so
 * {@link #rawParallel()} is its like-for-like baseline and {@link #rawSequential()} shows what the
 * concurrency is worth.
 *
 * <p>The database is chosen as {@link ReadBenchmark}'s ({@value ReadBenchmark#DATABASE_URL}, else an
 * embedded PostgreSQL). The tables {@code bench_authors}, {@code bench_posts}, {@code bench_comments},
 * {@code bench_tags} and {@code bench_posts_tags} are dropped and re-created there.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PreloadBenchmark -f 1 -wi 3 -w 3s -i 5 -r 3s
 * java -jar benchmarks/target/benchmarks.jar PreloadBenchmark -p poolSize=4,8
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
public class PreloadBenchmark {
  /** Authors seeded, with ids 1..AUTHORS; post p belongs to author (p - 1) % AUTHORS + 1. */
  public static final int AUTHORS = 100;
  /** Posts seeded, with ids 1..POSTS, and all of them are the parents preloaded onto. */
  public static final int POSTS = 1_000;
  /** Comments of every post; comment c is on post (c - 1) % POSTS + 1, so a post's comments are spread over the table. */
  public static final int COMMENTS_PER_POST = 10;
  /** Tags seeded, with ids 1..TAGS. */
  public static final int TAGS = 50;
  /** Tags of every post, in the join table. */
  public static final int TAGS_PER_POST = 3;

  // The statements Flecto's preloader issues for BenchPost's associations, written by hand: the
  // same columns, filter and order, only without Flecto's table alias and identifier quotes. The
  // join table has no ORDER BY because Flecto gives it none; a post's tags follow the tags' ORDER BY.
  static final String RAW_AUTHORS = "SELECT id, name FROM bench_authors WHERE id = ANY($1) ORDER BY id";
  static final String RAW_COMMENTS = "SELECT id, post_id, body FROM bench_comments WHERE post_id = ANY($1) ORDER BY id";
  static final String RAW_LINKS = "SELECT post_id, tag_id FROM bench_posts_tags WHERE post_id = ANY($1)";
  static final String RAW_TAGS = "SELECT id, name FROM bench_tags WHERE id = ANY($1) ORDER BY id";

  private static final String DROP_TABLES =
      "DROP TABLE IF EXISTS bench_posts_tags, bench_comments, bench_posts, bench_tags, bench_authors";

  /** Connections in the pool, opened up front (initial size = max size). */
  @Param({"4"})
  public int poolSize = 4;

  /** The pool's validation on every acquire, as {@link ReadBenchmark#validation}. */
  @Param({"LOCAL"})
  public String validation = "LOCAL";

  private BenchDatabase database;
  private ConnectionPool pool;
  private Repo repo;
  private List<BenchPost> posts;

  /**
   * Starts the embedded database when no URL is given, builds the pool, creates and seeds the
   * tables, reads the parent posts once, and checks once that both sides load the same
   * associations.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Setup(Level.Trial)
  public void setup() {
    database = BenchDatabase.open(poolSize, ValidationDepth.valueOf(validation));
    pool = database.pool();
    repo = R2dbcRepos.of(pool, RepoOptions.defaults());
    dropTables();
    execute("CREATE TABLE bench_authors (id bigint PRIMARY KEY, name text NOT NULL)");
    execute("CREATE TABLE bench_posts ("
        + "id bigint PRIMARY KEY, "
        + "title text NOT NULL, "
        + "author_id bigint NOT NULL REFERENCES bench_authors (id))");
    execute("CREATE TABLE bench_comments ("
        + "id bigint PRIMARY KEY, "
        + "post_id bigint NOT NULL REFERENCES bench_posts (id), "
        + "body text NOT NULL)");
    // The has-many filters on post_id: index it, as any schema with this association would.
    execute("CREATE INDEX bench_comments_post_id ON bench_comments (post_id)");
    execute("CREATE TABLE bench_tags (id bigint PRIMARY KEY, name text NOT NULL)");
    execute("CREATE TABLE bench_posts_tags ("
        + "post_id bigint NOT NULL REFERENCES bench_posts (id), "
        + "tag_id bigint NOT NULL REFERENCES bench_tags (id), "
        + "PRIMARY KEY (post_id, tag_id))");
    execute("INSERT INTO bench_authors (id, name) SELECT g, 'Author' || g FROM generate_series(1, " + AUTHORS + ") AS g");
    execute("INSERT INTO bench_posts (id, title, author_id) "
        + "SELECT g, 'Post' || g, (g - 1) % " + AUTHORS + " + 1 FROM generate_series(1, " + POSTS + ") AS g");
    execute("INSERT INTO bench_comments (id, post_id, body) "
        + "SELECT g, (g - 1) % " + POSTS + " + 1, 'Comment' || g FROM generate_series(1, " + POSTS * COMMENTS_PER_POST + ") AS g");
    execute("INSERT INTO bench_tags (id, name) SELECT g, 'tag' || g FROM generate_series(1, " + TAGS + ") AS g");
    // Links stored in key order, so a sequential and an index scan return a post's tags alike.
    execute("INSERT INTO bench_posts_tags (post_id, tag_id) "
        + "SELECT p, " + tagSql("p", "k") + " FROM generate_series(1, " + POSTS + ") AS p, "
        + "generate_series(0, " + (TAGS_PER_POST - 1) + ") AS k ORDER BY 1, 2");
    execute("ANALYZE bench_authors, bench_posts, bench_comments, bench_tags, bench_posts_tags");
    posts = repo.all(Query.from(BenchPost.class).orderBy("id").limit(POSTS)).collectList().block();
    verify();
  }

  /** Closes the pool and stops the embedded database, if one was started. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (database == null) {
      return;
    }
    try {
      database.close(repo, DROP_TABLES);
    } finally {
      database = null;
      pool = null;
      repo = null;
      posts = null;
    }
  }


  /**
   * The three associations through {@code Repo.preload}: one query each (two for the tags), run
   * concurrently on separate pooled connections.
   *
   * <pre>{@code List<BenchPost> loaded = bench.flectoPreload(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> flectoPreload() {
    return repo.preload(posts, "author", "comments", "tags").block();
  }

  /**
   * The same statements written by hand, one after another on one pooled connection: authors,
   * comments, links, tags; then stitched.
   *
   * <pre>{@code List<BenchPost> loaded = bench.rawSequential(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> rawSequential() {
    List<BenchPost> parents = posts;
    Long[] authorIds = authorIds(parents);
    Long[] postIds = postIds(parents);
    return Mono.usingWhen(pool.create(),
            c -> authors(c, authorIds).flatMap(authors -> comments(c, postIds)
                .flatMap(comments -> tags(c, postIds)
                    .map(tags -> stitch(parents, authors, comments, tags)))),
            Connection::close)
        .block();
  }

  /**
   * The same statements written by hand, the three associations concurrently, each on its own
   * pooled connection (the tags' two statements one after the other on theirs); then stitched.
   *
   * <pre>{@code List<BenchPost> loaded = bench.rawParallel(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> rawParallel() {
    List<BenchPost> parents = posts;
    Long[] authorIds = authorIds(parents);
    Long[] postIds = postIds(parents);
    // zipDelayError: should one load fail, the others still read their results to the end rather
    // than being cancelled mid-result, which can leave a pooled connection unusable.
    return Mono.zipDelayError(
            Mono.usingWhen(pool.create(), c -> authors(c, authorIds), Connection::close),
            Mono.usingWhen(pool.create(), c -> comments(c, postIds), Connection::close),
            Mono.usingWhen(pool.create(), c -> tags(c, postIds), Connection::close))
        .map(t -> stitch(parents, t.getT1(), t.getT2(), t.getT3()))
        .block();
  }

  /** The parents the benchmarks preload onto, read by Flecto in the setup (associations not loaded). */
  List<BenchPost> parents() {
    return posts;
  }

  /** The pool both sides use. */
  ConnectionPool pool() {
    return pool;
  }

  /**
   * The SQL expression of the k-th tag (0-based) of post p, as seeded: 7 is coprime with
   * {@value #TAGS}, so every tag is used, and steps of 13 keep a post's tags distinct.
   */
  static String tagSql(String post, String k) {
    return "(" + post + " * 7 + " + k + " * 13) % " + TAGS + " + 1";
  }

  // The keys are collected on every call, as Flecto's preloader does: distinct, in parent order.
  private static Long[] authorIds(List<BenchPost> parents) {
    Set<Long> keys = new LinkedHashSet<>();
    for (BenchPost p : parents) {
      if (p.authorId() != null) {
        keys.add(p.authorId());
      }
    }
    return keys.toArray(new Long[0]);
  }

  private static Long[] postIds(List<BenchPost> parents) {
    Set<Long> keys = new LinkedHashSet<>();
    for (BenchPost p : parents) {
      keys.add(p.id());
    }
    return keys.toArray(new Long[0]);
  }

  private static Mono<Map<Long, BenchAuthor>> authors(Connection c, Long[] ids) {
    return Flux.from(c.createStatement(RAW_AUTHORS).bind(0, ids).execute())
        .flatMap(r -> r.map((row, meta) -> new BenchAuthor(row.get(0, Long.class), row.get(1, String.class))))
        .collect(HashMap::new, (byId, a) -> byId.put(a.id(), a));
  }

  private static Mono<Map<Long, List<BenchComment>>> comments(Connection c, Long[] postIds) {
    return Flux.from(c.createStatement(RAW_COMMENTS).bind(0, postIds).execute())
        .flatMap(r -> r.map((row, meta) ->
            new BenchComment(row.get(0, Long.class), row.get(1, Long.class), row.get(2, String.class))))
        .collect(HashMap::new, (byPost, cm) -> byPost.computeIfAbsent(cm.postId(), k -> new ArrayList<>()).add(cm));
  }

  /** The join table's links for the posts, then the tags they point at, grouped by post in link order. */
  private static Mono<Map<Long, List<BenchTag>>> tags(Connection c, Long[] postIds) {
    return Flux.from(c.createStatement(RAW_LINKS).bind(0, postIds).execute())
        .flatMap(r -> r.map((row, meta) -> new long[] {row.get(0, Long.class), row.get(1, Long.class)}))
        .collectList()
        .flatMap(links -> {
          Set<Long> related = new LinkedHashSet<>();
          links.forEach(l -> related.add(l[1]));
          if (related.isEmpty()) {
            return Mono.just(Map.<Long, List<BenchTag>>of());
          }
          return Flux.from(c.createStatement(RAW_TAGS).bind(0, related.toArray(new Long[0])).execute())
              .flatMap(r -> r.map((row, meta) -> new BenchTag(row.get(0, Long.class), row.get(1, String.class))))
              .collectList()
              .map(ordered -> {
                // As Flecto: each post's tags in the tags query's order, not the link rows' order.
                Map<Long, List<Long>> owners = new HashMap<>();
                for (long[] l : links) {
                  owners.computeIfAbsent(l[1], k -> new ArrayList<>()).add(l[0]);
                }
                Map<Long, List<BenchTag>> byPost = new HashMap<>();
                for (BenchTag tag : ordered) {
                  for (Long post : owners.getOrDefault(tag.id(), List.of())) {
                    byPost.computeIfAbsent(post, k -> new ArrayList<>()).add(tag);
                  }
                }
                return byPost;
              });
        });
  }

  // Immutable lists, as Flecto hands out: the two sides' records compare equal.
  private static List<BenchPost> stitch(List<BenchPost> parents, Map<Long, BenchAuthor> authors,
      Map<Long, List<BenchComment>> comments, Map<Long, List<BenchTag>> tags) {
    List<BenchPost> out = new ArrayList<>(parents.size());
    for (BenchPost p : parents) {
      out.add(new BenchPost(p.id(), p.title(), p.authorId(),
          Assoc.loaded(p.authorId() == null ? null : authors.get(p.authorId())),
          Assoc.loaded(List.copyOf(comments.getOrDefault(p.id(), List.of()))),
          Assoc.loaded(List.copyOf(tags.getOrDefault(p.id(), List.of())))));
    }
    return out;
  }

  // A benchmark of two sides that load different associations would be worthless: fail the trial instead.
  private void verify() {
    if (posts.size() != POSTS || posts.get(0).author().isLoaded()) {
      throw new IllegalStateException("expected " + POSTS + " parents without loaded associations, got " + posts.size());
    }
    List<BenchPost> flecto = flectoPreload();
    List<BenchPost> sequential = rawSequential();
    List<BenchPost> parallel = rawParallel();
    if (!flecto.equals(sequential) || !flecto.equals(parallel)) {
      throw new IllegalStateException("preloaded posts differ between Flecto and the hand-written loads");
    }
    long comments = flecto.stream().mapToLong(p -> p.comments().get().size()).sum();
    long links = flecto.stream().mapToLong(p -> p.tags().get().size()).sum();
    if (flecto.stream().anyMatch(p -> p.author().get() == null)
        || comments != (long) POSTS * COMMENTS_PER_POST || links != (long) POSTS * TAGS_PER_POST) {
      throw new IllegalStateException("preloaded " + comments + " comments and " + links + " tags, expected "
          + POSTS * COMMENTS_PER_POST + " and " + POSTS * TAGS_PER_POST + ", and an author on every post");
    }
  }

  private void dropTables() {
    execute(DROP_TABLES);
  }

  private void execute(String sql) {
    database.execute(sql);
  }
}
