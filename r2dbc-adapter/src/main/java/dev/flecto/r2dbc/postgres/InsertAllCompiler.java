package dev.flecto.r2dbc.postgres;

import dev.flecto.adapter.BulkInsert;
import dev.flecto.schema.SchemaField;
import java.util.List;

/**
 * The multi-row INSERT of insertAll, as ecto_sql's PostgreSQL {@code insert/8}: the leading
 * parameters (an update's conditions and values, then placeholders) first, then the rows numbered
 * in order, DEFAULT where an entry gave no value, a placeholder's {@code $n} where it refers to
 * one; ON CONFLICT as {@link UpsertCompiler} writes it; RETURNING.
 */
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
    table(sb, shape);
    String alias = shape.updates().isEmpty() ? null : ExprCompiler.alias(shape.where(), 0);
    if (alias != null) {
      sb.append(" AS ").append(alias); // ecto_sql's insert_as: the update's SET and WHERE name the existing row
    }
    sb.append(" (");
    SelectCompiler.columns(sb, shape.fields());
    sb.append(')');
    if (shape.select() != null) {
      // ecto_sql's insert_all(query): the query's parameters come after the conflict update's.
      SelectCompiler.compile(new ExprCompiler(shape.select(), sb.append(' '), shape.leadingParams()));
    } else {
      values(sb, shape, rowCount, rows);
    }
    UpsertCompiler.onConflict(sb, new UpsertCompiler.Conflict(shape.schema(), shape.conflict(), shape.conflictTarget(),
        shape.targetConstraint(), shape.targetFragment(), shape.replace(), shape.where(), shape.updates()), alias,
        shape.conditionParams());
    if (!shape.returning().isEmpty()) {
      SelectCompiler.columns(sb.append(" RETURNING "), shape.returning());
    }
    return sb.toString();
  }

  private static void values(StringBuilder sb, BulkInsert.Shape shape, int rowCount, List<Object[]> rows) {
    int width = shape.fields().size();
    sb.append(" VALUES ");
    int n = shape.leadingParams() + 1;
    for (int r = 0; r < rowCount; r++) {
      sb.append(r == 0 ? "(" : ", (");
      for (int i = 0; i < width; i++) {
        sb.append(i == 0 ? "" : ", ");
        Object cell = rows == null ? null : rows.get(r)[i];
        if (cell == BulkInsert.DEFAULT) {
          sb.append("DEFAULT");
        } else if (cell instanceof BulkInsert.Bound b) {
          sb.append('$').append(b.index() + 1);
        } else if (cell instanceof BulkInsert.Subquery q) { // ecto_sql's {%Ecto.Query{}, params_counter}: (SELECT ...)
          SelectCompiler.compile(new ExprCompiler(q.shape(), sb.append('('), n - 1));
          sb.append(')');
          n += q.params().size();
        } else {
          sb.append('$').append(n++);
        }
      }
      sb.append(')');
    }
  }

  /** The COPY of rows that give these of the shape's fields, in text format: {@code COPY "t" ("a", "b") FROM STDIN}. */
  static String copy(BulkInsert.Shape shape, List<SchemaField> columns) {
    StringBuilder sb = new StringBuilder(64).append("COPY ");
    table(sb, shape).append(" (");
    SelectCompiler.columns(sb, columns);
    return sb.append(") FROM STDIN").toString();
  }

  private static StringBuilder table(StringBuilder sb, BulkInsert.Shape shape) {
    String prefix = shape.prefix() != null ? shape.prefix() : shape.schema().prefix(); // the option overrides the schema's, as in Ecto
    return Quote.qualified(sb, prefix, shape.tableName());
  }

  /** How many rows a statement of this many columns may hold, after its leading parameters. */
  static int rowsPerStatement(int columns, int leading) {
    return Math.max(1, (MAX_PARAMETERS - leading) / columns);
  }
}
