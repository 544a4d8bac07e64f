package dev.flecto.benchmarks;

import static org.springframework.data.domain.Sort.by;
import static org.springframework.data.relational.core.query.Criteria.where;
import static org.springframework.data.relational.core.query.Query.query;

import dev.flecto.query.Query;
import dev.flecto.schema.Assoc;
import io.r2dbc.spi.Connection;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * W5: three associations of {@value #POSTS} {@link BenchPost}s preloaded (a belongs-to, a has-many
 * and a many-to-many through a join table), through each implementation (see {@link Stacks}).
 * Every implementation returns copies of the same parents with author, comments and tags loaded,
 * equal to Flecto's.
 *
 * <p>Only the preload is measured: the parents are read once, through Flecto, in the trial setup,
 * and every operation loads the three associations onto that same list. Outside a transaction
 * Flecto runs sibling preloads concurrently on separate pooled connections, so {@link #raw()} does
 * too; {@link #rawSequential()} shows what the concurrency is worth. The raw side issues Flecto's
 * statements ({@code WHERE key = ANY($1)} over the parents' distinct keys bound as one
 * {@code Long[]}, the same {@code ORDER BY}) and stitches the rows onto the records through hash
 * maps, as do jOOQ and JDBC; Spring's template has no {@code = ANY(array)} criterion and sends {@code IN} lists.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar W5Preload -f 1 -wi 2 -i 3 }</pre>
 */
public class W5Preload extends StacksBenchmark {
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
  // The same statements with JDBC's placeholders, made once rather than on every operation.
  private static final String JDBC_AUTHORS = People.jdbc(RAW_AUTHORS);
  private static final String JDBC_COMMENTS = People.jdbc(RAW_COMMENTS);
  private static final String JDBC_LINKS = People.jdbc(RAW_LINKS);
  private static final String JDBC_TAGS = People.jdbc(RAW_TAGS);

  static final String DROP_TABLES =
      "DROP TABLE IF EXISTS bench_posts_tags, bench_comments, bench_posts, bench_tags, bench_authors";

  // jOOQ's view of the tables (no code generation: typed fields by name). Qualified, so that the
  // MULTISET query's correlated subqueries name their own tables' columns.
  static final Table<?> J_POSTS = DSL.table(DSL.name("bench_posts"));
  static final Field<Long> J_POST_ID = DSL.field(DSL.name("bench_posts", "id"), SQLDataType.BIGINT);
  static final Field<String> J_POST_TITLE = DSL.field(DSL.name("bench_posts", "title"), SQLDataType.CLOB);
  static final Field<Long> J_POST_AUTHOR_ID = DSL.field(DSL.name("bench_posts", "author_id"), SQLDataType.BIGINT);
  static final Table<?> J_AUTHORS = DSL.table(DSL.name("bench_authors"));
  static final Field<Long> J_AUTHOR_ID = DSL.field(DSL.name("bench_authors", "id"), SQLDataType.BIGINT);
  static final Field<String> J_AUTHOR_NAME = DSL.field(DSL.name("bench_authors", "name"), SQLDataType.CLOB);
  static final Table<?> J_COMMENTS = DSL.table(DSL.name("bench_comments"));
  static final Field<Long> J_COMMENT_ID = DSL.field(DSL.name("bench_comments", "id"), SQLDataType.BIGINT);
  static final Field<Long> J_COMMENT_POST_ID = DSL.field(DSL.name("bench_comments", "post_id"), SQLDataType.BIGINT);
  static final Field<String> J_COMMENT_BODY = DSL.field(DSL.name("bench_comments", "body"), SQLDataType.CLOB);
  static final Table<?> J_LINKS = DSL.table(DSL.name("bench_posts_tags"));
  static final Field<Long> J_LINK_POST_ID = DSL.field(DSL.name("bench_posts_tags", "post_id"), SQLDataType.BIGINT);
  static final Field<Long> J_LINK_TAG_ID = DSL.field(DSL.name("bench_posts_tags", "tag_id"), SQLDataType.BIGINT);
  static final Table<?> J_TAGS = DSL.table(DSL.name("bench_tags"));
  static final Field<Long> J_TAG_ID = DSL.field(DSL.name("bench_tags", "id"), SQLDataType.BIGINT);
  static final Field<String> J_TAG_NAME = DSL.field(DSL.name("bench_tags", "name"), SQLDataType.CLOB);

  /**
   * A row of the join table, for Spring's template, which reads tables only through an entity class.
   *
   * <pre>{@code template.select(query(where("post_id").in(ids)), W5Preload.PostTag.class) }</pre>
   *
   * @param postId post_id
   * @param tagId tag_id
   */
  @org.springframework.data.relational.core.mapping.Table("bench_posts_tags")
  public record PostTag(Long postId, Long tagId) {}

  private List<BenchPost> posts;

  /**
   * Creates and seeds the tables, reads the parent posts once, and checks that
   * every implementation loads the same associations.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Override
  void prepare() {
    s.execute(DROP_TABLES);
    s.execute("CREATE TABLE bench_authors (id bigint PRIMARY KEY, name text NOT NULL)");
    s.execute("CREATE TABLE bench_posts ("
        + "id bigint PRIMARY KEY, "
        + "title text NOT NULL, "
        + "author_id bigint NOT NULL REFERENCES bench_authors (id))");
    s.execute("CREATE TABLE bench_comments ("
        + "id bigint PRIMARY KEY, "
        + "post_id bigint NOT NULL REFERENCES bench_posts (id), "
        + "body text NOT NULL)");
    // The has-many filters on post_id: index it, as any schema with this association would.
    s.execute("CREATE INDEX bench_comments_post_id ON bench_comments (post_id)");
    s.execute("CREATE TABLE bench_tags (id bigint PRIMARY KEY, name text NOT NULL)");
    s.execute("CREATE TABLE bench_posts_tags ("
        + "post_id bigint NOT NULL REFERENCES bench_posts (id), "
        + "tag_id bigint NOT NULL REFERENCES bench_tags (id), "
        + "PRIMARY KEY (post_id, tag_id))");
    s.execute("INSERT INTO bench_authors (id, name) SELECT g, 'Author' || g FROM generate_series(1, " + AUTHORS + ") AS g");
    s.execute("INSERT INTO bench_posts (id, title, author_id) "
        + "SELECT g, 'Post' || g, (g - 1) % " + AUTHORS + " + 1 FROM generate_series(1, " + POSTS + ") AS g");
    s.execute("INSERT INTO bench_comments (id, post_id, body) "
        + "SELECT g, (g - 1) % " + POSTS + " + 1, 'Comment' || g FROM generate_series(1, " + POSTS * COMMENTS_PER_POST + ") AS g");
    s.execute("INSERT INTO bench_tags (id, name) SELECT g, 'tag' || g FROM generate_series(1, " + TAGS + ") AS g");
    // Links stored in key order, so a sequential and an index scan return a post's tags alike.
    s.execute("INSERT INTO bench_posts_tags (post_id, tag_id) "
        + "SELECT p, " + tagSql("p", "k") + " FROM generate_series(1, " + POSTS + ") AS p, "
        + "generate_series(0, " + (TAGS_PER_POST - 1) + ") AS k ORDER BY 1, 2");
    s.execute("ANALYZE bench_authors, bench_posts, bench_comments, bench_tags, bench_posts_tags");
    posts = s.repo().all(Query.from(BenchPost.class).orderBy("id").limit(POSTS)).collectList().block();
    verify();
  }

  @Override
  String dropTables() {
    return DROP_TABLES;
  }

  /**
   * {@code repo.preload(posts, "author", "comments", "tags")}: one query each (two for the tags),
   * run concurrently on separate pooled connections.
   *
   * <pre>{@code List<BenchPost> loaded = bench.flecto(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> flecto() {
    return s.repo().preload(posts, "author", "comments", "tags").block();
  }

  /**
   * Flecto's statements written by hand, the three associations concurrently, each on its own
   * pooled connection (the tags' two statements one after the other on theirs); then stitched.
   *
   * <pre>{@code List<BenchPost> loaded = bench.raw(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> raw() {
    List<BenchPost> parents = posts;
    Long[] authorIds = authorIds(parents);
    Long[] postIds = postIds(parents);
    // zipDelayError: should one load fail, the others still read their results to the end rather
    // than being cancelled mid-result, which can leave a pooled connection unusable.
    return Mono.zipDelayError(
            Mono.usingWhen(s.pool().create(), c -> authors(c, authorIds), Connection::close),
            Mono.usingWhen(s.pool().create(), c -> comments(c, postIds), Connection::close),
            Mono.usingWhen(s.pool().create(), c -> tags(c, postIds), Connection::close))
        .map(t -> stitch(parents, t.getT1(), t.getT2(), t.getT3()))
        .block();
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
    return Mono.usingWhen(s.pool().create(),
            c -> authors(c, authorIds).flatMap(authors -> comments(c, postIds)
                .flatMap(comments -> tags(c, postIds)
                    .map(tags -> stitch(parents, authors, comments, tags)))),
            Connection::close)
        .block();
  }

  /**
   * {@code template.select(query(where(key).in(keys)).sort(by("id")), Entity.class)} for each
   * association (the join table through {@link PostTag}, then its tags), the three loads
   * concurrently with {@code Mono.zip} as each select takes its own pooled connection; then
   * stitched. Spring's criteria have no {@code = ANY(array)}: {@code in} expands to one bind parameter a
   * key, 1,000 for the comments and links.
   *
   * <pre>{@code List<BenchPost> loaded = bench.spring(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> spring() {
    List<BenchPost> parents = posts;
    List<Long> authorIds = Arrays.asList(authorIds(parents));
    List<Long> postIds = Arrays.asList(postIds(parents));
    Mono<Map<Long, BenchAuthor>> authors = s.template()
        .select(query(where("id").in(authorIds)).sort(by("id")), BenchAuthor.class)
        .collect(HashMap::new, (byId, a) -> byId.put(a.id(), a));
    Mono<Map<Long, List<BenchComment>>> comments = s.template()
        .select(query(where("post_id").in(postIds)).sort(by("id")), BenchComment.class)
        .collect(HashMap::new, W5Preload::addComment);
    Mono<Map<Long, List<BenchTag>>> tags = s.template()
        .select(query(where("post_id").in(postIds)), PostTag.class)
        .map(l -> new long[] {l.postId(), l.tagId()})
        .collectList()
        .flatMap(links -> links.isEmpty() ? Mono.just(Map.<Long, List<BenchTag>>of()) : s.template()
            .select(query(where("id").in(relatedTagIds(links))).sort(by("id")), BenchTag.class)
            .collectList()
            .map(ordered -> tagsByPost(links, ordered)));
    return Mono.zipDelayError(authors, comments, tags)
        .map(t -> stitch(parents, t.getT1(), t.getT2(), t.getT3()))
        .block();
  }

  /**
   * The same three loads in jOOQ ({@code select(..).from(..).where(KEY.eq(any(keys))).orderBy(ID)},
   * the keys bound as one array), concurrently with {@code Mono.zip} as each query takes its own
   * pooled connection; then stitched.
   *
   * <p>jOOQ binds a PostgreSQL array as its text, {@code = any (cast($1 as bigint[]))}. For the
   * first five executions of a statement on a connection PostgreSQL plans it with the value
   * (custom plans), and evaluates that cast once a row: the comments' load then took about 1 s
   * instead of 50 ms (measured, {@code EXPLAIN ANALYZE}: an index scan on the primary key with the
   * cast in its filter). From the sixth execution on, the generic plan is fast. The warmup
   * (2 x 4 s) is there to get past it; a run of a few operations does not (a one-second sanity run
   * measured 1 op/s). {@code KEY.in(list)} avoids it but was about twice as slow once warm (one
   * parameter a key).
   *
   * <pre>{@code List<BenchPost> loaded = bench.jooq(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> jooq() {
    List<BenchPost> parents = posts;
    Long[] authorIds = authorIds(parents);
    Long[] postIds = postIds(parents);
    Mono<Map<Long, BenchAuthor>> authors = Flux.from(s.jooq()
            .select(J_AUTHOR_ID, J_AUTHOR_NAME).from(J_AUTHORS)
            .where(J_AUTHOR_ID.eq(DSL.any(authorIds))).orderBy(J_AUTHOR_ID))
        .collect(HashMap::new, (byId, r) -> byId.put(r.value1(), new BenchAuthor(r.value1(), r.value2())));
    Mono<Map<Long, List<BenchComment>>> comments = Flux.from(s.jooq()
            .select(J_COMMENT_ID, J_COMMENT_POST_ID, J_COMMENT_BODY).from(J_COMMENTS)
            .where(J_COMMENT_POST_ID.eq(DSL.any(postIds))).orderBy(J_COMMENT_ID))
        .map(r -> new BenchComment(r.value1(), r.value2(), r.value3()))
        .collect(HashMap::new, W5Preload::addComment);
    Mono<Map<Long, List<BenchTag>>> tags = Flux.from(s.jooq()
            .select(J_LINK_POST_ID, J_LINK_TAG_ID).from(J_LINKS)
            .where(J_LINK_POST_ID.eq(DSL.any(postIds))))
        .map(r -> new long[] {r.value1(), r.value2()})
        .collectList()
        .flatMap(links -> links.isEmpty() ? Mono.just(Map.<Long, List<BenchTag>>of()) : Flux.from(s.jooq()
                .select(J_TAG_ID, J_TAG_NAME).from(J_TAGS)
                .where(J_TAG_ID.eq(DSL.any(relatedTagIds(links).toArray(new Long[0])))).orderBy(J_TAG_ID))
            .map(r -> new BenchTag(r.value1(), r.value2()))
            .collectList()
            .map(ordered -> tagsByPost(links, ordered)));
    return Mono.zipDelayError(authors, comments, tags)
        .map(t -> stitch(parents, t.getT1(), t.getT2(), t.getT3()))
        .block();
  }

  /**
   * One jOOQ query that returns the posts with everything nested: the author by a left join, the
   * comments and the tags as {@code MULTISET} subqueries (which jOOQ runs on PostgreSQL as JSONB
   * aggregates and reads back), mapped into the same records.
   *
   * <pre>{@code List<BenchPost> loaded = bench.jooqMultiset(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> jooqMultiset() {
    Long[] postIds = postIds(posts);
    Field<List<BenchComment>> comments = DSL.multiset(
            DSL.select(J_COMMENT_ID, J_COMMENT_POST_ID, J_COMMENT_BODY).from(J_COMMENTS)
                .where(J_COMMENT_POST_ID.eq(J_POST_ID)).orderBy(J_COMMENT_ID))
        .convertFrom(r -> r.map(Records.mapping(BenchComment::new)));
    Field<List<BenchTag>> tags = DSL.multiset(
            DSL.select(J_TAG_ID, J_TAG_NAME).from(J_TAGS)
                .join(J_LINKS).on(J_LINK_TAG_ID.eq(J_TAG_ID))
                .where(J_LINK_POST_ID.eq(J_POST_ID)).orderBy(J_TAG_ID))
        .convertFrom(r -> r.map(Records.mapping(BenchTag::new)));
    return Flux.from(s.jooq()
            .select(J_POST_ID, J_POST_TITLE, J_POST_AUTHOR_ID, J_AUTHOR_ID, J_AUTHOR_NAME, comments, tags)
            .from(J_POSTS)
            .leftJoin(J_AUTHORS).on(J_AUTHOR_ID.eq(J_POST_AUTHOR_ID))
            .where(J_POST_ID.eq(DSL.any(postIds)))
            .orderBy(J_POST_ID))
        .map(r -> new BenchPost(r.value1(), r.value2(), r.value3(),
            Assoc.loaded(r.value4() == null ? null : new BenchAuthor(r.value4(), r.value5())),
            Assoc.loaded(List.copyOf(r.value6())), Assoc.loaded(List.copyOf(r.value7()))))
        .collectList()
        .block();
  }

  /**
   * The raw side's statements with {@code = ANY(?)} and arrays from {@code createArrayOf("bigint", ..)},
   * one after another on one HikariCP connection; then stitched.
   *
   * <pre>{@code List<BenchPost> loaded = bench.jdbc(); }</pre>
   *
   * @return copies of the parents with author, comments and tags loaded
   */
  @Benchmark
  public List<BenchPost> jdbc() {
    List<BenchPost> parents = posts;
    Long[] authorIds = authorIds(parents);
    Long[] postIds = postIds(parents);
    try (java.sql.Connection c = s.jdbc().getConnection()) {
      Map<Long, BenchAuthor> authors = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(JDBC_AUTHORS)) {
        ps.setArray(1, c.createArrayOf("bigint", authorIds));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            authors.put(rs.getLong(1), new BenchAuthor(rs.getLong(1), rs.getString(2)));
          }
        }
      }
      Array postArray = c.createArrayOf("bigint", postIds);
      Map<Long, List<BenchComment>> comments = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(JDBC_COMMENTS)) {
        ps.setArray(1, postArray);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            addComment(comments, new BenchComment(rs.getLong(1), rs.getLong(2), rs.getString(3)));
          }
        }
      }
      List<long[]> links = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(JDBC_LINKS)) {
        ps.setArray(1, postArray);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            links.add(new long[] {rs.getLong(1), rs.getLong(2)});
          }
        }
      }
      Map<Long, List<BenchTag>> tags = Map.of();
      if (!links.isEmpty()) {
        List<BenchTag> ordered = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(JDBC_TAGS)) {
          ps.setArray(1, c.createArrayOf("bigint", relatedTagIds(links).toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ordered.add(new BenchTag(rs.getLong(1), rs.getString(2)));
            }
          }
        }
        tags = tagsByPost(links, ordered);
      }
      return stitch(parents, authors, comments, tags);
    } catch (SQLException e) {
      throw new IllegalStateException("JDBC preload of " + parents.size() + " posts: " + e.getMessage(), e);
    }
  }

  /** The parents the benchmarks preload onto, read by Flecto in the setup (associations not loaded). */
  List<BenchPost> parents() {
    return posts;
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
        .collect(HashMap::new, W5Preload::addComment);
  }

  /** The join table's links for the posts, then the tags they point at, grouped by post. */
  private static Mono<Map<Long, List<BenchTag>>> tags(Connection c, Long[] postIds) {
    return Flux.from(c.createStatement(RAW_LINKS).bind(0, postIds).execute())
        .flatMap(r -> r.map((row, meta) -> new long[] {row.get(0, Long.class), row.get(1, Long.class)}))
        .collectList()
        .flatMap(links -> {
          if (links.isEmpty()) {
            return Mono.just(Map.<Long, List<BenchTag>>of());
          }
          return Flux.from(c.createStatement(RAW_TAGS).bind(0, relatedTagIds(links).toArray(new Long[0])).execute())
              .flatMap(r -> r.map((row, meta) -> new BenchTag(row.get(0, Long.class), row.get(1, String.class))))
              .collectList()
              .map(ordered -> tagsByPost(links, ordered));
        });
  }

  private static void addComment(Map<Long, List<BenchComment>> byPost, BenchComment comment) {
    byPost.computeIfAbsent(comment.postId(), k -> new ArrayList<>()).add(comment);
  }

  /** The distinct tag ids the links point at, in link order. */
  private static Set<Long> relatedTagIds(List<long[]> links) {
    Set<Long> related = new LinkedHashSet<>();
    for (long[] l : links) {
      related.add(l[1]);
    }
    return related;
  }

  /** As Flecto: each post's tags in the tags query's order, not the link rows' order. */
  private static Map<Long, List<BenchTag>> tagsByPost(List<long[]> links, List<BenchTag> ordered) {
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
  }

  // Immutable lists, as Flecto hands out: every side's records compare equal.
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

  // A benchmark of sides that load different associations would be worthless: fail the trial instead.
  private void verify() {
    if (posts.size() != POSTS || posts.get(0).author().isLoaded()) {
      throw new IllegalStateException("expected " + POSTS + " parents without loaded associations, got " + posts.size());
    }
    List<BenchPost> flecto = flecto();
    long comments = flecto.stream().mapToLong(p -> p.comments().get().size()).sum();
    long links = flecto.stream().mapToLong(p -> p.tags().get().size()).sum();
    if (flecto.stream().anyMatch(p -> p.author().get() == null)
        || comments != (long) POSTS * COMMENTS_PER_POST || links != (long) POSTS * TAGS_PER_POST) {
      throw new IllegalStateException("preloaded " + comments + " comments and " + links + " tags, expected "
          + POSTS * COMMENTS_PER_POST + " and " + POSTS * TAGS_PER_POST + ", and an author on every post");
    }
    Checks.same("W5 preload of " + POSTS + " posts", "flecto", flecto, "raw", raw(), "rawSequential", rawSequential(),
        "spring", spring(), "jooq", jooq(), "jooqMultiset", jooqMultiset(), "jdbc", jdbc());
  }
}
