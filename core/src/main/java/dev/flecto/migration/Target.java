package dev.flecto.migration;

/**
 * How far the migrator goes (Ecto's {@code :all}, {@code :step} and {@code :to}).
 *
 * <pre>{@code
 * migrator.up(all, Target.all())               // every pending migration
 * migrator.up(all, Target.to(20250101120000L)) // pending ones up to and including that version
 * migrator.down(all, Target.step(1))           // the last applied one (the default of down)
 * migrator.down(all, Target.to(20250101120000L)) // applied ones down to and including that version
 * }</pre>
 *
 * @param everything every migration in the direction
 * @param step at most this many, or 0
 * @param to the last version to run (inclusive), or 0
 */
public record Target(boolean everything, int step, long to) {
  /**
   * Checks that exactly one bound is given.
   *
   * <pre>{@code Target.step(2) }</pre>
   */
  public Target {
    int given = (everything ? 1 : 0) + (step > 0 ? 1 : 0) + (to > 0 ? 1 : 0);
    if (given != 1 || step < 0 || to < 0) {
      throw new MigrationException("a migration target is all, a positive step or a positive version; got all="
          + everything + ", step=" + step + ", to=" + to);
    }
  }

  /**
   * Every migration in the direction.
   *
   * <pre>{@code Target.all() }</pre>
   *
   * @return the target
   */
  public static Target all() {
    return new Target(true, 0, 0);
  }

  /**
   * At most n migrations.
   *
   * <pre>{@code Target.step(1) }</pre>
   *
   * @param n how many
   * @return the target
   */
  public static Target step(int n) {
    return new Target(false, n, 0);
  }

  /**
   * Up to (or down to) this version, inclusive.
   *
   * <pre>{@code Target.to(20250101120000L) }</pre>
   *
   * @param version the version
   * @return the target
   */
  public static Target to(long version) {
    return new Target(false, 0, version);
  }
}
