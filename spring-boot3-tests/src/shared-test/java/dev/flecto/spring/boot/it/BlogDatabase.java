package dev.flecto.spring.boot.it;

import dev.flecto.spring.boot.it.app.Blog;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the blog's contracts share: Boot's R2DBC URL is the test database's, whose blog tables are
 * made anew before each test class and dropped after it (their writes commit).
 */
public abstract class BlogDatabase {
  static final Duration T = Duration.ofSeconds(30);

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
}
