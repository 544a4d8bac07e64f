package dev.flecto.examples.webflux;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates the blog's tables from {@code schema.sql} when the application starts, since Flecto has
 * no migrations yet. It runs while the context is built, before the web server starts, so no
 * request can reach a missing table; the script is re-runnable and keeps existing rows.
 *
 * <pre>{@code
 * new BlogSchema(connectionFactory).afterPropertiesSet();   // what Spring does at startup
 * }</pre>
 */
@Component
public class BlogSchema implements InitializingBean {
  /** The classpath resource holding the DDL. */
  public static final String RESOURCE = "/schema.sql";

  private final ConnectionFactory connectionFactory;

  /**
   * Created by Spring with Boot's connection pool.
   *
   * <pre>{@code new BlogSchema(connectionFactory) }</pre>
   *
   * @param connectionFactory the application's R2DBC connection factory
   */
  public BlogSchema(ConnectionFactory connectionFactory) {
    this.connectionFactory = connectionFactory;
  }

  /**
   * Runs the script, blocking: startup is the one place where waiting is right.
   *
   * <pre>{@code schema.afterPropertiesSet(); }</pre>
   */
  @Override
  public void afterPropertiesSet() {
    apply(read()).block(Duration.ofMinutes(1));
  }

  /**
   * Runs SQL statements on a connection of the factory (the script has no parameters, so
   * PostgreSQL's simple protocol takes all its statements at once).
   *
   * <pre>{@code schema.apply("CREATE TABLE IF NOT EXISTS t (id bigint)").block(); }</pre>
   *
   * @param sql one or more statements separated by semicolons
   * @return completion
   */
  public Mono<Void> apply(String sql) {
    return Flux.usingWhen(connectionFactory.create(),
        c -> Flux.from(c.createStatement(sql).execute()).concatMap(Result::getRowsUpdated),
        Connection::close).then();
  }

  private static String read() {
    try (InputStream in = BlogSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
