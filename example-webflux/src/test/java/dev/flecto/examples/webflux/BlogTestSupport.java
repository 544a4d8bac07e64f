package dev.flecto.examples.webflux;

import dev.flecto.repo.Repo;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The blog on a random port against the test PostgreSQL ({@code TestDatabase}: an embedded one
 * unless {@code FLECTO_TEST_DATABASE_URL} is set). Writes really commit, so every author a test
 * makes has an email at a domain unique to this run, and the rows under those authors are deleted
 * after each test class. The subclasses share one application context (the same configuration).
 *
 * <pre>{@code
 * class MyIT extends BlogTestSupport {
 *   @Test void x() { Author ann = author("Ann"); client.get().uri("/posts?authorId=" + ann.id()).exchange(); }
 * }
 * }</pre>
 */
@SpringBootTest(classes = BlogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Small chunks: an export of a few hundred posts takes several FETCHes.
    properties = "blog.export.max-rows=50")
abstract class BlogTestSupport {
  static final Duration T = Duration.ofSeconds(30);
  static final String DOMAIN = "run-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  private static final AtomicInteger AUTHORS = new AtomicInteger();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", () -> TestDatabase.get().url());
  }

  @AfterAll
  static void deleteWhatTheTestsWrote() {
    String authors = "SELECT id FROM blog_authors WHERE email LIKE '%@" + DOMAIN + "'";
    String posts = "SELECT id FROM blog_posts WHERE author_id IN (" + authors + ")";
    TestDatabase.get().execute(
        "DELETE FROM blog_comments WHERE author_id IN (" + authors + ") OR post_id IN (" + posts + ");"
            + "DELETE FROM blog_posts WHERE author_id IN (" + authors + ");"
            + "DELETE FROM blog_authors WHERE email LIKE '%@" + DOMAIN + "'").block(T);
  }

  @Autowired
  Repo repo;

  @LocalServerPort
  int port;

  WebTestClient client;

  @BeforeEach
  void client() {
    client = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(T).build();
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  static String email(String name) {
    return name.toLowerCase(Locale.ROOT) + "." + AUTHORS.incrementAndGet() + "@" + DOMAIN;
  }

  Author author(String name) {
    return repo.insert(Author.registration(Map.of("name", name, "email", email(name)))).block(T);
  }

  Post post(Author author, String title, String body) {
    return repo.insert(Post.creation(Map.of("title", title, "body", body, "authorId", author.id()))).block(T);
  }
}
