package dev.flecto.cli;

import dev.flecto.migration.Direction;
import dev.flecto.migration.Migrator;
import dev.flecto.migration.MigratorOptions;
import dev.flecto.migration.Target;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.repo.Repo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code migrate} and {@code rollback}: the migrations of the package run on the database in one
 * direction, as far as the target says, then one line per migration that ran. When one fails, the
 * ones that ran before it are printed, then the error (naming the migration, the command and its
 * SQL), and the exit code is 1.
 */
abstract class RunCommand extends DatabaseCommand {
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  TargetOptions target;

  @Option(names = "--lock", paramLabel = "LOCK", defaultValue = "advisory", converter = LockConverter.class,
      completionCandidates = LockCandidates.class,
      description = "How two migrators at once are kept apart: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  MigratorOptions.Lock lock;

  @Option(names = {"-q", "--quiet"}, description = "Do not log the migration commands.")
  boolean quiet;

  RunCommand(Context context) {
    super(context);
  }

  abstract Direction direction();

  /** The target without --all, --step, --to or --to-exclusive. */
  abstract Target defaultTarget();

  @Override
  int execute() {
    databaseUrl = database.url(this);
    Target bound = target != null ? target.target(this, direction()) : defaultTarget();
    context.configureLogging(quiet, verbose);
    List<VersionedMigration> all = database.migrations(this);
    PrintWriter out = context.out();
    try (Repo repo = database.connect(this, databaseUrl)) {
      Migrator migrator = Migrator.of(repo).withOptions(database.migratorOptions(lock));
      List<Long> before = migrator.appliedVersions().block();
      List<VersionedMigration> ran;
      try {
        ran = direction() == Direction.UP ? migrator.up(all, bound).block() : migrator.down(all, bound).block();
      } catch (RuntimeException e) {
        printRanBeforeFailure(migrator, all, before);
        throw e;
      }
      if (ran == null || ran.isEmpty()) {
        out.println(direction() == Direction.UP ? "Migrations already up" : "Migrations already down");
      }
      for (VersionedMigration m : ran == null ? List.<VersionedMigration>of() : ran) {
        print(m.version(), m.name());
      }
      out.flush();
    }
    return 0;
  }

  private void print(long version, String name) {
    context.out().println((direction() == Direction.UP ? "Migrated " : "Rolled back ") + version + " " + name);
  }

  /** The migrations the failed run did apply (or roll back) before the one that failed. */
  private void printRanBeforeFailure(Migrator migrator, List<VersionedMigration> all, List<Long> before) {
    List<Long> after;
    try {
      after = migrator.appliedVersions().block();
    } catch (RuntimeException e) {
      return; // the database is gone: the error says why
    }
    if (before == null || after == null) {
      return;
    }
    Map<Long, String> names = new TreeMap<>();
    for (VersionedMigration m : all) {
      names.put(m.version(), m.name());
    }
    List<Long> changed = new ArrayList<>();
    if (direction() == Direction.UP) {
      for (long v : after) {
        if (!before.contains(v)) {
          changed.add(v);
        }
      }
    } else {
      for (int i = before.size() - 1; i >= 0; i--) {
        if (!after.contains(before.get(i))) {
          changed.add(before.get(i));
        }
      }
    }
    for (long v : changed) {
      print(v, names.getOrDefault(v, ""));
    }
    context.out().flush();
  }

  /** {@code advisory}, {@code table} or {@code none}, in any case. */
  static final class LockConverter implements ITypeConverter<MigratorOptions.Lock> {
    @Override
    public MigratorOptions.Lock convert(String value) {
      for (MigratorOptions.Lock lock : MigratorOptions.Lock.values()) {
        if (lock.name().equalsIgnoreCase(value)) {
          return lock;
        }
      }
      throw new TypeConversionException("expected one of advisory, table, none but was '" + value + "'");
    }
  }

  /** The lock names, as the help shows them. */
  static final class LockCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      for (MigratorOptions.Lock lock : MigratorOptions.Lock.values()) {
        names.add(lock.name().toLowerCase(Locale.ROOT));
      }
      return names.iterator();
    }
  }
}
