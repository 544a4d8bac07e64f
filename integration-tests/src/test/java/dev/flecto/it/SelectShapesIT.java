package dev.flecto.it;

import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.mapOf;
import static dev.flecto.query.Exprs.param;
import static dev.flecto.query.Exprs.recordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flecto.QueryException;
import dev.flecto.query.Expr;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Select shapes beyond one record a row (Ecto's {@code select: {p, a}}, {@code %{post: p}},
 * {@code struct(p, fields)}, {@code map(p, fields)}): several records in one row, records beside
 * values, partial records and maps of some fields; the unmatched side of a left join is null.
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
    // Ecto's %{^key => p.title}: a map's keys are whatever the code computes.
    String key = "title_" + "en";
    assertThat(repo.all(Query.from(QPost.class).where(field("title").eq("a1")).select(Map.of(key, field("title")))).blockFirst(T))
        .isEqualTo(Map.of("title_en", "a1"));
    assertThat(catchThrowable(() -> Query.from(QPost.class).selectList())).isInstanceOf(QueryException.class)
        .hasMessageContaining("selectList needs at least one expression");
  }
}
