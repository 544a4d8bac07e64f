package dev.flecto.benchmarks;

import static org.springframework.data.relational.core.query.Criteria.where;
import static org.springframework.data.relational.core.query.Query.query;

import dev.flecto.changeset.Changeset;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiResult;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * W7: five dependent writes and a read in one transaction, through each implementation (see
 * {@link Stacks}): (1) insert an {@link Author}, (2) insert a {@link Post} of that author, (3)
 * insert a {@link Comment} on that post, (4) update the post's title, (5) count the post's
 * comments. Flecto runs them as one {@link Multi} given to {@code repo.transact}; the others chain
 * the same steps in their own transactions. Every implementation returns an {@link Outcome}: the
 * three rows as written and the count. Each operation writes new rows (names numbered by a
 * counter); the count reads through an index, so the growing tables do not slow later operations.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar W7Multi -f 1 -wi 2 -i 3 }</pre>
 */
public class W7Multi extends StacksBenchmark {
  static final String DROP = "DROP TABLE IF EXISTS bench_multi_comments, bench_multi_posts, bench_multi_authors";

  // The statements Flecto sends for the five steps, written by hand: the same columns and
  // RETURNING lists, only without its quotes and alias.
  static final String INSERT_AUTHOR = "INSERT INTO bench_multi_authors (name) VALUES ($1) RETURNING id, name";
  static final String INSERT_POST =
      "INSERT INTO bench_multi_posts (author_id, title) VALUES ($1, $2) RETURNING id, author_id, title";
  static final String INSERT_COMMENT =
      "INSERT INTO bench_multi_comments (post_id, body) VALUES ($1, $2) RETURNING id, post_id, body";
  // As Flecto's (Ecto's) update: the row is not read back, and it is changed only when no other row has its key.
  static final String UPDATE_TITLE = "UPDATE bench_multi_posts SET title = $1 WHERE id = $2"
      + " AND (SELECT count(*) FROM bench_multi_posts WHERE id = $2) = 1";
  static final String COUNT_COMMENTS = "SELECT count(*) FROM bench_multi_comments WHERE post_id = $1";
  // The same statements with JDBC's placeholders, made once rather than on every operation.
  private static final String JDBC_INSERT_AUTHOR = People.jdbc(INSERT_AUTHOR);
  private static final String JDBC_INSERT_POST = People.jdbc(INSERT_POST);
  private static final String JDBC_INSERT_COMMENT = People.jdbc(INSERT_COMMENT);
  private static final String JDBC_UPDATE_TITLE = People.jdbc(UPDATE_TITLE);
  private static final String JDBC_COUNT_COMMENTS = People.jdbc(COUNT_COMMENTS);

  static final Table<?> J_AUTHORS = DSL.table(DSL.name("bench_multi_authors"));
  static final Field<Long> J_AUTHOR_ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
  static final Field<String> J_AUTHOR_NAME = DSL.field(DSL.name("name"), SQLDataType.CLOB);
  static final Table<?> J_POSTS = DSL.table(DSL.name("bench_multi_posts"));
  static final Field<Long> J_POST_ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
  static final Field<Long> J_POST_AUTHOR_ID = DSL.field(DSL.name("author_id"), SQLDataType.BIGINT);
  static final Field<String> J_POST_TITLE = DSL.field(DSL.name("title"), SQLDataType.CLOB);
  static final Table<?> J_COMMENTS = DSL.table(DSL.name("bench_multi_comments"));
  static final Field<Long> J_COMMENT_ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
  static final Field<Long> J_COMMENT_POST_ID = DSL.field(DSL.name("post_id"), SQLDataType.BIGINT);
  static final Field<String> J_COMMENT_BODY = DSL.field(DSL.name("body"), SQLDataType.CLOB);

  /**
   * The author step 1 inserts.
   *
   * <pre>{@code repo.insert(new W7Multi.Author(null, "Author 1")) }</pre>
   *
   * @param id the primary key, an identity column
   * @param name name
   */
  @Schema("bench_multi_authors")
  @org.springframework.data.relational.core.mapping.Table("bench_multi_authors")
  public record Author(@Id @org.springframework.data.annotation.Id Long id, String name) {}

  /**
   * The post step 2 inserts and step 4 retitles.
   *
   * <pre>{@code repo.insert(new W7Multi.Post(null, author.id(), "Post 1")) }</pre>
   *
   * @param id the primary key, an identity column
   * @param authorId author_id
   * @param title title
   */
  @Schema("bench_multi_posts")
  @org.springframework.data.relational.core.mapping.Table("bench_multi_posts")
  public record Post(@Id @org.springframework.data.annotation.Id Long id, Long authorId, String title) {}

