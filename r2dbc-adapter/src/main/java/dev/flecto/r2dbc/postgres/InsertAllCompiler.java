package dev.flecto.r2dbc.postgres;

import dev.flecto.adapter.BulkInsert;
import dev.flecto.schema.SchemaField;
import java.util.List;

/** The multi-row INSERT of insertAll: rows numbered in order, DEFAULT where an entry gave no value, ON CONFLICT, RETURNING. */
final class InsertAllCompiler {
  /** PostgreSQL counts a statement's bind parameters in 16 bits: 65,536 fails with 08P01. */
  static final int MAX_PARAMETERS = 65_535;

  private InsertAllCompiler() {}

  /**
   * @param rows the chunk's rows when some value is {@link BulkInsert#DEFAULT}, or null when every
   *     row gives every field (then the text depends only on the shape and the row count)
   */
  static String compile(BulkInsert.Shape shape, int rowCount, List<Object[]> rows) {
    int width = shape.fields().size();
    StringBuilder sb = new StringBuilder(64 + rowCount * width * 8).append("INSERT INTO ");
    table(sb, shape).append(" (");
    SelectCompiler.columns(sb, shape.fields());
    sb.append(") VALUES ");
    int n = 1;
    for (int r = 0; r < rowCount; r++) {
      sb.append(r == 0 ? "(" : ", (");
      for (int i = 0; i < width; i++) {
        sb.append(i == 0 ? "" : ", ");
        if (rows != null && rows.get(r)[i] == BulkInsert.DEFAULT) {
          sb.append("DEFAULT");
        } else {
          sb.append('$').append(n++);
        }
      }
      sb.append(')');
    }
    onConflict(sb, shape);
    if (!shape.returning().isEmpty()) {
      SelectCompiler.columns(sb.append(" RETURNING "), shape.returning());
    }
    return sb.toString();
  }

  /** The COPY of rows that give these of the shape's fields, in text format: {@code COPY "t" ("a", "b") FROM STDIN}. */
  static String copy(BulkInsert.Shape shape, List<SchemaField> columns) {
    StringBuilder sb = new StringBuilder(64).append("COPY ");
    table(sb, shape).append(" (");
    SelectCompiler.columns(sb, columns);
    return sb.append(") FROM STDIN").toString();
  }

  private static StringBuilder table(StringBuilder sb, BulkInsert.Shape shape) {
    if (shape.prefix() != null) {
      return Quote.name(Quote.name(sb, shape.prefix()).append('.'), shape.schema().table()); // the option overrides the schema's, as in Ecto
    }
    return Quote.table(sb, shape.schema());
  }

  /** How many rows a statement of this many columns may hold. */
  static int rowsPerStatement(int columns) {
    return Math.max(1, MAX_PARAMETERS / columns);
  }

  private static void onConflict(StringBuilder sb, BulkInsert.Shape shape) {
    if (shape.conflict() == BulkInsert.Conflict.RAISE) {
      return;
    }
    sb.append(" ON CONFLICT");
    if (!shape.conflictTarget().isEmpty()) {
      SelectCompiler.columns(sb.append(" ("), shape.conflictTarget());
      sb.append(')');
    }
    if (shape.conflict() == BulkInsert.Conflict.NOTHING) {
      sb.append(" DO NOTHING");
      return;
    }
    sb.append(" DO UPDATE SET ");
    List<SchemaField> replace = shape.replace();
    for (int i = 0; i < replace.size(); i++) {
      Quote.name(i == 0 ? sb : sb.append(", "), replace.get(i).column()).append(" = EXCLUDED.");
      Quote.name(sb, replace.get(i).column());
    }
  }
}
