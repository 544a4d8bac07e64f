package dev.flecto.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;

/**
 * The migration DSL (Ecto's {@code Ecto.Migration} functions) as static methods returning values,
 * and the ways to list migrations: by class, or found in a package.
 *
 * <pre>{@code
 * import static dev.flecto.migration.Migrations.*;
 *
 * public final class V20250101120000_CreatePosts implements Migration {
 *   public List<Command> change() {
 *     return List.of(
 *         createTable(table("posts"), add("title", ColumnType.STRING).notNull(), timestamps()),
 *         createIndex(index("posts", "title").unique()));
 *   }
 * }
 *
 * List<VersionedMigration> all = Migrations.inPackage("com.example.blog.migrations");
 * }</pre>
 */
public final class Migrations {
  private static final Pattern CLASS_NAME = Pattern.compile("V(\\d+)_(\\w+)");

  private Migrations() {}

  /**
   * A table (Ecto's {@code table/2}), with an {@code id bigserial} primary key for createTable.
   *
   * <pre>{@code table("posts").prefix("tenant_1") }</pre>
   *
   * @param name the table
   * @return the table
   */
  public static Table table(String name) {
    return Table.named(name);
  }

  static Table tableLike(Table table, String name) {
    return new Table(name, table.prefix(), table.primaryKey(), table.primaryKeyName(), table.primaryKeyType(),
        table.options(), table.comment());
  }

  /**
   * A column to add (in createTable or alterTable).
   *
   * <pre>{@code add("title", ColumnType.STRING).size(100).notNull() }</pre>
   *
   * @param name the column
   * @param type its type
   * @return the column
   */
  public static Column add(String name, ColumnType type) {
    return Column.of(name, type);
  }

  /**
   * A foreign key column to add.
   *
   * <pre>{@code add("post_id", references("posts").onDelete(Reference.OnDelete.DELETE_ALL)) }</pre>
   *
   * @param name the column
   * @param reference what it references
   * @return the column
   */
  public static Column add(String name, Reference reference) {
    return Column.of(name, reference);
  }

  /**
   * A column to add unless it exists (alterTable only; not reversible).
   *
   * <pre>{@code addIfNotExists("summary", ColumnType.TEXT) }</pre>
   *
   * @param name the column
   * @param type its type
   * @return the column
   */
  public static Column addIfNotExists(String name, ColumnType type) {
    return Column.of(name, type).as(Column.Kind.ADD_IF_NOT_EXISTS);
  }

  /**
   * A column to change to this type and these options (alterTable); reversible with
   * {@link Column#from(ColumnType)}.
   *
   * <pre>{@code modify("title", ColumnType.TEXT).from(ColumnType.STRING) }</pre>
   *
   * @param name the column
   * @param type its new type
   * @return the change
   */
  public static Column modify(String name, ColumnType type) {
    return Column.of(name, type).as(Column.Kind.MODIFY);
  }

  /**
   * A column to change to a foreign key (alterTable).
   *
   * <pre>{@code modify("post_id", references("posts").onDelete(OnDelete.NILIFY_ALL)).from(add("post_id", references("posts"))) }</pre>
   *
   * @param name the column
   * @param reference the new reference
   * @return the change
   */
  public static Column modify(String name, Reference reference) {
    return Column.of(name, reference).as(Column.Kind.MODIFY);
  }

  /**
   * A column to drop; not reversible (the type is unknown).
   *
   * <pre>{@code remove("legacy_id") }</pre>
   *
   * @param name the column
   * @return the change
   */
  public static TableChange.Remove remove(String name) {
    return new TableChange.Remove(name, null, false);
  }

  /**
   * A column to drop, with its type, so a rollback adds it back (empty).
   *
   * <pre>{@code remove("legacy_id", ColumnType.INTEGER) }</pre>
   *
   * @param name the column
   * @param type its type
   * @return the change
   */
  public static TableChange.Remove remove(String name, ColumnType type) {
    return new TableChange.Remove(name, Column.of(name, type), false);
  }

  /**
   * A column to drop, as it was defined (type and options, or a reference).
   *
   * <pre>{@code remove(add("post_id", references("posts"))) }</pre>
   *
   * @param column the column as it was
   * @return the change
   */
  public static TableChange.Remove remove(Column column) {
    return new TableChange.Remove(column.name(), column, false);
  }

  /**
   * A column to drop if it exists; not reversible.
   *
   * <pre>{@code removeIfExists("legacy_id") }</pre>
   *
   * @param name the column
   * @return the change
   */
  public static TableChange.Remove removeIfExists(String name) {
    return new TableChange.Remove(name, null, true);
  }

