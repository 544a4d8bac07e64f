package dev.flecto.multi;

import dev.flecto.ArgumentException;
import dev.flecto.changeset.Changeset;
import dev.flecto.multi.Operation.Kind;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.InsertOptions;
import dev.flecto.repo.Repo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Repo operations grouped to run in one transaction, each under a unique name (Ecto.Multi): an
 * immutable value, built step by step, that runs only when given to
 * {@link Repo#transact(Multi)}. Changesets given as values are checked before the transaction
 * begins; steps given as functions of the {@link Changes} so far are computed while it runs, so
 * a step can use what an earlier one wrote. The result has every step's result by name; a failure
 * names the step and rolls everything back ({@link MultiFailedException}).
 *
 * <pre>{@code
 * Multi transfer = Multi.create()
 *     .updateAll("mary", Query.from(Account.class).where("id", mary.id()), Updates.inc("balance", 10))
 *     .updateAll("john", Query.from(Account.class).where("id", john.id()), Updates.inc("balance", -10))
 *     .run("checked", (repo, changes) -> changes.get("john", Long.class) == 1
 *         ? Mono.just(true) : repo.rollback("john has no account"))
 *     .insert("log", changes -> Changeset.change(new Transfer(null, mary.id(), john.id(), 10)));
 * repo.transact(transfer)   // Mono<MultiResult>
 * }</pre>
 */
public final class Multi {
  private static final Multi EMPTY = new Multi(new NamedLog<>(), 0);
  private static final int SHOWN = 20;

  // Versions share one append-only log of steps, so adding a step costs O(1) however many there are.
  private final NamedLog<Operation> log;
  private final int size;
  private List<Operation> operations; // the first size steps, listed once (a race only lists them twice)

  private Multi(NamedLog<Operation> log, int size) {
    this.log = log;
    this.size = size;
  }

  /**
   * An empty Multi.
   *
   * <pre>{@code Multi.create().operations() // [] }</pre>
   *
   * @return the empty Multi
   */
  public static Multi create() {
    return EMPTY;
  }

  /**
   * Adds an insert of a changeset (checked before the transaction begins). A changeset whose
   * action is already another than insert is refused, as in Ecto: the Multi then fails before the
   * transaction begins with a {@link ConflictingActionException} naming the step and both actions.
   *
   * <pre>{@code Multi.create().insert("user", User.registration(params)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param changeset the changeset
   * @param <T> the record type
   * @return the new Multi
   * @throws ArgumentException when the name is already a member
   */
  public <T> Multi insert(String name, Changeset<T> changeset) {
    return write(name, Kind.INSERT, changeset, (repo, cs) -> repo.insert(cs));
  }

  /**
   * Adds an insert of a record, as {@code insert(name, Changeset.change(record))}.
   *
   * <pre>{@code Multi.create().insert("post", new Post(null, "first", null)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param record a schema record
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi insert(String name, T record) {
    return insert(name, change(name, record));
  }

  /**
   * Adds an insert of what a function of the changes so far gives: a changeset or a record. A
   * changeset whose action is already another than insert fails the step when it runs
   * ({@link MultiFailedException} caused by a {@link ConflictingActionException}).
   *
   * <pre>{@code multi.insert("comment", changes -> Comment.changeset(changes.get("post", Post.class), params)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param function the changes so far to a changeset or record
   * @return the new Multi
   */
  public Multi insert(String name, Function<Changes, ?> function) {
    return write(name, Kind.INSERT, function, (repo, cs) -> repo.insert(cs), (repo, record) -> repo.insert(record));
  }

  /**
   * Adds an upsert: an insert of a changeset with {@link InsertOptions} (Ecto's
   * {@code Multi.insert(multi, name, changeset, on_conflict: ...)}). Its result is what
   * {@link Repo#insert(Changeset, InsertOptions)} emits, such as the record with a null key when
   * {@code NOTHING} skipped a conflict; a stale conflict update fails the step.
   *
   * <pre>{@code
   * Multi.create().insert("tag", Changeset.change(new Tag(null, "java")),
   *     InsertOptions.defaults().withOnConflict(InsertOptions.OnConflict.NOTHING))
   * }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param changeset the changeset
   * @param options the conflict handling, target and returned fields
   * @param <T> the record type
   * @return the new Multi
   * @throws ArgumentException when the name is already a member or the options are null
   */
  public <T> Multi insert(String name, Changeset<T> changeset, InsertOptions options) {
    InsertOptions o = options(name, options);
    return write(name, Kind.INSERT, changeset, (repo, cs) -> repo.insert(cs, o));
  }

  /**
   * Adds an upsert of a record, as {@code insert(name, Changeset.change(record), options)}.
   *
   * <pre>{@code Multi.create().insert("tag", new Tag(null, "java"), InsertOptions.defaults().withOnConflict(InsertOptions.OnConflict.NOTHING)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param record a schema record
   * @param options the conflict handling, target and returned fields
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi insert(String name, T record, InsertOptions options) {
    return insert(name, change(name, record), options);
  }

  /**
   * Adds an upsert of what a function of the changes so far gives: a changeset or a record.
   *
   * <pre>{@code multi.insert("tag", changes -> new Tag(null, changes.get("name", String.class)), InsertOptions.defaults().withOnConflict(InsertOptions.OnConflict.NOTHING)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param function the changes so far to a changeset or record
   * @param options the conflict handling, target and returned fields
   * @return the new Multi
   */
  public Multi insert(String name, Function<Changes, ?> function, InsertOptions options) {
    InsertOptions o = options(name, options);
    return write(name, Kind.INSERT, function, (repo, cs) -> repo.insert(cs, o), (repo, record) -> repo.insert(record, o));
  }

  private static InsertOptions options(String name, InsertOptions options) {
    if (options == null) {
      throw new ArgumentException("step '" + name + "' of the Multi was given null InsertOptions; use InsertOptions.defaults()");
    }
    return options;
  }

  /**
   * Adds an update of a changeset (checked before the transaction begins). A changeset whose
   * action is already another than update is refused, as in Ecto: the Multi then fails before the
   * transaction begins with a {@link ConflictingActionException} naming the step and both actions.
   *
   * <pre>{@code Multi.create().update("account", Changeset.change(account, Map.of("balance", 0))) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param changeset the changeset
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi update(String name, Changeset<T> changeset) {
    return write(name, Kind.UPDATE, changeset, (repo, cs) -> repo.update(cs));
  }

  /**
   * Adds an update of the changeset a function of the changes so far gives. A changeset whose
   * action is already another than update fails the step when it runs
   * ({@link MultiFailedException} caused by a {@link ConflictingActionException}).
   *
   * <pre>{@code multi.update("post", changes -> Changeset.change(changes.get("post", Post.class), Map.of("title", "New"))) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param function the changes so far to a changeset
   * @return the new Multi
   */
  public Multi update(String name, Function<Changes, ?> function) {
    return write(name, Kind.UPDATE, function, (repo, cs) -> repo.update(cs), null);
  }

  /**
   * Adds an insert or an update of a changeset, decided now as Repo.insertOrUpdate decides it (an
   * insert when its data has no primary key yet); {@link #operations()} lists the one chosen. A
   * changeset whose action is already another than the one chosen is refused, as by
   * {@link #insert(String, Changeset)}.
   *
   * <pre>{@code Multi.create().insertOrUpdate("profile", Changeset.cast(profileOrBlank, params, "bio")) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param changeset the changeset
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi insertOrUpdate(String name, Changeset<T> changeset) {
    Changeset<T> cs = given(name, changeset);
    return Actions.loaded(cs) ? update(name, cs) : insert(name, cs);
  }

  /**
   * Adds an insert or update of the changeset a function of the changes so far gives (a
   * changeset whose action is already another than the one chosen fails the step when it runs).
   *
   * <pre>{@code multi.insertOrUpdate("post", changes -> Changeset.change(changes.get("found", Post.class), Map.of("title", "t"))) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param function the changes so far to a changeset
   * @return the new Multi
   */
  public Multi insertOrUpdate(String name, Function<Changes, ?> function) {
    return write(name, Kind.INSERT_OR_UPDATE, function, (repo, cs) -> repo.insertOrUpdate(cs), null);
  }

  /**
   * Adds a delete of a changeset's data (the changeset is checked before the transaction begins;
   * one whose action is already another than delete is refused, as by
   * {@link #insert(String, Changeset)}).
   *
   * <pre>{@code Multi.create().delete("user", Changeset.change(user).noAssocConstraint("posts")) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param changeset the changeset
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi delete(String name, Changeset<T> changeset) {
    return write(name, Kind.DELETE, changeset, (repo, cs) -> repo.delete(cs));
  }

  /**
   * Adds a delete of a record by its primary key.
   *
   * <pre>{@code Multi.create().delete("post", post) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param record a schema record
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi delete(String name, T record) {
    return delete(name, change(name, record));
  }

  /**
   * Adds a delete of what a function of the changes so far gives: a changeset or a record.
   *
   * <pre>{@code multi.delete("post", changes -> changes.get("post", Post.class)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param function the changes so far to a changeset or record
   * @return the new Multi
   */
  public Multi delete(String name, Function<Changes, ?> function) {
    return write(name, Kind.DELETE, function, (repo, cs) -> repo.delete(cs));
  }

  /**
   * Adds an insertAll; its result is the count of rows inserted.
   *
   * <pre>{@code Multi.create().insertAll("tags", Tag.class, List.of(Map.of("name", "java"), Map.of("name", "sql"))) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param type the schema class
   * @param entries records or maps of field name to value
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi insertAll(String name, Class<T> type, List<?> entries) {
    return insertAll(name, type, entries, InsertAllOptions.defaults());
  }

  /**
   * Adds an insertAll with options; its result is the count of rows inserted, or the list of
   * records read back when the options ask for {@code returning}.
   *
   * <pre>{@code multi.insertAll("tags", Tag.class, rows, InsertAllOptions.defaults().withReturning("id", "name")) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param type the schema class
   * @param entries records or maps of field name to value
   * @param options the options
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi insertAll(String name, Class<T> type, List<?> entries, InsertAllOptions options) {
    given(name, entries);
    return add(name, Kind.INSERT_ALL, entries, (repo, changes) -> insertAll(repo, type, entries, options));
  }

  /**
   * Adds an insertAll of the entries a function of the changes so far gives.
   *
   * <pre>{@code multi.insertAll("comments", Comment.class, changes -> rowsFor(changes.get("post", Post.class))) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param type the schema class
   * @param entries the changes so far to records or maps of field name to value
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi insertAll(String name, Class<T> type, Function<Changes, ? extends List<?>> entries) {
    return insertAll(name, type, entries, InsertAllOptions.defaults());
  }

  /**
   * Adds an insertAll with options of the entries a function of the changes so far gives.
   *
   * <pre>{@code multi.insertAll("comments", Comment.class, changes -> rows, InsertAllOptions.defaults().withReturningAll()) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param type the schema class
   * @param entries the changes so far to records or maps of field name to value
   * @param options the options
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi insertAll(String name, Class<T> type, Function<Changes, ? extends List<?>> entries,
      InsertAllOptions options) {
    given(name, entries);
    return add(name, Kind.INSERT_ALL, entries, (repo, changes) -> insertAll(repo, type, entries.apply(changes), options));
  }

  /**
   * Adds an insertAll of a query's rows ({@code INSERT ... SELECT}, Ecto's {@code insert_all}
   * with a query); its result is the count of rows inserted, or the list of records read back when
   * the options ask for {@code returning}.
   *
   * <pre>{@code
   * multi.insertAll("archived", ArchivedPost.class, Query.from(Post.class).where(field("draft").eq(param(false)))
   *     .select(Map.of("title", field("title"))), InsertAllOptions.defaults())
   * }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param type the schema class inserted into
   * @param query a query selecting a map of field name to value
   * @param options the options
   * @param <T> the record type
   * @return the new Multi
   */
  public <T> Multi insertAll(String name, Class<T> type, Query<?> query, InsertAllOptions options) {
    given(name, query);
    given(name, options);
    return add(name, Kind.INSERT_ALL, query, (repo, changes) -> options.returning() == null
        ? repo.insertAll(type, query, options) : repo.insertAllReturning(type, query, options).collectList());
  }

  /**
   * Adds an insertAll of maps of column name to value into a table without a schema (Ecto's
   * {@code insert_all("table", entries)}); its result is the count of rows inserted.
   *
   * <pre>{@code multi.insertAll("audit", "audit_log", List.of(Map.of("action", "publish")), InsertAllOptions.defaults()) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param table the table
   * @param entries maps of column name to value
   * @param options the options (as {@code Repo.insertAll(String, List, InsertAllOptions)} takes them)
   * @return the new Multi
   */
  public Multi insertAll(String name, String table, List<? extends Map<String, ?>> entries, InsertAllOptions options) {
    given(name, table);
    given(name, entries);
    given(name, options);
    return add(name, Kind.INSERT_ALL, entries, (repo, changes) -> repo.insertAll(table, entries, options));
  }

  /**
   * Adds an updateAll of a query's rows; its result is the count of rows updated.
   *
   * <pre>{@code Multi.create().updateAll("hidden", Query.from(Post.class).where("authorId", id), Updates.set("visible", false)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the query (conditions only)
   * @param updates the updates
   * @return the new Multi
   */
  public Multi updateAll(String name, Query<?> query, Updates updates) {
    return read(name, Kind.UPDATE_ALL, query, (repo, q) -> repo.updateAll(q, updates));
  }

  /**
   * Adds an updateAll of the query a function of the changes so far gives.
   *
   * <pre>{@code multi.updateAll("read", changes -> Query.from(Note.class).where("userId", changes.get("user", User.class).id()), Updates.set("read", true)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the changes so far to a query (conditions only)
   * @param updates the updates
   * @return the new Multi
   */
  public Multi updateAll(String name, Function<Changes, ? extends Query<?>> query, Updates updates) {
    return read(name, Kind.UPDATE_ALL, query, (repo, q) -> repo.updateAll(q, updates));
  }

  /**
   * Adds a deleteAll of a query's rows; its result is the count of rows deleted.
   *
   * <pre>{@code Multi.create().deleteAll("sessions", Query.from(Session.class).where("userId", user.id())) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the query (conditions only)
   * @return the new Multi
   */
  public Multi deleteAll(String name, Query<?> query) {
    return read(name, Kind.DELETE_ALL, query, Repo::deleteAll);
  }

  /**
   * Adds a deleteAll of the query a function of the changes so far gives.
   *
   * <pre>{@code multi.deleteAll("comments", changes -> Query.from(Comment.class).where("postId", changes.get("post", Post.class).id())) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the changes so far to a query (conditions only)
   * @return the new Multi
   */
  public Multi deleteAll(String name, Function<Changes, ? extends Query<?>> query) {
    return read(name, Kind.DELETE_ALL, query, Repo::deleteAll);
  }

  /**
   * Adds a function of the repo and the changes so far, run in the transaction: the value its Mono
   * emits is the step's result (null when it is empty). To fail the step with a value, as Ecto's
   * {@code {:error, value}}, return {@code repo.rollback(value)}; an error fails it with the exception.
   *
   * <pre>{@code
   * multi.run("stock", (repo, changes) -> repo.getOrFail(Item.class, id)
   *     .flatMap(item -> item.stock() > 0 ? Mono.just(item) : repo.rollback("out of stock")))
   * }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param function the repo (in the transaction) and the changes so far to a Mono
   * @return the new Multi
   */
  public Multi run(String name, BiFunction<Repo, Changes, ? extends Mono<?>> function) {
    given(name, function);
    return add(name, Kind.RUN, function, function);
  }

  /**
   * Adds a value as a step's result, for later steps to read (Ecto's {@code put}).
   *
   * <pre>{@code Multi.create().put("company", company).insert("user", changes -> User.changeset(changes.get("company", Company.class))) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param value the value, or null
   * @return the new Multi
   */
  public Multi put(String name, Object value) {
    return add(name, Kind.PUT, value, (repo, changes) -> Mono.justOrEmpty(value));
  }

  /**
   * Adds a step that fails the Multi with a value: running it runs no step, as Ecto's {@code error}
   * (the check comes before the transaction begins).
   *
   * <pre>{@code multi.error("quota", "over the monthly quota") // MultiFailedException, step "quota" }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param value the failed value
   * @return the new Multi
   */
  public Multi error(String name, Object value) {
    return add(name, Kind.ERROR, value, (repo, changes) -> repo.rollback(value));
  }

  /**
   * Adds a query expecting at most one row; its result is the record, or null.
   *
   * <pre>{@code Multi.create().one("post", Query.from(Post.class).where("id", 1L)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the query
   * @return the new Multi
   */
  public Multi one(String name, Query<?> query) {
    return read(name, Kind.ONE, query, Repo::one);
  }

  /**
   * Adds a query expecting at most one row, built from the changes so far.
   *
   * <pre>{@code multi.one("author", changes -> Query.from(Author.class).where("id", changes.get("post", Post.class).authorId())) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the changes so far to a query
   * @return the new Multi
   */
  public Multi one(String name, Function<Changes, ? extends Query<?>> query) {
    return read(name, Kind.ONE, query, Repo::one);
  }

  /**
   * Adds a query; its result is the list of every row.
   *
   * <pre>{@code Multi.create().all("posts", Query.from(Post.class).orderBy("id")) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the query
   * @return the new Multi
   */
  public Multi all(String name, Query<?> query) {
    return read(name, Kind.ALL, query, (repo, q) -> repo.all(q).collectList());
  }

  /**
   * Adds a query built from the changes so far; its result is the list of every row.
   *
   * <pre>{@code multi.all("comments", changes -> Query.from(Comment.class).where("postId", changes.get("post", Post.class).id())) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the changes so far to a query
   * @return the new Multi
   */
  public Multi all(String name, Function<Changes, ? extends Query<?>> query) {
    return read(name, Kind.ALL, query, (repo, q) -> repo.all(q).collectList());
  }

  /**
   * Adds a check whether a query matches any row; its result is the boolean.
   *
   * <pre>{@code Multi.create().exists("taken", Query.from(User.class).where("email", email)) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the query
   * @return the new Multi
   */
  public Multi exists(String name, Query<?> query) {
    return read(name, Kind.EXISTS, query, Repo::exists);
  }

  /**
   * Adds a check whether the query a function of the changes so far gives matches any row.
   *
   * <pre>{@code multi.exists("hasPosts", changes -> Query.from(Post.class).where("authorId", changes.get("user", User.class).id())) }</pre>
   *
   * @param name the step's name, unique in the Multi
   * @param query the changes so far to a query
   * @return the new Multi
   */
  public Multi exists(String name, Function<Changes, ? extends Query<?>> query) {
    return read(name, Kind.EXISTS, query, Repo::exists);
  }

  /**
   * Adds a function of the changes so far that gives another Multi, whose steps then run in place
   * (Ecto's {@code merge}): its changesets are checked when it is given, and its names must differ
   * from every name of this Multi and of Multis merged before.
   *
   * <pre>{@code
   * multi.merge(changes -> Multi.create()
   *     .insert("comment", Comment.changeset(changes.get("post", Post.class), params)))
   * }</pre>
   *
   * @param function the changes so far to a Multi
   * @return the new Multi
   */
  public Multi merge(Function<Changes, Multi> function) {
    given("merge", function);
    return add("merge", Kind.MERGE, function, (repo, changes) -> Mono.fromSupplier(() -> function.apply(changes)));
  }

  /**
   * This Multi's steps followed by another's; every name must be unique across both.
   *
   * <pre>{@code Multi.create().put("left", 1).append(Multi.create().put("right", 2)) // left, right }</pre>
   *
   * @param other the Multi whose steps come after
   * @return the new Multi
   * @throws ArgumentException naming the steps both have
   */
  public Multi append(Multi other) {
    return join(this, other, "append");
  }

  /**
   * Another Multi's steps followed by this one's; every name must be unique across both.
   *
   * <pre>{@code Multi.create().put("left", 1).prepend(Multi.create().put("right", 2)) // right, left }</pre>
   *
   * @param other the Multi whose steps come first
   * @return the new Multi
   * @throws ArgumentException naming the steps both have
   */
  public Multi prepend(Multi other) {
    return join(other, this, "prepend");
  }

  /**
   * The steps, in order (Ecto's {@code to_list}): to check a Multi without running it.
   *
   * <pre>{@code multi.operations().stream().map(Operation::name).toList() // [user, post] }</pre>
   *
   * @return the operations
   */
  public List<Operation> operations() {
    List<Operation> listed = operations;
    if (listed == null) {
      listed = log.nonNullValues(size); // operations are never null
      operations = listed;
    }
    return listed;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Multi[");
    List<Operation> ops = operations();
    for (int i = 0; i < Math.min(ops.size(), SHOWN); i++) {
      sb.append(i == 0 ? "" : ", ").append(ops.get(i).name()).append(": ").append(ops.get(i).kind());
    }
    // Messages name the Multi: one built in a loop of thousands of steps should not make them megabytes.
    return sb.append(ops.size() > SHOWN ? ", ... " + (ops.size() - SHOWN) + " more]" : "]").toString();
  }

  private Multi add(String name, Kind kind, Object argument, BiFunction<Repo, Changes, ? extends Mono<?>> step) {
    return with(new Operation(name, kind, argument, step));
  }

  private Multi with(Operation op) {
    String key = op.kind() == Kind.MERGE ? null : op.name(); // merges share the name "merge"
    if (key != null && log.indexOf(key, size) >= 0) {
      throw new ArgumentException("step '" + key + "' is already a member of the Multi " + this
          + "; every step needs a name of its own");
    }
    return new Multi(log.append(size, key, op), size + 1);
  }

  /**
   * A write of a changeset given now (checked before BEGIN), or of one a function gives when the
   * step runs. A changeset whose action is already another one is refused, as Ecto refuses it:
   * given now, the step only fails (and the Repo refuses the Multi before BEGIN); given by a
   * function, the step fails when it runs.
   */
  private Multi write(String name, Kind kind, Object changesetOrFunction, BiFunction<Repo, Changeset<?>, Mono<?>> op) {
    return write(name, kind, changesetOrFunction, op, null);
  }

  /**
   * As {@link #write(String, Kind, Object, BiFunction)}; a record a function gives goes to
   * {@code recordOp} when there is one (an insert, which takes a record as it takes its
   * {@code Changeset.change}), without a changeset made for it on every run.
   */
  private Multi write(String name, Kind kind, Object changesetOrFunction, BiFunction<Repo, Changeset<?>, Mono<?>> op,
      BiFunction<Repo, Object, Mono<?>> recordOp) {
    Object given = given(name, changesetOrFunction);
    if (given instanceof Changeset<?> cs) {
      ConflictingActionException refused = Actions.refusal(name, cs, kind);
      return add(name, kind, cs, (repo, changes) -> refused != null ? Mono.error(refused) : op.apply(repo, cs));
    }
    @SuppressWarnings("unchecked")
    Function<Changes, ?> function = (Function<Changes, ?>) given;
    return add(name, kind, function, (repo, changes) -> {
      Object computed = computed(name, function, changes);
      if (!(computed instanceof Changeset<?> cs)) {
        return recordOp != null ? recordOp.apply(repo, computed) : op.apply(repo, Changeset.change(computed));
      }
      ConflictingActionException refused = Actions.refusal(name, cs, kind);
      return refused != null ? Mono.error(refused) : op.apply(repo, cs);
    });
  }

  /** A step over a query given now, or over one a function gives when the step runs. */
  private Multi read(String name, Kind kind, Object queryOrFunction, BiFunction<Repo, Query<?>, Mono<?>> op) {
    Object given = given(name, queryOrFunction);
    if (given instanceof Query<?> query) {
      return add(name, kind, query, (repo, changes) -> op.apply(repo, query));
    }
    @SuppressWarnings("unchecked")
    Function<Changes, ? extends Query<?>> function = (Function<Changes, ? extends Query<?>>) given;
    return add(name, kind, function, (repo, changes) -> op.apply(repo, function.apply(changes)));
  }

  private static Multi join(Multi first, Multi second, String how) {
    Set<String> both = new TreeSet<>(first.keys());
    both.retainAll(second.keys());
    if (!both.isEmpty()) {
      throw new ArgumentException("cannot " + how + " " + second + " to " + first + ": both have the steps "
          + both + "; every step needs a name of its own");
    }
    Multi out = first;
    for (Operation op : second.operations()) {
      out = out.with(op);
    }
    return out;
  }

  private List<String> keys() {
    List<String> keys = log.keys(size);
    keys.removeIf(java.util.Objects::isNull);
    return keys;
  }

  private static <T> T given(String name, T value) {
    if (value == null) {
      throw new ArgumentException("step '" + name + "' of the Multi was given null");
    }
    return value;
  }

  // A changeset that reached the record overload (typed as Object) is taken as it is.
  @SuppressWarnings("unchecked")
  private static <T> Changeset<T> change(String name, T record) {
    return record instanceof Changeset<?> cs ? (Changeset<T>) cs : Changeset.change(given(name, record));
  }

  /** What a function step gives: a changeset, or a schema record. */
  private static Object computed(String name, Function<Changes, ?> function, Changes changes) {
    Object given = function.apply(changes);
    if (given instanceof Changeset<?>) {
      return given;
    }
    if (given == null || !given.getClass().isRecord()) {
      throw new ArgumentException("the function of step '" + name + "' gave " + (given == null ? "null"
          : "a " + given.getClass().getName()) + "; it must give a Changeset or a schema record");
    }
    return given;
  }

  private static <T> Mono<?> insertAll(Repo repo, Class<T> type, List<?> entries, InsertAllOptions options) {
    return options.returning() == null ? repo.insertAll(type, entries, options)
        : repo.insertAllReturning(type, entries, options).collectList();
  }
}
