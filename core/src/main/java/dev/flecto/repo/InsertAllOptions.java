package dev.flecto.repo;

import dev.flecto.ArgumentException;
import java.util.List;

/**
 * Options of {@link Repo#insertAll(Class, List, InsertAllOptions)} (Ecto's {@code insert_all}
 * options): conflict handling (upserts), the fields read back, and the PostgreSQL schema to
 * insert into. Immutable: each {@code with} step returns a new value.
 *
 * <pre>{@code
 * InsertAllOptions upsert = InsertAllOptions.defaults()
 *     .withOnConflict(InsertAllOptions.OnConflict.REPLACE, "name", "updatedAt")
 *     .withConflictTarget("email")
 *     .withReturning("id", "email");
 * repo.insertAllReturning(User.class, rows, upsert) // Flux<User> with id and email set
 * }</pre>
 *
 * @param onConflict what a row that conflicts with an existing one does (default {@code RAISE})
 * @param onConflictFields for {@code REPLACE}, the fields replaced; for {@code REPLACE_ALL_EXCEPT},
 *     the fields kept; empty otherwise
 * @param conflictTarget the fields of the unique index that decides a conflict; PostgreSQL needs
 *     it for the replacing kinds (empty: any unique index, for {@code NOTHING})
 * @param returning the fields read back by {@code insertAllReturning} and a Multi's insertAll step:
 *     null for none (the default), empty for every field
 * @param prefix the PostgreSQL schema to insert into, overriding the schema's own, or null
 * @param copy whether the rows are loaded with PostgreSQL's {@code COPY ... FROM STDIN} instead of
 *     multi-row {@code INSERT ... VALUES} statements (default {@link Copy#AUTO})
 */
