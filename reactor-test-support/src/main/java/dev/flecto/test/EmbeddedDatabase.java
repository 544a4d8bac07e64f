package dev.flecto.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An embedded PostgreSQL 17 server in a temporary directory, for tests and examples on a machine
 * with no database server and no Docker engine. Durability is off ({@code fsync},
 * {@code synchronous_commit}): never keep data in it. As root on Linux the server runs in a user
 * namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
 *
 * <pre>{@code
 * try (EmbeddedDatabase db = EmbeddedDatabase.start()) {
 *   Repo repo = Repo.connect(db.url());
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres server;

  private EmbeddedDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Starts a server (2 to 4 seconds cold, about 1 second when its binaries are already unpacked).
   *
   * <pre>{@code EmbeddedDatabase db = EmbeddedDatabase.start(); }</pre>
   *
   * @return the running server
   * @throws UncheckedIOException when it cannot start
   */
  public static EmbeddedDatabase start() {
    try {
      return new EmbeddedDatabase(EmbeddedPostgres.builder()
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("max_connections", "200")
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * The R2DBC URL of the server's {@code postgres} database, as user {@code postgres}.
   *
   * <pre>{@code db.url() // r2dbc:postgresql://postgres@localhost:54321/postgres }</pre>
   *
   * @return the URL
   */
  public String url() {
    return "r2dbc:postgresql://postgres@localhost:" + server.getPort() + "/postgres";
  }

  /**
   * The port the server listens on (localhost).
   *
   * <pre>{@code db.port() }</pre>
   *
   * @return the port
   */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops the server and removes its data directory.
   *
   * <pre>{@code db.close(); }</pre>
   */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }
}
