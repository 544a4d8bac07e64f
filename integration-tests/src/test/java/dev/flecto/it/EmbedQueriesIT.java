package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.jsonPath;
import static dev.flecto.query.Exprs.jsonText;
import static dev.flecto.query.Exprs.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.DumpException;
import dev.flecto.QueryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.it.EmSchemas.EmAddress;
import dev.flecto.it.EmSchemas.EmGeo;
import dev.flecto.it.EmSchemas.EmProfile;
import dev.flecto.it.EmSchemas.EmUser;
import dev.flecto.it.EmSchemas.Visibility;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** JSON paths into embeds in queries (stored names, indexes, keys from fields, typed values) and updateAll of an embed. */
@FlectoTest(schema = "/embeds.sql")
class EmbedQueriesIT {
  private static final Duration T = Duration.ofSeconds(10);
  private static final Instant SEEN = Instant.parse("2024-05-01T10:00:00.5Z");

  private static EmUser user(Repo repo, String name, Visibility v, String theme, String city, double lat) {
    return repo.insert(new EmUser(null, name, new EmProfile(null, true, theme, v, SEEN),
        List.of(new EmAddress(null, "1 Main", city, new EmGeo(lat, 0.0))), "theme")).block(T);
  }

  private static List<String> names(Repo repo, Query<EmUser> q) {
    return repo.all(q.orderBy("name")).map(EmUser::name).collectList().block(T);
  }

  @Test
  void pathsIntoEmbedsUseStoredNamesIndexesAndTypedValues(Repo repo) {
    user(repo, "Ann", Visibility.PUBLIC, "dark", "Oslo", 59.9);
    user(repo, "Bob", Visibility.PRIVATE, "light", "Bergen", 60.4);
    Query<EmUser> users = Query.from(EmUser.class);
    assertThat(names(repo, users.where(jsonText(field("profile"), "visibility").eq(Visibility.PUBLIC)))).containsExactly("Ann");
    assertThat(names(repo, users.where(jsonText(field("profile"), "visibility").eq("PRIVATE")))).containsExactly("Bob");
    assertThat(names(repo, users.where(jsonText(field("profile"), "darkMode").eq("light")))).containsExactly("Bob");
    assertThat(names(repo, users.where(jsonPath(field("profile"), "seenAt").eq(SEEN)))).containsExactly("Ann", "Bob");
    assertThat(names(repo, users.where(jsonPath(field("profile"), "online").eq(true)))).containsExactly("Ann", "Bob");
    assertThat(names(repo, users.where(jsonPath(field("addresses"), 0, "city").eq("Bergen")))).containsExactly("Bob");
    assertThat(names(repo, users.where(jsonPath(field("addresses"), 0, "geo", "lat").gt(60)))).containsExactly("Bob");
    assertThat(names(repo, users.where(jsonText(field("addresses"), 0, "geo", "lat").eq(59.9)))).containsExactly("Ann");
    // A key taken from another field (home_key holds the stored key "theme") and from a parameter.
    assertThat(names(repo, users.where(jsonText(field("profile"), field("homeKey")).eq("dark")))).containsExactly("Ann");
    assertThat(names(repo, users.where(jsonText(field("addresses"), param(0), "city").eq("Oslo")))).containsExactly("Ann");
    assertThat(repo.all(users.orderBy("name").select(jsonText(field("addresses"), 0, "city"), String.class)).collectList().block(T))
        .containsExactly("Oslo", "Bergen");
    assertThat(repo.all(users.orderBy("name").select(field("profile"), EmProfile.class)).map(EmProfile::darkMode).collectList()
        .block(T)).containsExactly("dark", "light");
  }