  /**
   * The comment step 3 inserts.
   *
   * <pre>{@code repo.insert(new W7Multi.Comment(null, post.id(), "Comment 1")) }</pre>
   *
   * @param id the primary key, an identity column
   * @param postId post_id
   * @param body body
   */
  @Schema("bench_multi_comments")
  @org.springframework.data.relational.core.mapping.Table("bench_multi_comments")
  public record Comment(@Id @org.springframework.data.annotation.Id Long id, Long postId, String body) {}

  /**
   * What one operation produced: the rows as written (the post after step 4) and step 5's count.
   *
   * <pre>{@code Outcome o = bench.raw(7); o.withoutIds().post().title() // "Post 7 (edited)" }</pre>
   *
   * @param author the author
   * @param post the post, retitled
   * @param comment the comment
   * @param comments the post's comments counted in the transaction
   */
  public record Outcome(Author author, Post post, Comment comment, long comments) {
    /**
     * The outcome without its generated ids, to compare implementations, after checking that the
     * rows point at each other.
     *
     * <pre>{@code a.withoutIds().equals(b.withoutIds()) }</pre>
     *
     * @return the same values with every id null
     * @throws IllegalStateException when the post is not the author's or the comment not the post's
     */
    public Outcome withoutIds() {
      if (!author.id().equals(post.authorId()) || !post.id().equals(comment.postId())) {
        throw new IllegalStateException("W7 rows do not point at each other: " + this);
      }
      return new Outcome(new Author(null, author.name()), new Post(null, null, post.title()),
          new Comment(null, null, comment.body()), comments);
    }
  }

  private final AtomicLong next = new AtomicLong();

  /**
   * Creates the tables, and checks that every implementation produces the same
   * outcome from the same input and leaves the same rows.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Override
  void prepare() {
    s.execute(DROP);
    s.execute("CREATE TABLE bench_multi_authors (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL)");
    s.execute("CREATE TABLE bench_multi_posts (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
        + "author_id bigint NOT NULL REFERENCES bench_multi_authors (id), title text NOT NULL)");
    s.execute("CREATE TABLE bench_multi_comments (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
        + "post_id bigint NOT NULL REFERENCES bench_multi_posts (id), body text NOT NULL)");
    // Step 5 counts by post_id, as do the foreign key's checks on delete: index it, as any such schema would.
    s.execute("CREATE INDEX bench_multi_comments_post_id ON bench_multi_comments (post_id)");
    long n = next.incrementAndGet();
    Outcome raw = raw(n);
    Outcome expected = new Outcome(new Author(null, "Author " + n), new Post(null, null, "Post " + n + " (edited)"),
        new Comment(null, null, "Comment " + n), 1);
    Checks.same("W7 multi (raw)", "expected", expected, "raw", raw.withoutIds(), "raw (as stored)", stored(raw).withoutIds());
    Outcome[] others = {flecto(n), spring(n), jooq(n), jdbc(n)};
    String[] names = {"flecto", "spring", "jooq", "jdbc"};
    for (int i = 0; i < others.length; i++) {
      Checks.same("W7 multi", "raw", raw.withoutIds(), names[i], others[i].withoutIds(), names[i] + " (as stored)",
          stored(others[i]).withoutIds());
    }
  }

  @Override
  String dropTables() {
    return DROP;
  }

  /**
   * {@code repo.transact(multi)} of a {@link Multi} whose steps 2 to 5 are functions of the
   * changes so far: {@code insert}, {@code insert}, {@code insert}, {@code update} of a changeset,
   * and {@code run} of {@code repo.aggregate(.., COUNT)}.
   *
   * <pre>{@code Outcome o = bench.flecto(); }</pre>
   *
   * @return the rows written and the count
   */
  @Benchmark
  public Outcome flecto() {
    return flecto(next.incrementAndGet());
  }

  /**
   * {@link #flecto()} with SQL logging on ({@code SqlLogger} at DEBUG into a logger that drops the
   * lines), against the same Multi with no listener.
   *
   * <pre>{@code Outcome o = bench.flectoLogged(); }</pre>
   *
   * @return the rows written and the count
   */
  @Benchmark
  public Outcome flectoLogged() {
    return flecto(s.loggedRepo(), next.incrementAndGet());
  }

  /**
   * Flecto's five statements by hand on one pooled connection between {@code beginTransaction}
   * and {@code commitTransaction} (a rollback on error), rows mapped by index.
   *
   * <pre>{@code Outcome o = bench.raw(); }</pre>
   *
   * @return the rows written and the count
   */
  @Benchmark
  public Outcome raw() {
    return raw(next.incrementAndGet());
  }