  /**
   * Ecto's {@code timestamps()}: {@code inserted_at} and {@code updated_at}, naive datetimes, NOT NULL.
   *
   * <pre>{@code timestamps().type(ColumnType.UTC_DATETIME) }</pre>
   *
   * @return the timestamps
   */
  public static Timestamps timestamps() {
    return Timestamps.defaults();
  }

  /**
   * A foreign key to the table's {@code id} (Ecto's {@code references/2}).
   *
   * <pre>{@code references("posts").onDelete(Reference.OnDelete.DELETE_ALL) }</pre>
   *
   * @param table the referenced table
   * @return the reference
   */
  public static Reference references(String table) {
    return Reference.to(table);
  }

  /**
   * An index on columns or expressions (Ecto's {@code index/3}).
   *
   * <pre>{@code index("posts", "author_id", "inserted_at") }</pre>
   *
   * @param table the table
   * @param columns the columns or expressions
   * @return the index
   */
  public static Index index(String table, String... columns) {
    return Index.on(table, Arrays.asList(columns));
  }

  /**
   * A unique index (Ecto's {@code unique_index/3}).
   *
   * <pre>{@code uniqueIndex("users", "email") }</pre>
   *
   * @param table the table
   * @param columns the columns or expressions
   * @return the index
   */
  public static Index uniqueIndex(String table, String... columns) {
    return index(table, columns).unique();
  }

  /**
   * A check or exclusion constraint, to be given {@code check} or {@code exclude}.
   *
   * <pre>{@code constraint("products", "price_positive").check("price > 0") }</pre>
   *
   * @param table the table
   * @param name the constraint's name
   * @return the constraint
   */
  public static Constraint constraint(String table, String name) {
    return Constraint.named(table, name);
  }

  /**
   * {@code CREATE TABLE} with the columns (and the table's primary key first).
   *
   * <pre>{@code createTable(table("posts"), add("title", ColumnType.STRING), timestamps()) }</pre>
   *
   * @param table the table
   * @param columns its columns
   * @return the command
   */
  public static Command.CreateTable createTable(Table table, ColumnSpec... columns) {
    return new Command.CreateTable(table, expand(columns), false);
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS}.
   *
   * <pre>{@code createTableIfNotExists(table("posts"), add("title", ColumnType.STRING)) }</pre>
   *
   * @param table the table
   * @param columns its columns
   * @return the command
   */
  public static Command.CreateTable createTableIfNotExists(Table table, ColumnSpec... columns) {
    return new Command.CreateTable(table, expand(columns), true);
  }

