package dev.flecto.adapter;

import dev.flecto.ArgumentException;
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
 */
public record BulkInsert(Shape shape, List<Object[]> rows, Copy copy) {
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
    if (copy == null) {
      throw new ArgumentException("a bulk insert into " + shape.schema().describe() + " needs a copy mode");
    }
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
   */
  public record Shape(SchemaMeta<?> schema, String prefix, List<SchemaField> fields, Conflict conflict,
      List<SchemaField> conflictTarget, List<SchemaField> replace, List<SchemaField> returning) {
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
      if (fields.isEmpty()) {
        throw new ArgumentException("a bulk insert into " + schema.describe() + " needs at least one column");
      }
    }
  }
}
