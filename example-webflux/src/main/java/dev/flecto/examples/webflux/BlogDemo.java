package dev.flecto.examples.webflux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flecto.test.EmbeddedDatabase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A tour of the blog with nothing installed: starts an embedded PostgreSQL, starts
 * {@link BlogApplication} on a free port, sends it a few requests (create, fail validation,
 * publish, show, search, export, a failing publish, a missing post) printing each request and
 * response, then stops both. Each response's status is checked, so a wrong answer ends the tour
 * with status 1.
 *
 * <pre>{@code
 * mvn -B -q -Pwebflux -pl example-webflux -am package -DskipTests
 * }</pre>
 */
public final class BlogDemo {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebClient client;
  private final PrintStream out;

  private BlogDemo(WebClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  /**
   * Runs the tour; exits with status 1 and a reason on standard error when it fails.
   *
   * <pre>{@code BlogDemo.main(new String[0]); }</pre>
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    int status = run(System.out, System.err);
    // Only on failure: Maven's exec:java runs main inside the build's JVM, which System.exit would end.
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the tour on an embedded PostgreSQL.
   *
   * <pre>{@code int status = BlogDemo.run(System.out, System.err); // 0 }</pre>
   *
   * @param out where requests and responses are printed
   * @param err where a failure is reported
   * @return 0 on success, 1 on failure
   */
  public static int run(PrintStream out, PrintStream err) {
    // Boot configures logging only when the application starts; until then Logback's default would
    // print the embedded server's initdb output line by line.
    LoggingSystem.get(BlogDemo.class.getClassLoader()).setLogLevel("io.zonky", LogLevel.WARN);
    out.println("Starting an embedded PostgreSQL...");
    try (EmbeddedDatabase db = EmbeddedDatabase.start();
        ConfigurableApplicationContext app = SpringApplication.run(BlogApplication.class,
            "--spring.r2dbc.url=" + db.url(),
            "--server.port=0",
            // Small chunks, so that the export's three posts take two FETCHes of the cursor.
            "--blog.export.max-rows=2",
            "--logging.level.root=WARN")) {
      String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
      out.println("The blog runs on " + base + " (PostgreSQL on port " + db.port() + ")");
      new BlogDemo(WebClient.create(base), out).tour();
      out.println();
      out.println("Stopping the blog and the embedded PostgreSQL.");
    } catch (RuntimeException | JsonProcessingException e) {
      out.flush();
      err.println("BlogDemo failed: " + e);
      return 1;
    }
    out.println("Done.");
    return 0;
  }

  private void tour() throws JsonProcessingException {
    section("Authors: a changeset casts and validates; the unique email index is a field error");
    long ann = id(send(HttpMethod.POST, "/authors", fields("name", "Ann", "email", "ann@example.com"), 201));
    long bob = id(send(HttpMethod.POST, "/authors", fields("name", "Bob", "email", "bob@example.com"), 201));
    send(HttpMethod.POST, "/authors", fields("name", "", "email", "ann"), 422);
    send(HttpMethod.POST, "/authors", fields("name", "Ann again", "email", "ann@example.com"), 422);

    section("Posts: validations, and the foreign key to the author as a field error");
    long hello = id(send(HttpMethod.POST, "/posts",
        fields("title", "Hello Flecto", "body", "Ecto's data model in Java.", "authorId", ann), 201));
    long streams = id(send(HttpMethod.POST, "/posts",
        fields("title", "Streams that end", "body", "Cancel closes the cursor.", "authorId", ann), 201));
    send(HttpMethod.POST, "/posts", fields("title", "Changesets", "body", "Errors per field.", "authorId", bob), 201);
    send(HttpMethod.POST, "/posts", fields("title", "Hi", "authorId", ann), 422);
    send(HttpMethod.POST, "/posts", fields("title", "Nobody's post", "body", "...", "authorId", 999), 422);

    section("Publish: a Multi updates the post and writes an audit comment in one transaction");
    send(HttpMethod.POST, "/posts/" + hello + "/publish", fields("editorId", bob, "note", "Looks good"), 200);

    section("Show: the author, and the comments with their authors, preloaded (comment.post was not: no key)");
    send(HttpMethod.GET, "/posts/" + hello, null, 200);

    section("Search: filters composed from the query parameters, paginated");
    send(HttpMethod.GET, "/posts?q=flecto&authorId=" + ann + "&page=1&size=10", null, 200);
    send(HttpMethod.GET, "/posts?page=2&size=2", null, 200);

    section("Export: every post as NDJSON, streamed from a cursor (2 rows a FETCH here)");
    send(HttpMethod.GET, "/posts/export", null, 200);

    section("A failing step: the audit comment's editor does not exist, so the post's update is rolled back");
    send(HttpMethod.POST, "/posts/" + streams + "/publish", fields("editorId", 999), 422);
    send(HttpMethod.GET, "/posts/" + streams, null, 200);

    section("Missing: 404 from getOrFail");
    send(HttpMethod.GET, "/posts/999", null, 404);
  }

  // In the order given, so each request prints as written here.
  private static Map<String, Object> fields(Object... namesAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }

  private void section(String title) {
    out.println();
    out.println("== " + title + " ==");
  }

  // Prints the request and its response; fails the tour when the status is not the expected one.
  private String send(HttpMethod method, String path, Map<String, ?> body, int expected) throws JsonProcessingException {
    String json = body == null ? null : JSON.writeValueAsString(body);
    out.println("> " + method + " " + path + (json == null ? "" : " " + json));
    WebClient.RequestBodySpec spec = client.method(method).uri(path);
    WebClient.RequestHeadersSpec<?> request = json == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
    Map.Entry<Integer, String> response = request
        .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(b -> Map.entry(r.statusCode().value(), b)))
        .block(TIMEOUT);
    out.println("< " + response.getKey() + " " + response.getValue().strip().replace("\n", "\n  "));
    if (response.getKey() != expected) {
      throw new IllegalStateException(method + " " + path + " answered " + response.getKey() + ", expected " + expected);
    }
    return response.getValue();
  }

  private static long id(String json) throws JsonProcessingException {
    return JSON.readTree(json).get("id").asLong();
  }
}
