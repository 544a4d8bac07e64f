package dev.flecto.multi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only storage that versions of an immutable value share (a Multi's steps, the changes
 * of a run): a version is this log and its size, only the newest version appends in place, and
 * an older one branches off into a copy. So adding a step or a result costs O(1), however many
 * there are. Every access holds the log's lock, as versions may be read from any thread.
 *
 * @param <V> the entries' type
 */
final class NamedLog<V> {
  private final List<String> keys = new ArrayList<>();
  private final List<V> values = new ArrayList<>();
  // Key to position, made only once the log is longer than a scan is quick: a Multi of a few
  // steps (and its run's changes) then costs no map.
  private Map<String, Integer> index;
  private static final int SCANNED = 8;

  /** The position of a key among a version's first {@code size} entries, or -1. */
  synchronized int indexOf(String key, int size) {
    if (key == null) {
      return -1; // entries without a key are found by position only
    }
    if (index == null) {
      for (int i = 0; i < size; i++) {
        if (key.equals(keys.get(i))) {
          return i;
        }
      }
      return -1;
    }
    Integer i = index.get(key);
    return i != null && i < size ? i : -1;
  }

  /**
   * The log holding a version of {@code size} entries plus one more: this one when that version is
   * the newest (and not empty, so the shared empty version never holds anything), else a copy.
   *
   * @param key the entry's unique key, or null for an entry found by position only
   */
  synchronized NamedLog<V> append(int size, String key, V value) {
    NamedLog<V> target = size > 0 && keys.size() == size ? this : copy(size);
    target.add(key, value);
    return target;
  }

  synchronized V get(int i) {
    return values.get(i);
  }

  synchronized List<String> keys(int size) {
    return new ArrayList<>(keys.subList(0, size));
  }

  synchronized List<V> values(int size) {
    return new ArrayList<>(values.subList(0, size));
  }

  /** The first {@code size} values as an unmodifiable list, copied once; for logs whose values are never null. */
  synchronized List<V> nonNullValues(int size) {
    return List.copyOf(values.subList(0, size));
  }

  private NamedLog<V> copy(int size) {
    NamedLog<V> out = new NamedLog<>();
    for (int i = 0; i < size; i++) {
      out.add(keys.get(i), values.get(i));
    }
    return out;
  }

  private void add(String key, V value) {
    if (index == null && keys.size() == SCANNED) {
      index = new HashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i) != null) {
          index.put(keys.get(i), i);
        }
      }
    }
    if (index != null && key != null) {
      index.put(key, keys.size());
    }
    keys.add(key);
    values.add(value);
  }
}
