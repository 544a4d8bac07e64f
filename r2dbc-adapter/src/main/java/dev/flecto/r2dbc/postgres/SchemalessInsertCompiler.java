package dev.flecto.r2dbc.postgres;

import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.SchemalessInsert;
import java.util.List;

/**
 * The multi-row INSERT of a schemaless insertAll, as ecto_sql's PostgreSQL {@code insert/8} writes
 * it without a schema: columns quoted as given, DEFAULT where an entry left one out,
 * {@code VALUES (DEFAULT), ...} when no entry gives a column; ON CONFLICT with columns replaced from EXCLUDED.
 */
final class SchemalessInsertCompiler {
  private SchemalessInsertCompiler() {}

  /**
   * @param rows the chunk's rows when some value is DEFAULT, or null when every row gives every
   *     column (then the text depends only on the shape and the row count)
   */
  static String compile(SchemalessInsert shape, int rowCount, List<Object[]> rows) {
    StringBuilder sb = Quote.qualified(new StringBuilder(64 + rowCount * 16).append("INSERT INTO "), shape.prefix(), shape.table());
    if (shape.columns().isEmpty()) {
      sb.append(" VALUES ");
      for (int r = 0; r < rowCount; r++) {
        sb.append(r == 0 ? "(DEFAULT)" : ", (DEFAULT)");
      }
    } else {
      names(sb.append(" ("), shape.columns()).append(") VALUES ");
      int n = 1;
      for (int r = 0; r < rowCount; r++) {
        sb.append(r == 0 ? "(" : ", (");
        for (int i = 0; i < shape.columns().size(); i++) {
          sb.append(i == 0 ? "" : ", ");
          if (rows != null && rows.get(r)[i] == BulkInsert.DEFAULT) {
            sb.append("DEFAULT");
          } else {
            sb.append('$').append(n++);
          }
        }
        sb.append(')');
      }
    }
    onConflict(sb, shape);
    return sb.toString();
  }

  private static void onConflict(StringBuilder sb, SchemalessInsert shape) {
    if (shape.conflict() == BulkInsert.Conflict.RAISE) {
      return;
    }
    sb.append(" ON CONFLICT");
    if (!shape.targetColumns().isEmpty()) {
      names(sb.append(" ("), shape.targetColumns()).append(')');
    } else if (shape.targetConstraint() != null) {
      Quote.name(sb.append(" ON CONSTRAINT "), shape.targetConstraint());
    } else if (shape.targetFragment() != null) {
      sb.append(' ').append(shape.targetFragment()); // Ecto's {:unsafe_fragment, sql}: passed as given
    }
    if (shape.conflict() == BulkInsert.Conflict.NOTHING) {
      sb.append(" DO NOTHING");
      return;
    }
    sb.append(" DO UPDATE SET ");
    for (int i = 0; i < shape.replace().size(); i++) {
      Quote.name(i == 0 ? sb : sb.append(", "), shape.replace().get(i)).append(" = EXCLUDED.");
      Quote.name(sb, shape.replace().get(i));
    }
  }

  private static StringBuilder names(StringBuilder sb, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      Quote.name(i == 0 ? sb : sb.append(", "), names.get(i));
    }
    return sb;
  }
}
