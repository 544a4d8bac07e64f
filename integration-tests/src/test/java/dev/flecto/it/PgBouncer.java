package dev.flecto.it;

import dev.flecto.test.TestDatabase;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer in transaction pool mode in front of the test database, one per test JVM,
 * started on first use on a free port of its own (never the packaged service's 6432) and stopped
 * when the JVM exits. Two databases: {@link #url()} pools {@value #POOL_SIZE} server connections,
 * so transactions of different clients really share them; {@link #singleUrl()} pools one, for
 * tests that need two clients on the very same server connection. Left at PgBouncer 1.18's
 * defaults otherwise: no prepared-statement support. As root it runs as {@code nobody}
 * (PgBouncer refuses to run as root). Tests are skipped, saying how to install it, when the
 * binary is on neither the PATH nor the usual sbin folders.
 */
final class PgBouncer {
  static final int POOL_SIZE = 2;
  static final String INSTALL_HINT = "pgbouncer is not installed, so the tests through PgBouncer are skipped: "
      + "install it (apt-get install -y pgbouncer, or brew install pgbouncer) to run them";
  private static final List<String> USUAL_FOLDERS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin",
      "/usr/bin", "/opt/homebrew/bin", "/opt/homebrew/sbin");
  private static final long START_MILLIS = 10_000;

  private static PgBouncer instance;

  private final Process process;
  private final Path dir;
  private final int port;
  private final String user;

  private PgBouncer(Process process, Path dir, int port, String user) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.user = user;
  }

  /** The JVM's bouncer, started on first call; skips the calling test when PgBouncer is not installed. */
  static synchronized PgBouncer get() {
    if (instance == null) {
      Path binary = binary();
      Assumptions.assumeTrue(binary != null, INSTALL_HINT);
      instance = start(binary);
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "flecto-test-pgbouncer-stop"));
    }
    return instance;
  }

  /** The R2DBC URL of the database pooled on {@value #POOL_SIZE} server connections. */
  String url() {
    return "r2dbc:postgresql://" + user + "@127.0.0.1:" + port + "/flecto";
  }

  /** The R2DBC URL of the database pooled on one server connection. */
  String singleUrl() {
    return "r2dbc:postgresql://" + user + "@127.0.0.1:" + port + "/flecto_single";
  }

  static Path binary() {
    List<String> folders = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      folders.addAll(List.of(path.split(File.pathSeparator)));
    }
    folders.addAll(USUAL_FOLDERS);
    for (String folder : folders) {
      if (!folder.isBlank()) {
        Path candidate = Path.of(folder, "pgbouncer");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static PgBouncer start(Path binary) {
    ConnectionFactoryOptions db = ConnectionFactoryOptions.parse(TestDatabase.get().url());
    String host = String.valueOf(db.getRequiredValue(ConnectionFactoryOptions.HOST));
    Object upstreamPort = db.getValue(ConnectionFactoryOptions.PORT);
    String user = String.valueOf(db.getRequiredValue(ConnectionFactoryOptions.USER));
    Object password = db.getValue(ConnectionFactoryOptions.PASSWORD);
    Object database = db.getValue(ConnectionFactoryOptions.DATABASE);
    // The server login: the test database's own user and password, whatever the client presents.
    String server = "host=" + host + " port=" + (upstreamPort == null ? 5432 : upstreamPort)
        + " dbname=" + (database == null ? user : database) + " user=" + user
        + (password == null ? "" : " password=" + password);
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("flecto-pgbouncer");
      int port = freePort();
      Path ini = dir.resolve("pgbouncer.ini");
      Path users = dir.resolve("users.txt");
      Files.writeString(users, "\"" + user + "\" \"\"\n", StandardCharsets.UTF_8);
      Files.writeString(ini, String.join("\n",
          "[databases]",
          "flecto = " + server,
          "flecto_single = " + server + " pool_size=1",
          "[pgbouncer]",
          "listen_addr = 127.0.0.1",
          "listen_port = " + port,
          "unix_socket_dir =",
          "auth_type = trust",
          "auth_file = " + users,
          "pool_mode = transaction",
          "default_pool_size = " + POOL_SIZE,
          "max_client_conn = 500",
          // r2dbc-postgresql (as pgJDBC) sends it at startup; PgBouncer refuses unknown startup parameters.
          "ignore_startup_parameters = extra_float_digits",
          ""), StandardCharsets.UTF_8);
      if (root) {
        // PgBouncer refuses root: it drops to nobody (-u), who must read its files.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(ini, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
      }
      List<String> command = new ArrayList<>(List.of(binary.toString()));
      if (root) {
        command.addAll(List.of("-u", "nobody"));
      }
      command.add(ini.toString());
      Path log = dir.resolve("pgbouncer.log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      PgBouncer bouncer = new PgBouncer(process, dir, port, user);
      bouncer.awaitListening(log);
      return bouncer;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary + ": " + e.getMessage(), e);
    }
  }

  private void awaitListening(Path log) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = Files.readString(log);
        stop();
        throw new IllegalStateException("pgbouncer exited with " + process.exitValue() + ": " + output);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    String output = Files.readString(log);
    stop();
    throw new IllegalStateException("pgbouncer did not listen on port " + port + " within " + START_MILLIS + " ms: " + output);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder left behind is harmless
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for pgbouncer", e);
    }
  }
}
