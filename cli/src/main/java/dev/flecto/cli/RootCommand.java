package dev.flecto.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flecto}: the subcommands, and the help and version options. */
@Command(name = "flecto", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
    description = "Flecto's migrations from the command line, as Ecto's mix tasks: migrate (mix ecto.migrate), "
        + "rollback (mix ecto.rollback), status (mix ecto.migrations) and new (mix ecto.gen.migration).",
    footer = {"",
        "The migrations are the classes named V<version>_<Name> of --package, found on the classpath the command "
            + "runs with: put the application's compiled classes on it beside the -all jar:",
        "  java -cp \"target/classes:flecto-cli-<version>-all.jar\" dev.flecto.cli.FlectoCli migrate \\",
        "      --url postgres://app:secret@localhost:5432/app --package com.example.migrations",
        "The URL may also come from the environment variable DATABASE_URL (--url wins).",
        "",
        "Exit codes: 0 success; 1 the command failed (a migration failed: the message names it, its command and "
            + "its SQL; the database could not be reached; the migration file exists); 2 a usage error."})
final class RootCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: migrate, rollback, status or new");
  }

  /** The version in the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RootCommand.class.getPackage().getImplementationVersion();
      return new String[] {"flecto " + (version != null ? version : "(development build)")};
    }
  }
}
