package dev.flecto.adapter;

import dev.flecto.ArgumentException;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.QueryShape;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.Collections;
import java.util.List;

/**
 * The rows of a {@code Repo.insertAll}, as the Repo hands them to the adapter: the columns and
 * conflict handling (the {@link Shape}, by which SQL is cached) and one value array per row. An
 * adapter inserts them in as few statements as its database allows, all in one transaction.
 *
 * <pre>{@code
 * SchemaMeta<Person> meta = Schemas.of(Person.class);
 * BulkInsert insert = new BulkInsert(
 *     new BulkInsert.Shape(meta, null, List.of(meta.field("firstName")), BulkInsert.Conflict.RAISE, List.of(), List.of(), List.of()),
 *     List.of(new Object[] {"Ann"}, new Object[] {BulkInsert.DEFAULT}));
 * adapter.insertAll(insert) // Mono<Long>: 2
 * }</pre>
 *
 * @param shape the columns, conflict handling and returned columns
 * @param rows one array per row, one value per {@link Shape#fields()} entry: a component value (the
 *     adapter dumps it), or {@link #DEFAULT} for a field the entry did not give
 * @param copy whether the adapter loads the rows with its bulk-load path (PostgreSQL's {@code COPY})
 * @param params the values bound before the rows', in every statement, already dumped: the
 *     conflict update's conditions', then its updates', then the placeholders' ({@link Bound})
 */
public record BulkInsert(Shape shape, List<Object[]> rows, Copy copy, List<Object> params) {
  /**
   * Stands for a field an entry did not give: the column takes its default, as in Ecto.
   *
   * <pre>{@code new Object[] {"Ann", BulkInsert.DEFAULT} // VALUES ($1, DEFAULT) }</pre>
   */
  public static final Object DEFAULT = new Object() {
    @Override
    public String toString() {
      return "DEFAULT";
    }
  };

  /**
   * Keeps the rows (not copied: a million-row insert should not be copied twice).
   *
   * <pre>{@code new BulkInsert(shape, rows) }</pre>
   */
  public BulkInsert {
    rows = Collections.unmodifiableList(rows);
    params = Collections.unmodifiableList(new java.util.ArrayList<>(params)); // nulls allowed: a SET to NULL
    if (copy == null) {
      throw new ArgumentException("a bulk insert into " + shape.schema().describe() + " needs a copy mode");
    }
    if (copy != Copy.NEVER && !params.isEmpty()) {
      throw new ArgumentException("a bulk insert into " + shape.schema().describe() + " with bound parameters cannot be copied");
    }
  }

  /**
   * Rows with no leading parameters.
   *
   * <pre>{@code new BulkInsert(shape, rows, BulkInsert.Copy.PREFERRED) }</pre>
   *
   * @param shape the shape
   * @param rows the rows
   * @param copy the copy mode
   */
  public BulkInsert(Shape shape, List<Object[]> rows, Copy copy) {
    this(shape, rows, copy, List.of());
  }

  /**
   * A row's value that is one of the leading {@link #params()}, bound once for every row that
   * refers to it (Ecto's insert_all placeholders).
   *
   * <pre>{@code new BulkInsert.Bound(2) // rendered $3 }</pre>
   *
   * @param index the index in {@link #params()}, from 0
   */
  public record Bound(int index) {}

  /**
   * A row's value that is a query returning one value (Ecto's subquery in insert_all entries),
   * written {@code (SELECT ...)} with its parameters bound in the row's place.
   *
   * <pre>{@code new BulkInsert.Subquery(Planner.plan(query).shape(), Planner.plan(query).params()) }</pre>
   *
   * @param shape the planned query's shape
   * @param params its parameters, already dumped
   */
  public record Subquery(QueryShape shape, List<Object> params) {
    /**
     * Copies the parameters (nulls allowed).
     *
     * <pre>{@code new BulkInsert.Subquery(shape, List.of(1L)) }</pre>
     */
    public Subquery {
      params = Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
  }

  /**
   * How many parameters a row's value takes: none for {@link #DEFAULT} and a {@link Bound}, a
   * {@link Subquery}'s for one, else one.
   *
   * <pre>{@code BulkInsert.paramsOf(row[i]) }</pre>
   *
   * @param cell a row's value
   * @return its parameters
   */
  public static int paramsOf(Object cell) {
    return cell instanceof Subquery q ? q.params().size() : isValue(cell) ? 1 : 0;
  }

  /**
   * Whether a row's value is one value bound for that row alone (not {@link #DEFAULT}, a {@link Bound} or a {@link Subquery}).
   *
   * <pre>{@code BulkInsert.isValue(row[i]) }</pre>
   *
   * @param cell a row's value
   * @return true when it takes a parameter of its own
   */
  public static boolean isValue(Object cell) {
    return cell != DEFAULT && !(cell instanceof Bound) && !(cell instanceof Subquery);
  }

  /**
   * Rows written with statements ({@link Copy#NEVER}).
   *
   * <pre>{@code new BulkInsert(shape, rows) }</pre>
   *
   * @param shape the shape
   * @param rows the rows
   */
  public BulkInsert(Shape shape, List<Object[]> rows) {
    this(shape, rows, Copy.NEVER);
  }

