package dev.flecto.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's one-command tour, as the command runs it: its own embedded PostgreSQL and application. */
class BlogDemoIT {
  @Test
  void theTourRunsOnAnEmbeddedDatabaseAndGetsTheAnswersItExpects() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = BlogDemo.run(o, e);
    }
    String printed = out.toString(StandardCharsets.UTF_8);

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isZero();
    assertThat(printed)
        .containsSubsequence("== Authors", "== Posts", "== Publish", "== Show", "== Search", "== Export",
            "== A failing step", "== Missing", "Done.")
        .contains("\"errors\":{\"email\":[\"has already been taken\"]}")
        .contains("\"errors\":{\"authorId\":[\"does not exist\"]}")
        .contains("\"body\":\"Published: Looks good\"")
        .contains("\"step\":\"audit\"")
        .contains("< 404 ");
  }
}
