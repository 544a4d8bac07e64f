package dev.flecto.cli.testmigrations;

import static dev.flecto.migration.Migrations.execute;

import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/** FlectoCliIT's second migration. */
public final class V20250102090000_CreateCliTags implements Migration {
  @Override
  public List<Command> change() {
    return List.of(execute("CREATE TABLE cli_tags (id bigserial PRIMARY KEY, name text NOT NULL)", "DROP TABLE cli_tags"));
  }
}
