package dev.flecto.it;

import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.exists;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.mapOf;
import static dev.flecto.query.Exprs.param;
import static dev.flecto.query.Exprs.parentAs;
import static dev.flecto.query.Exprs.recordOf;
import static dev.flecto.query.Exprs.subquery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flecto.QueryException;
import dev.flecto.query.Expr;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.query.Source;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Select shapes beyond one record a row (Ecto's {@code select: {p, a}}, {@code %{post: p}},
 * {@code struct(p, fields)}, {@code map(p, fields)}): several records in one row, records beside
 * values, partial records and maps of some fields; the unmatched side of a left join is null. In
 * nested queries as Ecto's planner allows them: the whole select of a from, join or lateral
 * subquery (the outer query reads its fields) or of a CTE, one column of a value subquery, any
 * exists, a union of as many columns; anything else refused when planned.
 */
@FlectoTest(schema = "/query.sql")
class SelectShapesIT {
  private static final Duration T = Duration.ofSeconds(10);

  record PostAndAuthor(QPost post, QAuthor author) {}

  record AuthorPosts(QAuthor author, long posts) {}

  private static Query<QPost> postsWithAuthors() {
    return Query.from(QPost.class).as("p").join(JoinKind.LEFT, QAuthor.class, "a", field("a", "id").eq(field("p", "authorId")))
        .orderBy(Order.asc(field("p", "title")));
  }

  @Test
  void severalRecordsInARowAndALeftJoinThatMatchedNothingIsNull(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", "annie")).block(T);
    QPost a1 = repo.insert(QPost.of("a1", 1, ann.id(), QPost.Status.DRAFT)).block(T);
    QPost orphan = repo.insert(QPost.of("orphan", 2, null, null)).block(T);

    List<PostAndAuthor> rows = repo.all(postsWithAuthors().select(PostAndAuthor.class, recordOf("p"), recordOf("a")))
        .collectList().block(T);
    assertThat(rows).containsExactly(new PostAndAuthor(a1, ann), new PostAndAuthor(orphan, null));

    // The same in a map, beside a value.
    Map<String, Expr> shape = new LinkedHashMap<>();
    shape.put("post", recordOf("p"));
    shape.put("author", recordOf("a"));
    shape.put("title", field("p", "title"));
    List<Map<String, Object>> maps = repo.all(postsWithAuthors().select(shape)).collectList().block(T);
    assertThat(maps).hasSize(2);
    assertThat(maps.get(0)).containsEntry("post", a1).containsEntry("author", ann).containsEntry("title", "a1");
    assertThat(maps.get(1)).containsEntry("post", orphan).containsEntry("title", "orphan");
    assertThat(maps.get(1).get("author")).isNull();
  }

  @Test
  void aRecordBesideAnAggregate(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    QAuthor bob = repo.insert(QAuthor.of("Bob", null)).block(T);
    repo.insert(QPost.of("a1", 1, ann.id(), null)).block(T);
    repo.insert(QPost.of("a2", 1, ann.id(), null)).block(T);
    List<AuthorPosts> counts = repo.all(Query.from(QAuthor.class).as("a")
            .join(JoinKind.LEFT, QPost.class, "p", field("p", "authorId").eq(field("a", "id")))
            .groupBy(field("a", "id")).orderBy(Order.asc(field("a", "name")))
            .select(AuthorPosts.class, recordOf("a"), count(field("p", "id"))))
        .collectList().block(T);
    assertThat(counts).containsExactly(new AuthorPosts(ann, 2), new AuthorPosts(bob, 0));
  }

  @Test
  void partialRecordsAndMapsOfSomeFields(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", "annie")).block(T);
    QPost a1 = repo.insert(QPost.of("a1", 5, ann.id(), QPost.Status.PUBLISHED)).block(T);

    // Ecto's struct(p, [:id, :title]): the other fields null.
    assertThat(repo.all(Query.from(QPost.class).as("p").select(recordOf("p", "id", "title"), QPost.class)).collectList().block(T))
        .containsExactly(new QPost(a1.id(), "a1", null, null, null));
    // Ecto's map(p, [:title, :status]): the fields loaded as their types.
    assertThat(repo.all(Query.from(QPost.class).as("p").select(mapOf("p", "title", "status"), Map.class)).blockFirst(T))
        .isEqualTo(Map.of("title", "a1", "status", QPost.Status.PUBLISHED));
    // A partial record beside a map of a joined binding.
    record Row(QPost post, Map<String, Object> author) {}
    assertThat(repo.all(postsWithAuthors().select(Row.class, recordOf("p", "title"), mapOf("a", "name"))).blockFirst(T))
        .isEqualTo(new Row(new QPost(null, "a1", null, null, null), Map.of("name", "Ann")));
    // A table without a schema: mapOf names its columns.
    assertThat(repo.all(Query.fromTable("q_authors").as("t").select(mapOf("t", "name", "nickname"), Map.class)).blockFirst(T))
        .isEqualTo(Map.of("name", "Ann", "nickname", "annie"));
  }

