package dev.flecto.migration;

import java.util.List;

/**
 * A migration (Ecto's {@code Ecto.Migration}): either {@link #change()}, whose commands run
 * forwards on the way up and are inverted, in reverse order, on the way down; or {@link #up()}
 * and {@link #down()}. A class named {@code V<version>_<Name>} (the version a timestamp,
 * {@code yyyyMMddHHmmss}) is found by {@link Migrations#inPackage(String)}; its name is the class
 * name's rest in snake case.
 *
 * <pre>{@code
 * public final class V20250101120000_CreatePosts implements Migration {
 *   @Override
 *   public List<Command> change() {
 *     return List.of(
 *         createTable(table("posts"),
 *             add("title", ColumnType.STRING).size(200).notNull(),
 *             add("author_id", references("authors").onDelete(OnDelete.DELETE_ALL)),
 *             timestamps()),
 *         createIndex(index("posts", "author_id")));
 *   }
 * }
 * }</pre>
 */
public interface Migration {
  /**
   * The commands of a reversible migration; null (the default) when the migration defines
   * {@link #up()} and {@link #down()} instead.
   *
   * <pre>{@code List.of(createTable(table("posts"), add("title", ColumnType.STRING))) }</pre>
   *
   * @return the commands, or null
   */
  default List<Command> change() {
    return null;
  }

  /**
   * The commands run on the way up: {@link #change()}'s unless overridden.
   *
   * <pre>{@code List.of(execute("CREATE EXTENSION IF NOT EXISTS citext")) }</pre>
   *
   * @return the commands
   * @throws MigrationException when the migration defines neither change() nor up()
   */
  default List<Command> up() {
    List<Command> change = change();
    if (change == null) {
      throw new MigrationException("migration " + getClass().getName() + " defines neither change() nor up()");
    }
    return change;
  }

  /**
   * The commands run on the way down: {@link #change()}'s inverted, last first, unless overridden.
   * All are inverted before any runs.
   *
   * <pre>{@code List.of(execute("DROP EXTENSION citext")) }</pre>
   *
   * @return the commands
   * @throws IrreversibleMigrationException naming the first command that cannot be inverted, or
   *     when the migration defines up() but not down()
   */
  default List<Command> down() {
    List<Command> change = change();
    if (change == null) {
      throw new IrreversibleMigrationException("migration " + getClass().getName() + " defines up() but neither "
          + "change() nor down(), so it cannot be rolled back");
    }
    return Reversal.reverse(change);
  }

  /**
   * True to run outside a transaction (Ecto's {@code @disable_ddl_transaction}): needed by
   * {@code CREATE INDEX CONCURRENTLY}. A failure then leaves what ran before it.
   *
   * <pre>{@code @Override public boolean disableDdlTransaction() { return true; } }</pre>
   *
   * @return whether to run without a transaction
   */
  default boolean disableDdlTransaction() {
    return false;
  }

  /**
   * True to run without the migrator's lock (Ecto's {@code @disable_migration_lock}), as
   * {@code CONCURRENTLY} statements may need when the lock is a {@code FOR UPDATE} of the versions table.
   *
   * <pre>{@code @Override public boolean disableMigrationLock() { return true; } }</pre>
   *
   * @return whether to run without the lock
   */
  default boolean disableMigrationLock() {
    return false;
  }
}
