package dev.flecto.test.migrations;

import static dev.flecto.migration.Migrations.execute;

import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/** A second test migration: runs after the first, by version. */
public final class V20250102090000_AddExtNotesTitle implements Migration {
  @Override
  public List<Command> change() {
    return List.of(execute("ALTER TABLE ext_notes ADD COLUMN title text", "ALTER TABLE ext_notes DROP COLUMN title"));
  }
}
