package dev.flecto.r2dbc.postgres;

import dev.flecto.migration.Column;
import dev.flecto.migration.Command;
import dev.flecto.migration.MigrationException;
import dev.flecto.migration.Migrations;
import dev.flecto.migration.Table;
import dev.flecto.migration.TableChange;
import dev.flecto.migration.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration commands as PostgreSQL DDL, statement for statement what ecto_sql's
 * {@code Ecto.Adapters.Postgres.Connection.execute_ddl/1} writes: tables here, columns, types,
 * defaults and foreign keys in {@link DdlColumns}, indexes and constraints in {@link DdlIndexes}.
 *
 * <p>A command may need several statements (a comment is a statement of its own), so each
 * compiles to a list, run in order; {@code run} compiles to none (the migrator calls its code).
 * Every identifier is quoted (an embedded {@code "} doubled), and prefixed by its schema when it
 * has one. What PostgreSQL cannot be told (or what ecto_sql refuses) fails with a
 * {@link MigrationException} naming the command and the option at fault.
 *
 * <pre>{@code
 * DdlCompiler.compile(Migrations.createTable(Migrations.table("posts"), Migrations.add("title", ColumnType.STRING)))
 * // [CREATE TABLE "posts" ("id" bigserial, "title" varchar(255), PRIMARY KEY ("id"))]
 * }</pre>
 */
final class DdlCompiler {
  private DdlCompiler() {}

  /** An option the dialect cannot compile; {@link #compile} names the command around it. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static List<String> compile(Command command) {
    try {
      return statements(command);
    } catch (Invalid e) {
      throw new MigrationException("cannot compile " + command.describe() + " for PostgreSQL: " + e.getMessage());
    }
  }

  private static List<String> statements(Command command) {
    if (command instanceof Command.CreateTable c) {
      return createTable(c);
    } else if (command instanceof Command.AlterTable a) {
      return alterTable(a);
    } else if (command instanceof Command.DropTable d) {
      StringBuilder sb = new StringBuilder("DROP TABLE ").append(d.ifExists() ? "IF EXISTS " : "");
      return List.of(table(sb, d.table()).append(d.cascade() ? " CASCADE" : "").toString());
    } else if (command instanceof Command.RenameTable r) {
      // The new name is not prefixed: PostgreSQL keeps a renamed table in its schema.
      StringBuilder sb = table(new StringBuilder("ALTER TABLE "), r.table()).append(" RENAME TO ");
      return List.of(name(sb, r.newName()).toString());
    } else if (command instanceof Command.RenameColumn r) {
      StringBuilder sb = table(new StringBuilder("ALTER TABLE "), r.table()).append(" RENAME ");
      return List.of(name(name(sb, r.column()).append(" TO "), r.newName()).toString());
    } else if (command instanceof Command.CreateIndex c) {
      return DdlIndexes.createIndex(c.index(), c.ifNotExists());
    } else if (command instanceof Command.DropIndex d) {
      return DdlIndexes.dropIndex(d.index(), d.ifExists(), d.cascade());
    } else if (command instanceof Command.RenameIndex r) {
      return DdlIndexes.renameIndex(r.index(), r.newName());
    } else if (command instanceof Command.CreateConstraint c) {
      return DdlIndexes.createConstraint(c.constraint());
    } else if (command instanceof Command.DropConstraint d) {
      return DdlIndexes.dropConstraint(d.constraint(), d.ifExists());
    } else if (command instanceof Command.ValidateConstraint v) {
      return DdlIndexes.validateConstraint(v.constraint());
    } else if (command instanceof Command.Execute e) {
      return List.of(e.up());
    } else if (command instanceof Command.Run) {
      return List.of();
    } else if (command instanceof Command.CreatePrefix p) {
      StringBuilder sb = new StringBuilder("CREATE SCHEMA ").append(p.ifNotExists() ? "IF NOT EXISTS " : "");
      return List.of(name(sb, p.prefix()).toString());
    } else if (command instanceof Command.DropPrefix p) {
      StringBuilder sb = new StringBuilder("DROP SCHEMA ").append(p.ifExists() ? "IF EXISTS " : "");
      return List.of(name(sb, p.prefix()).append(p.cascade() ? " CASCADE" : "").toString());
    }
    throw new Invalid("unknown command " + command.getClass().getName());
  }

  // --- tables ------------------------------------------------------------------------------------

  private static List<String> createTable(Command.CreateTable create) {
    Table table = create.table();
    List<Column> columns = new ArrayList<>();
    if (table.primaryKey()) {
      // Ecto's create/2 adds the table's key as the first column, with primary_key: true, so it
      // lands in the PRIMARY KEY constraint with any column marked primaryKey() (a composite key).
      columns.add(Migrations.add(table.primaryKeyName(), table.primaryKeyType()).primaryKey());
    }
    columns.addAll(create.columns());
    StringBuilder sb = new StringBuilder("CREATE TABLE ").append(create.ifNotExists() ? "IF NOT EXISTS " : "");
    table(sb, table).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      DdlColumns.definition(i > 0 ? sb.append(", ") : sb, table, columns.get(i));
    }
    primaryKey(sb, columns, ", ").append(')');
    if (table.options() != null) {
      sb.append(' ').append(table.options());
    }
    List<String> statements = new ArrayList<>();
    statements.add(sb.toString());
    comments(statements, table, columns);
    return statements;
  }

  private static List<String> alterTable(Command.AlterTable alter) {
    Table table = alter.table();
    List<TableChange> changes = new ArrayList<>();
    for (TableChange change : alter.changes()) {
      if (change instanceof Timestamps t) {
        changes.addAll(t.columns()); // added, as Ecto's timestamps/1 in alter adds its columns
      } else {
        changes.add(change);
      }
    }
    List<Column> columns = new ArrayList<>();
    StringBuilder sb = table(new StringBuilder("ALTER TABLE "), table).append(' ');
    for (int i = 0; i < changes.size(); i++) {
      TableChange change = changes.get(i);
      DdlColumns.change(i > 0 ? sb.append(", ") : sb, table, change);
      if (change instanceof Column c) {
        columns.add(c); // a removed column gets no comment and leaves the primary key alone
      }
    }
    primaryKey(sb, columns, ", ADD ");
    List<String> statements = new ArrayList<>();
    statements.add(sb.toString());
    comments(statements, table, columns);
    return statements;
  }

  private static StringBuilder primaryKey(StringBuilder sb, List<Column> columns, String lead) {
    List<String> keys = new ArrayList<>();
    for (Column c : columns) {
      if (c.partOfPrimaryKey()) {
        keys.add(c.name());
      }
    }
    return keys.isEmpty() ? sb : names(sb.append(lead).append("PRIMARY KEY ("), keys).append(')');
  }

  private static void comments(List<String> statements, Table table, List<Column> columns) {
    String tableName = table(new StringBuilder(), table).toString();
    if (table.comment() != null) {
      statements.add(comment(new StringBuilder("COMMENT ON TABLE ").append(tableName), table.comment()));
    }
    for (Column c : columns) {
      if (c.comment() != null) {
        StringBuilder sb = name(new StringBuilder("COMMENT ON COLUMN ").append(tableName).append('.'), c.name());
        statements.add(comment(sb, c.comment()));
      }
    }
  }

  // --- shared helpers ----------------------------------------------------------------------------

  static String comment(StringBuilder on, String text) {
    return literal(on.append(" IS "), text).toString();
  }

  static StringBuilder name(StringBuilder sb, String identifier) {
    return Quote.name(sb, identifier);
  }

  /** Names separated by a bare comma, as ecto_sql's quote_names writes key column lists. */
  static StringBuilder names(StringBuilder sb, List<String> identifiers) {
    for (int i = 0; i < identifiers.size(); i++) {
      name(i > 0 ? sb.append(',') : sb, identifiers.get(i));
    }
    return sb;
  }

  static StringBuilder table(StringBuilder sb, Table table) {
    return table(sb, table.prefix(), table.name());
  }

  static StringBuilder table(StringBuilder sb, String prefix, String name) {
    return Quote.qualified(sb, prefix, name);
  }

  /** A string literal: single quotes, an embedded quote doubled (standard_conforming_strings). */
  static StringBuilder literal(StringBuilder sb, String text) {
    return sb.append('\'').append(text.replace("'", "''")).append('\'');
  }

  static Invalid invalid(String message) {
    return new Invalid(message);
  }
}
