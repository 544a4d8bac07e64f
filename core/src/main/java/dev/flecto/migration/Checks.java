package dev.flecto.migration;

/** The DSL's refusals as {@link MigrationException}s naming the part at fault, like every bad input of Flecto's. */
final class Checks {
  private Checks() {}

  /** The value, or a MigrationException saying which part of which value is missing. */
  static <T> T given(T value, String what, Object of) {
    if (value == null) {
      throw new MigrationException(what + " must not be null, in " + of);
    }
    return value;
  }
}
