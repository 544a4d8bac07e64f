package dev.flecto.examples.friends.migrations;

import static dev.flecto.migration.Migrations.add;
import static dev.flecto.migration.Migrations.createTableIfNotExists;
import static dev.flecto.migration.Migrations.table;
import static dev.flecto.migration.Migrations.timestamps;

import dev.flecto.migration.ColumnType;
import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/**
 * The guide's {@code priv/repo/migrations/20170525003211_create_people.exs}, as a Flecto
 * migration: {@code mix ecto.migrate} becomes {@code Migrator.of(repo).up(...)}. The names may be
 * null because the guide first inserts an empty person; the timestamps are {@code timestamptz},
 * as {@code Person}'s {@code Instant}s are. {@code IF NOT EXISTS}: a database where an earlier
 * version of this example created the table unversioned keeps it.
 *
 * <pre>{@code Migrator.of(repo).up(Migrations.of(V20170525003211_CreatePeople.class)).block(); }</pre>
 */
public final class V20170525003211_CreatePeople implements Migration {
  @Override
  public List<Command> change() {
    return List.of(createTableIfNotExists(table("people"),
        add("first_name", ColumnType.TEXT),
        add("last_name", ColumnType.TEXT),
        add("age", ColumnType.INTEGER),
        timestamps().type(ColumnType.raw("timestamptz"))));
  }
}
