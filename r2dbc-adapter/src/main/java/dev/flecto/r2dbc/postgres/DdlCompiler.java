package dev.flecto.r2dbc.postgres;

import dev.flecto.migration.Command;
import dev.flecto.migration.MigrationException;
import java.util.List;

/** Migration commands as PostgreSQL DDL (ecto_sql's {@code Ecto.Adapters.Postgres.Connection.execute_ddl}). */
final class DdlCompiler {
  private DdlCompiler() {}

  static List<String> compile(Command command) {
    if (command instanceof Command.Execute e) {
      return List.of(e.up());
    }
    if (command instanceof Command.Run) {
      return List.of();
    }
    throw new MigrationException("the PostgreSQL dialect cannot compile " + command + " yet");
  }
}
