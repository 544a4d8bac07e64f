package dev.flecto.r2dbc.postgres;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A bounded least-recently-used cache of compiled SQL, keyed by statement shape. */
final class SqlCache<K> {
  private final Map<K, String> entries;

  SqlCache(int maxSize) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, String> eldest) {
        return size() > maxSize;
      }
    };
  }

  // Compiling is cheap and pure, so it runs outside the lock; a race only compiles twice.
  String get(K key, Function<K, String> compile) {
    String sql;
    synchronized (entries) {
      sql = entries.get(key);
    }
    if (sql == null) {
      sql = compile.apply(key);
      synchronized (entries) {
        entries.put(key, sql);
      }
    }
    return sql;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
