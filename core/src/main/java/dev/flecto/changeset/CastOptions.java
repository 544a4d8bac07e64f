package dev.flecto.changeset;

import java.util.List;
import java.util.function.Predicate;

/**
 * Options of {@link Changeset#cast(Map, CastOptions, String...)}: which parameter values count as
 * empty (and so become the field's default), and whether values equal to the data are still
 * changes.
 *
 * <pre>{@code
 * CastOptions keepBlank = CastOptions.defaults().withEmptyValues(List.of());          // "" stays ""
 * CastOptions naIsEmpty = CastOptions.defaults().withEmptyValues(List.of("", "n/a"));
 * CastOptions force = CastOptions.defaults().withForceChanges(true);
 * }</pre>
 *
 * @param isEmpty whether a parameter value is empty
 * @param forceChanges whether a value equal to the data's is still recorded as a change
 */
public record CastOptions(Predicate<Object> isEmpty, boolean forceChanges) {
  private static final Predicate<Object> TRIMMED_BLANK = v -> v instanceof String s && s.isBlank();

  /**
   * Checks the options.
   *
   * <pre>{@code new CastOptions(v -> v == null, false) }</pre>
   */
  public CastOptions {
    if (isEmpty == null) {
      throw new IllegalArgumentException("CastOptions.isEmpty must not be null");
    }
  }

  /**
   * Ecto's defaults: a string that is empty once trimmed is empty; equal values are no changes.
   *
   * <pre>{@code CastOptions.defaults() }</pre>
   *
   * @return the defaults
   */
  public static CastOptions defaults() {
    return new CastOptions(TRIMMED_BLANK, false);
  }

  /**
   * With exactly these values counting as empty (compared with {@code equals}; no trimming).
   *
   * <pre>{@code CastOptions.defaults().withEmptyValues(List.of("", "n/a")) }</pre>
   *
   * @param values the empty values
   * @return the new options
   */
  public CastOptions withEmptyValues(List<?> values) {
    // Ecto's own example counts nil among empty values, so nulls are allowed here.
    List<?> copy = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    return new CastOptions(copy::contains, forceChanges);
  }

  /**
   * With a predicate deciding which values are empty.
   *
   * <pre>{@code CastOptions.defaults().withEmptyWhen(v -> "-".equals(v)) }</pre>
   *
   * @param predicate true for empty values
   * @return the new options
   */
  public CastOptions withEmptyWhen(Predicate<Object> predicate) {
    return new CastOptions(predicate, forceChanges);
  }

  /**
   * With or without recording values equal to the data's as changes.
   *
   * <pre>{@code CastOptions.defaults().withForceChanges(true) }</pre>
   *
   * @param force true to record them
   * @return the new options
   */
  public CastOptions withForceChanges(boolean force) {
    return new CastOptions(isEmpty, force);
  }
}
