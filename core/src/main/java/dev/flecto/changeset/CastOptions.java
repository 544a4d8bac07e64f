package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Options of {@link Changeset#cast(Map, CastOptions, String...)}: which parameter values count as
 * empty (and so become the field's default), and whether values equal to the data are still
 * changes. In a list field, empty entries are removed first, and a list left empty by that (or
 * given empty) that is itself an empty value becomes the field's default, as in Ecto.
 *
 * <pre>{@code
 * CastOptions keepBlank = CastOptions.defaults().withEmptyValues(List.of());          // "" stays ""
 * CastOptions naIsEmpty = CastOptions.defaults().withEmptyValues(List.of("", "n/a"));
 * // Ecto's empty_values: [[]] ++ Ecto.Changeset.empty_values(): blank strings and empty lists
 * List<Object> withEmptyList = new ArrayList<>(List.of(List.of()));
 * withEmptyList.addAll(CastOptions.emptyValues());
 * CastOptions augmented = CastOptions.defaults().withEmptyValues(withEmptyList);
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
      throw new ArgumentException("CastOptions.isEmpty must not be null");
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
   * Ecto's default empty values ({@code Ecto.Changeset.empty_values/0}): one predicate, true for a
   * string made only of whitespace. Add to a copy of it to keep the default and count more values
   * as empty, as Ecto's {@code [[]] ++ Ecto.Changeset.empty_values()}.
   *
   * <pre>{@code
   * List<Object> values = new ArrayList<>(CastOptions.emptyValues());
   * values.add(List.of());
   * CastOptions.defaults().withEmptyValues(values) // blank strings and empty lists are empty
   * }</pre>
   *
   * @return an unmodifiable list holding the predicate
   */
  public static List<Object> emptyValues() {
    return List.of(TRIMMED_BLANK);
  }

  /**
   * With exactly these values counting as empty: a {@link Predicate} in the list decides for the
   * values it accepts (as a function in Ecto's {@code :empty_values}, such as the one of
   * {@link #emptyValues()}); any other element is an empty value itself, compared with
   * {@code equals} (no trimming: with {@code List.of("")}, {@code " "} is not empty).
   *
   * <pre>{@code CastOptions.defaults().withEmptyValues(List.of("", "n/a")) }</pre>
   *
   * @param values the empty values and predicates
   * @return the new options
   */
  public CastOptions withEmptyValues(List<?> values) {
    // Ecto's own example counts nil among empty values, so nulls are allowed here.
    List<?> copy = Collections.unmodifiableList(new ArrayList<>(values));
    return new CastOptions(v -> matchesAny(copy, v), forceChanges);
  }

  @SuppressWarnings("unchecked")
  private static boolean matchesAny(List<?> emptyValues, Object value) {
    for (Object e : emptyValues) {
      boolean empty = e instanceof Predicate<?> p ? ((Predicate<Object>) p).test(value) : Objects.equals(e, value);
      if (empty) {
        return true;
      }
    }
    return false;
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
