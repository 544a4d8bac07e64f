package dev.flecto.cli;

import dev.flecto.migration.Direction;
import dev.flecto.migration.Target;
import picocli.CommandLine.Option;

/**
 * How far {@code migrate} and {@code rollback} go: one of {@code --all}, {@code --step},
 * {@code --to} and {@code --to-exclusive} (Ecto's options), in an exclusive group.
 */
final class TargetOptions {
  @Option(names = "--all", description = "Every migration: all pending ones (migrate), all applied ones (rollback).")
  boolean all;

  @Option(names = {"-n", "--step"}, paramLabel = "N", description = "At most N migrations.")
  Integer step;

  @Option(names = "--to", paramLabel = "VERSION",
      description = "Up to (migrate) or down to (rollback) this version, including it.")
  Long to;

  @Option(names = "--to-exclusive", paramLabel = "VERSION",
      description = "Up to (migrate) or down to (rollback) this version, excluding it.")
  Long toExclusive;

  /** The target these options give; the usage errors of a bound that is not positive. */
  Target target(FlectoCommand command, Direction direction) {
    if (step != null) {
      if (step < 1) {
        throw command.usage("Invalid value for option '--step': " + step + " (at least 1)");
      }
      return Target.step(step);
    }
    if (to != null) {
      if (to < 1) {
        throw command.usage("Invalid value for option '--to': " + to + " (a positive version)");
      }
      return Target.to(to);
    }
    if (toExclusive != null) {
      // Versions are whole numbers: excluding v is up to v - 1, or down to v + 1.
      long bound = direction == Direction.UP ? toExclusive - 1 : toExclusive + 1;
      if (toExclusive < 1 || bound < 1) {
        throw command.usage("Invalid value for option '--to-exclusive': " + toExclusive
            + (direction == Direction.UP ? " (greater than 1)" : " (a positive version)"));
      }
      return Target.to(bound);
    }
    return Target.all();
  }
}
