package dev.flecto.examples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The blog: a Spring Boot WebFlux application on Flecto. The starter gives it a {@code Repo} on
 * Boot's R2DBC pool, Flecto's Jackson module and problem details for invalid changesets (422) and
 * missing records (404); its migration ({@code V20250301090000_CreateBlog}) creates the tables at startup. It needs {@code spring.r2dbc.url}.
 *
 * <pre>{@code
 * java ... dev.flecto.examples.webflux.BlogApplication --spring.r2dbc.url=r2dbc:postgresql://app:secret@localhost/blog
 * }</pre>
 *
 * <p>Endpoints ({@link AuthorController}, {@link PostController}):
 * <pre>{@code
 * POST /authors                {"name":"Ann","email":"ann@example.com"}           201, or 422 with errors
 * POST /posts                  {"title":"Hello","body":"...","authorId":1}        201, or 422 with errors
 * GET  /posts/{id}             the post, its author, its comments with their authors; 404 when missing
 * GET  /posts?q=&authorId=&page=&size=                                            a page, newest first
 * GET  /posts/export           every post, one JSON object a line (application/x-ndjson), streamed
 * POST /posts/{id}/publish     {"editorId":2,"note":"..."}                        a Multi: post + audit comment
 * }</pre>
 */
@SpringBootApplication
public class BlogApplication {
  /**
   * Starts the application.
   *
   * <pre>{@code BlogApplication.main(new String[] {"--spring.r2dbc.url=r2dbc:postgresql://localhost/blog"}); }</pre>
   *
   * @param args Spring Boot arguments, such as {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(BlogApplication.class, args);
  }
}
