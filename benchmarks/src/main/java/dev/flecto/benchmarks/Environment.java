package dev.flecto.benchmarks;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;

/**
 * Where a suite run ran, for its report: the machine, the JVM, and the PostgreSQL server with the
 * settings that move the numbers (durability first). Never the database's URL or host.
 *
 * <pre>{@code Environment e = Environment.read(true); e.postgresVersion(); }</pre>
 *
 * @param date the day of the run
 * @param cpus processors the JVM sees
 * @param cpuModel the CPU's model name, when the OS tells it
 * @param memoryGb physical memory in GiB, 0 when unknown
 * @param os the operating system, version and architecture
 * @param jvm the JVM's version, name and vendor
 * @param database {@code embedded} or {@code FLECTO_BENCH_DATABASE_URL}
 * @param postgresVersion the server's version string
 * @param settings the server settings that matter here, by name, with units
 */
public record Environment(String date, int cpus, String cpuModel, double memoryGb, String os, String jvm, String database,
    String postgresVersion, Map<String, String> settings) {

  /** Settings read from the server: durability, memory, planner. */
  static final List<String> SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes", "wal_level",
      "shared_buffers", "work_mem", "max_connections", "jit", "max_parallel_workers_per_gather");

  /** The settings that make a server lose committed data on a crash when off. */
  static final List<String> DURABILITY = List.of("fsync", "synchronous_commit", "full_page_writes");

  /**
   * Reads the environment; the database is the one {@code FLECTO_BENCH_DATABASE_URL} names (the
   * suite sets it to its embedded server's).
   *
   * <pre>{@code Environment.read(true) }</pre>
   *
   * @param embedded whether the suite started the database itself
   * @return the environment
   */
  static Environment read(boolean embedded) {
    Map<String, String> settings = new LinkedHashMap<>();
    String version;
    try (BenchDatabase db = BenchDatabase.open(1, ValidationDepth.LOCAL)) {
      version = Flux.usingWhen(db.pool().create(),
              c -> Flux.from(c.createStatement("SHOW server_version").execute()).flatMap(r -> r.map(row -> row.get(0, String.class))),
              Connection::close)
          .blockFirst(Duration.ofSeconds(30));
      Flux.usingWhen(db.pool().create(),
              c -> Flux.from(c.createStatement("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY($1)")
                      .bind(0, SETTINGS.toArray(new String[0])).execute())
                  .flatMap(r -> r.map(row -> Map.entry(row.get(0, String.class), row.get(1, String.class)))),
              Connection::close)
          .collectList()
          .blockOptional(Duration.ofSeconds(30))
          .orElse(List.of())
          .stream()
          .sorted((a, b) -> SETTINGS.indexOf(a.getKey()) - SETTINGS.indexOf(b.getKey()))
          .forEach(e -> settings.put(e.getKey(), e.getValue()));
    }
    double memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    }
    return new Environment(LocalDate.now().toString(), Runtime.getRuntime().availableProcessors(), readCpuModel(), memory,
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
            + System.getProperty("java.vm.vendor") + ")",
        embedded ? "embedded PostgreSQL started by the suite (a temporary data directory)" : "PostgreSQL from "
            + BenchDatabase.DATABASE_URL,
        version, settings);
  }

  /**
   * The durability settings that are off, which the report states plainly.
   *
   * <pre>{@code e.nonDurable() // [fsync, synchronous_commit, full_page_writes] }</pre>
   *
   * @return their names
   */
  public List<String> nonDurable() {
    return DURABILITY.stream().filter(s -> settings.getOrDefault(s, "").startsWith("off")).toList();
  }

  private static String readCpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(info)) {
      return "unknown";
    }
    try (Stream<String> lines = Files.lines(info)) {
      return lines.filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
