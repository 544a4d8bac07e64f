package dev.flecto.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The {@code flecto} command: Ecto's migration tasks for Flecto's
 * {@link dev.flecto.migration.Migrator}. {@code migrate} runs the pending migrations
 * ({@code mix ecto.migrate}), {@code rollback} reverts the last ones ({@code mix ecto.rollback}),
 * {@code status} prints each one up or down ({@code mix ecto.migrations}) and {@code new} writes
 * a migration class ({@code mix ecto.gen.migration}). The migrations are the classes named
 * {@code V<version>_<Name>} of a package, found on the classpath the command runs with, so the
 * application's classes go on it beside the {@code -all} jar:
 *
 * <pre>{@code
 * java -cp "target/classes:flecto-cli-0.1.0-all.jar" dev.flecto.cli.FlectoCli migrate \
 *     --url postgres://app:secret@localhost:5432/app --package com.example.migrations
 * DATABASE_URL=postgres://app:secret@localhost/app java -cp ... dev.flecto.cli.FlectoCli status --package com.example.migrations
 * java -cp ... dev.flecto.cli.FlectoCli new add_posts_table --package com.example.migrations
 * }</pre>
 *
 * <p>Exit codes: 0 success; 1 the command failed (a migration failed, and the message names it,
 * its command and its SQL; the database could not be reached; the file to generate exists); 2 a
 * usage error. Errors are one line, with a stack trace only under {@code --verbose}; passwords
 * are never printed. In code (tests, build tools), {@link #run(String...)} returns the exit code:
 *
 * <pre>{@code
 * StringWriter out = new StringWriter();
 * int code = new FlectoCli(new PrintWriter(out), new PrintWriter(System.err))
 *     .run("status", "--url", url, "--package", "com.example.migrations");
 * }</pre>
 */
public final class FlectoCli {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> environment;
  private final Clock clock;
  private final boolean configureLogging;

  /**
   * A command printing to {@code System.out} and {@code System.err}, reading the process's
   * environment and the system clock.
   *
   * <pre>{@code int code = new FlectoCli().run("migrate", "--package", "com.example.migrations"); }</pre>
   */
  public FlectoCli() {
    this(new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
        new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true));
  }

  /**
   * A command printing where it is told, reading the process's environment and the system clock.
   *
   * <pre>{@code
   * StringWriter out = new StringWriter();
   * StringWriter err = new StringWriter();
   * FlectoCli cli = new FlectoCli(new PrintWriter(out), new PrintWriter(err));
   * }</pre>
   *
   * @param out the normal output (migrations run, the status table, files created)
   * @param err errors, warnings and usage help
   */
  public FlectoCli(PrintWriter out, PrintWriter err) {
    this(out, err, System.getenv(), Clock.systemUTC(), false);
  }

  private FlectoCli(PrintWriter out, PrintWriter err, Map<String, String> environment, Clock clock,
      boolean configureLogging) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.configureLogging = configureLogging;
  }

  /**
   * The same command reading other environment variables (only {@code DATABASE_URL} is read).
   *
   * <pre>{@code cli.withEnvironment(Map.of("DATABASE_URL", "postgres://app@localhost/app")).run("status", "--package", "com.example.migrations") }</pre>
   *
   * @param variables the environment
   * @return a new command
   */
  public FlectoCli withEnvironment(Map<String, String> variables) {
    return new FlectoCli(out, err, variables, clock, configureLogging);
  }

  /**
   * The same command with another clock, whose UTC time {@code new} stamps migrations with.
   *
   * <pre>{@code cli.withClock(Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC)).run("new", "create_posts", "--package", "com.example.migrations") }</pre>
   *
   * @param newClock the clock
   * @return a new command
   */
  public FlectoCli withClock(Clock newClock) {
    return new FlectoCli(out, err, environment, newClock, configureLogging);
  }

  /**
   * Runs the command the arguments name, and returns its exit code: 0 success, 1 the command
   * failed, 2 a usage error. Output and errors go to the writers given, flushed.
   *
   * <pre>{@code
   * int code = cli.run("migrate", "--url", "postgres://app@localhost/app", "--package", "com.example.migrations", "--step", "1");
   * }</pre>
   *
   * @param args the command and its options, as on the command line
   * @return the exit code
   */
  public int run(String... args) {
    Context context = new Context(out, err, environment, clock, configureLogging);
    CommandLine commandLine = new CommandLine(new RootCommand())
        .addSubcommand(new MigrateCommand(context))
        .addSubcommand(new RollbackCommand(context))
        .addSubcommand(new StatusCommand(context))
        .addSubcommand(new NewCommand(context))
        .setUsageHelpWidth(100)
        .setOut(out)
        .setErr(err);
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The command line's entry: runs the command and exits with its code. With its JVM to itself,
   * it logs the migrator's work (each migration and its SQL) on stderr through slf4j-simple,
   * unless {@code --quiet}.
   *
   * <pre>{@code java -cp "target/classes:flecto-cli-0.1.0-all.jar" dev.flecto.cli.FlectoCli status --package com.example.migrations }</pre>
   *
   * @param args the command and its options
   */
  public static void main(String... args) {
    System.exit(new FlectoCli().withOwnJvm().run(args));
  }

  /** The same command, configuring the JVM's logging (only main does: the JVM is the command's). */
  private FlectoCli withOwnJvm() {
    return new FlectoCli(out, err, environment, clock, true);
  }
}
