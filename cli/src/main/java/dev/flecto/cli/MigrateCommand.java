package dev.flecto.cli;

import dev.flecto.migration.Direction;
import dev.flecto.migration.Target;
import picocli.CommandLine.Command;

/** {@code flecto migrate}: Ecto's {@code mix ecto.migrate}, every pending migration unless bounded. */
@Command(name = "migrate", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = RootCommand.Version.class,
    header = "Runs the pending migrations (mix ecto.migrate).",
    description = "Runs the pending migrations, all of them unless --step, --to or --to-exclusive is given, lowest "
        + "version first, each in its own transaction, and prints each one that ran.",
    footer = {"", "Examples:",
        "  flecto migrate --url postgres://app:secret@localhost/app --package com.example.migrations",
        "  flecto migrate --package com.example.migrations --step 1      (DATABASE_URL set)",
        "  flecto migrate --package com.example.migrations --to 20250101120000"})
final class MigrateCommand extends RunCommand {
  MigrateCommand(Context context) {
    super(context);
  }

  @Override
  Direction direction() {
    return Direction.UP;
  }

  @Override
  Target defaultTarget() {
    return Target.all();
  }
}
