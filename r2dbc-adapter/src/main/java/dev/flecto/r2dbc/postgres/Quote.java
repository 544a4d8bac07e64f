package dev.flecto.r2dbc.postgres;

import dev.flecto.QueryException;
import dev.flecto.schema.SchemaMeta;

/** Identifier quoting: every table and column is quoted, so no identifier is ever parsed as SQL. */
final class Quote {
  private Quote() {}

  /**
   * Refuses, before any SQL is sent, the two identifiers quoting cannot make safe: an empty one
   * (PostgreSQL: zero-length delimited identifier) and one holding NUL, which the protocol
   * cannot carry and a driver may cut short, so the statement would name another object.
   */
  static StringBuilder name(StringBuilder sb, String identifier) {
    if (identifier == null || identifier.isEmpty()) {
      throw new QueryException("an identifier (table, column, prefix or name) is " + (identifier == null ? "null" : "empty")
          + " in the SQL being built: " + sb + "; PostgreSQL names cannot be empty");
    }
    sb.append('"');
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (c == 0) {
        throw new QueryException("identifier \"" + identifier.replace("\0", "\\0") + "\" contains a NUL character, "
            + "which PostgreSQL names cannot hold");
      }
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    return sb.append('"');
  }

  static StringBuilder table(StringBuilder sb, SchemaMeta<?> meta) {
    return table(sb, meta, null);
  }

  /** The schema's own prefix wins over the query's, as in Ecto. */
  static StringBuilder table(StringBuilder sb, SchemaMeta<?> meta, String queryPrefix) {
    return qualified(sb, meta.prefix() != null ? meta.prefix() : queryPrefix, meta.table());
  }

  /** {@code "prefix"."name"}, or {@code "name"} with no prefix. */
  static StringBuilder qualified(StringBuilder sb, String prefix, String name) {
    if (prefix != null) {
      name(sb, prefix).append('.');
    }
    return name(sb, name);
  }
}
