package dev.flecto.it;

import static dev.flecto.query.Exprs.coalesce;
import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static dev.flecto.query.Exprs.min;
import static dev.flecto.query.Exprs.param;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.QueryException;
import dev.flecto.adapter.SqlStatement;
import dev.flecto.query.Expr;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Strings that would break or change a statement if they were ever spliced into SQL, in every
 * position a value can take in a query: each must come back, or match, as plain data, and the
 * tables must be intact afterwards.
 */
@FlectoTest(schema = "/query.sql")
class HostileValuesIT {
  private static final Duration T = Duration.ofSeconds(10);

  static final List<String> HOSTILE = List.of(
      "O'Brien",
      "'); DROP TABLE q_posts; --",
      "' OR '1'='1",
      "\" OR \"\"=\"; DROP TABLE \"q_comments\"",
      "$1",
      "$2::text || $1",
      "?",
      "?? ? ?",
      "back\\slash \\' \\\\ \\",
      "E'\\x41' || chr(65)",
      "$$ dollar $$ $tag$ quoting $tag$",
      "/* unclosed comment",
      "-- line comment",
      "; SELECT pg_sleep(5); --",
      "%_ like wildcards _%",
      "Ünïcödé ☃ 日本語 עברית 🎉",
      "line1\nline2\r\n\ttabbed\u000b\f",
      "trailing space ",
      "");

  private static List<QPost> posts(Repo repo) {
    return Flux.fromIterable(HOSTILE).concatMap(h -> repo.insert(QPost.of(h, 1, null, null))).collectList().block(T);
  }

  /** One comment per post, its body the post's title. */
  private static List<QComment> comments(Repo repo, List<QPost> posts) {
    return Flux.fromIterable(posts).concatMap(p -> repo.insert(QComment.of(p.id(), p.title(), 1, null))).collectList().block(T);
  }

  private static List<String> titles(Repo repo, Query<QPost> q) {
    return repo.all(q).map(QPost::title).collectList().block(T);
  }

  private static void intact(Repo repo) {
    assertThat(repo.aggregate(Query.from(QPost.class), dev.flecto.query.Aggregate.COUNT).block(T))
        .as("q_posts still holds every row").isEqualTo(HOSTILE.size());
    assertThat(repo.all(Query.from(QPost.class).orderBy("id")).map(QPost::title).collectList().block(T))
        .as("and every title unchanged").containsExactlyElementsOf(HOSTILE);
  }

