package dev.flecto.changeset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A has-many's params as the list castAssoc walks (Ecto's {@code cast_params}): an index-keyed map
 * (as Phoenix forms send, {@code {"0": {...}, "1": {...}}}) sorted by its keys, integers first,
 * then the sort parameter's order and the drop parameter's removals applied. Ecto applies sort and
 * drop to an index-keyed map only; here a list is taken as the map of its positions too, so JSON
 * clients can use them ({@code "commentsDrop": [1]}).
 *
 * <pre>{@code
 * AssocParams.ordered(Map.of("1", b, "0", a), List.of("1", "0"), null) // [b, a]
 * }</pre>
 */
final class AssocParams {
  private AssocParams() {}

  /** The entries in order, or the value itself (to be refused as invalid) when it is no list or map. */
  static Object ordered(Object value, Object sort, Object drop) {
    boolean sorting = sort instanceof List<?>;
    boolean dropping = drop instanceof List<?>;
    if (value == null && (sorting || dropping)) {
      value = Map.of();
    }
    if (value instanceof List<?> list && (sorting || dropping)) {
      Map<Object, Object> indexed = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        indexed.put(i, list.get(i));
      }
      value = indexed;
    }
    if (!(value instanceof Map<?, ?> map)) {
      return value;
    }
    Map<String, Object> pending = new LinkedHashMap<>();
    map.forEach((k, v) -> pending.put(index(k), v));
    List<String> dropped = dropping ? ((List<?>) drop).stream().map(AssocParams::index).toList() : List.of();
    List<Object> out = new ArrayList<>();
    if (sorting) {
      List<String> order = new ArrayList<>(((List<?>) sort).stream().map(AssocParams::index).toList());
      dropped.forEach(order::remove); // Elixir's sort -- drop: each dropped index once
      for (String i : order) {
        Object entry = pending.remove(i);
        out.add(entry == null ? Map.of() : entry); // an unknown index is a new, empty entry
      }
    }
    dropped.forEach(pending::remove);
    pending.entrySet().stream().sorted(Map.Entry.comparingByKey(KEYS)).forEach(e -> out.add(e.getValue()));
    return out;
  }

  // Keys and indexes compare as text: a form's "1" and a JSON client's 1 are the same index.
  private static String index(Object key) {
    return String.valueOf(key);
  }

  // Elixir's term order once integer-looking keys are parsed: integers by value, before any text.
  private static final Comparator<String> KEYS = Comparator.<String, Boolean>comparing(k -> integer(k) == null)
      .thenComparing(k -> integer(k) == null ? 0L : integer(k))
      .thenComparing(Comparator.naturalOrder());

  private static Long integer(String key) {
    if (key.length() >= 19) {
      return null; // as Ecto, long keys are never indexes
    }
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