  /**
   * How the adapter loads the rows: the Repo resolved the user's threshold, returning and
   * conflict rules already; the adapter decides only what needs the rows or the connection.
   *
   * <pre>{@code BulkInsert.Copy.PREFERRED }</pre>
   */
  public enum Copy {
    /** Statements ({@code INSERT ... VALUES}). */
    NEVER,
    /**
     * The bulk-load path when the rows allow it in one go (every row gives the same fields) and
     * the connection has it; statements otherwise.
     */
    PREFERRED,
    /** The bulk-load path, in runs of rows that give the same fields; an error if the connection lacks it. */
    ALWAYS
  }

  /**
   * What to do when a row conflicts with an existing one.
   *
   * <pre>{@code BulkInsert.Conflict.NOTHING }</pre>
   */
  public enum Conflict {
    /** The statement fails (PostgreSQL's default). */
    RAISE,
    /** The conflicting row is skipped ({@code ON CONFLICT DO NOTHING}). */
    NOTHING,
    /** The existing row takes the proposed row's values of {@link Shape#replace()} ({@code DO UPDATE SET}). */
    REPLACE
  }

  /**
   * Everything of an insert except its values: the statement's shape.
   *
   * <pre>{@code new BulkInsert.Shape(meta, "tenant_1", fields, BulkInsert.Conflict.NOTHING, List.of(), List.of(), meta.persistedFields()) }</pre>
   *
   * @param schema the schema
   * @param prefix the PostgreSQL schema to insert into, overriding the schema's own; or null
   * @param fields the columns written, in schema order (never empty)
   * @param conflict the conflict handling
   * @param conflictTarget the columns whose unique index decides a conflict (empty: any)
   * @param replace for {@link Conflict#REPLACE}, the columns replaced
   * @param returning the columns read back from the inserted rows (empty: none)
   * @param table the table inserted into instead of the schema's (Ecto's {@code {"table", Schema}}), or null
   * @param targetConstraint the constraint deciding a conflict, or null
   * @param targetFragment raw SQL deciding a conflict, or null
   * @param where for an update of the existing row, its query's shape (conditions and alias); else null
   * @param updates the update of the existing row, or empty (then {@link Conflict#REPLACE} takes {@code replace})
   * @param conditionParams how many leading parameters the update's conditions take
   * @param placeholders how many leading parameters are placeholders (after the update's)
   * @param select for an insert from a query ({@code INSERT ... SELECT}), the query's shape, selecting
   *     one value per field of {@code fields} in order, its parameters after the update's; then the
   *     insert has no rows. Null for rows ({@code VALUES})
   */
  public record Shape(SchemaMeta<?> schema, String prefix, List<SchemaField> fields, Conflict conflict,
      List<SchemaField> conflictTarget, List<SchemaField> replace, List<SchemaField> returning, String table,
      String targetConstraint, String targetFragment, QueryShape where, List<PlannedUpdate.UpdateShape> updates,
      int conditionParams, int placeholders, QueryShape select) {
    /**
     * A shape with a fields target and replaced columns only, into the schema's table.
     *
     * <pre>{@code new BulkInsert.Shape(meta, null, fields, BulkInsert.Conflict.RAISE, List.of(), List.of(), List.of()) }</pre>
     *
     * @param schema the schema
     * @param prefix the PostgreSQL schema, or null
     * @param fields the columns written
     * @param conflict the conflict handling
     * @param conflictTarget the target's columns
     * @param replace the columns replaced
     * @param returning the columns read back
     */
    public Shape(SchemaMeta<?> schema, String prefix, List<SchemaField> fields, Conflict conflict,
        List<SchemaField> conflictTarget, List<SchemaField> replace, List<SchemaField> returning) {
      this(schema, prefix, fields, conflict, conflictTarget, replace, returning, null, null, null, null, List.of(), 0, 0, null);
    }

    /**
     * The table inserted into: the shape's {@code table}, else the schema's.
     *
     * <pre>{@code shape.tableName() // "posts" }</pre>
     *
     * @return the table's name
     */
    public String tableName() {
      return table != null ? table : schema.table();
    }

    /**
     * How many leading parameters every statement binds before the rows' values.
     *
     * <pre>{@code shape.leadingParams() }</pre>
     *
     * @return conditions', updates' and placeholders' parameters
     */
    public int leadingParams() {
      return conditionParams + updates.size() + placeholders;
    }

    /**
     * Copies the lists and checks the fields.
     *
     * <pre>{@code new BulkInsert.Shape(meta, null, fields, BulkInsert.Conflict.RAISE, List.of(), List.of(), List.of()) }</pre>
     */
    public Shape {
      fields = List.copyOf(fields);
      conflictTarget = List.copyOf(conflictTarget);
      replace = List.copyOf(replace);
      returning = List.copyOf(returning);
      updates = List.copyOf(updates);
      if (updates.isEmpty() != (where == null)) {
        throw new ArgumentException("a bulk insert's conflict update needs the shape of its query, and only it");
      }
      if (fields.isEmpty()) {
        throw new ArgumentException("a bulk insert into " + schema.describe() + " needs at least one column");
      }
    }
  }
}
