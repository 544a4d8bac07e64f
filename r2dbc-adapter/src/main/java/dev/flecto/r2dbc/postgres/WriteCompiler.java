package dev.flecto.r2dbc.postgres;

import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/**
 * INSERT, UPDATE and DELETE by key: an insert reads back every persisted column (the database
 * fills what it left out), an update only the columns it is given (Ecto's read-after-writes).
 */
final class WriteCompiler {
  private WriteCompiler() {}

  static String insert(SchemaMeta<?> meta, List<SchemaField> fields) {
    StringBuilder sb = Quote.table(new StringBuilder(128).append("INSERT INTO "), meta);
    if (fields.isEmpty()) {
      sb.append(" DEFAULT VALUES");
    } else {
      sb.append(" (");
      SelectCompiler.columns(sb, fields);
      sb.append(") VALUES (");
      for (int i = 1; i <= fields.size(); i++) {
        sb.append(i == 1 ? "$" : ", $").append(i);
      }
      sb.append(')');
    }
    return returning(sb, meta);
  }

  /**
   * Sets the fields on the row the filters match, if it is the only one (see {@link #onlyRow}),
   * returning the given columns, or none.
   */
  static String update(SchemaMeta<?> meta, List<SchemaField> fields, List<SchemaField> filters, List<SchemaField> returning) {
    StringBuilder sb = Quote.table(new StringBuilder(128).append("UPDATE "), meta).append(" SET ");
    int n = 1;
    for (int i = 0; i < fields.size(); i++) {
      Quote.name(i == 0 ? sb : sb.append(", "), fields.get(i).column()).append(" = $").append(n++);
    }
    where(sb, filters, n);
    onlyRow(sb, meta, filters, n);
    if (returning.isEmpty()) {
      return sb.toString();
    }
    SelectCompiler.columns(sb.append(" RETURNING "), returning);
    return sb.toString();
  }

  static String delete(SchemaMeta<?> meta, List<SchemaField> filters) {
    StringBuilder sb = Quote.table(new StringBuilder(96).append("DELETE FROM "), meta);
    where(sb, filters, 1);
    onlyRow(sb, meta, filters, 1);
    return sb.toString();
  }

  private static void where(StringBuilder sb, List<SchemaField> filters, int first) {
    for (int i = 0; i < filters.size(); i++) {
      Quote.name(sb.append(i == 0 ? " WHERE " : " AND "), filters.get(i).column()).append(" = $").append(first + i);
    }
  }

  /**
   * A write by key touches a row only when no other row has the key: where a schema's {@code @Id}
   * is not unique in the database, the statement then changes nothing, instead of several rows
   * committed before anyone could count them (Ecto raises after the fact). Being part of the one
   * statement, the guard needs no transaction or savepoint, hence no round trip; with a real key
   * it is one more probe of the key's index, by the same parameters. The Repo tells a stale row
   * from a shared key by counting, on that path only.
   */
  private static void onlyRow(StringBuilder sb, SchemaMeta<?> meta, List<SchemaField> filters, int first) {
    Quote.table(sb.append(" AND (SELECT count(*) FROM "), meta);
    where(sb, filters, first);
    sb.append(") = 1");
  }

  private static String returning(StringBuilder sb, SchemaMeta<?> meta) {
    sb.append(" RETURNING ");
    SelectCompiler.columns(sb, meta.loadedFields()); // as a whole-record query, without loadInQuery = false columns
    return sb.toString();
  }
}
