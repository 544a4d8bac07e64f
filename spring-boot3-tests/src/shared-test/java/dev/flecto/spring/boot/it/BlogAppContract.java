package dev.flecto.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.repo.Repo;
import dev.flecto.spring.boot.it.app.Blog;
import dev.flecto.spring.boot.it.app.Blog.Author;
import dev.flecto.spring.boot.it.app.BlogApp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The starter in a real Spring Boot WebFlux application on Boot's pool and Boot's versions of
 * Reactor, r2dbc-postgresql and Jackson, against the test PostgreSQL: written once, run by
 * {@code BlogAppIT} under Boot 3.5 here and under Boot 4.0 in spring-boot4-tests. Writes commit:
 * the tables are created before and dropped after. With Actuator and flecto-micrometer on the
 * classpath, as an application that wants metrics has them: the health and metrics endpoints are
 * read too.
 */
@SpringBootTest(classes = BlogApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BlogAppContract extends BlogDatabase {
  @Autowired
  Repo repo;

  @Value("${local.server.port}")
  int port;

  WebTestClient client;
  Author ann;

  @BeforeEach
  void setUp() {
    client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(T).build();
    ann = repo.insert(new Author(null, "Ann")).block(T);
  }

  @Test
  void createdWithAChangesetThenShownWithItsPreloadedAuthor() {
    Number id = createPost("Hello Boot");

    client.get().uri("/posts/{id}", id).exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.title").isEqualTo("Hello Boot")
        .jsonPath("$.author.name").isEqualTo("Ann")
        .jsonPath("$.comments").doesNotExist();
  }

  @Test
  void anInvalidChangesetIs422WithItsErrors() {
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "Hi"))
        .exchange()
        .expectStatus().isEqualTo(422)
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status").isEqualTo(422)
        .jsonPath("$.title").isEqualTo("Invalid changeset")
        .jsonPath("$.detail").isEqualTo("could not insert: the changeset has errors")
        .jsonPath("$.instance").isEqualTo("/posts")
        .jsonPath("$.errors.title[0]").isEqualTo("should be at least 3 character(s)");
  }

  @Test
  void aViolatedForeignKeyIs422OnItsField() {
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "Nobody's", "authorId", ann.id() + 1_000_000))
        .exchange()
        .expectStatus().isEqualTo(422)
        .expectBody()
        .jsonPath("$.errors.authorId[0]").isEqualTo("does not exist");
  }

  @Test
  void aMissingPostIs404() {
    byte[] body = client.get().uri("/posts/{id}", Long.MAX_VALUE).exchange()
        .expectStatus().isNotFound()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status").isEqualTo(404)
        .jsonPath("$.title").isEqualTo("Not found")
        .returnResult().getResponseBody();
    assertThat(new String(body)).as("the lookup's details stay in the server's log").doesNotContain("boot_posts");
  }

  @Test
  void actuatorShowsThePoolsHealthAndGaugesAndTheStatementsTimers() {
    Number id = createPost("Observed");
    client.get().uri("/posts/{id}", id).exchange().expectStatus().isOk();
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "Nobody's", "authorId", ann.id() + 1_000_000))
        .exchange().expectStatus().isEqualTo(422);

    // The Repo is on Boot's pool, so Boot's R2DBC health indicator checks the Repo's database.
    client.get().uri("/actuator/health").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.status").isEqualTo("UP")
        .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
        .jsonPath("$.components.r2dbc.details.database").isEqualTo("PostgreSQL");

    // Boot's gauges of that pool, tagged with the ConnectionFactory's bean name.
    assertThat(actuator("/actuator/metrics").get("names")).asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("r2dbc.pool.acquired", "r2dbc.pool.allocated", "r2dbc.pool.idle", "r2dbc.pool.pending",
            "r2dbc.pool.max.allocated", "r2dbc.pool.max.pending", "flecto.query");
    assertThat(statistic("r2dbc.pool.allocated", "VALUE", "name:connectionFactory")).isPositive();
    assertThat(statistic("r2dbc.pool.acquired", "VALUE", "name:connectionFactory")).isNotNegative();

    // The starter's FlectoObservations: each statement a flecto.query timer, by table, kind and outcome.
    assertThat(statistic("flecto.query", "COUNT", "db.sql.table:boot_posts", "flecto.kind:query", "outcome:success"))
        .as("the insert and the select of the post").isGreaterThanOrEqualTo(2);
    assertThat(statistic("flecto.query", "COUNT", "db.sql.table:boot_posts", "outcome:error"))
        .as("the insert the foreign key refused").isPositive();
  }

  private Number createPost(String title) {
    Map<?, ?> created = client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", title, "authorId", ann.id()))
        .exchange()
        .expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    return (Number) created.get("id");
  }

  private Map<?, ?> actuator(String path) {
    return client.get().uri(path).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
  }

  /** One statistic of a metric (COUNT, TOTAL_TIME, MAX, VALUE) over the meters with these "key:value" tags. */
  private double statistic(String metric, String statistic, String... tags) {
    String query = Arrays.stream(tags).map(tag -> "tag=" + tag).collect(Collectors.joining("&"));
    for (Object m : (List<?>) actuator("/actuator/metrics/" + metric + "?" + query).get("measurements")) {
      Map<?, ?> measurement = (Map<?, ?>) m;
      if (statistic.equals(measurement.get("statistic"))) {
        return ((Number) measurement.get("value")).doubleValue();
      }
    }
    throw new AssertionError(metric + " has no " + statistic);
  }
}
