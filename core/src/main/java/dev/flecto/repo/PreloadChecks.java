package dev.flecto.repo;

import dev.flecto.PreloadException;
import dev.flecto.query.Query;
import dev.flecto.query.Selection;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaMeta;
import java.util.List;
import java.util.Map;

/**
 * What a preload's own query or function must give: the association's records (a many-to-many's
 * function, pairs of a parent key and a record). Checked before the records are stitched to their
 * parents, which reads their keys: anything else would fail there with a ClassCastException that
 * names neither the parent schema nor the association.
 */
final class PreloadChecks {
  private PreloadChecks() {}

  /** How messages name a preload: its association and the schema that owns it. */
  static String where(SchemaMeta<?> owner, String association) {
    return "preload '" + association + "' of schema " + owner.describe();
  }

  /**
   * Why a preload's query cannot give the association's records, or null when it can: it must be
   * over their schema and select them, as a whole record (its select decides what its rows are,
   * so this needs no look at a row).
   */
  static PreloadException query(SchemaMeta<?> owner, Association a, Query<?> query, SchemaMeta<?> target) {
    if (query.schemaType() != target.type()) {
      return new PreloadException(where(owner, a.name()) + ": its query must be over " + target.describe() + ", not " + query);
    }
    Class<?> rows = rowType(query.select());
    if (rows != target.type()) {
      return new PreloadException(where(owner, a.name()) + ": its query must select " + target.describe() + " records, not "
          + (rows == null ? "nothing" : rows.getSimpleName()) + ", in " + query
          + "; hint: leave out its select, the preload selects the records");
    }
    return null;
  }

  /** What a preload function returned, refused unless each is a target record (or, for a many-to-many, a key and one). */
  static List<Object> loaded(SchemaMeta<?> owner, Association a, SchemaMeta<?> target, List<Object> out, boolean pairs) {
    for (Object o : out) {
      Object record = pairs && o instanceof Map.Entry<?, ?> e ? e.getValue() : o;
      if ((pairs && !(o instanceof Map.Entry<?, ?>)) || !target.type().isInstance(record)) {
        throw new PreloadException("the loader function of " + where(owner, a.name()) + " returned " + o + " ("
            + (o == null ? "null" : o.getClass().getSimpleName()) + "); it must return "
            + (pairs ? "Map.Entry<parentKey, " + target.describe() + "> pairs (a many-to-many)"
            : target.describe() + " records"));
      }
    }
    return out;
  }

  private static Class<?> rowType(Selection<?> select) {
    if (select instanceof Selection.Binding<?> b) {
      return b.type();
    }
    if (select instanceof Selection.Constructed<?> c) {
      return c.type();
    }
    if (select instanceof Selection.Single<?> single) {
      return single.type();
    }
    return select == null ? null : Map.class;
  }
}
