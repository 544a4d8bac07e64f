package dev.flecto.repo;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.query.Selection;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Virtual;
import org.junit.jupiter.api.Test;

/** The query an aggregate runs, as Ecto's Repo.aggregate builds it. */
class AggregatesTest {
  @Schema("posts")
  public record Post(@Id Long id, Long authorId, String title, Integer votes, @Virtual String note) {}

  @Test
  void anAggregateOfAFieldOverADistinctQuerySelectsTheFieldAlone() {
    Query<?> q = Aggregates.of(Query.from(Post.class).distinct().orderBy("title"), "authorId");
    assertThat(q.select()).isInstanceOf(Selection.Single.class);
    assertThat(q.distinctRows()).isTrue();
    assertThat(q.orderBy()).as("an order PostgreSQL's DISTINCT would refuse, and which chooses no rows").isEmpty();
    assertThat(q.toString()).isEqualTo("from Post distinct select authorId");
  }

  @Test
  void aPageOrADistinctOnKeepsTheOrderThatChoosesItsRows() {
    Query<?> paged = Aggregates.of(Query.from(Post.class).orderBy(Order.desc("votes")).limit(10), "votes");
    assertThat(paged.toString()).isEqualTo("from Post order by votes desc limit 10 select votes");
    Query<?> firstPerAuthor = Aggregates.of(Query.from(Post.class).distinctOn(field("authorId"))
        .orderBy(Order.asc("authorId"), Order.desc("votes")), "votes");
    assertThat(firstPerAuthor.orderBy()).hasSize(2);
    assertThat(firstPerAuthor.select()).isInstanceOf(Selection.Single.class);
  }

  @Test
  void combinationsGroupingsAndUnknownFieldsKeepTheirSelect() {
    Query<Post> union = Query.from(Post.class).where("votes", 1).union(Query.from(Post.class).where("votes", 2));
    assertThat(Aggregates.of(union, "votes")).isSameAs(union);
    Query<Post> distinct = Query.from(Post.class).distinct();
    assertThat(Aggregates.of(distinct, "nope")).as("reported by the caller, with the schema's fields").isSameAs(distinct);
    assertThat(Aggregates.of(distinct, "note")).as("virtual").isSameAs(distinct);
  }

  @Test
  void aDirectAggregateDropsOrderAndSelect() {
    Query<?> direct = Aggregates.of(Query.from(Post.class).where("votes", 1).orderBy("title").select(field("title"), String.class), "votes");
    assertThat(direct.orderBy()).isEmpty();
    assertThat(direct.select()).isInstanceOf(Selection.Binding.class);
    Query<Post> distinct = Query.from(Post.class).distinct();
    assertThat(Aggregates.of(distinct)).as("count(*) of a distinct query counts its distinct rows, as Ecto's aggregate/3")
        .isSameAs(distinct);
  }
}
