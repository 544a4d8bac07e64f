package dev.flecto.it.migrations;

import static dev.flecto.migration.Migrations.add;
import static dev.flecto.migration.Migrations.createIndex;
import static dev.flecto.migration.Migrations.createPrefix;
import static dev.flecto.migration.Migrations.createTable;
import static dev.flecto.migration.Migrations.table;
import static dev.flecto.migration.Migrations.timestamps;
import static dev.flecto.migration.Migrations.uniqueIndex;

import dev.flecto.migration.ColumnType;
import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import java.util.List;

/**
 * The integration tests' main tables (people, tokens, memberships, all_types, defaults_demo and
 * audit.events), which {@code @FlectoTest(migrations = "dev.flecto.it.migrations")} runs once per
 * JVM: every build exercises the DSL, its SQL and the migrator on the schema most tests use.
 *
 * <pre>{@code @FlectoTest(migrations = "dev.flecto.it.migrations") }</pre>
 */
public final class V20250101000000_CreateItTables implements Migration {
  private static final ColumnType TIMESTAMPTZ = ColumnType.raw("timestamptz");

  @Override
  public List<Command> change() {
    return List.of(
        createPrefix("audit"),
        createTable(table("people"),
            add("first_name", ColumnType.TEXT).notNull(),
            add("last_name", ColumnType.TEXT).notNull(),
            add("age", ColumnType.INTEGER),
            timestamps().type(TIMESTAMPTZ)),
        createTable(table("tokens").noPrimaryKey(),
            add("id", ColumnType.UUID).primaryKey(),
            add("value", ColumnType.TEXT).notNull()),
        createIndex(uniqueIndex("tokens", "value")),
        createTable(table("memberships").noPrimaryKey(),
            add("user_id", ColumnType.BIGINT).notNull().primaryKey(),
            add("group_id", ColumnType.BIGINT).notNull().primaryKey(),
            add("role", ColumnType.TEXT).notNull()),
        createTable(table("all_types"),
            add("s", ColumnType.TEXT), add("i", ColumnType.INTEGER), add("pi", ColumnType.INTEGER).notNull(),
            add("l", ColumnType.BIGINT), add("pl", ColumnType.BIGINT).notNull(), add("sh", ColumnType.SMALLINT),
            add("b", ColumnType.BOOLEAN), add("pb", ColumnType.BOOLEAN).notNull(), add("d", ColumnType.FLOAT),
            add("f", ColumnType.raw("real")), add("dec", ColumnType.DECIMAL).precision(20).scale(6),
            add("u", ColumnType.UUID), add("ins", TIMESTAMPTZ), add("odt", TIMESTAMPTZ),
            add("ldt", ColumnType.NAIVE_DATETIME_USEC), add("ld", ColumnType.DATE), add("lt", ColumnType.TIME_USEC),
            add("bytes", ColumnType.BINARY), add("status", ColumnType.TEXT)),
        createTable(table("defaults_demo"),
            add("title", ColumnType.TEXT).notNull(),
            add("votes", ColumnType.INTEGER).notNull(),
            add("surname", ColumnType.TEXT),
            add("slug", ColumnType.TEXT).generated("lower(title)"),
            add("created_on", ColumnType.DATE).notNull().defaultFragment("DATE '2024-01-01'")),
        createTable(table("events").prefix("audit"),
            add("kind", ColumnType.TEXT).notNull()));
  }
}
