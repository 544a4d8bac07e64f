package dev.flecto.migration;

import dev.flecto.repo.Repo;
import java.util.List;
import java.util.function.Function;
import org.reactivestreams.Publisher;

/**
 * One command of a migration, a value: building it runs nothing. {@link Migrations} makes them;
 * the migrator runs them in order, each as the SQL of the Repo's dialect ({@code repo.toSql(command)}).
 *
 * <pre>{@code
 * List<Command> change() {
 *   return List.of(
 *       Migrations.createTable(Migrations.table("posts"), Migrations.add("title", ColumnType.STRING), Migrations.timestamps()),
 *       Migrations.createIndex(Migrations.index("posts", "title")));
 * }
 * }</pre>
 */
public sealed interface Command {
  /**
   * The command as Ecto's runner logs it, for logs and errors.
   *
   * <pre>{@code Migrations.createTable(Migrations.table("posts")).describe() // create table posts }</pre>
   *
   * @return the description
   */
  default String describe() {
    return CommandText.describe(this);
  }

  /**
   * {@code CREATE TABLE}, with the table's primary key column first unless it has none.
   *
   * <pre>{@code Migrations.createTable(Migrations.table("posts"), Migrations.add("title", ColumnType.STRING)) }</pre>
   *
   * @param table the table
   * @param columns its columns (timestamps expanded)
   * @param ifNotExists {@code IF NOT EXISTS}
   */
  record CreateTable(Table table, List<Column> columns, boolean ifNotExists) implements Command {
    /**
     * Copies the columns and refuses a modify in them.
     *
     * <pre>{@code new Command.CreateTable(table, List.of(column), false) }</pre>
     */
    public CreateTable {
      Checks.given(table, "table", "a migration command");
      columns = List.copyOf(columns);
      for (Column c : columns) {
        if (c.kind() != Column.Kind.ADD) {
          throw new MigrationException("createTable " + table.name() + ": column " + c.name() + " is a "
              + c.kind() + "; a new table's columns are added with add(...)");
        }
      }
    }
  }

  /**
   * {@code ALTER TABLE} with its changes, in order.
   *
   * <pre>{@code Migrations.alterTable(Migrations.table("posts"), Migrations.add("summary", ColumnType.TEXT)) }</pre>
   *
   * @param table the table
   * @param changes the changes
   */
  record AlterTable(Table table, List<TableChange> changes) implements Command {
    /**
     * Copies the changes.
     *
     * <pre>{@code new Command.AlterTable(table, List.of(change)) }</pre>
     */
    public AlterTable {
      Checks.given(table, "table", "a migration command");
      changes = List.copyOf(changes);
      if (changes.isEmpty()) {
        throw new MigrationException("alterTable " + table.name() + " needs at least one change");
      }
    }
  }

  /**
   * {@code DROP TABLE}.
   *
   * <pre>{@code Migrations.dropTable(Migrations.table("posts")) }</pre>
   *
   * @param table the table
   * @param ifExists {@code IF EXISTS}
   * @param cascade {@code CASCADE} (drops what depends on it), else {@code RESTRICT}
   */
  record DropTable(Table table, boolean ifExists, boolean cascade) implements Command {}

  /**
   * {@code ALTER TABLE ... RENAME TO}.
   *
   * <pre>{@code Migrations.renameTable(Migrations.table("posts"), "articles") }</pre>
   *
   * @param table the table
   * @param newName its new name
   */
  record RenameTable(Table table, String newName) implements Command {}

  /**
   * {@code ALTER TABLE ... RENAME COLUMN}.
   *
   * <pre>{@code Migrations.renameColumn(Migrations.table("posts"), "title", "headline") }</pre>
   *
   * @param table the table
   * @param column the column
   * @param newName its new name
   */
  record RenameColumn(Table table, String column, String newName) implements Command {}

  /**
   * {@code CREATE INDEX}.
   *
   * <pre>{@code Migrations.createIndex(Migrations.index("posts", "title")) }</pre>
   *
   * @param index the index
   * @param ifNotExists {@code IF NOT EXISTS}
   */
  record CreateIndex(Index index, boolean ifNotExists) implements Command {}

  /**
   * {@code DROP INDEX}.
   *
   * <pre>{@code Migrations.dropIndex(Migrations.index("posts", "title")) }</pre>
   *
   * @param index the index (its name and prefix; {@code concurrently} is honoured)
   * @param ifExists {@code IF EXISTS}
   * @param cascade {@code CASCADE}
   */
  record DropIndex(Index index, boolean ifExists, boolean cascade) implements Command {}

