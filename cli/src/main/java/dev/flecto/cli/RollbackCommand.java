package dev.flecto.cli;

import dev.flecto.migration.Direction;
import dev.flecto.migration.Target;
import picocli.CommandLine.Command;

/** {@code flecto rollback}: Ecto's {@code mix ecto.rollback}, the last applied migration unless told otherwise. */
@Command(name = "rollback", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = RootCommand.Version.class,
    header = "Reverts the last applied migration, or more (mix ecto.rollback).",
    description = "Reverts applied migrations, highest version first: the last one unless --step, --to, "
        + "--to-exclusive or --all is given, and prints each one rolled back.",
    footer = {"", "Examples:",
        "  flecto rollback --package com.example.migrations",
        "  flecto rollback --package com.example.migrations --step 3",
        "  flecto rollback --package com.example.migrations --to 20250101120000",
        "  flecto rollback --package com.example.migrations --all"})
final class RollbackCommand extends RunCommand {
  RollbackCommand(Context context) {
    super(context);
  }

  @Override
  Direction direction() {
    return Direction.DOWN;
  }

  @Override
  Target defaultTarget() {
    return Target.step(1);
  }
}