  @Test
  void aBindingsRowOutsideTheTopOfASelectOrWithAWrongFieldIsRefusedBeforeAnySql(Repo repo) {
    assertThat(catchThrowable(() -> repo.all(Query.from(QPost.class).as("p").where(recordOf("p").eq(1))).blockLast(T)))
        .isInstanceOf(QueryException.class).hasMessageContaining("recordOf(\"p\") in where is a whole row of a binding");
    assertThat(catchThrowable(() -> repo.all(Query.from(QPost.class).as("p").select(recordOf("p", "nope"), QPost.class))
        .blockLast(T))).isInstanceOf(QueryException.class).hasMessageContaining("field 'nope'")
        .hasMessageContaining("does not exist in schema");
    assertThat(catchThrowable(() -> repo.all(postsWithAuthors().select(PostAndAuthor.class, recordOf("a"), recordOf("p")))
        .blockLast(T))).isInstanceOf(QueryException.class).hasMessageContaining("reads QAuthor records, not QPost");
    assertThat(catchThrowable(() -> repo.all(Query.fromTable("q_authors").as("t").select(recordOf("t"), Map.class)).blockLast(T)))
        .isInstanceOf(QueryException.class).hasMessageContaining("needs a binding of a schema");
    assertThat(catchThrowable(() -> repo.all(Query.from(QPost.class).as("p").select(mapOf("p", "title", "title"), Map.class))
        .blockLast(T))).isInstanceOf(QueryException.class).hasMessageContaining("names field 'title' twice");
  }

  @Test
  void aFragmentAsASourceReadAsASchemaOrByColumn(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    QPost a1 = repo.insert(QPost.of("a1", 5, ann.id(), QPost.Status.DRAFT)).block(T);
    QPost a2 = repo.insert(QPost.of("a2", 50, ann.id(), null)).block(T);
    // Rows of a schema from SQL: where, order and a join over them as over the table.
    Query<QPost> popular = Query.fromFragment(dev.flecto.query.Exprs.fragment(
        "SELECT * FROM q_posts WHERE votes >= ?", 5), QPost.class).where(field("votes").lt(100)).orderBy("votes");
    assertThat(repo.all(popular).collectList().block(T)).containsExactly(a1, a2);
    assertThat(repo.all(popular.as("p").join(JoinKind.INNER, QAuthor.class, "a", field("a", "id").eq(field("p", "authorId")))
        .where(field("p", "votes").gt(param(10))).select(PostAndAuthor.class, recordOf("p"), recordOf("a"))).collectList().block(T))
        .containsExactly(new PostAndAuthor(a2, ann));
    // Without a schema: columns by name.
    assertThat(repo.all(Query.fromFragment(dev.flecto.query.Exprs.fragment("SELECT generate_series(1, ?) AS n", 3))
        .where(field("n").gt(1)).select(field("n"), Integer.class)).collectList().block(T)).containsExactly(2, 3);
    assertThat(catchThrowable(() -> repo.all(Query.fromFragment(dev.flecto.query.Exprs.fragment("SELECT 1 AS n"))).blockLast(T)))
        .isInstanceOf(QueryException.class).hasMessageContaining("has no schema, so it needs a select");
  }

