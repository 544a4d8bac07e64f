package dev.flecto.r2dbc.postgres;

import dev.flecto.schema.SchemaMeta;

/** Identifier quoting: every table and column is quoted, so no identifier is ever parsed as SQL. */
final class Quote {
  private Quote() {}

  static StringBuilder name(StringBuilder sb, String identifier) {
    sb.append('"');
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
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
