package dev.flecto.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flecto new}: Ecto's {@code mix ecto.gen.migration}, a migration class stamped with the UTC time. */
@Command(name = "new", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = RootCommand.Version.class,
    header = "Generates a migration class (mix ecto.gen.migration).",
    description = "Generates a migration: V<yyyyMMddHHmmss>_<CamelName>.java (the current UTC time) in the "
        + "package's directory under --dir, with an empty change(). NAME is in snake case or camel case; a name "
        + "or a version a migration of the directory has already is refused.",
    footer = {"", "Examples:",
        "  flecto new add_posts_table --package com.example.migrations",
        "  flecto new AddSlugToPosts --package com.example.migrations --dir app/src/main/java"})
final class NewCommand extends FlectoCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The migration's name: add_posts_table or AddPostsTable.")
  String name;

  @Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "The migrations' package.")
  String packageName;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "src/main/java",
      description = "The source directory the package's directory is in (default: ${DEFAULT-VALUE}).")
  Path dir;

  NewCommand(Context context) {
    super(context);
  }

  @Override
  int execute() {
    MigrationGenerator.Generated generated;
    try {
      generated = MigrationGenerator.generate(dir, packageName, name, context.clock().instant());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (generated.createdDirectory() != null) {
      context.out().println("* creating " + generated.createdDirectory());
    }
    context.out().println("* creating " + generated.file());
    context.out().flush();
    return 0;
  }
}
