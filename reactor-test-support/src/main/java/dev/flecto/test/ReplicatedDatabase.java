package dev.flecto.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL 17 primary with hot-standby replicas fed by streaming replication, for
 * tests of read replicas on a machine with no database server and no Docker engine. Each standby
 * is made from a low-level base backup of the primary ({@code pg_backup_start}, a copy of its
 * data directory, {@code pg_backup_stop} and its {@code backup_label}), as the embedded binaries
 * have no {@code pg_basebackup}, then started with {@code standby.signal} and a
 * {@code primary_conninfo} on a port of its own. Like {@link EmbeddedDatabase}, durability is off
 * and, as root on Linux, every server runs in a user namespace. A standby can be stopped and
 * started again (its data kept), to test what a Repo does when a replica goes away. A primary
 * with one replica starts in about 2 to 4 seconds; start one per test class and close it after.
 *
 * <pre>{@code
 * try (ReplicatedDatabase db = ReplicatedDatabase.start(1)) {
 *   Repo repo = R2dbcRepos.connect(db.primaryUrl(), RepoOptions.defaults(), Replicas.urls(db.replicaUrl(0)));
 *   ...
 *   db.stopReplica(0);    // reads go to the primary
 *   db.startReplica(0);   // it catches up, and is used again
 * }
 * }</pre>
 */
public final class ReplicatedDatabase implements AutoCloseable {
  // Written to every server: a standby needs max_connections and the like at least as high as its primary's.
  private static final String[][] CONFIG = {
      {"fsync", "off"}, {"synchronous_commit", "off"}, {"full_page_writes", "off"}, {"max_connections", "100"},
      {"wal_level", "replica"}, {"max_wal_senders", "10"}, {"wal_keep_size", "256MB"}, {"hot_standby", "on"},
      // A standby that stops answering its primary is seen gone in seconds, not a minute.
      {"wal_sender_timeout", "5s"}, {"wal_receiver_status_interval", "1s"}, {"wal_retrieve_retry_interval", "200ms"}};
  private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

  private final Path root;
  private final EmbeddedPostgres primary;
  private final List<Path> replicaData = new ArrayList<>();
  private final List<Integer> replicaPorts = new ArrayList<>();
  private final List<EmbeddedPostgres> replicas = new ArrayList<>(); // null while stopped

  private ReplicatedDatabase(Path root, EmbeddedPostgres primary) {
    this.root = root;
    this.primary = primary;
  }

  /**
   * Starts a primary and one hot standby, streaming from it.
   *
   * <pre>{@code ReplicatedDatabase db = ReplicatedDatabase.start(); }</pre>
   *
   * @return the running servers
   * @throws UncheckedIOException when a server cannot start
   */
  public static ReplicatedDatabase start() {
    return start(1);
  }

