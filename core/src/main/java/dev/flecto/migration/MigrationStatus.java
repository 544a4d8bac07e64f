package dev.flecto.migration;

/**
 * One line of {@code status} (Ecto's {@code mix ecto.migrations}): a migration's version and
 * name, and whether it is applied. A version recorded in the database with no migration for it
 * has the name {@code ** FILE NOT FOUND **}, as Ecto prints it.
 *
 * <pre>{@code
 * migrator.status(all).block().forEach(s -> System.out.println((s.up() ? "  up    " : "  down  ") + s.version() + "  " + s.name()));
 * }</pre>
 *
 * @param version the version
 * @param name the migration's name
 * @param up whether it is applied
 */
public record MigrationStatus(long version, String name, boolean up) {
  /** The name of a version recorded in the database that no migration has. */
  public static final String FILE_NOT_FOUND = "** FILE NOT FOUND **";
}
