package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@link Repo#insert(Object, InsertOptions)} and {@link Repo#insert(dev.flecto.changeset.Changeset,
 * InsertOptions)} (Ecto's {@code insert} options): upserts ({@code :on_conflict} and
 * {@code :conflict_target}), the fields read back ({@code :returning}) and stale entries
 * ({@code :stale_error_field}, {@code :stale_error_message}, {@code :allow_stale}). Immutable:
 * each {@code with} step returns a new value. The options are checked against the schema when the
 * insert is subscribed, before any SQL: a refused combination fails the returned {@code Mono}
 * with an {@link ArgumentException} (or a {@link dev.flecto.QueryException} for the update's
 * query) naming the option.
 *
 * <pre>{@code
 * // ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name"
 * repo.insert(user, InsertOptions.defaults()
 *     .withOnConflict(InsertAllOptions.OnConflict.REPLACE, "name")
 *     .withConflictTarget("email"));
 * // ON CONFLICT ("slug") DO UPDATE SET "views" = p0."views" + $1
 * repo.insert(post, InsertOptions.defaults().withOnConflictUpdate(Updates.inc("views", 1)).withConflictTarget("slug"));
 * }</pre>
 *
 * @param onConflict what an insert that conflicts with an existing row does (default: it fails)
 * @param conflictTarget the unique index (or constraint) that decides a conflict; PostgreSQL needs
 *     one for every kind that updates the existing row
 * @param returning the fields read back when a row was inserted or updated: null (the default) for
 *     every field a whole-record query loads (the others keeping the values given); empty for every
 *     persisted field, {@code loadInQuery = false} ones too (Ecto's {@code returning: true}); else
 *     these fields, the primary key and the {@code @ReadOnly} fields, the others keeping the values
 *     given (as Ecto's {@code returning: [fields]})
 * @param stale what an insert whose conflict update matched no row does (see {@link WriteOptions})
 */
public record InsertOptions(OnConflict onConflict, ConflictTarget conflictTarget, List<String> returning,
    WriteOptions stale) {

  /**
   * Checks the options that need no schema; the rest is checked when the insert runs.
   *
   * <pre>{@code new InsertOptions(InsertOptions.OnConflict.NOTHING, InsertOptions.ConflictTarget.NONE, null, WriteOptions.defaults()) }</pre>
   */
  public InsertOptions {
    if (onConflict == null) {
      throw new ArgumentException("InsertOptions.onConflict must not be null; OnConflict.RAISE is the default");
    }
    if (conflictTarget == null) {
      throw new ArgumentException("InsertOptions.conflictTarget must not be null; ConflictTarget.NONE is the default");
    }
    if (stale == null) {
      throw new ArgumentException("InsertOptions.stale must not be null; WriteOptions.defaults() is the default");
    }
    returning = returning == null ? null : List.copyOf(returning);
  }

  /**
   * The defaults: a conflict fails the insert ({@link dev.flecto.ConstraintException}, or a
   * changeset error for a declared constraint), every field a whole-record query loads is read
   * back.
   *
   * <pre>{@code InsertOptions.defaults() }</pre>
   *
   * @return the default options
   */
  public static InsertOptions defaults() {
    return new InsertOptions(OnConflict.RAISE, ConflictTarget.NONE, null, WriteOptions.defaults());
  }

  /**
   * With another conflict handling, named as {@link InsertAllOptions#withOnConflict} names it.
   *
   * <pre>{@code
   * InsertOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING)
   * InsertOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.REPLACE_ALL_EXCEPT, "id", "insertedAt").withConflictTarget("email")
   * }</pre>
   *
   * @param kind what a conflicting insert does
   * @param fields the fields replaced ({@code REPLACE}) or kept ({@code REPLACE_ALL_EXCEPT})
   * @return the new options
   */
  public InsertOptions withOnConflict(InsertAllOptions.OnConflict kind, String... fields) {
    return withOnConflict(OnConflict.of(kind, fields));
  }

  /**
   * With another conflict handling.
   *
   * <pre>{@code InsertOptions.defaults().withOnConflict(InsertOptions.OnConflict.replace("title")) }</pre>
   *
   * @param onConflict the conflict handling
   * @return the new options
   */
  public InsertOptions withOnConflict(OnConflict onConflict) {
    return new InsertOptions(onConflict, conflictTarget, returning, stale);
  }

  /**
   * On a conflict, updates the existing row as {@link Repo#updateAll} would (Ecto's keyword list,
   * {@code on_conflict: [set: [...], inc: [...]]}); timestamps are not set for you.
   *
   * <pre>{@code InsertOptions.defaults().withOnConflictUpdate(Updates.set("body", "updated")).withConflictTarget("title") }</pre>
   *
   * @param updates the updates of the existing row
   * @return the new options
   */
  public InsertOptions withOnConflictUpdate(Updates updates) {
    return withOnConflict(OnConflict.update(updates));
  }

  /**
   * On a conflict, updates the existing row only where the query's conditions hold (Ecto's
   * {@code on_conflict: from(p in Post, where: ..., update: [...])}). When they do not, nothing
   * is written and the insert is stale: {@link dev.flecto.StaleEntryException}, or an error on
   * {@link #withStaleErrorField the stale error field}.
   *
   * <pre>{@code
   * InsertOptions.defaults()
   *     .withOnConflictUpdate(Query.from(Post.class).where(field("version").lt(3)), Updates.set("title", "new"))
   *     .withConflictTarget("id")
   * }</pre>
   *
   * @param where a query of the inserted schema with conditions only
   * @param updates the updates of the existing row
   * @return the new options
   */
  public InsertOptions withOnConflictUpdate(Query<?> where, Updates updates) {
    return withOnConflict(OnConflict.update(where, updates));
  }

  /**
   * With the fields whose unique index decides a conflict ({@code ON CONFLICT ("a", "b")}).
   *
   * <pre>{@code InsertOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.REPLACE_ALL).withConflictTarget("email") }</pre>
   *
   * @param fields the field names
   * @return the new options
   */
  public InsertOptions withConflictTarget(String... fields) {
    return withConflictTarget(ConflictTarget.fields(fields));
  }

  /**
   * With another conflict target.
   *
   * <pre>{@code InsertOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING).withConflictTarget(ConflictTarget.constraint("users_email_key")) }</pre>
   *
   * @param target the conflict target
   * @return the new options
   */
  public InsertOptions withConflictTarget(ConflictTarget target) {
    return new InsertOptions(onConflict, target, returning, stale);
  }

  /**
   * Reading back the given fields, the primary key and the {@code @ReadOnly} fields (Ecto's
   * {@code returning: [fields]} with its read-after-writes fields); the other fields keep the
   * values given to the insert, even when it updated an existing row.
   *
   * <pre>{@code InsertOptions.defaults().withReturning("views") }</pre>
   *
   * @param field a field name
   * @param more more field names
   * @return the new options
   */
  public InsertOptions withReturning(String field, String... more) {
    List<String> fields = new ArrayList<>(List.of(more));
    fields.add(0, field);
    return new InsertOptions(onConflict, conflictTarget, fields, stale);
  }

  /**
   * Reading back every persisted field (Ecto's {@code returning: true}), including those declared
   * {@code loadInQuery = false}, which the default leaves out: after an upsert that updated the
   * existing row, the record emitted is that row as it now is.
   *
   * <pre>{@code InsertOptions.defaults().withReturningAll() }</pre>
   *
   * @return the new options
   */
  public InsertOptions withReturningAll() {
    return new InsertOptions(onConflict, conflictTarget, List.of(), stale);
  }

  /**
   * A stale insert (its conflict update matched no row) becomes an error on this field of the
   * changeset, failing with {@link dev.flecto.changeset.InvalidChangesetException}, instead of
   * {@link dev.flecto.StaleEntryException}.
   *
   * <pre>{@code InsertOptions.defaults().withStaleErrorField("version") }</pre>
   *
   * @param field the field, or null to raise
   * @return the new options
   */
  public InsertOptions withStaleErrorField(String field) {
    return withStale(stale.withStaleErrorField(field));
  }

  /**
   * With other stale-entry options (field, message, allowStale).
   *
   * <pre>{@code InsertOptions.defaults().withStale(WriteOptions.defaults().withAllowStale(true)) }</pre>
   *
   * @param options the stale-entry options
   * @return the new options
   */
  public InsertOptions withStale(WriteOptions options) {
    return new InsertOptions(onConflict, conflictTarget, returning, options);
  }

  /**
   * What an insert that conflicts with an existing row does (Ecto's {@code :on_conflict}): one of
   * insertAll's kinds with their fields, or an update of the existing row.
   *
   * <pre>{@code
   * InsertOptions.OnConflict.NOTHING
   * InsertOptions.OnConflict.replaceAllExcept("id", "insertedAt")
   * InsertOptions.OnConflict.update(Updates.inc("views", 1))
   * }</pre>
   */
  public sealed interface OnConflict permits Standard, Update {
    /** The insert fails ({@code :raise}, the default). */
    OnConflict RAISE = new Standard(InsertAllOptions.OnConflict.RAISE, List.of());
    /** The insert is skipped ({@code :nothing}); the record emitted is the one given, a database key null. */
    OnConflict NOTHING = new Standard(InsertAllOptions.OnConflict.NOTHING, List.of());
    /** Every writable field, timestamps and the key too, takes the proposed value ({@code :replace_all}). */
    OnConflict REPLACE_ALL = new Standard(InsertAllOptions.OnConflict.REPLACE_ALL, List.of());

    /**
     * One of insertAll's kinds.
     *
     * <pre>{@code InsertOptions.OnConflict.of(InsertAllOptions.OnConflict.REPLACE, "name") }</pre>
     *
     * @param kind the kind
     * @param fields its fields
     * @return the conflict handling
     */
    static OnConflict of(InsertAllOptions.OnConflict kind, String... fields) {
      return new Standard(kind, List.of(fields));
    }

    /**
     * The existing row takes the proposed values of these fields only ({@code {:replace, fields}}).
     *
     * <pre>{@code InsertOptions.OnConflict.replace("name", "updatedAt") }</pre>
     *
     * @param fields the fields replaced
     * @return the conflict handling
     */
    static OnConflict replace(String... fields) {
      return of(InsertAllOptions.OnConflict.REPLACE, fields);
    }

    /**
     * Every writable field but these takes the proposed value ({@code {:replace_all_except, fields}}).
     *
     * <pre>{@code InsertOptions.OnConflict.replaceAllExcept("id", "insertedAt") }</pre>
     *
     * @param fields the fields kept
     * @return the conflict handling
     */
    static OnConflict replaceAllExcept(String... fields) {
      return of(InsertAllOptions.OnConflict.REPLACE_ALL_EXCEPT, fields);
    }

    /**
     * The existing row is updated ({@code on_conflict: [set: ..., inc: ...]}).
     *
     * <pre>{@code InsertOptions.OnConflict.update(Updates.set("body", "updated").andInc("edits", 1)) }</pre>
     *
     * @param updates the updates
     * @return the conflict handling
     */
    static OnConflict update(Updates updates) {
      return new Update(null, updates);
    }

    /**
     * The existing row is updated where the query's conditions hold ({@code on_conflict: query}).
     *
     * <pre>{@code InsertOptions.OnConflict.update(Query.from(Post.class).where(field("version").lt(3)), Updates.set("title", "x")) }</pre>
     *
     * @param where a query of the inserted schema, with conditions only
     * @param updates the updates
     * @return the conflict handling
     */
    static OnConflict update(Query<?> where, Updates updates) {
      return new Update(where, updates);
    }
  }

  /**
   * One of insertAll's conflict kinds, with the fields it takes.
   *
   * <pre>{@code new InsertOptions.Standard(InsertAllOptions.OnConflict.REPLACE, List.of("name")) }</pre>
   *
   * @param kind the kind
   * @param fields for {@code REPLACE} the fields replaced, for {@code REPLACE_ALL_EXCEPT} those kept; else empty
   */
  public record Standard(InsertAllOptions.OnConflict kind, List<String> fields) implements OnConflict {
    /**
     * Checks the kind takes the fields, as {@link InsertAllOptions} does.
     *
     * <pre>{@code new InsertOptions.Standard(InsertAllOptions.OnConflict.NOTHING, List.of()) }</pre>
     */
    public Standard {
      if (kind == null) {
        throw new ArgumentException("InsertOptions.onConflict kind must not be null; RAISE is the default");
      }
      if (kind == InsertAllOptions.OnConflict.UPDATE) {
        throw new ArgumentException("InsertOptions.onConflict UPDATE takes updates: use OnConflict.update(Updates.set(...)) "
            + "or withOnConflictUpdate");
      }
      fields = List.copyOf(fields);
      boolean takesFields = kind == InsertAllOptions.OnConflict.REPLACE || kind == InsertAllOptions.OnConflict.REPLACE_ALL_EXCEPT;
      if (!takesFields && !fields.isEmpty()) {
        throw new ArgumentException("InsertOptions.onConflict " + kind + " takes no fields, got " + fields
            + "; REPLACE and REPLACE_ALL_EXCEPT do");
      }
      if (kind == InsertAllOptions.OnConflict.REPLACE && fields.isEmpty()) {
        throw new ArgumentException("InsertOptions.onConflict REPLACE needs a non-empty list of fields to replace, "
            + "such as OnConflict.replace(\"name\")");
      }
    }
  }

  /**
   * An update of the existing row, optionally only where a query's conditions hold.
   *
   * <pre>{@code new InsertOptions.Update(null, Updates.set("body", "updated")) }</pre>
   *
   * @param where a query of the inserted schema with conditions only, or null for none
   * @param updates the updates
   */
  public record Update(Query<?> where, Updates updates) implements OnConflict {
    /**
     * Checks the updates are given.
     *
     * <pre>{@code new InsertOptions.Update(null, Updates.inc("views", 1)) }</pre>
     */
    public Update {
      if (updates == null || updates.updates().isEmpty()) {
        throw new ArgumentException("InsertOptions.onConflict update needs at least one update, such as "
            + "Updates.set(\"title\", \"new\"); use OnConflict.NOTHING to skip a conflicting insert");
      }
    }
  }

  /**
   * What decides a conflict (Ecto's {@code :conflict_target}): the fields of a unique index, a
   * constraint by name ({@code ON CONFLICT ON CONSTRAINT name}), or raw SQL for an expression or
   * partial index, passed to the database unchecked (Ecto's {@code {:unsafe_fragment, sql}}: never
   * build it from user input). At most one of the three is set.
   *
   * <pre>{@code
   * InsertOptions.ConflictTarget.fields("email")
   * InsertOptions.ConflictTarget.constraint("users_email_key")
   * InsertOptions.ConflictTarget.unsafeFragment("(lower(email))")
   * }</pre>
   *
   * @param fields the fields of the unique index, or empty
   * @param constraint the constraint's name, or null
   * @param unsafeFragment the raw SQL target, or null
   */
  public record ConflictTarget(List<String> fields, String constraint, String unsafeFragment) {
    /** No target: any unique index decides, which PostgreSQL allows for {@code NOTHING} only. */
    public static final ConflictTarget NONE = new ConflictTarget(List.of(), null, null);

    /**
     * Checks that at most one target is given, and not blank.
     *
     * <pre>{@code new InsertOptions.ConflictTarget(List.of("email"), null, null) }</pre>
     */
    public ConflictTarget {
      fields = List.copyOf(fields);
      int given = (fields.isEmpty() ? 0 : 1) + (constraint == null ? 0 : 1) + (unsafeFragment == null ? 0 : 1);
      if (given > 1) {
        throw new ArgumentException("InsertOptions.conflictTarget takes fields, a constraint or an unsafe fragment, "
            + "not several: got " + fields + ", " + constraint + ", " + unsafeFragment);
      }
      if (constraint != null && constraint.isBlank() || unsafeFragment != null && unsafeFragment.isBlank()) {
        throw new ArgumentException("InsertOptions.conflictTarget " + (constraint != null ? "constraint" : "unsafeFragment")
            + " must not be blank");
      }
    }

    /**
     * The fields of a unique index.
     *
     * <pre>{@code InsertOptions.ConflictTarget.fields("orgId", "email") }</pre>
     *
     * @param fields the field names
     * @return the target
     */
    public static ConflictTarget fields(String... fields) {
      return new ConflictTarget(List.of(fields), null, null);
    }

    /**
     * A unique or exclusion constraint by name ({@code ON CONFLICT ON CONSTRAINT "name"}).
     *
     * <pre>{@code InsertOptions.ConflictTarget.constraint("users_email_key") }</pre>
     *
     * @param name the constraint's name
     * @return the target
     */
    public static ConflictTarget constraint(String name) {
      return new ConflictTarget(List.of(), name, null);
    }

    /**
     * Raw SQL placed after {@code ON CONFLICT}, unchecked and unquoted.
     *
     * <pre>{@code InsertOptions.ConflictTarget.unsafeFragment("(lower(email)) WHERE deleted_at IS NULL") }</pre>
     *
     * @param sql the target's SQL
     * @return the target
     */
    public static ConflictTarget unsafeFragment(String sql) {
      return new ConflictTarget(List.of(), null, sql);
    }

    /**
     * Whether no target is given.
     *
     * <pre>{@code InsertOptions.ConflictTarget.NONE.isEmpty() // true }</pre>
     *
     * @return true for none
     */
    public boolean isEmpty() {
      return fields.isEmpty() && constraint == null && unsafeFragment == null;
    }
  }
}
