package dev.flecto.it;

import static dev.flecto.query.Exprs.cast;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static dev.flecto.query.Exprs.param;
import static dev.flecto.query.Exprs.parentAs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.QueryException;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.query.Source;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * More query behaviours where Flecto used to differ from Ecto: directions on {@code distinct}
 * expressions, {@code parent_as} from a CTE of a lateral subquery and from a union inside
 * {@code in(subquery)}, {@code type(^value, type)} casting the value itself, and LIKE on bytea.
 * Each test runs in the sandbox.
 */
@FlectoTest(schema = {"/query.sql", "/tree.sql", "/query_conformance.sql"})
class QueryConformance2IT {
  private static final Duration T = Duration.ofSeconds(15);
  private static final Instant NOON = Instant.parse("2025-01-01T12:00:00Z");

  private static void comments(Repo repo) {
    Flux.just(QComment.of(1L, "low", 1, NOON), QComment.of(1L, "high", 5, NOON),
        QComment.of(2L, "only", 2, NOON)).concatMap(repo::insert).blockLast(T);
  }

  @Test
  void aDistinctExpressionKeepsItsDirectionInTheOrderBy(Repo repo) {
    comments(repo);
    // Ecto's distinct: [desc: c.post_id], order_by: [desc: c.votes]
    Query<QComment> q = Query.from(QComment.class).distinctOn(Order.desc("postId")).orderBy(Order.desc("votes"));
    assertThat(repo.toSql(q).text()).contains("SELECT DISTINCT ON (q0.\"post_id\") ")
        .endsWith(" ORDER BY q0.\"post_id\" DESC, q0.\"votes\" DESC");
    assertThat(repo.all(q).map(QComment::body).collectList().block(T)).containsExactly("only", "high");
  }

  @Test
  void aDistinctDirectionAlreadyLeadingTheOrderByIsNotRepeated(Repo repo) {
    comments(repo);
    Query<QComment> q = Query.from(QComment.class).distinctOn(Order.desc("postId").nullsLast())
        .orderBy(Order.desc("postId").nullsLast(), Order.asc("votes"));
    assertThat(repo.toSql(q).text()).endsWith(" ORDER BY q0.\"post_id\" DESC NULLS LAST, q0.\"votes\"");
    assertThat(repo.all(q).map(QComment::body).collectList().block(T)).containsExactly("only", "low");
    Query<QComment> mixed = Query.from(QComment.class).distinctOn(field("postId")).distinctOn(Order.desc(field("votes")))
        .orderBy(Order.asc("id"));
    assertThat(repo.toSql(mixed).text()).as("the latest distinctOn is the one used")
        .contains("DISTINCT ON (q0.\"votes\")").endsWith(" ORDER BY q0.\"votes\" DESC, q0.\"id\"");
    assertThat(repo.toSql(Query.from(QComment.class).distinctOn(Order.desc("postId"))).text())
        .as("no ORDER BY of the query's own: nothing prepended, as in Ecto").doesNotContain("ORDER BY");
  }

