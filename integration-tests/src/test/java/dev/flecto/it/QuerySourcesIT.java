package dev.flecto.it;

import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.param;
import static dev.flecto.query.Exprs.parentAs;
import static org.assertj.core.api.Assertions.assertThat;

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

/** Recursive CTEs, lateral joins, schemaless tables and subquery sources on PostgreSQL. */
@FlectoTest(migrations = "dev.flecto.it.migrations", schema = "/tree.sql")
class QuerySourcesIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void aRecursiveCteWalksATree(Repo repo) {
    TreeNode root = repo.insert(new TreeNode(null, null, "root")).block(T);
    TreeNode a = repo.insert(new TreeNode(null, root.id(), "a")).block(T);
    repo.insert(new TreeNode(null, a.id(), "a1")).block(T);
    repo.insert(new TreeNode(null, null, "other")).block(T);
    // The recursive part reads the CTE itself: join it by name.
    Query<TreeNode> fixed = Query.from(TreeNode.class, "tree")
        .withCte("tree", Query.from(TreeNode.class).where("id", root.id())
            .unionAll(Query.from(TreeNode.class).as("n")
                .join(JoinKind.INNER, new Source.Schema(TreeNode.class, "tree"), "t", field("t", "id").eq(field("n", "parentId")))
                .selectBinding("n", TreeNode.class)))
        .recursiveCtes(true).orderBy("name");
    assertThat(repo.all(fixed).map(TreeNode::name).collectList().block(T)).containsExactly("a", "a1", "root");
    assertThat(repo.aggregate(fixed.where(field("name").ne("root")), dev.flecto.query.Aggregate.COUNT).block(T))
        .as("an aggregate keeps the CTEs by running the query as a subquery").isEqualTo(2L);
  }

  @Test
  void aLateralJoinPicksTheNewestChildPerParent(Repo repo) {
    TreeNode p1 = repo.insert(new TreeNode(null, null, "p1")).block(T);
    TreeNode p2 = repo.insert(new TreeNode(null, null, "p2")).block(T);
    repo.insert(new TreeNode(null, p1.id(), "old")).block(T);
    repo.insert(new TreeNode(null, p1.id(), "new")).block(T);
    Query<TreeNode> newest = Query.from(TreeNode.class).where(field("parentId").eq(parentAs("p", "id"))).orderBy(Order.desc("id")).limit(1);
    Map<String, Expr> cols = new LinkedHashMap<>();
    cols.put("parent", field("p", "name"));
    cols.put("child", field("c", "name"));
    List<Map<String, Object>> rows = repo.all(Query.from(TreeNode.class).as("p").whereNull("parentId")
        .join(JoinKind.LEFT_LATERAL, new Source.Subquery(newest), "c", param(true).eq(true))
        .orderBy("name").select(cols)).collectList().block(T);
    assertThat(rows).extracting(r -> r.get("parent") + "->" + r.get("child")).containsExactly("p1->new", "p2->null");
    assertThat(p2.id()).isNotNull();
  }

  @Test
  void schemalessTablesAndSubquerySources(Repo repo) {
    repo.insert(Person.of("Ann", "Lee", 40)).then(repo.insert(Person.of("Bob", "Lee", 20))).then(repo.insert(Person.of("Cid", "Ray", 30)))
        .block(T);
    Map<String, Expr> cols = new LinkedHashMap<>();
    cols.put("name", field("first_name"));
    cols.put("age", field("age"));
    List<Map<String, Object>> rows = repo.all(Query.fromTable("people").where(field("age").gt(25)).orderBy(Order.asc(field("first_name")))
        .select(cols)).collectList().block(T);
    assertThat(rows).extracting(r -> r.get("name") + ":" + r.get("age")).containsExactly("Ann:40", "Cid:30");
    Map<String, Expr> perFamily = new LinkedHashMap<>();
    perFamily.put("family", field("lastName"));
    perFamily.put("n", count());
    Query<Map<String, Object>> families = Query.from(Person.class).groupBy(field("lastName")).select(perFamily);
    assertThat(repo.all(Query.from(families).where(field("n").gt(1)).select(field("family"), String.class)).collectList().block(T))
        .containsExactly("Lee");
    assertThat(repo.all(Query.from(Query.from(Person.class).where(field("age").lt(35))).orderBy("firstName")).map(Person::firstName)
        .collectList().block(T)).containsExactly("Bob", "Cid");
  }

  @Test
  void valuesListsJoinTables(Repo repo) {
    Person ann = repo.insert(Person.of("Ann", "Lee", 40)).block(T);
    Person bob = repo.insert(Person.of("Bob", "Lee", 20)).block(T);
    Map<String, Class<?>> types = new LinkedHashMap<>();
    types.put("id", Long.class);
    types.put("bonus", Integer.class);
    Map<String, Expr> cols = new LinkedHashMap<>();
    cols.put("name", field("p", "firstName"));
    cols.put("total", field("p", "age").plus(field("v", "bonus")));
    List<Map<String, Object>> rows = repo.all(Query.fromValues(
            List.of(Map.of("id", ann.id(), "bonus", 5), Map.of("id", bob.id(), "bonus", 7), Map.of("id", -1L, "bonus", 0)), types)
        .as("v").join(Person.class, "p", field("p", "id").eq(field("v", "id"))).orderBy(Order.asc(field("p", "firstName")))
        .select(cols)).collectList().block(T);
    assertThat(rows).extracting(r -> r.get("name") + "=" + r.get("total")).containsExactly("Ann=45", "Bob=27");
    assertThat(repo.all(Query.fromValues(List.of(Map.of("id", 9L, "bonus", 1)), types)).collectList().block(T))
        .containsExactly(Map.of("id", 9L, "bonus", 1));
  }
}
