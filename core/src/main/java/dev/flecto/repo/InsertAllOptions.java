package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link Repo#insertAll(Class, List, InsertAllOptions)} (Ecto's {@code insert_all}
 * options): conflict handling (upserts, with the same kinds and targets as {@link InsertOptions}),
 * the fields read back, the PostgreSQL schema to insert into, and placeholders (values bound once
 * and shared by every entry). Immutable: each {@code with} step returns a new value.
 *
 * <pre>{@code
 * InsertAllOptions upsert = InsertAllOptions.defaults()
 *     .withOnConflict(InsertAllOptions.OnConflict.REPLACE, "name", "updatedAt")
 *     .withConflictTarget("email")
 *     .withReturning("id", "email");
 * repo.insertAllReturning(User.class, rows, upsert) // Flux<User> with id and email set
 * // ON CONFLICT ON CONSTRAINT "posts_slug_key" DO UPDATE SET "views" = p0."views" + $1
 * InsertAllOptions.defaults()
 *     .withOnConflictUpdate(Updates.inc("views", 1))
 *     .withConflictTarget(InsertOptions.ConflictTarget.constraint("posts_slug_key"));
 * }</pre>
 *
 * <p>Before the conflict handling was {@link InsertOptions.OnConflict}, these options had the
 * components {@code onConflict}, {@code onConflictFields} and {@code conflictTarget}; their
 * accessors and constructors remain and mean what they meant ({@link #onConflict()} is
 * {@link OnConflict#UPDATE} for an update, which they cannot express otherwise).
 *
 * @param conflict what a row that conflicts with an existing one does (default {@link InsertOptions.OnConflict#RAISE})
 * @param target what decides a conflict: the fields of a unique index, a constraint's name or raw
 *     SQL; PostgreSQL needs one for every kind that updates the existing row
 * @param returning the fields read back by {@code insertAllReturning} and a Multi's insertAll step:
 *     null for none (the default), empty for every field
 * @param prefix the PostgreSQL schema to insert into, overriding the schema's own, or null
 * @param copy whether the rows are loaded with PostgreSQL's {@code COPY ... FROM STDIN} instead of
 *     multi-row {@code INSERT ... VALUES} statements (default {@link Copy#AUTO})
 * @param placeholders values an entry refers to with {@link #placeholder(String)}, each bound once
 *     for the whole insert (Ecto's {@code :placeholders}); empty by default
 */
public record InsertAllOptions(InsertOptions.OnConflict conflict, InsertOptions.ConflictTarget target,
    List<String> returning, String prefix, Copy copy, Map<String, Object> placeholders) {
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
   * <pre>{@code new InsertAllOptions(InsertOptions.OnConflict.NOTHING, InsertOptions.ConflictTarget.NONE, null, null, InsertAllOptions.Copy.AUTO, Map.of()) }</pre>
   */
  public InsertAllOptions {
    if (conflict == null) {
      throw new ArgumentException("InsertAllOptions.onConflict must not be null; RAISE is the default");
    }
    if (target == null) {
      throw new ArgumentException("InsertAllOptions.conflictTarget must not be null; ConflictTarget.NONE is the default");
    }
    if (copy == null) {
      throw new ArgumentException("InsertAllOptions.copy must not be null; AUTO is the default");
    }
    returning = returning == null ? null : List.copyOf(returning);
    placeholders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(placeholders == null ? Map.of() : placeholders));
  }

  /**
   * The options as they were before {@link InsertOptions.OnConflict}: a kind, its fields and the
   * fields of the conflict target.
   *
   * <pre>{@code new InsertAllOptions(InsertAllOptions.OnConflict.NOTHING, List.of(), List.of(), null, null, InsertAllOptions.Copy.AUTO) }</pre>
   *
   * @param onConflict what a conflicting row does
   * @param onConflictFields the fields replaced ({@code REPLACE}) or kept ({@code REPLACE_ALL_EXCEPT})
   * @param conflictTarget the fields of the unique index that decides a conflict
   * @param returning the fields read back, or null
   * @param prefix the PostgreSQL schema, or null
   * @param copy the loading mode
   */
  public InsertAllOptions(OnConflict onConflict, List<String> onConflictFields, List<String> conflictTarget,
      List<String> returning, String prefix, Copy copy) {
    this(standard(onConflict, onConflictFields), new InsertOptions.ConflictTarget(conflictTarget, null, null),
        returning, prefix, copy, Map.of());
  }

  /**
   * The options of the first five legacy components, loading as {@link Copy#AUTO} chooses.
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

  private static InsertOptions.OnConflict standard(OnConflict kind, List<String> fields) {
    if (kind == null) {
      throw new ArgumentException("InsertAllOptions.onConflict must not be null; RAISE is the default");
    }
    try {
      return new InsertOptions.Standard(kind, fields == null ? List.of() : fields);
    } catch (ArgumentException e) {
      throw new ArgumentException(e.getMessage().replace("InsertOptions.", "InsertAllOptions."), e);
    }
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
    return new InsertAllOptions(InsertOptions.OnConflict.RAISE, InsertOptions.ConflictTarget.NONE, null, null, Copy.AUTO, Map.of());
  }

  /**
   * An entry's value standing for the placeholder of this name (Ecto's {@code {:placeholder, key}}):
   * the value given by {@link #withPlaceholder} is cast to the field's type and bound once for the
   * whole insert, however many entries refer to it.
   *
   * <pre>{@code
   * repo.insertAll(Post.class, List.of(Map.of("title", "a", "body", InsertAllOptions.placeholder("text")),
   *     Map.of("title", "b", "body", InsertAllOptions.placeholder("text"))),
   *     InsertAllOptions.defaults().withPlaceholder("text", longText))
   * }</pre>
   *
   * @param name the placeholder's name
   * @return the value to put in an entry
   */
  public static Placeholder placeholder(String name) {
    return new Placeholder(name);
  }

  /**
   * With a placeholder: a value entries refer to with {@link #placeholder(String)}, bound once.
   *
   * <pre>{@code InsertAllOptions.defaults().withPlaceholder("now", Instant.now()) }</pre>
   *
   * @param name the placeholder's name
   * @param value its value (cast to the type of each field it is given to)
   * @return the new options
   */
  public InsertAllOptions withPlaceholder(String name, Object value) {
    if (name == null) {
      throw new ArgumentException("InsertAllOptions.withPlaceholder needs a name, got null");
    }
    Map<String, Object> all = new LinkedHashMap<>(placeholders);
    all.put(name, value);
    return new InsertAllOptions(conflict, target, returning, prefix, copy, all);
  }

  /**
   * What a row that conflicts does, as a kind of {@link OnConflict}. For an update
   * ({@link #withOnConflictUpdate(Updates)}) it is {@link OnConflict#UPDATE}.
   *
   * <pre>{@code InsertAllOptions.defaults().onConflict() // RAISE }</pre>
   *
   * @return the kind
   */
  public OnConflict onConflict() {
    return conflict instanceof InsertOptions.Standard s ? s.kind() : OnConflict.UPDATE;
  }

  /**
   * For {@code REPLACE} the fields replaced, for {@code REPLACE_ALL_EXCEPT} those kept; else empty.
   *
   * <pre>{@code InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.REPLACE, "name").onConflictFields() // [name] }</pre>
   *
   * @return the fields
   */
  public List<String> onConflictFields() {
    return conflict instanceof InsertOptions.Standard s ? s.fields() : List.of();
  }

  /**
   * The fields of the conflict target (empty for a constraint or a fragment target).
   *
   * <pre>{@code InsertAllOptions.defaults().withConflictTarget("email").conflictTarget() // [email] }</pre>
   *
   * @return the fields
   */
  public List<String> conflictTarget() {
    return target.fields();
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
    return withOnConflict(standard(kind, List.of(fields)));
  }

  /**
   * With another conflict handling, as {@link InsertOptions#withOnConflict(InsertOptions.OnConflict)}.
   *
   * <pre>{@code InsertAllOptions.defaults().withOnConflict(InsertOptions.OnConflict.replaceAllExcept("id")).withConflictTarget("email") }</pre>
   *
   * @param onConflict the conflict handling
   * @return the new options
   */
  public InsertAllOptions withOnConflict(InsertOptions.OnConflict onConflict) {
    return new InsertAllOptions(onConflict, target, returning, prefix, copy, placeholders);
  }

  /**
   * On a conflict, updates the existing row (Ecto's {@code on_conflict: [set: ..., inc: ...]}).
   *
   * <pre>{@code InsertAllOptions.defaults().withOnConflictUpdate(Updates.inc("views", 1)).withConflictTarget("slug") }</pre>
   *
   * @param updates the updates of the existing row
   * @return the new options
   */
  public InsertAllOptions withOnConflictUpdate(Updates updates) {
    return withOnConflict(InsertOptions.OnConflict.update(updates));
  }

  /**
   * On a conflict, updates the existing row where the query's conditions hold (Ecto's
   * {@code on_conflict: from(p in Post, where: ..., update: [...])}); other conflicting rows are
   * skipped and left out of the count.
   *
   * <pre>{@code InsertAllOptions.defaults().withOnConflictUpdate(Query.from(Post.class).where(field("views").lt(10)), Updates.inc("views", 1)).withConflictTarget("slug") }</pre>
   *
   * @param where a query of the inserted schema with conditions only
   * @param updates the updates of the existing row
   * @return the new options
   */
  public InsertAllOptions withOnConflictUpdate(Query<?> where, Updates updates) {
    return withOnConflict(InsertOptions.OnConflict.update(where, updates));
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
    return withConflictTarget(InsertOptions.ConflictTarget.fields(fields));
  }

  /**
   * With another conflict target: fields, a constraint ({@code ON CONFLICT ON CONSTRAINT "name"})
   * or an unsafe fragment (raw SQL, never built from user input).
   *
   * <pre>{@code InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING).withConflictTarget(InsertOptions.ConflictTarget.unsafeFragment("(lower(email))")) }</pre>
   *
   * @param target the conflict target
   * @return the new options
   */
  public InsertAllOptions withConflictTarget(InsertOptions.ConflictTarget target) {
    return new InsertAllOptions(conflict, target, returning, prefix, copy, placeholders);
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
    return new InsertAllOptions(conflict, target, fields, prefix, copy, placeholders);
  }

  /**
   * Reading back every field of each inserted row (Ecto's {@code returning: true}).
   *
   * <pre>{@code InsertAllOptions.defaults().withReturningAll() }</pre>
   *
   * @return the new options
   */
  public InsertAllOptions withReturningAll() {
    return new InsertAllOptions(conflict, target, List.of(), prefix, copy, placeholders);
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
    return new InsertAllOptions(conflict, target, returning, schemaName, copy, placeholders);
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
    return new InsertAllOptions(conflict, target, returning, prefix, mode, placeholders);
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
    REPLACE,
    /**
     * The existing row is updated by {@link InsertOptions.OnConflict#update}: what
     * {@link InsertAllOptions#onConflict()} reports for one; not a kind {@code withOnConflict} takes.
     */
    UPDATE
  }

  /**
   * An entry's value standing for a placeholder of the options (see {@link InsertAllOptions#placeholder}).
   *
   * <pre>{@code new InsertAllOptions.Placeholder("now") }</pre>
   *
   * @param name the placeholder's name
   */
  public record Placeholder(String name) {
    /**
     * Checks the name is given.
     *
     * <pre>{@code new InsertAllOptions.Placeholder("now") }</pre>
     */
    public Placeholder {
      if (name == null) {
        throw new ArgumentException("InsertAllOptions.placeholder needs a name, got null");
      }
    }
  }
}