  @Test
  void badPathsAndValuesFailNamingTheEmbeddedSchema(Repo repo) {
    Query<EmUser> users = Query.from(EmUser.class);
    assertThatThrownBy(() -> repo.all(users.where(jsonText(field("profile"), "colour").eq("x"))).collectList().block(T))
        .isInstanceOf(QueryException.class).hasMessageContaining("'colour' is not a stored field of embedded EmProfile (embedded)")
        .hasMessageContaining("id, online, darkMode, visibility, seenAt");
    assertThatThrownBy(() -> repo.all(users.where(jsonText(field("addresses"), "city").eq("x"))).collectList().block(T))
        .isInstanceOf(QueryException.class).hasMessageContaining("'city' must be an index into its list of embedded EmAddress");
    assertThatThrownBy(() -> repo.all(users.where(jsonText(field("profile"), "visibility").eq("HIDDEN"))).collectList().block(T))
        .isInstanceOf(QueryException.class).hasMessageContaining("cannot be cast to Visibility for embedded field 'visibility'");
    assertThatThrownBy(() -> repo.all(users.where(jsonText(field("addresses"), 0, "geo", "alt").eq(1))).collectList().block(T))
        .isInstanceOf(QueryException.class).hasMessageContaining("'alt' is not a stored field of embedded EmGeo");
  }

  @Test
  void updateAllWritesAWholeEmbedThroughTheSameEncoder(Repo repo) {
    EmUser ann = user(repo, "Ann", Visibility.PUBLIC, "dark", "Oslo", 59.9);
    user(repo, "Bob", Visibility.PRIVATE, "light", "Bergen", 60.4);
    EmProfile hidden = new EmProfile(null, false, "dim", Visibility.PRIVATE, SEEN);
    long n = repo.updateAll(Query.from(EmUser.class).where(field("name").eq("Ann")),
        Updates.set("profile", hidden).andSet("addresses", List.of(Map.of("city", "Paris")))).block(T);
    assertThat(n).isEqualTo(1L);
    EmUser back = repo.reload(ann).block(T);
    assertThat(back.profile().visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(back.profile().id()).isNotNull(); // generated when written, as on insert
    assertThat(back.addresses()).extracting(EmAddress::city).containsExactly("Paris");
    assertThat(names(repo, Query.from(EmUser.class).where(jsonText(field("profile"), "visibility").eq(Visibility.PRIVATE))))
        .containsExactly("Ann", "Bob");
    // A map names the embedded fields, cast as a changeset casts them.
    repo.updateAll(Query.from(EmUser.class).where(field("name").eq("Bob")),
        Updates.set("profile", Map.of("darkMode", "dim", "visibility", "PUBLIC", "seenAt", "2024-05-01T10:00:00.5Z"))).block(T);
    assertThat(names(repo, Query.from(EmUser.class).where(jsonText(field("profile"), "darkMode").eq("dim")))).containsExactly("Ann", "Bob");
    assertThat(names(repo, Query.from(EmUser.class).where(jsonPath(field("profile"), "seenAt").eq(SEEN)))).containsExactly("Ann", "Bob");
    assertThatThrownBy(() -> repo.updateAll(Query.from(EmUser.class), Updates.set("profile", Map.of("theme", "x"))).block(T))
        .isInstanceOf(QueryException.class).hasMessageContaining("'theme' is not a stored field of embedded EmProfile");
    repo.updateAll(Query.from(EmUser.class), Updates.set("profile", null)).block(T);
    assertThat(repo.all(EmUser.class).map(u -> u.profile() == null).collectList().block(T)).containsOnly(true);
    assertThatThrownBy(() -> repo.updateAll(Query.from(EmUser.class), Updates.set("profile", "dark")).block(T))
        .isInstanceOf(QueryException.class).hasMessageContaining("profile");
  }

  @Test
  void aValueJacksonCouldNotReadBackIsRefusedNamingTheField(Repo repo) {
    assertThatThrownBy(() -> user(repo, "Ann", Visibility.PUBLIC, "x".repeat(20_000_001), "Oslo", 1.0))
        .isInstanceOf(DumpException.class).hasMessageContaining("field 'profile' of schema EmUser (table em_users)")
        .hasMessageContaining("nothing was written");
    assertThat(repo.all(EmUser.class).count().block(T)).isZero();
  }
}
