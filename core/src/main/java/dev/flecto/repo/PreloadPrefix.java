package dev.flecto.repo;

import dev.flecto.query.Query;
import dev.flecto.query.Source;
import dev.flecto.schema.Association;
import dev.flecto.schema.Schemas;

/**
 * Where preloaded records are read from. Ecto's preloader reads each level from the prefix in its
 * parents' {@code __meta__}; records do not carry one here, so the prefix travels with them: from
 * the query that read them, or from the caller's {@link PreloadOptions}.
 */
final class PreloadPrefix {
  private PreloadPrefix() {}

  /**
   * The prefix the records of a query are read from, as Ecto's loader gives it to their
   * {@code __meta__}: the source's own prefix, else its schema's {@code @Schema(prefix)}, else the
   * query's prefix (or, for a nested query, the enclosing one's); a subquery source's records come
   * from the subquery's source.
   */
  static String of(Query<?> query, String outer) {
    String queryPrefix = query.prefix() != null ? query.prefix() : outer;
    if (query.source() instanceof Source.Subquery sub) {
      return of(sub.query(), queryPrefix);
    }
    if (query.source() instanceof Source.Schema s) {
      String own = s.prefix() != null ? s.prefix() : Schemas.of(s.type()).prefix();
      return own != null ? own : queryPrefix;
    }
    return queryPrefix;
  }

  /**
   * A preload's query run from the parents' prefix. Ecto sets the parents' prefix as the preload
   * query's prefix; a source prefix of the preload query and the target's {@code @Schema(prefix)}
   * still win over it. Unlike Ecto, which replaces it, a prefix the preload query sets for itself
   * is kept: a caller who wrote it meant it.
   */
  static <R> Query<R> apply(Query<R> query, String prefix) {
    return prefix == null || query.prefix() != null ? query : query.prefix(prefix);
  }

  /**
   * The prefix of associated records a preload did not read itself (held already, or returned by
   * a preload function): their schema's own, else their parents'.
   */
  static String held(Association a, String prefix) {
    String own = Schemas.of(a.target()).prefix();
    return own != null ? own : prefix;
  }
}
