package dev.flecto.migration;

/**
 * Which way the migrator runs: {@link #UP} applies pending migrations, {@link #DOWN} rolls back
 * applied ones.
 *
 * <pre>{@code Migrator.run(repo, Migrations.inPackage("com.example.migrations"), Direction.UP) }</pre>
 */
public enum Direction {
  /** Apply pending migrations, lowest version first. */
  UP,
  /** Roll back applied migrations, highest version first. */
  DOWN
}
