package dev.flecto.migration;

import dev.flecto.FlectoException;

/**
 * A migration could not run: a command failed (the message names the migration, the command and
 * its SQL), a migration is malformed, or the migrator could not take its lock.
 *
 * <pre>{@code
 * migrator.up(migrations).onErrorResume(MigrationException.class, e -> log(e.getMessage()))
 * }</pre>
 */
public class MigrationException extends FlectoException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * <pre>{@code throw new MigrationException("migration 20250101120000 has no change() and no up()"); }</pre>
   *
   * @param message what failed, naming the migration and command
   */
  public MigrationException(String message) {
    super(message);
  }

  /**
   * An exception with a message and a cause (the database's error).
   *
   * <pre>{@code throw new MigrationException("migration 1 create_posts, command create table posts failed", cause); }</pre>
   *
   * @param message what failed, naming the migration, the command and its SQL
   * @param cause the underlying error
   */
  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
