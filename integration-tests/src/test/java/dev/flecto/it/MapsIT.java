package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.jsonPath;
import static dev.flecto.query.Exprs.jsonText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.changeset.Changeset;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Map fields stored as jsonb, and JSON paths in queries. */
@FlectoTest(schema = "/maps.sql")
class MapsIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void mapsRoundTripAndPathsQueryThem(Repo repo) {
    Map<String, Object> settings = Map.of("theme", "dark", "size", 12, "tags", List.of("a", "b"), "nested", Map.of("on", true));
    Profile ann = repo.insert(new Profile(null, "Ann", settings)).block(T);
    Profile bob = repo.insert(new Profile(null, "Bob", Map.of("theme", "light", "size", 9))).block(T);
    repo.insert(new Profile(null, "Cid", null)).block(T);
    assertThat(repo.reload(ann).block(T).settings()).isEqualTo(settings);
    assertThat(repo.all(Query.from(Profile.class).where(jsonText(field("settings"), "theme").eq("dark"))).map(Profile::name)
        .collectList().block(T)).containsExactly("Ann");
    assertThat(repo.all(Query.from(Profile.class).where(jsonText(field("settings"), "nested", "on").eq("true"))).map(Profile::name)
        .collectList().block(T)).containsExactly("Ann");
    assertThat(repo.all(Query.from(Profile.class).where(jsonPath(field("settings"), "size").gt(10))).map(Profile::name)
        .collectList().block(T)).containsExactly("Ann");
    assertThat(repo.all(Query.from(Profile.class).where(jsonText(field("settings"), "tags", 1).eq("b"))).map(Profile::name)
        .collectList().block(T)).containsExactly("Ann");
    assertThat(repo.all(Query.from(Profile.class).orderBy("name").select(jsonText(field("settings"), "theme"), String.class)
        .where(field("settings").isNotNull())).collectList().block(T)).containsExactly("dark", "light");
    Profile changed = repo.update(Changeset.cast(bob, Map.of("settings", Map.of("theme", "dark'); DROP TABLE profiles; --")),
        "settings")).block(T);
    assertThat(changed.settings()).containsEntry("theme", "dark'); DROP TABLE profiles; --");
    assertThat(repo.all(Profile.class).count().block(T)).isEqualTo(3L);
  }
}
