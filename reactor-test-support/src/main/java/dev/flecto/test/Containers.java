package dev.flecto.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** Testcontainers access, kept in one class so that it is loaded only when needed. */
final class Containers {
  private static volatile Boolean docker;

  private Containers() {}

  record Started(String url, Runnable closer) {}

  /** Asks once per JVM (Testcontainers caches its own answer too); without an engine it answers false in about a second. */
  static boolean dockerAnswers() {
    Boolean answer = docker;
    if (answer == null) {
      try {
        answer = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        answer = Boolean.FALSE;
      }
      docker = answer;
    }
    return answer;
  }

  static Started startPostgres() {
    PostgreSQLContainer<?> c = new PostgreSQLContainer<>("postgres:17");
    c.start();
    String url = "r2dbc:postgresql://" + c.getUsername() + ":" + c.getPassword() + "@" + c.getHost() + ":"
        + c.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + c.getDatabaseName();
    return new Started(url, c::stop);
  }
}
