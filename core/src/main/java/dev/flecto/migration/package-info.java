/**
 * Migrations (Ecto's {@code Ecto.Migration} and {@code Ecto.Migrator}): a DSL of command values
 * ({@link dev.flecto.migration.Migrations}), reversible {@link dev.flecto.migration.Migration}s,
 * and the {@link dev.flecto.migration.Migrator} that runs them on a Repo, recording versions in
 * {@code schema_migrations}. The SQL of each command comes from the Repo's dialect.
 *
 * <pre>{@code
 * Migrator.of(repo).up(Migrations.inPackage("com.example.blog.migrations")).block();
 * }</pre>
 */
package dev.flecto.migration;