  private static List<Column> expand(ColumnSpec... specs) {
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec spec : specs) {
      columns.addAll(spec.columns());
    }
    return columns;
  }

  /**
   * {@code ALTER TABLE} with changes (Ecto's {@code alter table(...) do ... end}).
   *
   * <pre>{@code alterTable(table("posts"), add("summary", ColumnType.TEXT), remove("legacy", ColumnType.INTEGER)) }</pre>
   *
   * @param table the table
   * @param changes the changes
   * @return the command
   */
  public static Command.AlterTable alterTable(Table table, TableChange... changes) {
    return new Command.AlterTable(table, List.of(changes));
  }

  /**
   * {@code DROP TABLE} (not reversible).
   *
   * <pre>{@code dropTable(table("posts")) }</pre>
   *
   * @param table the table
   * @return the command
   */
  public static Command.DropTable dropTable(Table table) {
    return new Command.DropTable(table, false, false);
  }

  /**
   * {@code DROP TABLE IF EXISTS}.
   *
   * <pre>{@code dropTableIfExists(table("posts")) }</pre>
   *
   * @param table the table
   * @return the command
   */
  public static Command.DropTable dropTableIfExists(Table table) {
    return new Command.DropTable(table, true, false);
  }

  /**
   * {@code DROP TABLE ... CASCADE}: also what depends on it (foreign keys, views).
   *
   * <pre>{@code dropTableCascade(table("posts")) }</pre>
   *
   * @param table the table
   * @return the command
   */
  public static Command.DropTable dropTableCascade(Table table) {
    return new Command.DropTable(table, false, true);
  }

  /**
   * Renames a table.
   *
   * <pre>{@code renameTable(table("posts"), "articles") }</pre>
   *
   * @param table the table
   * @param newName its new name
   * @return the command
   */
  public static Command.RenameTable renameTable(Table table, String newName) {
    return new Command.RenameTable(table, newName);
  }

  /**
   * Renames a column.
   *
   * <pre>{@code renameColumn(table("posts"), "title", "headline") }</pre>
   *
   * @param table the table
   * @param column the column
   * @param newName its new name
   * @return the command
   */
  public static Command.RenameColumn renameColumn(Table table, String column, String newName) {
    return new Command.RenameColumn(table, column, newName);
  }

  /**
   * {@code CREATE INDEX}.
   *
   * <pre>{@code createIndex(index("posts", "title")) }</pre>
   *
   * @param index the index
   * @return the command
   */
  public static Command.CreateIndex createIndex(Index index) {
    return new Command.CreateIndex(index, false);
  }

  /**
   * {@code CREATE INDEX IF NOT EXISTS}.
   *
   * <pre>{@code createIndexIfNotExists(index("posts", "title")) }</pre>
   *
   * @param index the index
   * @return the command
   */
  public static Command.CreateIndex createIndexIfNotExists(Index index) {
    return new Command.CreateIndex(index, true);
  }

  /**
   * {@code DROP INDEX}; reversible (the index is created again).
   *
   * <pre>{@code dropIndex(index("posts", "title")) }</pre>
   *
   * @param index the index
   * @return the command
   */
  public static Command.DropIndex dropIndex(Index index) {
    return new Command.DropIndex(index, false, false);
  }

  /**
   * {@code DROP INDEX IF EXISTS}.
   *
   * <pre>{@code dropIndexIfExists(index("posts", "title")) }</pre>
   *
   * @param index the index
   * @return the command
   */
  public static Command.DropIndex dropIndexIfExists(Index index) {
    return new Command.DropIndex(index, true, false);
  }

  /**
   * Renames an index.
   *
   * <pre>{@code renameIndex(index("posts", "title"), "posts_headline_index") }</pre>
   *
   * @param index the index
   * @param newName its new name
   * @return the command
   */
  public static Command.RenameIndex renameIndex(Index index, String newName) {
    return new Command.RenameIndex(index, newName);
  }

  /**
   * Adds a check or exclusion constraint.
   *
   * <pre>{@code createConstraint(constraint("products", "price_positive").check("price > 0")) }</pre>
   *
   * @param constraint the constraint
   * @return the command
   */
  public static Command.CreateConstraint createConstraint(Constraint constraint) {
    return new Command.CreateConstraint(constraint);
  }

  /**
   * Drops a constraint (not reversible: its definition is not known).
   *
   * <pre>{@code dropConstraint(constraint("products", "price_positive")) }</pre>
   *
   * @param constraint the constraint
   * @return the command
   */
  public static Command.DropConstraint dropConstraint(Constraint constraint) {
    return new Command.DropConstraint(constraint, false);
  }

  /**
   * Drops a constraint if it exists.
   *
   * <pre>{@code dropConstraintIfExists(constraint("products", "price_positive")) }</pre>
   *
   * @param constraint the constraint
   * @return the command
   */
  public static Command.DropConstraint dropConstraintIfExists(Constraint constraint) {
    return new Command.DropConstraint(constraint, true);
  }

  /**
   * Validates a constraint added {@code NOT VALID}.
   *
   * <pre>{@code validateConstraint(constraint("orders", "total_positive")) }</pre>
   *
   * @param constraint the constraint
   * @return the command
   */
  public static Command.ValidateConstraint validateConstraint(Constraint constraint) {
    return new Command.ValidateConstraint(constraint);
  }

  /**
   * Raw SQL with no way back: a {@code change()} migration holding it cannot be rolled back.
   *
   * <pre>{@code execute("UPDATE posts SET slug = lower(title)") }</pre>
   *
   * @param up the SQL
   * @return the command
   */
  public static Command.Execute execute(String up) {
    return new Command.Execute(up, null);
  }

  /**
   * Raw SQL and the SQL that undoes it.
   *
   * <pre>{@code execute("CREATE EXTENSION citext", "DROP EXTENSION citext") }</pre>
   *
   * @param up the SQL run forwards
   * @param down the SQL run backwards
   * @return the command
   */
  public static Command.Execute execute(String up, String down) {
    return new Command.Execute(up, down);
  }

  /**
   * Code run with the Repo (data migrations), and the code that undoes it (or null).
   *
   * <pre>{@code run("lowercase emails", repo -> repo.query("UPDATE users SET email = lower(email)", List.of()), null) }</pre>
   *
   * @param description what it does
   * @param up run forwards
   * @param down run backwards, or null
   * @return the command
   */
  public static Command.Run run(String description, Function<dev.flecto.repo.Repo, ? extends Publisher<?>> up,
      Function<dev.flecto.repo.Repo, ? extends Publisher<?>> down) {
    return new Command.Run(description, up, down);
  }

  /**
   * {@code CREATE SCHEMA IF NOT EXISTS}: a prefix for a tenant's tables; reversible.
   *
   * <pre>{@code createPrefix("tenant_1") }</pre>
   *
   * @param prefix the schema
   * @return the command
   */
  public static Command.CreatePrefix createPrefix(String prefix) {
    return new Command.CreatePrefix(prefix, true);
  }

  /**
   * {@code DROP SCHEMA ... CASCADE}: a tenant's prefix with its tables (not reversible).
   *
   * <pre>{@code dropPrefix("tenant_1") }</pre>
   *
   * @param prefix the schema
   * @return the command
   */
  public static Command.DropPrefix dropPrefix(String prefix) {
    return new Command.DropPrefix(prefix, true, true);
  }

  /**
   * A migration with its version and name, given in code.
   *
   * <pre>{@code Migrations.of(20250101120000L, "create_posts", new CreatePosts()) }</pre>
   *
   * @param version the version
   * @param name the name
   * @param migration the migration
   * @return the versioned migration
   */
  public static VersionedMigration of(long version, String name, Migration migration) {
    return new VersionedMigration(version, name, migration);
  }

  /**
   * Migrations from classes named {@code V<version>_<Name>}, made with their no-argument
   * constructors, in version order.
   *
   * <pre>{@code Migrations.of(V20250101120000_CreatePosts.class, V20250102090000_AddSlug.class) }</pre>
   *
   * @param classes the migration classes
   * @return the migrations, by version
   * @throws MigrationException for a class name without a version, a class that cannot be made,
   *     or two migrations with one version
   */
  @SafeVarargs
  public static List<VersionedMigration> of(Class<? extends Migration>... classes) {
    List<VersionedMigration> migrations = new ArrayList<>();
    for (Class<? extends Migration> type : classes) {
      migrations.add(fromClass(type));
    }
    return sorted(migrations);
  }

  /**
   * The migrations in a package (not its subpackages) on the classpath: every class named
   * {@code V<version>_<Name>} implementing {@link Migration}, in version order.
   *
   * <pre>{@code Migrations.inPackage("com.example.blog.migrations") }</pre>
   *
   * @param packageName the package
   * @return the migrations, by version
   * @throws MigrationException as {@link #of(Class[])} does, or when the classpath cannot be read
   */
  public static List<VersionedMigration> inPackage(String packageName) {
    List<VersionedMigration> migrations = new ArrayList<>();
    for (Class<? extends Migration> type : ClasspathMigrations.find(packageName)) {
      migrations.add(fromClass(type));
    }
    return sorted(migrations);
  }

  static VersionedMigration fromClass(Class<? extends Migration> type) {
    Matcher m = CLASS_NAME.matcher(type.getSimpleName());
    if (!m.matches()) {
      throw new MigrationException("migration class " + type.getName() + " is not named V<version>_<Name> "
          + "(for example V20250101120000_CreatePosts): its version cannot be known");
    }
    Migration migration;
    try {
      java.lang.reflect.Constructor<? extends Migration> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      migration = constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new MigrationException("migration class " + type.getName() + " cannot be made with a no-argument "
          + "constructor: " + e, e);
    }
    return new VersionedMigration(Long.parseLong(m.group(1)), snakeCase(m.group(2)), migration);
  }

  /**
   * {@code CreatePosts} → {@code create_posts}, as Ecto names a migration from its file.
   *
   * <pre>{@code Migrations.snakeCase("AddSlugToPosts") // add_slug_to_posts }</pre>
   *
   * @param camel a class name's part
   * @return the snake-case name
   */
  public static String snakeCase(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static List<VersionedMigration> sorted(List<VersionedMigration> migrations) {
    migrations.sort(Comparator.comparingLong(VersionedMigration::version));
    for (int i = 1; i < migrations.size(); i++) {
      if (migrations.get(i).version() == migrations.get(i - 1).version()) {
        throw new MigrationException("migrations can't be executed, migration version " + migrations.get(i).version()
            + " is duplicated: " + migrations.get(i - 1).name() + " and " + migrations.get(i).name());
      }
    }
    return List.copyOf(migrations);
  }
}
