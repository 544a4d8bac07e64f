package dev.flecto.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.query.Query;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.r2dbc.SharedSandbox;
import dev.flecto.spring.boot.it.app.Blog;
import dev.flecto.spring.boot.it.app.Blog.Author;
import dev.flecto.spring.boot.it.app.Blog.Post;
import dev.flecto.spring.boot.it.app.BlogApp;
import dev.flecto.test.TestDatabase;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A {@code @SpringBootTest} in the sandbox (Ecto's shared mode): with a {@link SharedSandbox} bean
 * over Boot's pool, the app's Repo runs in the sandbox each test checks out, so what the app writes
 * through HTTP is seen by the test and rolled back after it. Written once, run under both Boot lines.
 */
@SpringBootTest(classes = {BlogApp.class, SandboxedBlogAppContract.Sandboxed.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SandboxedBlogAppContract extends BlogDatabase {
  /** What a user's test configuration declares to run the app in the tests' sandboxes. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Sandboxed {
    @Bean
    SharedSandbox sharedSandbox(ConnectionFactory pool) {
      return SharedSandbox.over(pool);
    }
  }

  @AfterAll
  static void nothingWasCommitted() { // before BlogDatabase drops the tables
    long posts = TestDatabase.get().repo().aggregate(Query.from(Post.class), dev.flecto.query.Aggregate.COUNT)
        .map(n -> ((Number) n).longValue()).block(T);
    assertThat(posts).as("every test's writes were rolled back").isZero();
  }

  @Autowired
  SharedSandbox shared;

  @Value("${local.server.port}")
  int port;

  Sandbox sandbox;
  WebTestClient client;

  @BeforeEach
  void checkOut() {
    sandbox = shared.checkout().block(T);
    client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(T).build();
  }

  @AfterEach
  void rollBack() {
    sandbox.rollback().block(T);
  }

  @Test
  void theTestsDataIsSeenByTheAppAndTheAppsWritesByTheTest() {
    Author ann = sandbox.repo().insert(new Author(null, "Ann")).block(T);
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "In the sandbox", "authorId", ann.id()))
        .exchange().expectStatus().isCreated();
    assertThat(sandbox.repo().all(Query.from(Post.class)).map(Post::title).collectList().block(T))
        .as("the app's write, in the test's transaction").containsExactly("In the sandbox");
    Post post = sandbox.repo().all(Query.from(Post.class)).blockFirst(T);
    client.get().uri("/posts/{id}", post.id()).exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.author.name").isEqualTo("Ann");
  }

  @Test
  void aRefusedWriteLeavesTheSandboxUsableAndEachTestStartsEmpty() {
    assertThat(sandbox.repo().all(Query.from(Post.class)).collectList().block(T)).as("the other test's rows are gone").isEmpty();
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "Nobody's", "authorId", 1_000_000))
        .exchange().expectStatus().isEqualTo(422);
    Author bob = sandbox.repo().insert(new Author(null, "Bob")).block(T);
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "After a failure", "authorId", bob.id()))
        .exchange().expectStatus().isCreated();
    assertThat(sandbox.repo().all(Query.from(Post.class)).map(Post::title).collectList().block(T)).containsExactly("After a failure");
  }
}
