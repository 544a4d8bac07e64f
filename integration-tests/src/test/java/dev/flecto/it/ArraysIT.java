package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.QueryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.LengthRule;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** List fields as PostgreSQL arrays: round trips, casting, validations, push and pull. */
@FlectoTest(schema = "/arrays.sql")
class ArraysIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void listsRoundTripAsArrays(Repo repo) {
    Tagged t = repo.insert(new Tagged(null, List.of("java", "ecto"), List.of(3L, 1L), List.of(Tagged.Mood.HAPPY))).block(T);
    assertThat(repo.reload(t).block(T)).isEqualTo(t);
    assertThat(t.tags()).containsExactly("java", "ecto");
    assertThat(t.moods()).containsExactly(Tagged.Mood.HAPPY);
    Tagged empty = repo.insert(new Tagged(null, null, List.of(), null)).block(T);
    assertThat(empty.tags()).isNull();
    assertThat(empty.scores()).isEmpty();
    assertThat(repo.all(Query.from(Tagged.class).where(fragment("? = ANY(?)", "java", field("tags")))).collectList().block(T))
        .containsExactly(t);
  }

  @Test
  void aValueInAnArrayFieldIsEctosInOverTheArray(Repo repo) {
    Tagged java = repo.insert(new Tagged(null, List.of("java", "ecto"), List.of(3L, 1L), List.of(Tagged.Mood.HAPPY))).block(T);
    Tagged go = repo.insert(new Tagged(null, List.of("go"), List.of(2L), List.of(Tagged.Mood.SAD))).block(T);
    // Ecto's "ecto" in t.tags: the value is cast to the element type and compared with = ANY(the column).
    Query<Tagged> ecto = Query.from(Tagged.class).where(dev.flecto.query.Exprs.param("ecto").in(field("tags")));
    assertThat(repo.toSql(ecto).text()).contains("= ANY(t0.\"tags\")");
    assertThat(repo.all(ecto).collectList().block(T)).containsExactly(java);
    assertThat(repo.all(Query.from(Tagged.class).where(dev.flecto.query.Exprs.param("2").in(field("scores"))))
        .collectList().block(T)).as("\"2\" cast to a Long element").containsExactly(go);
    assertThat(repo.all(Query.from(Tagged.class).where(dev.flecto.query.Exprs.param(Tagged.Mood.SAD).in(field("moods"))))
        .collectList().block(T)).containsExactly(go);
    assertThat(repo.all(Query.from(Tagged.class).where(dev.flecto.query.Exprs.param("go").notIn(field("tags"))))
        .collectList().block(T)).containsExactly(java);
    StepVerifier.create(repo.all(Query.from(Tagged.class).where(dev.flecto.query.Exprs.param("x").in(field("id")))))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining("list (array) field"))
        .verify(T);
    StepVerifier.create(repo.all(Query.from(Tagged.class).where(dev.flecto.query.Exprs.param("many").in(field("scores")))))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining("'scores'"))
        .verify(T);
  }

  @Test
  void changesetsCastAndValidateLists(Repo repo) {
    Changeset<Tagged> cs = Changeset.cast(Tagged.class, Map.of("tags", List.of("java", "", "go"), "scores", List.of("1", 2),
            "moods", List.of("SAD")), "tags", "scores", "moods")
        .validateSubset("tags", List.of("java", "go", "elixir"))
        .validateLength("scores", LengthRule.max(5));
    assertThat(cs.isValid()).isTrue();
    assertThat(cs.getChange("tags")).as("empty entries are removed, as Ecto does").isEqualTo(List.of("java", "go"));
    assertThat(cs.getChange("scores")).isEqualTo(List.of(1L, 2L));
    Tagged t = repo.insert(cs).block(T);
    assertThat(t.moods()).containsExactly(Tagged.Mood.SAD);
    Changeset<Tagged> bad = Changeset.cast(t, Map.of("tags", List.of("cobol"), "scores", List.of("x")), "tags", "scores")
        .validateSubset("tags", List.of("java", "go"));
    assertThat(bad.errorsByField()).isEqualTo(Map.of("scores", List.of("is invalid"), "tags", List.of("has an invalid entry")));
  }

  @Test
  void pushAndPullInUpdateAll(Repo repo) {
    Tagged t = repo.insert(new Tagged(null, List.of("a", "b", "a"), List.of(1L), null)).block(T);
    assertThat(repo.updateAll(Query.from(Tagged.class).where("id", t.id()), Updates.push("tags", "c").andPush("scores", "7")).block(T))
        .isEqualTo(1L);
    assertThat(repo.updateAll(Query.from(Tagged.class).where("id", t.id()), Updates.pull("tags", "a")).block(T)).isEqualTo(1L);
    Tagged after = repo.reload(t).block(T);
    assertThat(after.tags()).containsExactly("b", "c");
    assertThat(after.scores()).containsExactly(1L, 7L);
    repo.updateAll(Query.from(Tagged.class), Updates.push("id", 1)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class).hasMessageContaining("push on field 'id'")
            .hasMessageContaining("needs a list field"))
        .verify(T);
  }
}
