package dev.flecto.test.migrations;

import static dev.flecto.migration.Migrations.execute;

import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/** A test migration, found by {@code @FlectoTest(migrations = "dev.flecto.test.migrations")}. */
public final class V20250101120000_CreateExtNotes implements Migration {
  @Override
  public List<Command> change() {
    return List.of(execute("CREATE TABLE ext_notes (id bigserial PRIMARY KEY, body text NOT NULL)", "DROP TABLE ext_notes"));
  }
}
