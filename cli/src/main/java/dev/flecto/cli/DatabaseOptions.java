package dev.flecto.cli;

import dev.flecto.migration.Migrations;
import dev.flecto.migration.MigratorOptions;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import java.util.List;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Option;

/**
 * The options of the commands that work on a database ({@code migrate}, {@code rollback},
 * {@code status}): where the database is, where the migrations are, and the versions table.
 */
final class DatabaseOptions {
  @Option(names = "--url", paramLabel = "URL",
      description = "The database: r2dbc:postgresql://, postgres:// or postgresql://user:password@host:port/database. "
          + "Default: the DATABASE_URL environment variable.")
  String url;

  @Option(names = "--package", required = true, paramLabel = "PACKAGE",
      description = "The package of the migration classes (V<version>_<Name>), found on the classpath.")
  String packageName;

  @Option(names = "--prefix", paramLabel = "SCHEMA",
      description = "The schema (prefix) of the migrations table. Default: the search path's.")
  String prefix;

  @Option(names = "--migrations-table", paramLabel = "TABLE", defaultValue = "schema_migrations",
      description = "The table of applied versions (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(names = "--pool-size", paramLabel = "N", defaultValue = "2",
      description = "The size of the connection pool (default: ${DEFAULT-VALUE}).")
  int poolSize;

  /** {@code --url}, else {@code DATABASE_URL}; a usage error when neither is given. */
  String url(FlectoCommand command) {
    String given = url != null ? url : command.context.environment().get(Context.DATABASE_URL);
    if (given == null || given.isBlank()) {
      throw command.usage("Missing the database URL: give --url=URL or set the environment variable "
          + Context.DATABASE_URL);
    }
    return given.trim();
  }

  /** The migrations of the package, with a warning on stderr when there are none. */
  List<VersionedMigration> migrations(FlectoCommand command) {
    if (!SourceVersion.isName(packageName)) {
      throw command.usage("Invalid value for option '--package': '" + packageName + "' is not a Java package name");
    }
    List<VersionedMigration> all = Migrations.inPackage(packageName);
    if (all.isEmpty()) {
      command.context.err().println("warning: no migrations (classes named V<version>_<Name>) in package "
          + packageName + " on the classpath; run with the application's classes on it: "
          + "java -cp \"target/classes:flecto-cli-all.jar\" dev.flecto.cli.FlectoCli ...");
      command.context.err().flush();
    }
    return all;
  }

  /** A Repo on the URL; a URL no adapter takes, or one that does not parse, is a usage error. */
  Repo connect(FlectoCommand command, String databaseUrl) {
    if (poolSize < 1) {
      throw command.usage("Invalid value for option '--pool-size': " + poolSize + " (at least 1)");
    }
    try {
      return Repo.connect(databaseUrl, RepoOptions.defaults().withPoolInitialSize(1).withPoolMaxSize(poolSize));
    } catch (RuntimeException e) {
      throw command.usage("Invalid database URL " + Urls.redact(databaseUrl) + ": "
          + Urls.scrub(e.getMessage(), databaseUrl));
    }
  }

  /** The migrator's options: the versions table, its prefix, and the lock. */
  MigratorOptions migratorOptions(MigratorOptions.Lock lock) {
    MigratorOptions options = MigratorOptions.defaults().withTable(table).withLock(lock);
    return prefix != null ? options.withPrefix(prefix) : options;
  }
}