  /**
   * {@code ALTER INDEX ... RENAME TO}.
   *
   * <pre>{@code Migrations.renameIndex(Migrations.index("posts", "title"), "posts_headline_index") }</pre>
   *
   * @param index the index
   * @param newName its new name
   */
  record RenameIndex(Index index, String newName) implements Command {}

  /**
   * {@code ALTER TABLE ... ADD CONSTRAINT} (a check or an exclusion).
   *
   * <pre>{@code Migrations.createConstraint(Migrations.constraint("products", "price_positive").check("price > 0")) }</pre>
   *
   * @param constraint the constraint
   */
  record CreateConstraint(Constraint constraint) implements Command {
    /**
     * Refuses a constraint that is neither a check nor an exclusion.
     *
     * <pre>{@code new Command.CreateConstraint(constraint) }</pre>
     */
    public CreateConstraint {
      if (constraint.check() == null && constraint.exclude() == null) {
        throw new MigrationException("constraint " + constraint.name() + " on " + constraint.table()
            + " needs check(...) or exclude(...)");
      }
    }
  }

  /**
   * {@code ALTER TABLE ... DROP CONSTRAINT}.
   *
   * <pre>{@code Migrations.dropConstraint(Migrations.constraint("products", "price_positive")) }</pre>
   *
   * @param constraint the constraint (its table, name and prefix)
   * @param ifExists {@code IF EXISTS}
   */
  record DropConstraint(Constraint constraint, boolean ifExists) implements Command {}

  /**
   * {@code ALTER TABLE ... VALIDATE CONSTRAINT}: checks the existing rows of a constraint added
   * {@code NOT VALID}. Rolling it back does nothing.
   *
   * <pre>{@code Migrations.validateConstraint(Migrations.constraint("orders", "total_positive")) }</pre>
   *
   * @param constraint the constraint (its table, name and prefix)
   */
  record ValidateConstraint(Constraint constraint) implements Command {}

  /**
   * Raw SQL, with the SQL that undoes it (Ecto's {@code execute(up, down)}); without a down it
   * cannot be reversed.
   *
   * <pre>{@code Migrations.execute("CREATE EXTENSION citext", "DROP EXTENSION citext") }</pre>
   *
   * @param up the SQL run forwards
   * @param down the SQL run backwards, or null
   */
  record Execute(String up, String down) implements Command {
    /**
     * Checks the up SQL.
     *
     * <pre>{@code new Command.Execute("SELECT 1", null) }</pre>
     */
    public Execute {
      Checks.given(up, "up", "a migration command");
    }

    @Override
    public String toString() {
      return "execute \"" + up + "\"";
    }
  }

  /**
   * Code run with the Repo, in the migration's transaction (Ecto's {@code execute(fn)} and
   * {@code repo()}, for data migrations), with the code that undoes it; without a down it cannot
   * be reversed. Use the Repo's queries, or {@code repo.query(sql, params)}; commands before it
   * have run.
   *
   * <pre>{@code Migrations.run("backfill slugs", repo -> repo.updateAll(Query.from(Post.class), Updates.set("slug", "")), null) }</pre>
   *
   * @param description what it does, for the log and errors
   * @param up run forwards
   * @param down run backwards, or null
   */
  record Run(String description, Function<Repo, ? extends Publisher<?>> up, Function<Repo, ? extends Publisher<?>> down)
      implements Command {
    /**
     * Checks the parts.
     *
     * <pre>{@code new Command.Run("backfill", repo -> Mono.empty(), null) }</pre>
     */
    public Run {
      Checks.given(description, "description", "a migration command");
      Checks.given(up, "up", "a migration command");
    }

    @Override
    public String toString() {
      return "run \"" + description + "\"";
    }
  }

  /**
   * {@code CREATE SCHEMA}: a prefix, for tenants by prefix.
   *
   * <pre>{@code Migrations.createPrefix("tenant_1") }</pre>
   *
   * @param prefix the schema
   * @param ifNotExists {@code IF NOT EXISTS}
   */
  record CreatePrefix(String prefix, boolean ifNotExists) implements Command {}

  /**
   * {@code DROP SCHEMA}.
   *
   * <pre>{@code Migrations.dropPrefix("tenant_1") }</pre>
   *
   * @param prefix the schema
   * @param ifExists {@code IF EXISTS}
   * @param cascade {@code CASCADE}: with its tables
   */
  record DropPrefix(String prefix, boolean ifExists, boolean cascade) implements Command {}
}
