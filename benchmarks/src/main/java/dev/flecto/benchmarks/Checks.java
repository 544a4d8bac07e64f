package dev.flecto.benchmarks;

import java.util.Objects;

/**
 * Fails a trial whose implementations disagree: a benchmark of sides that read or wrote different
 * things would be worthless.
 *
 * <pre>{@code Checks.same("W1 get by id 7", "raw", raw, "flecto", flecto, "jdbc", jdbc); }</pre>
 */
final class Checks {
  private Checks() {}

  /**
   * Checks that every named result equals the first one.
   *
   * @param what the operation, for the message
   * @param namesAndResults name, result, name, result, ...; the first pair is the reference
   * @throws IllegalStateException naming the first implementation that differs
   */
  static void same(String what, Object... namesAndResults) {
    if (namesAndResults.length < 4 || namesAndResults.length % 2 != 0) {
      throw new IllegalArgumentException("expected name/result pairs, at least two, got " + namesAndResults.length + " values");
    }
    Object reference = namesAndResults[1];
    if (reference == null) {
      throw new IllegalStateException(what + ": " + namesAndResults[0] + " returned nothing");
    }
    for (int i = 2; i < namesAndResults.length; i += 2) {
      if (!Objects.equals(reference, namesAndResults[i + 1])) {
        throw new IllegalStateException(what + ": " + namesAndResults[i] + " returned " + abbreviate(namesAndResults[i + 1])
            + ", " + namesAndResults[0] + " returned " + abbreviate(reference));
      }
    }
  }

  private static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
