package dev.flecto.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.repo.Repo;
import dev.flecto.spring.boot.it.app.Blog;
import dev.flecto.spring.boot.it.app.Blog.Author;
import dev.flecto.spring.boot.it.app.BlogApp;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The starter in a real Spring Boot WebFlux application on Boot's pool and Boot's versions of
 * Reactor, r2dbc-postgresql and Jackson, against the test PostgreSQL: written once, run by
 * {@code BlogAppIT} under Boot 3.5 here and under Boot 4.0 in spring-boot4-tests. Writes commit:
 * the tables are created before and dropped after.
 */
@SpringBootTest(classes = BlogApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BlogAppContract {
  private static final Duration T = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", () -> TestDatabase.get().url());
  }

  @BeforeAll
  static void schema() {
    TestDatabase.get().execute(Blog.SCHEMA).block(T);
  }

  @AfterAll
  static void drop() {
    TestDatabase.get().execute(Blog.DROP).block(T);
  }

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
    Map<?, ?> created = client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "Hello Boot", "authorId", ann.id()))
        .exchange()
        .expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    Number id = (Number) created.get("id");

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
}
