package dev.flecto.cli;

import dev.flecto.migration.MigrationStatus;
import dev.flecto.migration.Migrator;
import dev.flecto.migration.MigratorOptions;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.repo.Repo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code flecto status}: Ecto's {@code mix ecto.migrations}, each migration up or down, and each
 * applied version with no class as {@code ** FILE NOT FOUND **}, in Ecto's table.
 */
@Command(name = "status", aliases = "migrations", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = RootCommand.Version.class,
    header = "Displays the up / down status of the migrations (mix ecto.migrations).",
    description = "Displays the up / down status of each migration, and of each applied version without one "
        + "(** FILE NOT FOUND **).",
    footer = {"", "Example:", "  flecto status --url postgres://app:secret@localhost/app --package com.example.migrations"})
final class StatusCommand extends DatabaseCommand {
  StatusCommand(Context context) {
    super(context);
  }

  @Override
  int execute() {
    databaseUrl = database.url(this);
    context.configureLogging(false, verbose);
    List<VersionedMigration> all = database.migrations(this);
    List<MigrationStatus> statuses;
    try (Repo repo = database.connect(this, databaseUrl)) {
      statuses = Migrator.of(repo).withOptions(database.migratorOptions(MigratorOptions.Lock.NONE)).status(all).block();
    }
    PrintWriter out = context.out();
    out.println("Repo: " + Urls.redact(databaseUrl));
    out.println();
    out.println("  Status    Migration ID    Migration Name");
    out.println("--------------------------------------------------");
    for (MigrationStatus s : statuses == null ? List.<MigrationStatus>of() : statuses) {
      out.println("  " + pad(s.up() ? "up" : "down", 10) + pad(Long.toString(s.version()), 16) + s.name());
    }
    out.flush();
    return 0;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
