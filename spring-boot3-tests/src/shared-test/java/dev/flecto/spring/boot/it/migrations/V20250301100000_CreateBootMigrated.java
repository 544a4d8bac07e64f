package dev.flecto.spring.boot.it.migrations;

import static dev.flecto.migration.Migrations.execute;

import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/** Run at startup by the starter when {@code flecto.migrations.packages} names this package. */
public final class V20250301100000_CreateBootMigrated implements Migration {
  @Override
  public List<Command> change() {
    return List.of(execute("CREATE TABLE boot_migrated (id bigserial PRIMARY KEY)", "DROP TABLE boot_migrated"));
  }
}