  @Test
  void parentAsWorksInACteOfALateralSubquery(Repo repo) {
    TreeNode root = repo.insert(new TreeNode(null, null, "root")).block(T);
    TreeNode a = repo.insert(new TreeNode(null, root.id(), "a")).block(T);
    repo.insert(new TreeNode(null, a.id(), "a1")).block(T);
    // Ecto's "parent binding subquery and CTE": each node's path to the root, walked by a recursive
    // CTE that starts at the outer query's node.
    Query<TreeNode> start = Query.from(TreeNode.class).where(field("id").eq(parentAs("n", "id")));
    Query<TreeNode> up = Query.from(TreeNode.class).as("t")
        .join(JoinKind.INNER, new Source.Schema(TreeNode.class, "path"), "p", field("p", "parentId").eq(field("t", "id")))
        .selectBinding("t", TreeNode.class);
    Query<Map<String, Object>> path = Query.from(TreeNode.class, "path").withCte("path", start.unionAll(up)).recursiveCtes(true)
        .select(Map.of("names", fragment("string_agg(?, '/' ORDER BY ?)", field("name"), field("id"))));
    Map<String, dev.flecto.query.Expr> cols = new LinkedHashMap<>();
    cols.put("node", field("n", "name"));
    cols.put("path", field("b", "names"));
    Query<Map<String, Object>> q = Query.from(TreeNode.class).as("n")
        .join(JoinKind.LEFT_LATERAL, new Source.Subquery(path), "b", param(true).eq(true)).orderBy("id").select(cols);
    assertThat(repo.toSql(q).text()).as("the CTE reads the outer query's alias, and its own aliases cannot hide it")
        .contains("LEFT OUTER JOIN LATERAL (WITH RECURSIVE \"path\" AS (SELECT st0.\"id\", st0.\"parent_id\", st0.\"name\""
            + " FROM \"tree_nodes\" AS st0 WHERE st0.\"id\" = t0.\"id\" UNION ALL (");
    List<Map<String, Object>> rows = repo.all(q).collectList().block(T);
    assertThat(rows).extracting(r -> r.get("node") + "=" + r.get("path")).containsExactly("root=root", "a=root/a", "a1=root/a/a1");
  }

