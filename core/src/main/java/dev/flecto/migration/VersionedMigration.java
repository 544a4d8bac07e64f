package dev.flecto.migration;


/**
 * A migration with its version (the order it runs in, recorded in {@code schema_migrations}) and
 * its name (for logs and status).
 *
 * <pre>{@code Migrations.of(20250101120000L, "create_posts", new CreatePosts()) }</pre>
 *
 * @param version the version, a positive number (by convention a timestamp {@code yyyyMMddHHmmss})
 * @param name the name, in snake case
 * @param migration the migration
 */
public record VersionedMigration(long version, String name, Migration migration) {
  /**
   * Checks the parts.
   *
   * <pre>{@code new VersionedMigration(1, "create_posts", migration) }</pre>
   */
  public VersionedMigration {
    if (version <= 0) {
      throw new MigrationException("a migration's version must be positive, got " + version + " for " + name);
    }
    Checks.given(name, "name", "a versioned migration");
    Checks.given(migration, "migration", "a versioned migration");
  }

  @Override
  public String toString() {
    return version + " " + name;
  }
}
