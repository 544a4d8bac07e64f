package dev.flecto.it;

import static dev.flecto.query.Exprs.and;
import static dev.flecto.query.Exprs.avg;
import static dev.flecto.query.Exprs.cast;
import static dev.flecto.query.Exprs.coalesce;
import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.countDistinct;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static dev.flecto.query.Exprs.lower;
import static dev.flecto.query.Exprs.max;
import static dev.flecto.query.Exprs.min;
import static dev.flecto.query.Exprs.not;
import static dev.flecto.query.Exprs.or;
import static dev.flecto.query.Exprs.param;
import static dev.flecto.query.Exprs.sum;
import static dev.flecto.query.Exprs.upper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.QueryException;
import dev.flecto.it.QPost.Status;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Expr;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Op;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The query language end to end on PostgreSQL: joins, conditions, selections, grouping, order,
 * first/last/exclude, locks, and the planner's errors as error signals.
 *
 * <p>The data, made by {@link #data(Repo)}:
 * <pre>
 * authors   Ann ("annie"), Bob (no nickname)
 * posts     streams "Java Streams"  votes 10   Ann   PUBLISHED   comments great(5) meh(1) late(null)
 *           records "java records"  votes 3    Ann   DRAFT       no comments
 *           ecto    "Elixir Ecto"   votes null Bob   PUBLISHED   comment nice(7)
 *           kotlin  "Kotlin Flows"  votes 25   none  ARCHIVED    no comments
 * comments  orphan(2) points at post 999999, which does not exist
 * </pre>
 */
@FlectoTest(schema = "/query.sql")
class QueryLanguageIT {
  private static final Duration T = Duration.ofSeconds(10);
  private static final long MISSING_POST = 999_999L;
  private static final Instant NOON = Instant.parse("2024-01-01T12:00:00Z");

  /** A plain (non-schema) record selected into by position. */
  public record TitleCount(String title, Long comments) {}

  /** Another, mixing a field, an aggregate and arithmetic. */
  public record PostStats(Long postId, Long comments, Long votes, Integer bestPlusOne) {}

  record Data(QAuthor ann, QAuthor bob, QPost streams, QPost records, QPost ecto, QPost kotlin,
      QComment great, QComment meh, QComment late, QComment nice, QComment orphan) {}

  private static Data data(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", "annie")).block(T);
    QAuthor bob = repo.insert(QAuthor.of("Bob", null)).block(T);
    QPost streams = repo.insert(QPost.of("Java Streams", 10, ann.id(), Status.PUBLISHED)).block(T);
    QPost records = repo.insert(QPost.of("java records", 3, ann.id(), Status.DRAFT)).block(T);
    QPost ecto = repo.insert(QPost.of("Elixir Ecto", null, bob.id(), Status.PUBLISHED)).block(T);
    QPost kotlin = repo.insert(QPost.of("Kotlin Flows", 25, null, Status.ARCHIVED)).block(T);
    QComment great = repo.insert(QComment.of(streams.id(), "great", 5, NOON.minusSeconds(7200))).block(T);
    QComment meh = repo.insert(QComment.of(streams.id(), "meh", 1, NOON.minusSeconds(3600))).block(T);
    QComment late = repo.insert(QComment.of(streams.id(), "late", null, NOON)).block(T);
    QComment nice = repo.insert(QComment.of(ecto.id(), "nice", 7, NOON.minusSeconds(10800))).block(T);
    QComment orphan = repo.insert(QComment.of(MISSING_POST, "orphan", 2, NOON.minusSeconds(14400))).block(T);
    return new Data(ann, bob, streams, records, ecto, kotlin, great, meh, late, nice, orphan);
  }

  private static Query<QPost> posts() {
    return Query.from(QPost.class);
  }

  private static Query<QPost> postsWithComments(JoinKind kind) {
    return posts().as("p").join(kind, QComment.class, "c", field("c", "postId").eq(field("p", "id")));
  }

  private static Map<String, Expr> titleAndBody() {
    Map<String, Expr> m = new LinkedHashMap<>();
    m.put("title", field("p", "title"));
    m.put("body", field("c", "body"));
    return m;
  }

  private static List<String> titles(Repo repo, Query<QPost> q) {
    return repo.all(q).map(QPost::title).collectList().block(T);
  }

  private static List<String> sortedTitles(Repo repo, Query<QPost> q) {
    List<String> out = new ArrayList<>(titles(repo, q));
    Collections.sort(out);
    return out;
  }

  /** Rows of a title/body selection as "title|body" (null shows as "null"). */
  private static List<String> pairs(Repo repo, Query<Map<String, Object>> q) {
    return repo.all(q).map(r -> r.get("title") + "|" + r.get("body")).collectList().block(T);
  }

  private static void fails(Flux<?> rows, Consumer<Throwable> check) {
    rows.as(StepVerifier::create)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(QueryException.class);
          check.accept(e);
        })
        .verify(T);
  }

  // ---------------------------------------------------------------- 1. joins

  @Test
  void innerJoinKeepsOnlyPostsWithComments(Repo repo) {
    data(repo);
    Query<Map<String, Object>> q = postsWithComments(JoinKind.INNER)
        .orderBy(Order.asc(field("p", "id")), Order.asc(field("c", "id"))).select(titleAndBody());
    assertThat(pairs(repo, q)).containsExactly(
        "Java Streams|great", "Java Streams|meh", "Java Streams|late", "Elixir Ecto|nice");
    Query<Map<String, Object>> shorthand = posts().as("p")
        .join(QComment.class, "c", field("c", "postId").eq(field("p", "id")))
        .orderBy(Order.asc(field("c", "id"))).select(titleAndBody());
    assertThat(pairs(repo, shorthand)).as("join(schema, binding, on) is an inner join").isEqualTo(pairs(repo, q));
    assertThat(repo.all(postsWithComments(JoinKind.INNER)).count().block(T))
        .as("the source records, once per matching comment").isEqualTo(4L);
  }

  @Test
  void leftJoinKeepsPostsWithoutComments(Repo repo) {
    data(repo);
    Query<Map<String, Object>> q = postsWithComments(JoinKind.LEFT)
        .orderBy(Order.asc(field("p", "id")), Order.asc(field("c", "id"))).select(titleAndBody());
    assertThat(pairs(repo, q)).containsExactly(
        "Java Streams|great", "Java Streams|meh", "Java Streams|late", "java records|null", "Elixir Ecto|nice",
        "Kotlin Flows|null");
    Query<String> lonely = postsWithComments(JoinKind.LEFT).where(field("c", "id").isNull())
        .orderBy(Order.asc(field("p", "id"))).select(field("p", "title"), String.class);
    assertThat(repo.all(lonely).collectList().block(T)).containsExactly("java records", "Kotlin Flows");
  }

  @Test
  void rightJoinKeepsCommentsWithoutPosts(Repo repo) {
    data(repo);
    Query<Map<String, Object>> q = postsWithComments(JoinKind.RIGHT)
        .orderBy(Order.asc(field("c", "id"))).select(titleAndBody());
    assertThat(pairs(repo, q)).containsExactly(
        "Java Streams|great", "Java Streams|meh", "Java Streams|late", "Elixir Ecto|nice", "null|orphan");
  }

  @Test
  void fullJoinKeepsBothSides(Repo repo) {
    data(repo);
    Query<Map<String, Object>> q = postsWithComments(JoinKind.FULL)
        .orderBy(Order.asc(field("p", "id")).nullsLast(), Order.asc(field("c", "id")).nullsFirst())
        .select(titleAndBody());
    assertThat(pairs(repo, q)).containsExactly(
        "Java Streams|great", "Java Streams|meh", "Java Streams|late", "java records|null", "Elixir Ecto|nice",
        "Kotlin Flows|null", "null|orphan");
  }

  @Test
  void crossJoinPairsEveryRow(Repo repo) {
    data(repo);
    Query<QPost> cross = posts().as("p").join(JoinKind.CROSS, QComment.class, "c", null);
    assertThat(repo.all(cross.select(count(), Long.class)).blockFirst(T)).as("4 posts x 5 comments").isEqualTo(20L);
    assertThat(repo.all(cross).count().block(T)).isEqualTo(20L);
    assertThat(repo.all(cross.where(field("c", "postId").eq(field("p", "id"))).select(count(), Long.class)).blockFirst(T))
        .as("a cross join filtered by where is an inner join").isEqualTo(4L);
    assertThat(repo.all(cross.where(field("c", "body").eq("nice")).select(field("p", "title"), String.class))
        .collectList().block(T)).hasSize(4);
  }

  @Test
  void joinConditionsWithValuesAreCastAndStayInTheOnClause(Repo repo) {
    data(repo);
    Query<Map<String, Object>> strong = posts().as("p")
        .join(JoinKind.LEFT, QComment.class, "c",
            field("c", "postId").eq(field("p", "id")).and(field("c", "votes").ge("5")))
        .orderBy(Order.asc(field("p", "id")), Order.asc(field("c", "id"))).select(titleAndBody());
    assertThat(pairs(repo, strong)).as("a value in a left join's on filters comments, never posts").containsExactly(
        "Java Streams|great", "java records|null", "Elixir Ecto|nice", "Kotlin Flows|null");
    Query<Map<String, Object>> inner = posts().as("p")
        .join(QComment.class, "c", and(field("c", "postId").eq(field("p", "id")), field("c", "body").ne("meh")))
        .where(field("p", "status").eq("PUBLISHED"))
        .orderBy(Order.asc(field("c", "id"))).select(titleAndBody());
    assertThat(pairs(repo, inner)).containsExactly("Java Streams|great", "Java Streams|late", "Elixir Ecto|nice");
  }

  @Test
  void chainedJoinsGroupAcrossThreeTables(Repo repo) {
    data(repo);
    Map<String, Expr> select = new LinkedHashMap<>();
    select.put("author", field("a", "name"));
    select.put("comments", count(field("c", "id")));
    select.put("posts", countDistinct(field("p", "id")));
    Query<Map<String, Object>> q = Query.from(QAuthor.class).as("a")
        .join(QPost.class, "p", field("p", "authorId").eq(field("a", "id")))
        .join(JoinKind.LEFT, QComment.class, "c", field("c", "postId").eq(field("p", "id")))
        .groupBy(field("a", "id"))
        .orderBy(Order.asc(field("a", "id")))
        .select(select);
    assertThat(repo.all(q).collectList().block(T)).containsExactly(
        Map.of("author", "Ann", "comments", 3L, "posts", 2L),
        Map.of("author", "Bob", "comments", 1L, "posts", 1L));
  }

  // ---------------------------------------------------------------- 2. conditions

  @Test
  void whereAndOrWhereCombine(Repo repo) {
    data(repo);
    assertThat(sortedTitles(repo, posts().where(field("votes").gt(5)).orWhere(field("status").eq(Status.DRAFT))))
        .containsExactly("Java Streams", "Kotlin Flows", "java records");
    assertThat(titles(repo, posts().where(field("votes").gt(5)).where(field("authorId").eq(repoAnn(repo)))
        .orWhere(field("title").eq("Elixir Ecto")).orderBy("id")))
        .as("(a AND b) OR c").containsExactly("Java Streams", "Elixir Ecto");
    assertThat(titles(repo, posts().where(field("status").eq(Status.DRAFT)).orWhere(field("status").eq(Status.ARCHIVED))
        .where(field("votes").gt(4)).orderBy("id")))
        .as("(a OR b) AND c").containsExactly("Kotlin Flows");
    assertThat(titles(repo, posts().where(or(field("votes").lt(5), field("votes").gt(20)))
        .where(and(field("status").ne(Status.PUBLISHED), field("authorId").isNull())).orderBy("id")))
        .containsExactly("Kotlin Flows");
    assertThat(titles(repo, posts().orWhere(field("votes").eq(3)))).as("orWhere on no condition is a where")
        .containsExactly("java records");
    assertThat(titles(repo, posts().where(Map.of("status", "DRAFT", "authorId", String.valueOf(repoAnn(repo))))))
        .containsExactly("java records");
    assertThat(titles(repo, posts().where("votes", Op.GE, "10").orderBy("id"))).containsExactly("Java Streams", "Kotlin Flows");
    assertThat(titles(repo, posts().whereNull("authorId"))).containsExactly("Kotlin Flows");
  }

  private static long repoAnn(Repo repo) {
    return repo.all(Query.from(QAuthor.class).where("name", "Ann")).blockFirst(T).id();
  }

  @Test
  void notNegatesWithSqlsThreeValuedLogic(Repo repo) {
    data(repo);
    assertThat(titles(repo, posts().where(not(field("status").eq(Status.PUBLISHED))).orderBy("id")))
        .containsExactly("java records", "Kotlin Flows");
    assertThat(titles(repo, posts().where(not(field("votes").gt(5)))))
        .as("null votes are neither > 5 nor not > 5").containsExactly("java records");
    assertThat(titles(repo, posts().where(not(or(field("votes").isNull(), field("votes").lt(20))))))
        .containsExactly("Kotlin Flows");
  }

  @Test
  void likeIsCaseSensitiveAndIlikeIsNot(Repo repo) {
    data(repo);
    assertThat(titles(repo, posts().where(field("title").like("Java%")))).containsExactly("Java Streams");
    assertThat(titles(repo, posts().where(field("title").ilike("java%")).orderBy("id")))
        .containsExactly("Java Streams", "java records");
    assertThat(titles(repo, posts().where(field("title").like("%i_ %")).orderBy("id")))
        .as("_ matches one character").containsExactly("Elixir Ecto", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("title").ilike("%ECTO")))).containsExactly("Elixir Ecto");
    assertThat(titles(repo, posts().where(not(field("title").ilike("%a%"))).orderBy("id")))
        .containsExactly("Elixir Ecto", "Kotlin Flows");
  }

  @Test
  void inAndNotInWithLongsAndStrings(Repo repo) {
    Data d = data(repo);
    assertThat(titles(repo, posts().where(field("id").in(List.of(d.streams().id(), d.ecto().id()))).orderBy("id")))
        .containsExactly("Java Streams", "Elixir Ecto");
    assertThat(titles(repo, posts().where(field("id").in(List.of(String.valueOf(d.records().id()), "" + d.kotlin().id())))
        .orderBy("id"))).as("strings cast to Long").containsExactly("java records", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("title").in(List.of("Kotlin Flows", "Java Streams", "nope"))).orderBy("id")))
        .containsExactly("Java Streams", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("id").notIn(List.of(d.streams().id()))).orderBy("id")))
        .containsExactly("java records", "Elixir Ecto", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("id").in(List.of())))).as("in an empty list matches nothing").isEmpty();
    assertThat(titles(repo, posts().where(field("title").notIn(List.of())))).as("not in an empty list matches all").hasSize(4);
    assertThat(repo.all(Query.from(QComment.class).as("c")
        .join(QPost.class, "p", field("p", "id").eq(field("c", "postId")).and(field("p", "title").in(List.of("Elixir Ecto", "Java Streams"))))
        .where(field("c", "votes").in(List.of(5, "7"))).orderBy(Order.asc(field("c", "id")))).map(QComment::body)
        .collectList().block(T)).containsExactly("great", "nice");
  }

  /** Ecto: {@code where: p.status in ^[:draft, :archived]} with an Ecto.Enum field. */
  @Test
  void inAndNotInWithEnumValues(Repo repo) {
    data(repo);
    assertThat(titles(repo, posts().where(field("status").in(List.of(Status.DRAFT, Status.ARCHIVED))).orderBy("id")))
        .containsExactly("java records", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("status").notIn(List.of("PUBLISHED"))).orderBy("id")))
        .as("an enum from its name").containsExactly("java records", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("status").notIn(List.of())))).hasSize(4);
    assertThat(repo.all(Query.from(QComment.class).as("c")
        .join(QPost.class, "p", field("p", "id").eq(field("c", "postId")).and(field("p", "status").in(List.of(Status.PUBLISHED))))
        .orderBy(Order.asc(field("c", "id")))).map(QComment::body)
        .collectList().block(T)).containsExactly("great", "meh", "late", "nice");
  }

  @Test
  void nullTests(Repo repo) {
    data(repo);
    assertThat(titles(repo, posts().where(field("votes").isNull()))).containsExactly("Elixir Ecto");
    assertThat(titles(repo, posts().where(field("votes").isNotNull()).where(field("authorId").isNotNull()).orderBy("id")))
        .containsExactly("Java Streams", "java records");
    assertThat(titles(repo, posts().where("votes", Op.IS_NULL, null))).containsExactly("Elixir Ecto");
  }

  @Test
  void arithmeticInConditions(Repo repo) {
    data(repo);
    assertThat(titles(repo, posts().where(field("votes").plus(1).gt(10)).orderBy("id")))
        .containsExactly("Java Streams", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("votes").plus("1").gt("10")).orderBy("id")))
        .as("values cast through arithmetic").containsExactly("Java Streams", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("votes").minus(3).eq(0)))).containsExactly("java records");
    assertThat(titles(repo, posts().where(field("votes").times(2).ge(20)).orderBy("id")))
        .containsExactly("Java Streams", "Kotlin Flows");
    assertThat(titles(repo, posts().where(field("votes").dividedBy(5).eq(2))))
        .as("integer division: 10/5 = 2, 3/5 = 0, 25/5 = 5").containsExactly("Java Streams");
    assertThat(titles(repo, posts().where(field("votes").plus(1).times(2).eq(8)))).as("(3 + 1) * 2")
        .containsExactly("java records");
    Query<String> better = Query.from(QComment.class).as("c")
        .join(QPost.class, "p", field("p", "id").eq(field("c", "postId")))
        .where(field("c", "votes").times(2).gt(field("p", "votes")))
        .orderBy(Order.asc(field("c", "id"))).select(field("c", "body"), String.class);
    assertThat(repo.all(better).collectList().block(T)).as("5 * 2 > 10 is false; null votes never compare").isEmpty();
    Query<String> half = Query.from(QComment.class).as("c")
        .join(QPost.class, "p", field("p", "id").eq(field("c", "postId")))
        .where(field("c", "votes").ge(field("p", "votes").dividedBy(2)))
        .orderBy(Order.asc(field("c", "id"))).select(field("c", "body"), String.class);
    assertThat(repo.all(half).collectList().block(T)).containsExactly("great");
  }

  @Test
  void coalesceLowerUpperFragmentAndCast(Repo repo) {
    data(repo);
    assertThat(titles(repo, posts().where(coalesce(field("votes"), 0).eq(0)))).containsExactly("Elixir Ecto");
    assertThat(titles(repo, posts().where(coalesce(field("votes"), 100).gt("50")).orderBy("id")))
        .containsExactly("Elixir Ecto");
    assertThat(repo.all(Query.from(QAuthor.class).orderBy("id").select(coalesce(field("nickname"), field("name")), String.class))
        .collectList().block(T)).containsExactly("annie", "Bob");
    assertThat(titles(repo, posts().where(lower(field("title")).eq("java records")))).containsExactly("java records");
    assertThat(titles(repo, posts().where(lower(field("title")).like("java%")).orderBy("id")))
        .containsExactly("Java Streams", "java records");
    assertThat(titles(repo, posts().where(upper(field("title")).in(List.of("ELIXIR ECTO", "JAVA RECORDS"))).orderBy("id")))
        .containsExactly("java records", "Elixir Ecto");
    assertThat(titles(repo, posts().where(fragment("length(?) > ?", field("title"), 11)).orderBy("id")))
        .as("'Elixir Ecto' has 11 characters").containsExactly("Java Streams", "java records", "Kotlin Flows");
    assertThat(titles(repo, posts().where(fragment("? ~ ?", field("title"), "^[A-Z][a-z]+ [A-Z]")).orderBy("id")))
        .containsExactly("Java Streams", "Elixir Ecto", "Kotlin Flows");
    assertThat(titles(repo, posts().where(fragment("? = ?", field("votes"), 25)))).containsExactly("Kotlin Flows");
    assertThat(repo.all(posts().orderBy("id").select(fragment("upper(left(?, ?))", field("title"), 4), String.class))
        .collectList().block(T)).containsExactly("JAVA", "JAVA", "ELIX", "KOTL");
    assertThat(titles(repo, posts().where(cast(field("votes"), String.class).eq("10")))).containsExactly("Java Streams");
    assertThat(titles(repo, posts().where(cast(field("votes"), String.class).like("2%")))).containsExactly("Kotlin Flows");
    assertThat(repo.all(posts().where(field("votes").isNotNull()).orderBy("id").select(cast(field("votes"), Long.class), Long.class))
        .collectList().block(T)).containsExactly(10L, 3L, 25L);
    assertThat(repo.all(posts().orderBy("id").limit(1).select(cast(param("42"), Integer.class), Integer.class))
        .collectList().block(T)).containsExactly(42);
  }

  // ---------------------------------------------------------------- 3. selections

  @Test
  void selectSingleFields(Repo repo) {
    data(repo);
    assertThat(repo.all(posts().orderBy("id").select(field("title"), String.class)).collectList().block(T))
        .containsExactly("Java Streams", "java records", "Elixir Ecto", "Kotlin Flows");
    List<Integer> votes = repo.all(posts().where(field("votes").isNotNull()).orderBy("id").select(field("votes"), Integer.class))
        .collectList().block(T);
    assertThat(votes).containsExactly(10, 3, 25);
    assertThat(repo.all(posts().orderBy("id").select(field("status"), Status.class)).collectList().block(T))
        .as("an enum field is read as its enum").containsExactly(Status.PUBLISHED, Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED);
    assertThat(repo.one(posts().select(count(), Long.class)).block(T)).isEqualTo(4L);
    assertThat(repo.one(posts().select(count(), Integer.class)).block(T)).as("read as another number type").isEqualTo(4);
    assertThat(repo.one(posts().select(sum(field("votes")), Long.class)).block(T)).isEqualTo(38L);
    assertThat(repo.one(posts().select(max(field("votes")).minus(min(field("votes"))), Integer.class)).block(T)).isEqualTo(22);
    assertThat(repo.one(Query.from(QComment.class).select(countDistinct(field("postId")), Long.class)).block(T)).isEqualTo(3L);
    assertThat(repo.one(Query.from(QComment.class).select(max(field("postedAt")), Instant.class)).block(T)).isEqualTo(NOON);
  }

  /**
   * Ecto's {@code Repo.one(from p in Post, where: is_nil(p.votes), select: p.votes)} is nil, as is
   * {@code select: max(p.votes)} over no rows; a Mono says nil by being empty (as Repo.aggregate
   * does for a NULL aggregate).
   */
  @Test
  void aNullSingleValueFailsWithAHintInsteadOfLosingTheRow(Repo repo) {
    // Reactor cannot emit null: a NULL single value is an error that says what to select instead.
    repo.transact(() -> repo.one(posts().select(max(field("votes")), Integer.class))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("selected value is NULL").hasMessageContaining("coalesce"))
        .verify(T);
    data(repo);
    repo.transact(() -> repo.all(posts().where(field("votes").isNull()).select(field("votes"), Integer.class)).collectList())
        .as(StepVerifier::create).expectError(QueryException.class).verify(T);
    assertThat(repo.all(posts().where(field("votes").isNull()).select(dev.flecto.query.Exprs.coalesce(field("votes"), -1), Integer.class))
        .collectList().block(T)).isNotEmpty().containsOnly(-1);
  }

  @Test
  void selectAggregatesPerGroupIntoMaps(Repo repo) {
    Data d = data(repo);
    Map<String, Expr> select = new LinkedHashMap<>();
    select.put("post", field("postId"));
    select.put("n", count());
    select.put("voted", count(field("votes")));
    select.put("total", sum(field("votes")));
    select.put("avg", avg(field("votes")));
    List<Map<String, Object>> rows = repo.all(Query.from(QComment.class).groupBy(field("postId"))
        .orderBy(Order.asc("postId")).select(select)).collectList().block(T);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).keySet()).as("the map keeps the selection's order").containsExactly("post", "n", "voted", "total", "avg");
    assertThat(rows.get(0)).containsEntry("post", d.streams().id()).containsEntry("n", 3L).containsEntry("voted", 2L)
        .containsEntry("total", 6L);
    assertThat((BigDecimal) rows.get(0).get("avg")).isEqualByComparingTo("3");
    assertThat(rows.get(1)).containsEntry("post", d.ecto().id()).containsEntry("n", 1L).containsEntry("total", 7L);
    assertThat((BigDecimal) rows.get(1).get("avg")).isEqualByComparingTo("7");
    assertThat(rows.get(2)).containsEntry("post", MISSING_POST).containsEntry("n", 1L).containsEntry("total", 2L);
  }

  @Test
  void selectIntoRecordClasses(Repo repo) {
    Data d = data(repo);
    Query<TitleCount> perPost = posts().as("p")
        .join(JoinKind.LEFT, QComment.class, "c", field("c", "postId").eq(field("p", "id")))
        .groupBy(field("p", "id"))
        .orderBy(Order.asc(field("p", "id")))
        .select(TitleCount.class, field("p", "title"), count(field("c", "id")));
    assertThat(repo.all(perPost).collectList().block(T)).containsExactly(
        new TitleCount("Java Streams", 3L), new TitleCount("java records", 0L), new TitleCount("Elixir Ecto", 1L),
        new TitleCount("Kotlin Flows", 0L));
    Query<PostStats> stats = Query.from(QComment.class).where(field("postId").ne(MISSING_POST))
        .groupBy(field("postId")).orderBy(Order.asc("postId"))
        .select(PostStats.class, field("postId"), count(), sum(field("votes")), max(field("votes")).plus(1));
    assertThat(repo.all(stats).collectList().block(T)).containsExactly(
        new PostStats(d.streams().id(), 3L, 6L, 6), new PostStats(d.ecto().id(), 1L, 7L, 8));
  }

  @Test
  void selectBindingReadsTheJoinedRecords(Repo repo) {
    Data d = data(repo);
    Query<QComment> comments = postsWithComments(JoinKind.INNER)
        .where(field("p", "title").eq("Java Streams"))
        .orderBy(Order.asc(field("c", "id")))
        .selectBinding("c", QComment.class);
    assertThat(repo.all(comments).collectList().block(T)).containsExactly(d.great(), d.meh(), d.late());
    Query<QAuthor> authors = posts().as("p").join(QAuthor.class, "a", field("a", "id").eq(field("p", "authorId")))
        .where(field("p", "votes").gt(5)).orderBy(Order.asc(field("p", "id"))).selectBinding("a", QAuthor.class);
    assertThat(repo.all(authors).collectList().block(T)).containsExactly(d.ann());
    Query<QPost> source = postsWithComments(JoinKind.INNER).where(field("c", "body").eq("nice")).selectBinding("p", QPost.class);
    assertThat(repo.all(source).collectList().block(T)).containsExactly(d.ecto());
  }

  @Test
  void distinctValuesAndDistinctOn(Repo repo) {
    Data d = data(repo);
    assertThat(repo.all(Query.from(QComment.class).select(field("postId"), Long.class).distinct().orderBy("postId"))
        .collectList().block(T)).containsExactly(d.streams().id(), d.ecto().id(), MISSING_POST);
    assertThat(repo.all(posts().select(field("status"), Status.class).distinct().orderBy("status")).collectList().block(T))
        .as("text order of the names").containsExactly(Status.ARCHIVED, Status.DRAFT, Status.PUBLISHED);
    assertThat(repo.all(postsWithComments(JoinKind.INNER).distinct().orderBy(Order.asc(field("p", "id")))).collectList().block(T))
        .as("distinct whole records").containsExactly(d.streams(), d.ecto());
    Query<QComment> latestPerPost = Query.from(QComment.class)
        .distinctOn(field("postId"))
        .orderBy(Order.asc("postId"), Order.desc("postedAt"));
    assertThat(repo.all(latestPerPost).collectList().block(T)).containsExactly(d.late(), d.nice(), d.orphan());
    Query<QComment> bestPerPost = postsWithComments(JoinKind.INNER)
        .distinctOn(field("p", "id"))
        .orderBy(Order.asc(field("p", "id")), Order.desc(field("c", "votes")).nullsLast())
        .selectBinding("c", QComment.class);
    assertThat(repo.all(bestPerPost).collectList().block(T)).containsExactly(d.great(), d.nice());
  }

  // ---------------------------------------------------------------- 4. grouping and order

  @Test
  void groupByHavingAndOrHaving(Repo repo) {
    Data d = data(repo);
    Query<Long> grouped = Query.from(QComment.class).groupBy(field("postId")).orderBy(Order.asc("postId"))
        .select(field("postId"), Long.class);
    assertThat(repo.all(grouped).collectList().block(T)).containsExactly(d.streams().id(), d.ecto().id(), MISSING_POST);
    assertThat(repo.all(grouped.having(count().gt(1))).collectList().block(T)).containsExactly(d.streams().id());
    assertThat(repo.all(grouped.having(count().gt(1)).orHaving(max(field("votes")).ge(7))).collectList().block(T))
        .containsExactly(d.streams().id(), d.ecto().id());
    assertThat(repo.all(grouped.having(sum(field("votes")).gt("5"))).collectList().block(T))
        .as("a having value cast to the field's type").containsExactly(d.streams().id(), d.ecto().id());
    assertThat(repo.all(grouped.having(count().gt(1)).orHaving(max(field("votes")).ge(7)).having(min(field("votes")).gt(2)))
        .collectList().block(T)).as("(a OR b) AND c").containsExactly(d.ecto().id());
    assertThat(repo.all(grouped.orHaving(count().eq(1))).collectList().block(T)).as("orHaving on no having is a having")
        .containsExactly(d.ecto().id(), MISSING_POST);
    assertThat(repo.all(grouped.where(field("votes").gt(1)).having(count().ge(1))).collectList().block(T))
        .as("where filters rows before grouping").containsExactly(d.streams().id(), d.ecto().id(), MISSING_POST);
    assertThat(repo.all(grouped.where(field("votes").gt(2)).having(count().ge(1))).collectList().block(T))
        .containsExactly(d.streams().id(), d.ecto().id());
  }

  @Test
  void orderByAnAggregateDescending(Repo repo) {
    data(repo);
    Query<TitleCount> mostCommented = posts().as("p")
        .join(JoinKind.LEFT, QComment.class, "c", field("c", "postId").eq(field("p", "id")))
        .groupBy(field("p", "id"))
        .orderBy(Order.desc(count(field("c", "id"))), Order.asc(field("p", "id")))
        .select(TitleCount.class, field("p", "title"), count(field("c", "id")));
    assertThat(repo.all(mostCommented).collectList().block(T)).containsExactly(
        new TitleCount("Java Streams", 3L), new TitleCount("Elixir Ecto", 1L), new TitleCount("java records", 0L),
        new TitleCount("Kotlin Flows", 0L));
    assertThat(repo.all(mostCommented.limit(1)).map(TitleCount::title).collectList().block(T)).containsExactly("Java Streams");
    Query<Long> byTotal = Query.from(QComment.class).groupBy(field("postId"))
        .orderBy(Order.desc(sum(field("votes"))).nullsLast())
        .select(field("postId"), Long.class);
    assertThat(repo.all(byTotal).collectList().block(T)).hasSize(3).last().isEqualTo(MISSING_POST);
  }

  @Test
  void nullsPlacementIsObservedInRows(Repo repo) {
    data(repo);
    assertThat(titles(repo, posts().orderBy(Order.asc("votes"))))
        .as("ascending: nulls last by default").containsExactly("java records", "Java Streams", "Kotlin Flows", "Elixir Ecto");
    assertThat(titles(repo, posts().orderBy(Order.asc("votes").nullsFirst())))
        .containsExactly("Elixir Ecto", "java records", "Java Streams", "Kotlin Flows");
    assertThat(titles(repo, posts().orderBy(Order.desc("votes"))))
        .as("descending: nulls first by default").containsExactly("Elixir Ecto", "Kotlin Flows", "Java Streams", "java records");
    assertThat(titles(repo, posts().orderBy(Order.desc("votes").nullsLast())))
        .containsExactly("Kotlin Flows", "Java Streams", "java records", "Elixir Ecto");
    assertThat(titles(repo, posts().orderBy(Order.desc(field("votes").plus(1)).nullsLast(), Order.asc("id"))))
        .containsExactly("Kotlin Flows", "Java Streams", "java records", "Elixir Ecto");
    assertThat(titles(repo, posts().orderBy(Order.asc("authorId").nullsFirst(), Order.desc("id"))))
        .containsExactly("Kotlin Flows", "java records", "Java Streams", "Elixir Ecto");
  }

  // ---------------------------------------------------------------- 5. first, last, reverseOrder, exclude

  @Test
  void firstLastAndReverseOrder(Repo repo) {
    Data d = data(repo);
    assertThat(repo.one(posts().first()).block(T)).as("by primary key").isEqualTo(d.streams());
    assertThat(repo.one(posts().last()).block(T)).isEqualTo(d.kotlin());
    assertThat(repo.one(posts().where(field("status").eq(Status.PUBLISHED)).last()).block(T)).isEqualTo(d.ecto());
    assertThat(repo.one(posts().orderBy(Order.asc("votes").nullsFirst()).first()).block(T)).isEqualTo(d.ecto());
    assertThat(repo.one(posts().orderBy(Order.asc("votes").nullsFirst()).last()).block(T)).isEqualTo(d.kotlin());
    assertThat(repo.one(posts().orderBy(Order.asc("votes")).last()).block(T))
        .as("the last row of ascending votes is the null one").isEqualTo(d.ecto());
    assertThat(repo.one(posts().orderBy(Order.desc("votes").nullsLast()).last()).block(T)).isEqualTo(d.ecto());
    assertThat(titles(repo, posts().reverseOrder())).as("primary key descending")
        .containsExactly("Kotlin Flows", "Elixir Ecto", "java records", "Java Streams");
    for (Query<QPost> q : List.of(posts().orderBy(Order.asc("votes")), posts().orderBy(Order.asc("votes").nullsFirst()),
        posts().orderBy(Order.desc("votes")), posts().orderBy(Order.asc("status"), Order.desc("id")),
        posts().orderBy(Order.asc("authorId").nullsLast(), Order.asc("id")))) {
      List<String> forward = titles(repo, q);
      List<String> backward = new ArrayList<>(forward);
      Collections.reverse(backward);
      assertThat(titles(repo, q.reverseOrder())).as("reversed: %s", q).isEqualTo(backward);
      assertThat(titles(repo, q.reverseOrder().reverseOrder())).isEqualTo(forward);
      assertThat(repo.one(q.last()).block(T).title()).isEqualTo(forward.get(forward.size() - 1));
    }
    repo.one(posts().where(field("votes").gt(1000)).first()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void excludeRemovesOneClause(Repo repo) {
    data(repo);
    Query<QPost> paged = posts().where(field("votes").isNotNull()).orderBy(Order.desc("votes")).offset(1).limit(1);
    assertThat(titles(repo, paged)).containsExactly("Java Streams");
    assertThat(titles(repo, paged.exclude(Query.Clause.LIMIT))).containsExactly("Java Streams", "java records");
    assertThat(titles(repo, paged.exclude(Query.Clause.OFFSET))).containsExactly("Kotlin Flows");
    assertThat(titles(repo, paged.exclude(Query.Clause.LIMIT).exclude(Query.Clause.OFFSET)))
        .containsExactly("Kotlin Flows", "Java Streams", "java records");
    assertThat(titles(repo, paged.exclude(Query.Clause.WHERE))).as("the null votes come first again").containsExactly("Kotlin Flows");
    assertThat(titles(repo, paged.exclude(Query.Clause.ORDER_BY).exclude(Query.Clause.OFFSET).exclude(Query.Clause.LIMIT)))
        .containsExactlyInAnyOrder("Java Streams", "java records", "Kotlin Flows");

    Query<String> joined = postsWithComments(JoinKind.INNER).orderBy(Order.asc(field("p", "id")))
        .select(field("p", "title"), String.class);
    assertThat(repo.all(joined).collectList().block(T))
        .containsExactly("Java Streams", "Java Streams", "Java Streams", "Elixir Ecto");
    assertThat(repo.all(joined.exclude(Query.Clause.JOIN)).collectList().block(T))
        .containsExactly("Java Streams", "java records", "Elixir Ecto", "Kotlin Flows");
    Query<String> distinctTitles = postsWithComments(JoinKind.INNER).select(field("p", "title"), String.class).distinct()
        .orderBy(Order.asc(field("p", "title")));
    assertThat(repo.all(distinctTitles).collectList().block(T)).containsExactly("Elixir Ecto", "Java Streams");
    assertThat(repo.all(distinctTitles.exclude(Query.Clause.DISTINCT)).collectList().block(T))
        .containsExactly("Elixir Ecto", "Java Streams", "Java Streams", "Java Streams");

    Query<Long> grouped = Query.from(QComment.class).groupBy(field("postId")).having(count().gt(1))
        .orderBy(Order.asc("postId")).select(field("postId"), Long.class);
    assertThat(repo.all(grouped).collectList().block(T)).hasSize(1);
    assertThat(repo.all(grouped.exclude(Query.Clause.HAVING)).collectList().block(T)).hasSize(3);
    assertThat(repo.all(grouped.exclude(Query.Clause.HAVING).exclude(Query.Clause.GROUP_BY)).collectList().block(T))
        .as("one row per comment").hasSize(5);
    assertThat(repo.toSql(posts().lock("FOR UPDATE").exclude(Query.Clause.LOCK)).text()).doesNotContain("FOR UPDATE");
  }

  // ---------------------------------------------------------------- aggregate and exists

  @Test
  void aggregateAndExistsOverJoins(Repo repo) {
    Data d = data(repo);
    Query<QPost> commented = postsWithComments(JoinKind.INNER);
    assertThat(repo.aggregate(commented, Aggregate.COUNT).block(T)).as("one per joined row").isEqualTo(4L);
    assertThat(repo.aggregate(commented, Aggregate.SUM, "votes", Long.class).block(T)).as("10 * 3 + null").isEqualTo(30L);
    assertThat(repo.exists(commented.where(field("c", "body").eq("nice"))).block(T)).isTrue();
    assertThat(repo.exists(commented.where(field("p", "id").eq(d.kotlin().id()))).block(T)).isFalse();
    assertThat(repo.exists(postsWithComments(JoinKind.LEFT).where(field("p", "id").eq(d.kotlin().id()))).block(T)).isTrue();
  }

  /**
   * Ecto's Repo.aggregate: "If the query has a limit, offset, distinct or combination set, it will
   * be automatically wrapped in a subquery in order to return the proper result."
   */
  @Test
  void aggregateOfADistinctQueryCountsDistinctRows(Repo repo) {
    data(repo);
    Query<QPost> commented = postsWithComments(JoinKind.INNER).distinct();
    assertThat(repo.all(commented).count().block(T)).isEqualTo(2L);
    assertThat(repo.aggregate(commented, Aggregate.COUNT).block(T)).as("two distinct posts have comments").isEqualTo(2L);
    Query<QComment> latestPerPost = Query.from(QComment.class).distinctOn(field("postId"))
        .orderBy(Order.asc("postId"), Order.desc("postedAt"));
    assertThat(repo.aggregate(latestPerPost, Aggregate.COUNT).block(T)).as("one comment per post").isEqualTo(3L);
  }

  /**
   * Ecto's Repo.aggregate drops the query's order_by and replaces its select before aggregating
   * (when it has no limit, offset or distinct), so neither can change or break the result.
   */
  @Test
  void aggregateIgnoresTheOrderAndSelectionOfTheQuery(Repo repo) {
    data(repo);
    assertThat(repo.aggregate(posts().orderBy(Order.desc("votes")), Aggregate.COUNT).block(T)).isEqualTo(4L);
    assertThat(repo.aggregate(posts().where(field("votes").gt(1)).orderBy(Order.desc(field("votes").plus(1))), Aggregate.COUNT)
        .block(T)).as("an order term holding a value").isEqualTo(3L);
    assertThat(repo.aggregate(posts().where(field("votes").gt(1)).orderBy(Order.desc(coalesce(field("votes"), 0))),
        Aggregate.SUM, "votes", Long.class).block(T)).isEqualTo(38L);
    assertThat(repo.aggregate(posts().select(Map.of("x", param("y"))), Aggregate.COUNT).block(T))
        .as("a selection holding a value").isEqualTo(4L);
  }

  // ---------------------------------------------------------------- 6. locks

  @Test
  void forUpdateLocksRowsInsideATransaction(Repo repo) {
    Data d = data(repo);
    Query<QPost> popular = posts().where(field("votes").gt(5)).orderBy("id");
    List<QPost> locked = repo.transact(() -> repo.all(popular.lock("FOR UPDATE")).collectList()).block(T);
    assertThat(locked).containsExactly(d.streams(), d.kotlin());
    List<QPost> skipped = repo.transact(() -> repo.all(popular.limit(1).lock("FOR UPDATE SKIP LOCKED")).collectList()).block(T);
    assertThat(skipped).containsExactly(d.streams());
    List<String> shared = repo.transact(() -> repo.all(popular.lock("for share nowait")).map(QPost::title).collectList()).block(T);
    assertThat(shared).as("lower case is accepted").containsExactly("Java Streams", "Kotlin Flows");
    List<QComment> joinedLock = repo.transact(() -> repo.all(Query.from(QComment.class).as("c")
        .join(QPost.class, "p", field("p", "id").eq(field("c", "postId")))
        .where(field("p", "title").eq("Elixir Ecto")).lock("FOR NO KEY UPDATE")).collectList()).block(T);
    assertThat(joinedLock).containsExactly(d.nice());
    assertThat(repo.toSql(popular.limit(1).lock("FOR UPDATE SKIP LOCKED")).text()).endsWith(" LIMIT $2 FOR UPDATE SKIP LOCKED");
  }

  // ---------------------------------------------------------------- 7. errors

  @Test
  void unknownBindingsAndFieldsNameTheClauseAndHint(Repo repo) {
    data(repo);
    Query<QPost> joined = postsWithComments(JoinKind.INNER);
    fails(repo.all(joined.where(field("x", "votes").gt(1))), e -> assertThat(e)
        .hasMessageContaining("binding 'x' in where does not exist")
        .hasMessageContaining("hint: the bindings are [p, c]"));
    fails(repo.all(posts().where(field("p", "votes").gt(1))), e -> assertThat(e)
        .hasMessageContaining("binding 'p' in where does not exist")
        .hasMessageContaining("name the source with as(...)"));
    fails(repo.all(joined.orderBy(Order.asc(field("q", "id")))), e -> assertThat(e)
        .hasMessageContaining("binding 'q' in order by does not exist"));
    fails(repo.all(joined.selectBinding("z", QComment.class)), e -> assertThat(e)
        .hasMessageContaining("binding 'z' in select does not exist"));
    fails(repo.all(posts().as("p").join(QComment.class, "c", field("c", "postIdd").eq(field("p", "id")))), e -> assertThat(e)
        .hasMessageContaining("field 'postIdd' in join on c does not exist in schema QComment")
        .hasMessageContaining("hint: the schema's fields are")
        .hasMessageContaining("postId"));
    fails(repo.all(posts().as("p").join(QComment.class, "c", field("c", "postId").eq(field("p", "ID")))), e -> assertThat(e)
        .hasMessageContaining("field 'ID' in join on c does not exist in schema QPost"));
    fails(repo.all(posts().orderBy("titel")), e -> assertThat(e).hasMessageContaining("field 'titel' in order by does not exist"));
    fails(repo.all(posts().groupBy(field("titel")).select(count(), Long.class)),
        e -> assertThat(e).hasMessageContaining("field 'titel' in group by does not exist"));
    fails(repo.all(posts().select(field("titel"), String.class)), e -> assertThat(e).hasMessageContaining("field 'titel' in select"));
    fails(repo.all(joined.selectBinding("c", QPost.class)), e -> assertThat(e)
        .hasMessageContaining("select of binding 'c' reads QComment records, not QPost"));
    fails(repo.all(posts().as("p").join(QComment.class, "p", field("p", "id").isNotNull())), e -> assertThat(e)
        .hasMessageContaining("binding 'p' is used twice"));
  }

  @Test
  void comparingWithNullIsRefused(Repo repo) {
    data(repo);
    fails(repo.all(posts().where(field("votes").eq(null))), e -> assertThat(e)
        .hasMessageContaining("comparing field 'votes' with null is forbidden")
        .hasMessageContaining("in where")
        .hasMessageContaining("whereNull(\"votes\")"));
    fails(repo.all(posts().where("title", null)), e -> assertThat(e).hasMessageContaining("comparing field 'title' with null"));
    fails(repo.all(posts().where(field("votes").gt(null))), e -> assertThat(e).hasMessageContaining("comparing field 'votes' with null"));
    fails(repo.all(posts().as("p").join(QComment.class, "c", field("c", "postId").eq(field("p", "id")).and(field("c", "votes").ne(null)))),
        e -> assertThat(e).hasMessageContaining("comparing field 'votes' with null").hasMessageContaining("in join on c"));
    fails(repo.all(Query.from(QComment.class).groupBy(field("postId")).having(max(field("votes")).eq(null)).select(count(), Long.class)),
        e -> assertThat(e).hasMessageContaining("with null is forbidden").hasMessageContaining("in having"));
  }

  @Test
  void valuesThatCannotBeCastAreRefused(Repo repo) {
    data(repo);
    fails(repo.all(posts().where(field("votes").gt("many"))), e -> assertThat(e)
        .hasMessageContaining("value \"many\" in where cannot be cast to Integer for field 'votes' of schema QPost"));
    fails(repo.all(posts().where(field("id").in(List.of("1", "two")))), e -> assertThat(e)
        .hasMessageContaining("value \"two\" in where cannot be cast to Long for field 'id'"));
    fails(repo.all(posts().where(field("status").eq("DELETED"))), e -> assertThat(e)
        .hasMessageContaining("value \"DELETED\" in where cannot be cast").hasMessageContaining("field 'status'"));
    fails(repo.all(posts().as("p").join(QComment.class, "c", field("c", "postId").eq(field("p", "id")).and(field("c", "votes").ge("x")))),
        e -> assertThat(e).hasMessageContaining("value \"x\" in join on c cannot be cast to Integer"));
    fails(repo.all(Query.from(QComment.class).groupBy(field("postId")).having(sum(field("votes")).gt("lots")).select(count(), Long.class)),
        e -> assertThat(e).hasMessageContaining("value \"lots\" in having cannot be cast to Integer"));
    fails(repo.all(posts().where(field("votes").plus("one").gt(1))),
        e -> assertThat(e).hasMessageContaining("value \"one\" in where cannot be cast to Integer"));
    fails(repo.all(posts().where(field("title").like(5))), e -> assertThat(e).hasMessageContaining("LIKE in where needs a string pattern"));
    fails(repo.all(posts().limit(-1)), e -> assertThat(e).hasMessageContaining("limit must not be negative"));
  }

  @Test
  void aBadLockIsRefused(Repo repo) {
    data(repo);
    for (String lock : List.of("FOR EVERYTHING", "FOR UPDATE NOW", "LOCK IN SHARE MODE", "")) {
      fails(repo.all(posts().lock(lock)), e -> assertThat(e)
          .hasMessageContaining("lock \"" + lock + "\" is not a PostgreSQL lock clause")
          .hasMessageContaining("hint: FOR UPDATE"));
    }
  }

  @Test
  void errorsAreSignalsAndTheQueryStillWorksAfterwards(Repo repo) {
    data(repo);
    Flux<QPost> bad = repo.all(posts().where(field("votes").gt("many")));
    fails(bad, e -> assertThat(e).hasMessageContaining("in query from QPost where votes > \"many\""));
    assertThat(titles(repo, posts().where(field("votes").gt("20")))).containsExactly("Kotlin Flows");
    repo.one(posts().where(field("votes").gt("many"))).as(StepVerifier::create).expectError(QueryException.class).verify(T);
    repo.exists(posts().lock("FOR NOTHING")).as(StepVerifier::create).expectError(QueryException.class).verify(T);
    repo.aggregate(posts().where(field("x", "votes").gt(1)), Aggregate.COUNT).as(StepVerifier::create)
        .expectError(QueryException.class).verify(T);
  }
}
