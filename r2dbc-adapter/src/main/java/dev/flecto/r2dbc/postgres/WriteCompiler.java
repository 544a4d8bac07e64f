package dev.flecto.r2dbc.postgres;

import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;

/** INSERT, UPDATE and DELETE by key, each reading back every persisted column where it writes. */
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

  static String update(SchemaMeta<?> meta, List<SchemaField> fields, List<SchemaField> filters) {
    StringBuilder sb = Quote.table(new StringBuilder(128).append("UPDATE "), meta).append(" SET ");
    int n = 1;
    for (int i = 0; i < fields.size(); i++) {
      Quote.name(i == 0 ? sb : sb.append(", "), fields.get(i).column()).append(" = $").append(n++);
    }
    where(sb, filters, n);
    return returning(sb, meta);
  }

  static String delete(SchemaMeta<?> meta, List<SchemaField> filters) {
    StringBuilder sb = Quote.table(new StringBuilder(64).append("DELETE FROM "), meta);
    where(sb, filters, 1);
    return sb.toString();
  }

  private static void where(StringBuilder sb, List<SchemaField> filters, int first) {
    for (int i = 0; i < filters.size(); i++) {
      Quote.name(sb.append(i == 0 ? " WHERE " : " AND "), filters.get(i).column()).append(" = $").append(first + i);
    }
  }

  private static String returning(StringBuilder sb, SchemaMeta<?> meta) {
    sb.append(" RETURNING ");
    SelectCompiler.columns(sb, meta.persistedFields());
    return sb.toString();
  }
}
