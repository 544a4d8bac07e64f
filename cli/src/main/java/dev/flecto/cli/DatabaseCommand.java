package dev.flecto.cli;

import picocli.CommandLine.Mixin;

/**
 * A subcommand that works on a database ({@code migrate}, {@code rollback}, {@code status}): its
 * options, and the URL it resolved, whose password every message is scrubbed of.
 */
abstract class DatabaseCommand extends FlectoCommand {
  @Mixin
  DatabaseOptions database;

  /** The URL in use, once resolved (--url, else DATABASE_URL). */
  String databaseUrl;

  DatabaseCommand(Context context) {
    super(context);
  }

  @Override
  String secretUrl() {
    return databaseUrl != null ? databaseUrl : database.url;
  }
}
