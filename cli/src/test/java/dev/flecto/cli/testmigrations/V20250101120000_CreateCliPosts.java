package dev.flecto.cli.testmigrations;

import static dev.flecto.migration.Migrations.execute;

import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/** FlectoCliIT's first migration. */
public final class V20250101120000_CreateCliPosts implements Migration {
  @Override
  public List<Command> change() {
    return List.of(execute("CREATE TABLE cli_posts (id bigserial PRIMARY KEY, title text NOT NULL)", "DROP TABLE cli_posts"));
  }
}
