package dev.flecto.cli.failingmigrations;

import static dev.flecto.migration.Migrations.execute;

import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/** Runs, before the one that fails. */
public final class V20250101000000_CreateCliGood implements Migration {
  @Override
  public List<Command> change() {
    return List.of(execute("CREATE TABLE cli_good (id bigserial PRIMARY KEY)", "DROP TABLE cli_good"));
  }
}