  /**
   * Starts a primary and {@code replicas} hot standbys, each streaming from it and open for reads.
   *
   * <pre>{@code ReplicatedDatabase db = ReplicatedDatabase.start(2); }</pre>
   *
   * @param replicas how many standbys, at least 1
   * @return the running servers
   * @throws UncheckedIOException when a server cannot start
   */
  public static ReplicatedDatabase start(int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("ReplicatedDatabase.start: replicas must be at least 1, got " + replicas);
    }
    Path root = null;
    ReplicatedDatabase db = null;
    try {
      root = Files.createTempDirectory("flecto-replicated-");
      db = new ReplicatedDatabase(root, server(root.resolve("primary"), true, 0));
      db.addReplicas(replicas);
      return db;
    } catch (IOException | SQLException | RuntimeException e) {
      if (db != null) {
        db.close();
      } else if (root != null) {
        delete(root);
      }
      throw new UncheckedIOException("could not start the replicated embedded PostgreSQL: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static EmbeddedPostgres server(Path data, boolean fresh, int port) throws IOException {
    EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(fresh);
    for (String[] kv : CONFIG) {
      b = b.setServerConfig(kv[0], kv[1]);
    }
    return (port > 0 ? b.setPort(port) : b).start();
  }

  // One low-level base backup of the primary (PostgreSQL's manual, "Making a Base Backup Using the
  // Low Level API"), copied once per standby; the standbys then start side by side.
  private void addReplicas(int count) throws IOException, SQLException {
    Path from = root.resolve("primary");
    List<Path> copies = new ArrayList<>();
    try (Connection c = primary.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("SELECT pg_backup_start('flecto-replicas', true)"); // fast checkpoint
      for (int i = 0; i < count; i++) {
        copies.add(root.resolve("replica-" + i));
        copy(from, copies.get(i));
      }
      String label;
      try (ResultSet rs = st.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
        rs.next();
        label = rs.getString(1);
      }
      for (Path to : copies) {
        Files.writeString(to.resolve("backup_label"), label, StandardCharsets.UTF_8);
      }
    }
    List<java.util.concurrent.CompletableFuture<EmbeddedPostgres>> starts = new ArrayList<>();
    // A thread each: the common pool may have a single one on a small machine.
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(count);
    for (int i = 0; i < count; i++) {
      Path to = copies.get(i);
      Files.createFile(to.resolve("standby.signal"));
      Files.writeString(to.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=localhost port=" + primary.getPort()
          + " user=postgres application_name=replica-" + i + "'\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      replicaData.add(to);
      starts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return server(to, false, 0);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, threads));
    }
    threads.shutdown();
    RuntimeException failed = null;
    for (java.util.concurrent.CompletableFuture<EmbeddedPostgres> start : starts) {
      try {
        EmbeddedPostgres standby = start.join();
        replicas.add(standby);
        replicaPorts.add(standby.getPort());
      } catch (RuntimeException e) {
        failed = failed == null ? e : failed; // the others are still added, so close() stops them
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  // The data directory without the running server's own files; pg_wal's segments stay out (the standby streams them).
  private static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path target = to.resolve(from.relativize(dir).toString());
        Files.createDirectories(target);
        try {
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------")); // PostgreSQL insists
        } catch (UnsupportedOperationException notPosix) {
          // Windows: PostgreSQL checks no such mode there
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path rel = from.relativize(file);
        boolean wal = rel.getNameCount() > 1 && rel.getName(0).toString().equals("pg_wal");
        if (!wal && !NOT_COPIED.contains(rel.toString())) {
          try {
            Files.copy(file, to.resolve(rel.toString()));
          } catch (java.nio.file.NoSuchFileException gone) {
            // a temporary file the running server removed meanwhile: not part of the backup
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // removed while walking, as above
      }
    });
  }

  /**
   * The R2DBC URL of the primary's {@code postgres} database, as user {@code postgres}.
   *
   * <pre>{@code db.primaryUrl() // r2dbc:postgresql://postgres@localhost:54321/postgres }</pre>
   *
   * @return the URL
   */
  public String primaryUrl() {
    return url(primary.getPort());
  }

  /**
   * The primary's port (localhost).
   *
   * <pre>{@code db.primaryPort() }</pre>
   *
   * @return the port
   */
  public int primaryPort() {
    return primary.getPort();
  }

  /**
   * The R2DBC URL of a standby's {@code postgres} database (the same port after a restart).
   *
   * <pre>{@code db.replicaUrl(0) }</pre>
   *
   * @param index the standby, from 0
   * @return the URL
   */
  public String replicaUrl(int index) {
    return url(replicaPorts.get(index));
  }

  /**
   * A standby's port (localhost).
   *
   * <pre>{@code db.replicaPort(0) }</pre>
   *
   * @param index the standby, from 0
   * @return the port
   */
  public int replicaPort(int index) {
    return replicaPorts.get(index);
  }

  private static String url(int port) {
    return "r2dbc:postgresql://postgres@localhost:" + port + "/postgres";
  }

  /**
   * Stops a standby (a fast shutdown: its sessions are ended), keeping its data.
   *
   * <pre>{@code db.stopReplica(0); }</pre>
   *
   * @param index the standby, from 0
   * @throws UncheckedIOException when it cannot be stopped
   */
  public synchronized void stopReplica(int index) {
    EmbeddedPostgres standby = replicas.get(index);
    if (standby != null) {
      replicas.set(index, null);
      try {
        standby.close();
      } catch (IOException e) {
        throw new UncheckedIOException("could not stop replica " + index + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Starts a stopped standby again on its port; it catches up from the primary.
   *
   * <pre>{@code db.startReplica(0); }</pre>
   *
   * @param index the standby, from 0
   * @throws UncheckedIOException when it cannot start
   */
  public synchronized void startReplica(int index) {
    if (replicas.get(index) == null) {
      try {
        replicas.set(index, server(replicaData.get(index), false, replicaPorts.get(index)));
      } catch (IOException e) {
        throw new UncheckedIOException("could not start replica " + index + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Stops every server and removes their data directories.
   *
   * <pre>{@code db.close(); }</pre>
   */
  @Override
  public synchronized void close() {
    for (int i = 0; i < replicas.size(); i++) {
      try {
        stopReplica(i);
      } catch (UncheckedIOException e) {
        // go on: the primary and the directories must go too
      }
    }
    try {
      primary.close();
    } catch (IOException e) {
      // removed below all the same
    }
    delete(root);
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
