package dev.flecto.examples.friends;

import dev.flecto.migration.Command;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.repo.Repo;
import dev.flecto.test.EmbeddedDatabase;
import java.io.PrintStream;
import java.util.List;

/**
 * Ecto's "Getting Started" guide as a program. With no configuration it starts an embedded
 * PostgreSQL, creates the {@code people} table, runs {@link FriendsGuide} and stops the database.
 * With {@code DATABASE_URL} set ({@code r2dbc:postgresql://...} or {@code postgres://...}) it uses
 * that server instead, creating the table when missing and emptying it first so reruns print the
 * same.
 *
 * <pre>{@code
 * mvn -B -q -Pfriends -pl examples -am package -DskipTests
 * DATABASE_URL=postgres://app:secret@localhost:5432/friends mvn -B -q -Pfriends -pl examples -am package -DskipTests
 * }</pre>
 */
public final class FriendsApp {
  /** The environment variable naming the database to use instead of an embedded one. */
  public static final String DATABASE_URL = "DATABASE_URL";

  private FriendsApp() {}

  /**
   * Runs the guide; exits with status 1 and a one-line reason on standard error when it fails.
   *
   * <pre>{@code FriendsApp.main(new String[0]); }</pre>
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    int status = run(System.getenv(DATABASE_URL), System.out, System.err);
    // Only on failure: a successful run returns normally, so that Maven's exec:java, which runs
    // main inside the build's JVM, can finish the build instead of being killed by System.exit.
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the guide against a database URL, or an embedded PostgreSQL when the URL is null or blank.
   *
   * <pre>{@code int status = FriendsApp.run(null, System.out, System.err); // 0 }</pre>
   *
   * @param databaseUrl {@code r2dbc:postgresql://...}, {@code postgres://...}, or null
   * @param out where the guide prints its steps
   * @param err where a failure is reported
   * @return 0 on success, 1 on failure
   */
  public static int run(String databaseUrl, PrintStream out, PrintStream err) {
    try {
      if (databaseUrl == null || databaseUrl.isBlank()) {
        out.println("Starting an embedded PostgreSQL (set " + DATABASE_URL + " to use your own server)...");
        try (EmbeddedDatabase db = EmbeddedDatabase.start()) {
          runOn(db.url(), out);
          out.println();
          out.println("Stopping the embedded PostgreSQL.");
        }
      } else {
        String url = databaseUrl.trim();
        out.println("Using the database in " + DATABASE_URL + ": " + PeopleTable.redact(url)
            + " (its people table is emptied first)");
        runOn(url, out);
      }
      out.println("Done.");
      return 0;
    } catch (RuntimeException e) {
      out.flush();
      err.println("FriendsApp failed: " + describe(e));
      return 1;
    }
  }

  private static void runOn(String url, PrintStream out) {
    PeopleTable.r2dbcUrl(url); // an unsupported scheme fails here, its password masked
    try (Repo repo = Repo.connect(url)) {
      // Ecto's `mix ecto.migrate`: the guide's migrations, each printed with its SQL the first time.
      List<VersionedMigration> ran = PeopleTable.migrate(repo).block();
      out.println("> Migrator.of(repo).up(Migrations.inPackage(\"" + PeopleTable.MIGRATIONS + "\"))");
      if (ran.isEmpty()) {
        out.println("Migrations already up");
      }
      for (VersionedMigration m : ran) {
        out.println("== Migrated " + m.version() + " " + m.name());
        for (Command command : m.migration().up()) {
          repo.toSql(command).forEach(out::println);
        }
      }
      PeopleTable.empty(repo).block();
      out.println("(the people table is emptied before the guide)");
      new FriendsGuide(repo, out).run();
    }
  }

  // Driver errors often wrap the useful part (connection refused, unknown database) in a cause.
  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
    int depth = 0;
    for (Throwable c = e.getCause(); c != null && depth < 5; c = c.getCause(), depth++) {
      sb.append("\n  caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
    }
    return sb.toString();
  }
}
