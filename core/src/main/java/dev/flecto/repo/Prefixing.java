package dev.flecto.repo;

import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.SchemalessInsert;
import dev.flecto.adapter.Upsert;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.QueryShape;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a default prefix into planned statements that name none (see {@link Tenancy} for the
 * order). A planned query's prefix is its top query's: the compiler hands it down to the nested
 * queries that set none, so rewriting the top is enough and the plan is not made again.
 */
final class Prefixing {
  private Prefixing() {}

  static <T> PlannedQuery<T> query(PlannedQuery<T> planned, String prefix) {
    if (prefix == null || planned.shape().query().prefix() != null) {
      return planned;
    }
    return new PlannedQuery<>(planned.query().prefix(prefix), shape(planned.shape(), prefix), planned.params(),
        planned.columns(), planned.layout(), planned.assemble());
  }

  static QueryShape shape(QueryShape shape, String prefix) {
    if (prefix == null || shape == null || shape.query().prefix() != null) {
      return shape;
    }
    return new QueryShape(shape.query().prefix(prefix), shape.sources(), shape.limitParam(), shape.offsetParam());
  }

  /** The call's prefix ({@code InsertAllOptions.withPrefix}) wins; the default overrides the schema's, as Ecto's option. */
  static BulkInsert bulk(BulkInsert insert, String prefix) {
    BulkInsert.Shape s = insert.shape();
    if (prefix == null || s.prefix() != null) {
      return insert;
    }
    BulkInsert.Shape shape = new BulkInsert.Shape(s.schema(), prefix, s.fields(), s.conflict(), s.conflictTarget(),
        s.replace(), s.returning(), s.table(), s.targetConstraint(), s.targetFragment(), shape(s.where(), prefix),
        s.updates(), s.conditionParams(), s.placeholders(), shape(s.select(), prefix));
    return new BulkInsert(shape, rows(insert.rows(), prefix), insert.copy(), insert.params());
  }

  static SchemalessInsert schemaless(SchemalessInsert insert, String prefix) {
    if (prefix == null || insert.prefix() != null) {
      return insert;
    }
    return new SchemalessInsert(prefix, insert.table(), insert.columns(), rows(insert.rows(), prefix), insert.conflict(),
        insert.targetColumns(), insert.targetConstraint(), insert.targetFragment(), insert.replace());
  }

  static Upsert upsert(Upsert upsert, String prefix) {
    Upsert.Shape s = upsert.shape();
    if (prefix == null || s.where() == null || s.where().query().prefix() != null) {
      return upsert;
    }
    return new Upsert(new Upsert.Shape(s.schema(), s.conflict(), s.targetFields(), s.targetConstraint(),
        s.targetFragment(), s.replace(), shape(s.where(), prefix), s.updates(), s.returning()), upsert.params());
  }

  /** Entries' subquery values ({@code (SELECT ...)} cells) read from the prefix too; other rows are kept as they are. */
  private static List<Object[]> rows(List<Object[]> rows, String prefix) {
    List<Object[]> out = null;
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      Object[] copy = null;
      for (int c = 0; c < row.length; c++) {
        if (row[c] instanceof BulkInsert.Subquery q && q.shape().query().prefix() == null) {
          copy = copy == null ? row.clone() : copy;
          copy[c] = new BulkInsert.Subquery(shape(q.shape(), prefix), q.params());
        }
      }
      if (copy != null && out == null) {
        out = new ArrayList<>(rows);
      }
      if (copy != null) {
        out.set(r, copy);
      }
    }
    return out == null ? rows : out;
  }
}