  /**
   * {@code template.insert} three times, {@code template.update(post)} (which, as Spring updates an
   * entity, sets every column rather than the changed title) and
   * {@code template.count(query(where("post_id").is(id)), Comment.class)}, chained in
   * {@code springTx().transactional(..)}.
   *
   * <pre>{@code Outcome o = bench.spring(); }</pre>
   *
   * @return the rows written and the count
   */
  @Benchmark
  public Outcome spring() {
    return spring(next.incrementAndGet());
  }

  /**
   * {@code insertInto(..).values(..).returningResult(ID)} three times, {@code update(..).set(..)},
   * and {@code selectCount()}, chained in {@code transactionPublisher}.
   *
   * <pre>{@code Outcome o = bench.jooq(); }</pre>
   *
   * @return the rows written and the count
   */
  @Benchmark
  public Outcome jooq() {
    return jooq(next.incrementAndGet());
  }

  /**
   * The raw side's statements as prepared statements on one HikariCP connection, autocommit off,
   * then commit (a rollback on error).
   *
   * <pre>{@code Outcome o = bench.jdbc(); }</pre>
   *
   * @return the rows written and the count
   */
  @Benchmark
  public Outcome jdbc() {
    return jdbc(next.incrementAndGet());
  }

  Outcome flecto(long n) {
    return flecto(s.repo(), n);
  }

  Outcome flecto(dev.flecto.repo.Repo on, long n) {
    Multi multi = Multi.create()
        .insert("author", new Author(null, "Author " + n))
        .insert("post", changes -> new Post(null, changes.get("author", Author.class).id(), "Post " + n))
        .insert("comment", changes -> new Comment(null, changes.get("post", Post.class).id(), "Comment " + n))
        .update("edited", changes -> Changeset.change(changes.get("post", Post.class), Map.of("title", "Post " + n + " (edited)")))
        .run("comments", (repo, changes) -> repo.aggregate(
            Query.from(Comment.class).where("postId", changes.get("edited", Post.class).id()), Aggregate.COUNT));
    MultiResult r = on.transact(multi).block();
    return new Outcome(r.get("author", Author.class), r.get("edited", Post.class), r.get("comment", Comment.class),
        r.get("comments", Long.class));
  }

  Outcome raw(long n) {
    return RawTx.inTransaction(s.pool(), c ->
            one(c.createStatement(INSERT_AUTHOR).bind(0, "Author " + n), W7Multi::author)
                .flatMap(author -> one(c.createStatement(INSERT_POST).bind(0, author.id()).bind(1, "Post " + n), W7Multi::post)
                    .flatMap(post -> one(c.createStatement(INSERT_COMMENT).bind(0, post.id()).bind(1, "Comment " + n),
                        W7Multi::comment)
                        .flatMap(comment -> updated(c.createStatement(UPDATE_TITLE).bind(0, "Post " + n + " (edited)")
                            .bind(1, post.id()), new Post(post.id(), post.authorId(), "Post " + n + " (edited)"))
                            .flatMap(edited -> one(c.createStatement(COUNT_COMMENTS).bind(0, edited.id()),
                                (row, meta) -> row.get(0, Long.class))
                                .map(count -> new Outcome(author, edited, comment, count)))))))
        .block();
  }

  Outcome spring(long n) {
    return s.springTx().transactional(s.template().insert(new Author(null, "Author " + n))
            .flatMap(author -> s.template().insert(new Post(null, author.id(), "Post " + n))
                .flatMap(post -> s.template().insert(new Comment(null, post.id(), "Comment " + n))
                    .flatMap(comment -> s.template().update(new Post(post.id(), post.authorId(), "Post " + n + " (edited)"))
                        .flatMap(edited -> s.template().count(query(where("post_id").is(edited.id())), Comment.class)
                            .map(count -> new Outcome(author, edited, comment, count)))))))
        .block();
  }

  Outcome jooq(long n) {
    String name = "Author " + n;
    String title = "Post " + n;
    String body = "Comment " + n;
    String edited = "Post " + n + " (edited)";
    // Flux.from(..).single(), not Mono.from: Mono.from cancels its source at the first value, which
    // would cancel the transaction before its COMMIT.
    return Flux.from(s.jooq().transactionPublisher(trx -> {
          DSLContext tx = trx.dsl();
          return Flux.from(tx.insertInto(J_AUTHORS, J_AUTHOR_NAME).values(name).returningResult(J_AUTHOR_ID)).single()
              .map(r -> new Author(r.value1(), name))
              .flatMap(author -> Flux.from(tx.insertInto(J_POSTS, J_POST_AUTHOR_ID, J_POST_TITLE)
                      .values(author.id(), title).returningResult(J_POST_ID)).single()
                  .map(r -> new Post(r.value1(), author.id(), title))
                  .flatMap(post -> Flux.from(tx.insertInto(J_COMMENTS, J_COMMENT_POST_ID, J_COMMENT_BODY)
                          .values(post.id(), body).returningResult(J_COMMENT_ID)).single()
                      .map(r -> new Comment(r.value1(), post.id(), body))
                      .flatMap(comment -> Flux.from(tx.update(J_POSTS).set(J_POST_TITLE, edited)
                              .where(J_POST_ID.eq(post.id()))).single()
                          .then(Flux.from(tx.selectCount().from(J_COMMENTS).where(J_COMMENT_POST_ID.eq(post.id())))
                              .single())
                          .map(count -> new Outcome(author, new Post(post.id(), author.id(), edited), comment,
                              count.value1())))));
        }))
        .single()
        .block();
  }

