package dev.flecto.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** Testcontainers access, kept in one class so that it is loaded only when needed. */
final class Containers {
  private static volatile Boolean docker;

  private Containers() {}

  record Started(String url, Runnable closer) {}

  /**
   * Asks once per JVM. Where no engine is configured at all (no DOCKER_HOST, no socket in the usual
   * places, no Testcontainers settings) Testcontainers is not asked: its probe would log several
   * ERROR lines for what is a normal fallback to the embedded server.
   */
  static boolean dockerAnswers() {
    Boolean answer = docker;
    if (answer == null) {
      try {
        answer = engineConfigured() && DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        answer = Boolean.FALSE;
      }
      docker = answer;
    }
    return answer;
  }

  private static boolean engineConfigured() {
    if (System.getenv("DOCKER_HOST") != null || !System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return true; // elsewhere (named pipes, desktop VMs) let Testcontainers look
    }
    String home = System.getProperty("user.home", "");
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    return java.util.stream.Stream.of(
            java.nio.file.Path.of("/var/run/docker.sock"),
            java.nio.file.Path.of("/run/docker.sock"),
            java.nio.file.Path.of(home, ".docker", "run", "docker.sock"),
            java.nio.file.Path.of(home, ".docker", "desktop", "docker.sock"),
            java.nio.file.Path.of(home, ".testcontainers.properties"),
            java.nio.file.Path.of(runtime == null ? "/nonexistent" : runtime, "docker.sock"))
        .anyMatch(java.nio.file.Files::exists);
  }

  static Started startPostgres() {
    PostgreSQLContainer<?> c = new PostgreSQLContainer<>("postgres:17");
    c.start();
    String url = "r2dbc:postgresql://" + c.getUsername() + ":" + c.getPassword() + "@" + c.getHost() + ":"
        + c.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + c.getDatabaseName();
    return new Started(url, c::stop);
  }
}
