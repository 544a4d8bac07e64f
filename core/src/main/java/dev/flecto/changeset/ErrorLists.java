package dev.flecto.changeset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a changeset's errors (kept in the order they were added) are merged and grouped by field,
 * in Ecto's orders.
 *
 * <pre>{@code
 * ErrorLists.byField(errors, ChangesetError::formatted) // {title=[newest, ..., oldest]}
 * }</pre>
 */
final class ErrorLists {
  private ErrorLists() {}

  /**
   * Both lists' errors, each once, at its first place (Ecto's {@code merge}: {@code Enum.uniq}),
   * so merging a changeset with one derived from it does not report its errors twice.
   */
  static List<ChangesetError> unique(List<ChangesetError> first, List<ChangesetError> second) {
    LinkedHashSet<ChangesetError> out = new LinkedHashSet<>(first);
    out.addAll(second);
    return new ArrayList<>(out);
  }

  /**
   * The messages by field, each field's newest first: Ecto keeps errors newest first and
   * {@code traverse_errors} lists them so. Fields come in the order of their first error.
   */
  static Map<String, List<String>> byField(List<ChangesetError> errors, Function<ChangesetError, String> formatter) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ChangesetError e : errors) {
      out.computeIfAbsent(e.field(), k -> new ArrayList<>()).add(formatter.apply(e));
    }
    out.replaceAll((k, v) -> {
      Collections.reverse(v);
      return List.copyOf(v);
    });
    return Collections.unmodifiableMap(out);
  }
}