  Outcome jdbc(long n) {
    return RawTx.inJdbcTransaction(s.jdbc(), "JDBC multi " + n, c -> {
      Author author;
      try (PreparedStatement ps = c.prepareStatement(JDBC_INSERT_AUTHOR)) {
        ps.setString(1, "Author " + n);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          author = new Author(rs.getLong(1), rs.getString(2));
        }
      }
      Post post;
      try (PreparedStatement ps = c.prepareStatement(JDBC_INSERT_POST)) {
        ps.setLong(1, author.id());
        ps.setString(2, "Post " + n);
        post = post(ps);
      }
      Comment comment;
      try (PreparedStatement ps = c.prepareStatement(JDBC_INSERT_COMMENT)) {
        ps.setLong(1, post.id());
        ps.setString(2, "Comment " + n);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          comment = new Comment(rs.getLong(1), rs.getLong(2), rs.getString(3));
        }
      }
      Post edited = new Post(post.id(), post.authorId(), "Post " + n + " (edited)");
      try (PreparedStatement ps = c.prepareStatement(JDBC_UPDATE_TITLE)) {
        ps.setString(1, edited.title());
        ps.setLong(2, post.id());
        ps.setLong(3, post.id()); // JDBC's placeholders are positional: the key's $2 is bound twice
        if (ps.executeUpdate() != 1) {
          throw new SQLException("the update of post " + post.id() + " changed no row");
        }
      }
      long count;
      try (PreparedStatement ps = c.prepareStatement(JDBC_COUNT_COMMENTS)) {
        ps.setLong(1, edited.id());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          count = rs.getLong(1);
        }
      }
      return new Outcome(author, edited, comment, count);
    });
  }

  /** The rows an outcome names, as stored, and the post's comments counted now; read on the driver. */
  Outcome stored(Outcome o) {
    return Mono.usingWhen(s.pool().create(),
            c -> one(c.createStatement("SELECT id, name FROM bench_multi_authors WHERE id = $1").bind(0, o.author().id()),
                W7Multi::author)
                .zipWith(one(c.createStatement("SELECT id, author_id, title FROM bench_multi_posts WHERE id = $1")
                    .bind(0, o.post().id()), W7Multi::post))
                .zipWith(one(c.createStatement("SELECT id, post_id, body FROM bench_multi_comments WHERE id = $1")
                    .bind(0, o.comment().id()), W7Multi::comment))
                .zipWith(one(c.createStatement(COUNT_COMMENTS).bind(0, o.post().id()), (row, meta) -> row.get(0, Long.class)))
                .map(t -> new Outcome(t.getT1().getT1().getT1(), t.getT1().getT1().getT2(), t.getT1().getT2(), t.getT2())),
            Connection::close)
        .block();
  }

  // Every row of the result is read (single() fails on a second one), so no result is left unconsumed.
  private static <T> Mono<T> one(Statement statement, BiFunction<Row, RowMetadata, T> map) {
    return Flux.from(statement.execute()).flatMap(r -> r.map(map)).single();
  }

  // An update without RETURNING: the record is the one given, once the statement changed its row.
  private static <T> Mono<T> updated(Statement statement, T record) {
    return Flux.from(statement.execute()).flatMap(r -> r.getRowsUpdated()).reduce(0L, Long::sum)
        .flatMap(rows -> rows == 1 ? Mono.just(record) : Mono.error(new IllegalStateException("the update of " + record
            + " changed " + rows + " rows")));
  }

  private static Author author(Row row, RowMetadata meta) {
    return new Author(row.get(0, Long.class), row.get(1, String.class));
  }

  private static Post post(Row row, RowMetadata meta) {
    return new Post(row.get(0, Long.class), row.get(1, Long.class), row.get(2, String.class));
  }

  private static Comment comment(Row row, RowMetadata meta) {
    return new Comment(row.get(0, Long.class), row.get(1, Long.class), row.get(2, String.class));
  }

  private static Post post(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new Post(rs.getLong(1), rs.getLong(2), rs.getString(3));
    }
  }
}
