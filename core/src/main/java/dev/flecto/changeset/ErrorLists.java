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
   * Both lists' errors, each once (Ecto's {@code merge}: {@code Enum.uniq(cs1.errors ++ cs2.errors)}),
   * so merging a changeset with one derived from it does not report its errors twice. Ecto's
   * lists are newest first and ours oldest first, so the uniq runs over the reversed lists.
   */
  static List<ChangesetError> unique(List<ChangesetError> first, List<ChangesetError> second) {
    List<ChangesetError> newestFirst = new ArrayList<>(first.size() + second.size());
    newestFirst.addAll(reversed(first));
    newestFirst.addAll(reversed(second));
    List<ChangesetError> out = new ArrayList<>(new LinkedHashSet<>(newestFirst));
    Collections.reverse(out);
    return out;
  }

  /**
   * Adds the errors one validator gave together. Ecto puts them before the older ones as a block
   * ({@code new ++ errors}), so they are read back in the validator's order, not reversed.
   */
  static void addBlock(List<ChangesetError> errors, List<ChangesetError> block) {
    errors.addAll(reversed(block));
  }

  private static List<ChangesetError> reversed(List<ChangesetError> list) {
    List<ChangesetError> out = new ArrayList<>(list);
    Collections.reverse(out);
    return out;
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