public record InsertAllOptions(OnConflict onConflict, List<String> onConflictFields, List<String> conflictTarget,
    List<String> returning, String prefix, Copy copy) {
  /**
   * The entries from which {@link Copy#AUTO} loads with {@code COPY}: below it one multi-row
   * {@code VALUES} statement costs about as much, and above it {@code COPY} is about three times faster.
   *
   * <pre>{@code repo.insertAll(Event.class, events) // COPY when events.size() >= InsertAllOptions.COPY_THRESHOLD }</pre>
   */
  public static final int COPY_THRESHOLD = 1_000;

  /**
   * Checks the options, naming the one at fault.
   *
   * <pre>{@code new InsertAllOptions(InsertAllOptions.OnConflict.NOTHING, List.of(), List.of(), null, null) }</pre>
   */
  public InsertAllOptions {
    if (onConflict == null) {
      throw new ArgumentException("InsertAllOptions.onConflict must not be null; RAISE is the default");
    }
    if (copy == null) {
      throw new ArgumentException("InsertAllOptions.copy must not be null; AUTO is the default");
    }
    onConflictFields = List.copyOf(onConflictFields);
    conflictTarget = List.copyOf(conflictTarget);
    returning = returning == null ? null : List.copyOf(returning);
    boolean takesFields = onConflict == OnConflict.REPLACE || onConflict == OnConflict.REPLACE_ALL_EXCEPT;
    if (!takesFields && !onConflictFields.isEmpty()) {
      throw new ArgumentException("InsertAllOptions.onConflict " + onConflict + " takes no fields, got "
          + onConflictFields + "; REPLACE and REPLACE_ALL_EXCEPT do");
    }
    if (onConflict == OnConflict.REPLACE && onConflictFields.isEmpty()) {
      throw new ArgumentException("InsertAllOptions.onConflict REPLACE needs the fields to replace, such as "
          + "withOnConflict(OnConflict.REPLACE, \"name\")");
    }
  }

  /**
   * The options of the first five components, loading as {@link Copy#AUTO} chooses.
   *
   * <pre>{@code new InsertAllOptions(InsertAllOptions.OnConflict.RAISE, List.of(), List.of(), null, "tenant_1") }</pre>
   *
   * @param onConflict what a conflicting row does
   * @param onConflictFields the fields replaced or kept
   * @param conflictTarget the fields of the unique index that decides a conflict
   * @param returning the fields read back, or null
   * @param prefix the PostgreSQL schema, or null
   */
  public InsertAllOptions(OnConflict onConflict, List<String> onConflictFields, List<String> conflictTarget,
      List<String> returning, String prefix) {
    this(onConflict, onConflictFields, conflictTarget, returning, prefix, Copy.AUTO);
  }

  /**
   * The defaults: a conflict fails the insert, nothing is read back, the schema's own table, and
   * {@code COPY} for {@value #COPY_THRESHOLD} entries or more ({@link Copy#AUTO}).
   *
   * <pre>{@code InsertAllOptions.defaults() }</pre>
   *
   * @return the default options
   */
  public static InsertAllOptions defaults() {
    return new InsertAllOptions(OnConflict.RAISE, List.of(), List.of(), null, null, Copy.AUTO);
  }

  /**
   * With another conflict handling.
   *
   * <pre>{@code
   * InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING)
   * InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.REPLACE_ALL_EXCEPT, "id", "insertedAt")
   * }</pre>
   *
   * @param kind what a conflicting row does
   * @param fields the fields replaced ({@code REPLACE}) or kept ({@code REPLACE_ALL_EXCEPT})
   * @return the new options
   */
  public InsertAllOptions withOnConflict(OnConflict kind, String... fields) {
    return new InsertAllOptions(kind, List.of(fields), conflictTarget, returning, prefix, copy);
  }

  /**
   * With the fields whose unique index decides a conflict ({@code ON CONFLICT (...)}).
   *
   * <pre>{@code InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.REPLACE_ALL).withConflictTarget("email") }</pre>
   *
   * @param fields the field names
   * @return the new options
   */
  public InsertAllOptions withConflictTarget(String... fields) {
    return new InsertAllOptions(onConflict, onConflictFields, List.of(fields), returning, prefix, copy);
  }

  /**
   * Reading back the given fields of each inserted row; the records emitted have only these set
   * (others null or zero), as Ecto's {@code returning: [fields]}.
   *
   * <pre>{@code InsertAllOptions.defaults().withReturning("id") }</pre>
   *
   * @param field a field name
   * @param more more field names
   * @return the new options
   */
  public InsertAllOptions withReturning(String field, String... more) {
    List<String> fields = new java.util.ArrayList<>(List.of(more));
    fields.add(0, field);
    return new InsertAllOptions(onConflict, onConflictFields, conflictTarget, fields, prefix, copy);
  }

  /**
   * Reading back every field of each inserted row (Ecto's {@code returning: true}).
   *
   * <pre>{@code InsertAllOptions.defaults().withReturningAll() }</pre>
   *
   * @return the new options
   */
  public InsertAllOptions withReturningAll() {
    return new InsertAllOptions(onConflict, onConflictFields, conflictTarget, List.of(), prefix, copy);
  }

  /**
   * Inserting into a table of another PostgreSQL schema (a tenant's), overriding the schema's own prefix.
   *
   * <pre>{@code InsertAllOptions.defaults().withPrefix("tenant_42") }</pre>
   *
   * @param schemaName the PostgreSQL schema, or null for the schema's own
   * @return the new options
   */
  public InsertAllOptions withPrefix(String schemaName) {
    return new InsertAllOptions(onConflict, onConflictFields, conflictTarget, returning, schemaName, copy);
  }

  /**
   * Choosing how the rows are loaded: {@code COPY ... FROM STDIN} (one statement, streamed in
   * chunks, about three times faster than {@code INSERT ... VALUES} for large batches) or
   * multi-row {@code VALUES} statements. Both write the same values: the same casting, column
   * defaults for fields an entry leaves out, {@code @Default}s, prefix and errors (a violated
   * constraint is a {@link dev.flecto.ConstraintException}, and no row of the insert remains).
   * {@code COPY} reads nothing back and has no {@code ON CONFLICT}: {@link Copy#ALWAYS} with
   * {@code returning} or an {@code onConflict} other than {@code RAISE} fails before any SQL.
   *
   * <pre>{@code
   * repo.insertAll(Event.class, events, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.ALWAYS))
   * repo.insertAll(Event.class, events, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.NEVER))
   * }</pre>
   *
   * @param mode {@link Copy#AUTO} (the default), {@link Copy#ALWAYS} or {@link Copy#NEVER}
   * @return the new options
   */
  public InsertAllOptions withCopy(Copy mode) {
    return new InsertAllOptions(onConflict, onConflictFields, conflictTarget, returning, prefix, mode);
  }

  /**
   * Whether {@code insertAll} loads its rows with PostgreSQL's {@code COPY ... FROM STDIN}.
   *
   * <pre>{@code InsertAllOptions.Copy.ALWAYS }</pre>
   */
  public enum Copy {
    /**
     * {@code COPY} when there are {@value InsertAllOptions#COPY_THRESHOLD} entries or more, no
     * {@code returning}, no {@code onConflict}, and every entry gives the same fields (a field an
     * entry leaves out takes its column's default, which {@code COPY} can only do column by
     * column); multi-row {@code VALUES} otherwise, and on a connection that is not
     * r2dbc-postgresql's (a proxy that does not unwrap to it).
     */
    AUTO,
    /**
     * Always {@code COPY}: entries that leave out different fields are copied in runs of alike
     * entries, one {@code COPY} a run, all in one transaction.
     */
    ALWAYS,
    /** Never {@code COPY}: multi-row {@code INSERT ... VALUES} statements. */
    NEVER
  }

  /**
   * What a row that conflicts with an existing row (on a unique index) does, as Ecto's {@code :on_conflict}.
   *
   * <pre>{@code InsertAllOptions.OnConflict.NOTHING }</pre>
   */
  public enum OnConflict {
    /** The insert fails with a {@link dev.flecto.ConstraintException}, and no row of it remains. */
    RAISE,
    /** The conflicting row is skipped; the count leaves it out. */
    NOTHING,
    /**
     * The existing row takes every value of the proposed one, the primary key too: with a key the
     * database generates, that key changes, as Ecto warns; prefer {@code REPLACE_ALL_EXCEPT} with the key.
     */
    REPLACE_ALL,
    /** As {@code REPLACE_ALL}, except the given fields. */
    REPLACE_ALL_EXCEPT,
    /** The existing row takes the proposed values of the given fields only. */
    REPLACE
  }
}