  /** A LIKE pattern matching exactly s: PostgreSQL's default escape character is the backslash. */
  private static String likeLiteral(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String show(String s) {
    return s.replace("\n", "\\n").replace("\r", "\\r");
  }

  @Test
  void insertedAndReadBackUnchanged(Repo repo) {
    List<QPost> posts = posts(repo);
    for (QPost p : posts) {
      assertThat(repo.get(QPost.class, p.id()).block(T)).isEqualTo(p);
    }
    intact(repo);
  }

  @Test
  void whereEqualityMatchesExactlyOneRow(Repo repo) {
    List<QPost> posts = posts(repo);
    for (int i = 0; i < HOSTILE.size(); i++) {
      String h = HOSTILE.get(i);
      assertThat(repo.all(Query.from(QPost.class).where("title", h)).collectList().block(T)).as(show(h)).containsExactly(posts.get(i));
      assertThat(titles(repo, Query.from(QPost.class).where(field("title").eq(h)))).as(show(h)).containsExactly(h);
      assertThat(titles(repo, Query.from(QPost.class).where(Map.of("title", h, "votes", "1")))).as(show(h)).containsExactly(h);
      assertThat(repo.all(Query.from(QPost.class).where(field("title").ne(h))).count().block(T)).as(show(h))
          .isEqualTo(HOSTILE.size() - 1L);
      assertThat(repo.exists(Query.from(QPost.class).where("title", h)).block(T)).isTrue();
      assertThat(repo.exists(Query.from(QPost.class).where("title", h + "x")).block(T)).as(show(h)).isFalse();
    }
    intact(repo);
  }

  @Test
  void likePatternsAreData(Repo repo) {
    posts(repo);
    for (String h : HOSTILE) {
      assertThat(titles(repo, Query.from(QPost.class).where(field("title").like(likeLiteral(h))))).as(show(h)).containsExactly(h);
      assertThat(titles(repo, Query.from(QPost.class).where(field("title").ilike(likeLiteral(h))))).as(show(h)).containsExactly(h);
      List<String> containing = HOSTILE.stream().filter(t -> t.contains(h)).sorted().collect(Collectors.toList());
      List<String> found = new ArrayList<>(titles(repo, Query.from(QPost.class).where(field("title").like("%" + likeLiteral(h) + "%"))));
      found.sort(null);
      assertThat(found).as(show(h)).isEqualTo(containing);
    }
    assertThat(titles(repo, Query.from(QPost.class).where(field("title").like("'); DROP TABLE q_posts; --%"))))
        .as("a hostile pattern with no escapes needed").containsExactly("'); DROP TABLE q_posts; --");
    intact(repo);
  }

  @Test
  void inListsAreData(Repo repo) {
    posts(repo);
    assertThat(titles(repo, Query.from(QPost.class).where(field("title").in(HOSTILE)).orderBy("id"))).containsExactlyElementsOf(HOSTILE);
    for (String h : HOSTILE) {
      assertThat(titles(repo, Query.from(QPost.class).where(field("title").in(List.of(h, "no such title"))))).as(show(h))
          .containsExactly(h);
      assertThat(repo.all(Query.from(QPost.class).where(field("title").notIn(List.of(h)))).count().block(T)).as(show(h))
          .isEqualTo(HOSTILE.size() - 1L);
    }
    intact(repo);
  }

  @Test
  void joinConditionValuesAreData(Repo repo) {
    List<QPost> posts = posts(repo);
    List<QComment> comments = comments(repo, posts);
    for (int i = 0; i < HOSTILE.size(); i++) {
      String h = HOSTILE.get(i);
      Query<QComment> q = Query.from(QPost.class).as("p")
          .join(QComment.class, "c", field("c", "postId").eq(field("p", "id")).and(field("c", "body").eq(h)))
          .selectBinding("c", QComment.class);
      assertThat(repo.all(q).collectList().block(T)).as(show(h)).containsExactly(comments.get(i));
      Query<Map<String, Object>> left = Query.from(QPost.class).as("p")
          .join(JoinKind.LEFT, QComment.class, "c", field("c", "postId").eq(field("p", "id")).and(field("c", "body").in(List.of(h))))
          .where(field("c", "id").isNotNull())
          .select(Map.of("title", field("p", "title")));
      assertThat(repo.all(left).map(r -> r.get("title")).collectList().block(T)).as(show(h)).containsExactly(h);
    }
    intact(repo);
  }

  @Test
  void havingValuesAreData(Repo repo) {
    comments(repo, posts(repo));
    Query<String> perBody = Query.from(QComment.class).groupBy(field("body")).select(field("body"), String.class);
    for (String h : HOSTILE) {
      assertThat(repo.all(perBody.having(min(field("body")).eq(h))).collectList().block(T)).as(show(h)).containsExactly(h);
      assertThat(repo.all(perBody.having(count().gt(5)).orHaving(field("body").eq(h))).collectList().block(T)).as(show(h))
          .containsExactly(h);
    }
    intact(repo);
  }

  @Test
  void fragmentArgumentsAreData(Repo repo) {
    posts(repo);
    for (String h : HOSTILE) {
      assertThat(titles(repo, Query.from(QPost.class).where(fragment("? = ?", field("title"), h)))).as(show(h)).containsExactly(h);
      assertThat(titles(repo, Query.from(QPost.class).where(fragment("? = ?", h, field("title"))))).as(show(h)).containsExactly(h);
      List<String> prefixed = HOSTILE.stream().filter(t -> t.startsWith(h)).sorted().collect(Collectors.toList());
      List<String> found = new ArrayList<>(titles(repo, Query.from(QPost.class).where(fragment("starts_with(?, ?)", field("title"), h))));
      found.sort(null);
      assertThat(found).as(show(h)).isEqualTo(prefixed);
      assertThat(repo.all(Query.from(QPost.class).where("title", h).select(fragment("length(?)", h), Integer.class)).blockFirst(T))
          .as(show(h)).isEqualTo(h.codePointCount(0, h.length()));
    }
    intact(repo);
  }

  @Test
  void coalesceArgumentsAreData(Repo repo) {
    posts(repo);
    Flux.fromIterable(HOSTILE).concatMap(h -> repo.insert(QAuthor.of(h, null))).blockLast(T);
    repo.insert(QAuthor.of("plain", "nick")).block(T);
    for (String h : HOSTILE) {
      assertThat(repo.all(Query.from(QAuthor.class).where(coalesce(field("nickname"), h).eq(h))).count().block(T))
          .as("every author without a nickname: %s", show(h)).isEqualTo(HOSTILE.size());
      assertThat(repo.all(Query.from(QAuthor.class).orderBy("id").select(coalesce(field("nickname"), h), String.class))
          .collectList().block(T)).as(show(h)).hasSize(HOSTILE.size() + 1).endsWith("nick")
          .containsOnly(h, "nick");
      assertThat(repo.all(Query.from(QAuthor.class).where(coalesce(field("nickname"), field("name")).eq(h))).map(QAuthor::name)
          .collectList().block(T)).as(show(h)).containsExactly(h);
    }
    intact(repo);
  }

  @Test
  void selectedParamsComeBackUnchanged(Repo repo) {
    posts(repo);
    for (String h : HOSTILE) {
      Query<QPost> one = Query.from(QPost.class).where("title", h);
      assertThat(repo.one(one.select(Map.of("x", param(h)))).block(T)).as(show(h)).isEqualTo(Map.of("x", h));
      assertThat(repo.one(one.select(param(h), String.class)).block(T)).as(show(h)).isEqualTo(h);
      Map<String, Expr> both = new LinkedHashMap<>();
      both.put("title", field("title"));
      both.put("echo", param(h));
      both.put(h, param(h));
      Map<String, Object> row = repo.one(one.select(both)).block(T);
      assertThat(row).as(show(h)).containsEntry("title", h).containsEntry("echo", h).containsEntry(h, h);
    }
    intact(repo);
  }

  @Test
  void valuesNeverReachTheStatementText(Repo repo) {
    SqlStatement benign = repo.toSql(Query.from(QPost.class).where("title", "benign").where(field("title").like("b%")));
    for (String h : HOSTILE) {
      SqlStatement sql = repo.toSql(Query.from(QPost.class).where("title", h).where(field("title").like(h)));
      assertThat(sql.text()).as("the same text whatever the value: %s", show(h)).isEqualTo(benign.text());
      assertThat(sql.params()).containsExactly(h, h);
    }
  }

  @Test
  void hostileValuesThatCannotBeCastOrAreNotLocksAreRefused(Repo repo) {
    posts(repo);
    for (String h : HOSTILE) {
      repo.all(Query.from(QPost.class).where(field("votes").eq(h))).as(StepVerifier::create)
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining("cannot be cast to Integer"))
          .verify(T);
      repo.all(Query.from(QPost.class).where(field("status").in(List.of(h)))).as(StepVerifier::create)
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining("field 'status'"))
          .verify(T);
    }
    for (String lock : List.of("FOR UPDATE; DROP TABLE q_posts", "FOR UPDATE -- x", "FOR UPDATE NOWAIT SKIP LOCKED",
        "FOR UPDATE SKIP LOCKED; SELECT 1")) {
      repo.all(Query.from(QPost.class).lock(lock)).as(StepVerifier::create)
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
              .hasMessageContaining("is not a PostgreSQL lock clause"))
          .verify(T);
    }
    intact(repo);
    assertThat(repo.all(Query.from(QPost.class).where(field("votes").eq(1)).orderBy(Order.asc("id"))).count().block(T))
        .isEqualTo(HOSTILE.size());
  }
}