  @Test
  void aListPerRowAndMapsWithKeysComputedAtRunTime(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    repo.insert(QPost.of("a1", 5, ann.id(), QPost.Status.DRAFT)).block(T);
    repo.insert(QPost.of("orphan", null, null, null)).block(T);
    // Ecto's select: [p.title, p.votes, a]: values as their fields read, a record, nulls kept.
    List<List<Object>> rows = repo.all(postsWithAuthors().selectList(field("p", "title"), field("p", "status"), recordOf("a")))
        .collectList().block(T);
    assertThat(rows).containsExactly(java.util.Arrays.asList("a1", QPost.Status.DRAFT, ann),
        java.util.Arrays.asList("orphan", null, null));
    // A row is a read-only list, equal to (and hashing as) any list of the same values.
    List<Object> orphan = rows.get(1);
    assertThat(orphan.hashCode()).isEqualTo(java.util.Arrays.asList("orphan", null, null).hashCode());
    assertThat(orphan).hasToString("[orphan, null, null]").isInstanceOf(java.util.RandomAccess.class);
    assertThat(catchThrowable(() -> orphan.set(0, "changed"))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(catchThrowable(() -> orphan.add("more"))).isInstanceOf(UnsupportedOperationException.class);
    // Without a record in the select, the same.
    List<Object> plain = repo.all(Query.from(QPost.class).where(field("title").eq("orphan")).selectList(field("title"),
        field("votes"))).blockFirst(T);
    assertThat(plain).containsExactly("orphan", null);
    assertThat(catchThrowable(() -> plain.remove(0))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(plain).isInstanceOf(java.io.Serializable.class);
    // Ecto's %{^key => p.title}: a map's keys are whatever the code computes.
    String key = "title_" + "en";
    assertThat(repo.all(Query.from(QPost.class).where(field("title").eq("a1")).select(Map.of(key, field("title")))).blockFirst(T))
        .isEqualTo(Map.of("title_en", "a1"));
    assertThat(catchThrowable(() -> Query.from(QPost.class).selectList())).isInstanceOf(QueryException.class)
        .hasMessageContaining("selectList needs at least one expression");
  }

  @Test
  void aBindingsRowAsTheWholeSelectOfASourceSubqueryExposesItsFields(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", "annie")).block(T);
    QAuthor bob = repo.insert(QAuthor.of("Bob", null)).block(T);
    QPost a1 = repo.insert(QPost.of("a1", 5, ann.id(), QPost.Status.DRAFT)).block(T);
    QPost a2 = repo.insert(QPost.of("a2", 7, ann.id(), null)).block(T);
    repo.insert(QPost.of("orphan", 1, null, null)).block(T);
    Query<QPost> p = Query.from(QPost.class).as("p");

    // Ecto's from s in subquery(from p in Post, select: map(p, [:title, :author_id])): its fields, typed as the schema's.
    Query<Map> titles = Query.from(p.select(mapOf("p", "title", "authorId"), Map.class)).as("s")
        .where(field("s", "authorId").eq(param(ann.id()))).orderBy(Order.asc(field("s", "title")));
    assertThat(repo.all(titles).collectList().block(T)).containsExactly(
        Map.of("title", "a1", "authorId", ann.id()), Map.of("title", "a2", "authorId", ann.id()));
    assertThat(repo.all(titles.select(field("s", "authorId"), Long.class)).collectList().block(T))
        .containsExactly(ann.id(), ann.id());
    // struct(p, [:id, :title]): the outer query reads Posts with only those fields.
    assertThat(repo.all(Query.from(p.where(field("p", "votes").gt(4)).select(recordOf("p", "id", "title"), QPost.class))
        .as("s").orderBy(Order.asc(field("s", "title")))).collectList().block(T))
        .containsExactly(new QPost(a1.id(), "a1", null, null, null), new QPost(a2.id(), "a2", null, null, null));
    // The whole record, and a join over such a subquery.
    assertThat(repo.all(Query.from(p.select(recordOf("p"), QPost.class)).as("s").where(field("s", "votes").eq(5)))
        .collectList().block(T)).containsExactly(a1);
    Map<String, Expr> shape = new LinkedHashMap<>();
    shape.put("name", field("a", "name"));
    shape.put("votes", field("s", "votes"));
    assertThat(repo.all(Query.from(QAuthor.class).as("a")
            .join(JoinKind.INNER, new Source.Subquery(p.select(mapOf("p", "authorId", "votes"), Map.class)), "s",
                field("s", "authorId").eq(field("a", "id")))
            .orderBy(Order.asc(field("s", "votes"))).select(shape)).collectList().block(T))
        .containsExactly(Map.of("name", "Ann", "votes", 5), Map.of("name", "Ann", "votes", 7));
    // A lateral join's subquery, reading the outer binding through parentAs.
    Query<Map> newest = Query.from(QPost.class).as("p").where(field("p", "authorId").eq(parentAs("a", "id")))
        .orderBy(Order.desc(field("p", "votes"))).limit(1).select(mapOf("p", "title"), Map.class);
    record Newest(String author, String title) {}
    assertThat(repo.all(Query.from(QAuthor.class).as("a").join(JoinKind.LEFT_LATERAL, new Source.Subquery(newest), "l",
            param(true).eq(true)).orderBy(Order.asc(field("a", "name")))
        .select(Newest.class, field("a", "name"), field("l", "title"))).collectList().block(T))
        .containsExactly(new Newest("Ann", "a2"), new Newest("Bob", null));
    assertThat(bob.id()).isNotNull();
  }

  @Test
  void aBindingsRowInACteAnExistsAValueSubqueryAndAUnion(Repo repo) {
    QAuthor ann = repo.insert(QAuthor.of("Ann", null)).block(T);
    repo.insert(QAuthor.of("Bob", null)).block(T);
    QPost a1 = repo.insert(QPost.of("a1", 5, ann.id(), QPost.Status.DRAFT)).block(T);
    QPost a2 = repo.insert(QPost.of("a2", 9, null, null)).block(T);
    Query<QPost> p = Query.from(QPost.class).as("p");
    // A CTE's columns are the record's: read it as the schema, or its columns by name.
    assertThat(repo.all(Query.from(QPost.class, "picked").withCte("picked", p.where(field("p", "votes").lt(6))
        .select(recordOf("p"), QPost.class))).collectList().block(T)).containsExactly(a1);
    assertThat(repo.all(Query.fromTable("picked").withCte("picked", p.select(recordOf("p", "id", "authorId"), QPost.class))
        .where(field("author_id").isNotNull()).select(field("id"), Long.class)).collectList().block(T))
        .containsExactly(a1.id());
    // exists takes any select; in(...) a binding's row of one field (Ecto: a single field).
    assertThat(repo.all(Query.from(QAuthor.class).as("a").where(exists(Query.from(QPost.class).as("p")
        .where(field("p", "authorId").eq(parentAs("a", "id"))).select(recordOf("p"), QPost.class)))).collectList().block(T))
        .containsExactly(ann);
    assertThat(repo.all(Query.from(QAuthor.class).where(field("id").in(p.select(mapOf("p", "authorId"), Map.class))))
        .collectList().block(T)).containsExactly(ann);
    // A union of the same shape on both sides.
    assertThat(repo.all(p.where(field("p", "votes").lt(6)).select(recordOf("p", "id", "title"), QPost.class)
        .unionAll(Query.from(QPost.class).as("q").where(field("q", "votes").gt(6)).select(recordOf("q", "id", "title"), QPost.class)))
        .collectList().block(T)).containsExactlyInAnyOrder(new QPost(a1.id(), "a1", null, null, null),
        new QPost(a2.id(), "a2", null, null, null));
  }

  @Test
  void aBindingsRowWhereANestedQueryCannotSelectOneIsRefusedWhenPlanned(Repo repo) {
    Query<QPost> p = Query.from(QPost.class).as("p");
    record TwoPosts(QPost left, QPost right) {}
    refused(repo.all(Query.from(p.select(Map.of("post", recordOf("p"))))),
        "recordOf(\"p\", [id, title, votes, authorId, status]) in the select of a subquery in from is a binding's row inside a map");
    refused(repo.all(Query.from(QAuthor.class).as("a").join(JoinKind.INNER,
            new Source.Subquery(p.select(TwoPosts.class, recordOf("p"), recordOf("p"))), "s", param(true).eq(true))
        .select(field("a", "name"), String.class)), "in the select of a subquery in join s is a binding's row inside a record");
    refused(repo.all(Query.fromTable("c").withCte("c", p.select(Map.of("title", mapOf("p", "title"))))
        .select(field("title"), String.class)), "mapOf(\"p\", [title]) in the select of CTE c is a binding's row inside a map");
    refused(repo.all(Query.from(QAuthor.class).where(field("id").in(p.select(mapOf("p", "authorId", "votes"), Map.class)))),
        "mapOf(\"p\", [authorId, votes]) in the select of a subquery used as a value in where reads 2 fields");
    refused(repo.all(Query.from(QAuthor.class).select(subquery(p.limit(1).select(recordOf("p"), QPost.class)), Object.class)),
        "in the select of a subquery used as a value in select reads 5 fields of a binding's row");
    refused(repo.all(p.select(recordOf("p"), QPost.class).union(Query.from(QPost.class).as("q")
        .select(recordOf("q", "id"), QPost.class))),
        "the query combined by union selects 1 column(s) but the query it is combined with selects 5");
  }

  private static void refused(Flux<?> flux, String message) {
    flux.as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining(message))
        .verify(T);
  }
}