  @Test
  void parentAsOutsideAnyEnclosingQueryFailsNamingTheBinding(Repo repo) {
    Query<TreeNode> cte = Query.from(TreeNode.class).where(field("id").eq(parentAs("n", "id")));
    repo.all(Query.from(TreeNode.class, "c").as("n").withCte("c", cte)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).as("a CTE cannot see the FROM of the query that holds it")
            .isInstanceOf(QueryException.class).hasMessageContaining("parentAs(\"n\", \"id\") in where is outside a subquery"))
        .verify(T);
    Query<Long> union = Query.from(QComment.class).select(field("postId"), Long.class)
        .union(Query.from(QComment.class).where(field("postId").eq(parentAs("x", "id"))).select(field("postId"), Long.class));
    repo.all(Query.from(QPost.class).as("p").where(field("id").in(union))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("binding 'x' of parentAs(\"x\", \"id\") in where does not exist in any enclosing query")
            .hasMessageContaining("the enclosing queries' bindings are [p]"))
        .verify(T);
  }

  @Test
  void parentAsWorksInTheSecondQueryOfAUnionInsideIn(Repo repo) {
    QAuthor star = repo.insert(QAuthor.of("star", null)).block(T);
    QAuthor plain = repo.insert(QAuthor.of("plain", null)).block(T);
    QPost hot = repo.insert(QPost.of("hot", 0, plain.id(), null)).block(T);
    repo.insert(QPost.of("starred", 0, star.id(), null)).block(T);
    repo.insert(QPost.of("neither", 0, plain.id(), null)).block(T);
    repo.insert(QComment.of(hot.id(), "wow", 50, NOON)).block(T);
    // Ecto's "parent binding subquery and combination": both queries of the union read the outer post.
    Query<Long> hotOrStarred = Query.from(QComment.class).where(field("postId").eq(parentAs("p", "id"))).where(field("votes").gt(10))
        .select(field("postId"), Long.class)
        .union(Query.from(QAuthor.class).where(field("id").eq(parentAs("p", "authorId"))).where(field("name").eq("star"))
            .select(parentAs("p", "id"), Long.class));
    Query<QPost> q = Query.from(QPost.class).as("p").where(field("p", "id").in(hotOrStarred)).orderBy("title");
    assertThat(repo.toSql(q).text()).contains(" UNION (SELECT q0.\"id\" FROM \"q_authors\" AS sq0 WHERE sq0.\"id\" = q0.\"author_id\"");
    assertThat(repo.all(q).map(QPost::title).collectList().block(T)).containsExactly("hot", "starred");
  }

  @Test
  void aCastValueIsCastToItsTypeBeforeItIsBound(Repo repo) {
    repo.insert(QcItem.of("pen", "4.00", 5, null)).block(T);
    // Ecto's type(^"2.5", :decimal): the value is cast to a decimal and bound as one.
    Query<BigDecimal> times = Query.from(QcItem.class).select(field("price").times(cast(param("2.5"), BigDecimal.class)), BigDecimal.class);
    assertThat(repo.toSql(times).text()).contains("(q0.\"price\" * CAST($1 AS numeric))");
    assertThat(repo.toSql(times).params()).as("bound as a decimal, not as text").containsExactly(new BigDecimal("2.5"));
    assertThat(repo.one(times).block(T)).isEqualByComparingTo("10.00");
    Query<Double> half = Query.from(QcItem.class).select(field("qty").dividedBy(cast(param(2), Double.class)), Double.class);
    assertThat(repo.toSql(half).params()).as("bound as a double, not as an integer").containsExactly(2.0);
    assertThat(repo.one(half).block(T)).as("5 / 2.0, not integer division").isEqualTo(2.5);
    assertThat(repo.all(Query.from(QcItem.class).where(field("qty").times(cast(param("2.5"), BigDecimal.class)).eq("12.5")))
        .map(QcItem::name).collectList().block(T)).as("qty * 2.5 is a decimal: 12.5 is compared as one").containsExactly("pen");
    assertThat(repo.all(Query.from(QcItem.class).where(cast(field("qty"), BigDecimal.class).eq("5.0")))
        .map(QcItem::name).collectList().block(T)).as("a value compared with a cast takes the cast's type").containsExactly("pen");
  }

  @Test
  void aCastValueThatDoesNotFitItsTypeFailsNamingIt(Repo repo) {
    // PostgreSQL would refuse the text "2.5" as an integer only when run, and would round 2.7 to 3.
    repo.all(Query.from(QcItem.class).where(field("qty").eq(cast(param("2.5"), Integer.class)))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("value \"2.5\" in where cannot be cast to Integer in cast(…, Integer)"))
        .verify(T);
    repo.all(Query.from(QcItem.class).where(field("qty").eq(cast(param(2.7), Integer.class)))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("value 2.7 in where cannot be cast to Integer"))
        .verify(T);
    repo.all(Query.from(QcItem.class).where(cast(field("qty"), BigDecimal.class).eq("many"))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("value \"many\" in where cannot be cast to BigDecimal compared with cast(…, BigDecimal)"))
        .verify(T);
  }

  @Test
  void likeOnByteaTakesAStringOrABytePattern(Repo repo) {
    repo.insert(QcItem.of("png", null, null, new byte[] {(byte) 0x89, 'P', 'N', 'G'})).block(T);
    repo.insert(QcItem.of("txt", null, null, "hello".getBytes(StandardCharsets.UTF_8))).block(T);
    Query<QcItem> hel = Query.from(QcItem.class).where(field("data").like("hel%"));
    assertThat(repo.toSql(hel).params().get(0)).as("a String pattern is bound as its UTF-8 bytes").isEqualTo("hel%".getBytes(StandardCharsets.UTF_8));
    assertThat(repo.all(hel).map(QcItem::name).collectList().block(T)).containsExactly("txt");
    assertThat(repo.all(Query.from(QcItem.class).where(field("data").like(new byte[] {(byte) 0x89, '%'})))
        .map(QcItem::name).collectList().block(T)).containsExactly("png");
    assertThat(repo.all(Query.from(QcItem.class).where(field("data").like("%N_"))).map(QcItem::name).collectList().block(T))
        .as("_ matches one byte").containsExactly("png");
    repo.all(Query.from(QcItem.class).where(field("data").ilike("HEL%"))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("ILIKE on field 'data'").hasMessageContaining("bytea"))
        .verify(T);
  }
}
