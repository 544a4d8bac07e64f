package dev.flecto.migration;

/**
 * A {@code change()} migration holds a command that cannot be run backwards ({@code execute}
 * without its down SQL, {@code remove} without the column's type, {@code modify} without
 * {@code from}, {@code addIfNotExists}, {@code removeIfExists}, a {@code run} without its down),
 * so it cannot be rolled back. Raised before any command runs; define {@code up()} and
 * {@code down()} instead (Ecto's "cannot reverse migration command").
 *
 * <pre>{@code
 * migrator.down(migrations, Migrator.step(1))   // fails with IrreversibleMigrationException naming the command
 * }</pre>
 */
public final class IrreversibleMigrationException extends MigrationException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception naming the command that cannot be reversed.
   *
   * <pre>{@code throw new IrreversibleMigrationException("cannot reverse migration command: execute \"...\""); }</pre>
   *
   * @param message the message, naming the command
   */
  public IrreversibleMigrationException(String message) {
    super(message);
  }
}
