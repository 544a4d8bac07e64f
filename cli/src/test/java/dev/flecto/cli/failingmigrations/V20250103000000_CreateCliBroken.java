package dev.flecto.cli.failingmigrations;

import static dev.flecto.migration.Migrations.execute;

import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/** Its SQL is invalid: the run stops at it, and it stays pending. */
public final class V20250103000000_CreateCliBroken implements Migration {
  public static final String SQL = "CREATE TABLE cli_broken (id bigserial PRIMARY KEY, title no_such_type)";

  @Override
  public List<Command> change() {
    return List.of(execute(SQL, "DROP TABLE cli_broken"));
  }
}
