package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.FlectoException;
import dev.flecto.MultipleResultsException;
import dev.flecto.NoResultsException;
import dev.flecto.QueryException;
import dev.flecto.TransactionException;
import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.AdapterProvider;
import dev.flecto.adapter.SqlStatement;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.Planner;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The repository: every read and write of schema records, as cold {@code Mono}s and
 * {@code Flux}es (Ecto.Repo). Nothing runs until subscribed; a write given an invalid changeset
 * fails with {@link InvalidChangesetException} without touching the database.
 *
 * <pre>{@code
 * Repo repo = Repo.connect("r2dbc:postgresql://localhost/friends", RepoOptions.defaults());
 * Mono<Person> ryan = repo.insert(Changeset.cast(Person.class, params, "firstName", "lastName", "age")
 *     .validateRequired("firstName", "lastName"));
 * Flux<Person> smiths = repo.all(Query.from(Person.class).where("lastName", "Smith").orderBy("firstName"));
 * }</pre>
 */
public final class Repo implements AutoCloseable {
  private final PrefixedAdapter adapter;
  private final RepoOptions options;
  private final Writes writes;
  private final Preloader preloader;
  // Non-null on a read-only Repo (replica()): the replica's name; every write is refused before any SQL.
  private final String readOnly;
  private static final java.util.Set<dev.flecto.multi.Operation.Kind> WRITE_STEPS = java.util.EnumSet.of(
      dev.flecto.multi.Operation.Kind.INSERT, dev.flecto.multi.Operation.Kind.UPDATE, dev.flecto.multi.Operation.Kind.DELETE,
      dev.flecto.multi.Operation.Kind.INSERT_OR_UPDATE, dev.flecto.multi.Operation.Kind.INSERT_ALL,
      dev.flecto.multi.Operation.Kind.UPDATE_ALL, dev.flecto.multi.Operation.Kind.DELETE_ALL);

  private Repo(Adapter adapter, RepoOptions options) {
    this(adapter, options, null);
  }

  private Repo(Adapter adapter, RepoOptions options, String readOnly) {
    this.adapter = PrefixedAdapter.over(adapter); // the default prefix (Tenancy) reaches every statement here
    this.options = options;
    this.readOnly = readOnly;
    this.writes = new Writes(this.adapter, options);
    this.preloader = new Preloader(this);
  }

  /**
   * Connects to a database by URL with a connection pool inside, using the adapter on the
   * classpath that accepts the URL ({@code r2dbc:postgresql://...}, or {@code postgres://...}).
   *
   * <pre>{@code Repo repo = Repo.connect("r2dbc:postgresql://user:secret@localhost:5432/app", RepoOptions.defaults()); }</pre>
   *
   * @param url the database URL
   * @param options pool and cache settings
   * @return the repo; close it to drain the pool
   * @throws FlectoException when no adapter on the classpath accepts the URL
   */
  public static Repo connect(String url, RepoOptions options) {
    for (AdapterProvider provider : ServiceLoader.load(AdapterProvider.class, Repo.class.getClassLoader())) {
      if (provider.accepts(url)) {
        return new Repo(provider.create(url, options), options);
      }
    }
    throw new FlectoException("no Flecto adapter on the classpath accepts the URL scheme of '" + RepoQueries.redact(url)
        + "'; add dev.flecto:flecto-r2dbc and use r2dbc:postgresql://host/database");
  }

  /**
   * Connects with the default options.
   *
   * <pre>{@code Repo repo = Repo.connect("r2dbc:postgresql://localhost/app"); }</pre>
   *
   * @param url the database URL
   * @return the repo
   */
  public static Repo connect(String url) {
    return connect(url, RepoOptions.defaults());
  }

  /**
   * A repo over an adapter (adapters use this; applications use {@code connect} or the adapter's
   * own factory, such as {@code R2dbcRepos.of(connectionFactory)}).
   *
   * <pre>{@code Repo repo = Repo.of(adapter, RepoOptions.defaults()); }</pre>
   *
   * @param adapter the adapter
   * @param options the options
   * @return the repo
   */
  public static Repo of(Adapter adapter, RepoOptions options) {
    return new Repo(adapter, options);
  }

  /**
   * This Repo with another statement timeout (Ecto's per-call {@code :timeout}): the same adapter,
   * pool and transactions (a call inside a {@code transact} of this Repo joins it), only its
   * statements may run for longer (or shorter) than {@link RepoOptions#statementTimeout()}.
   *
   * <pre>{@code
   * Repo patient = repo.withStatementTimeout(Duration.ofMinutes(5));
   * patient.updateAll(Query.from(Event.class).where(field("archived").eq(false)), Updates.set("archived", true));
   * }</pre>
   *
   * @param timeout how long one statement may take, from its subscription to its last row; positive
   * @return the Repo
   * @throws ArgumentException when the timeout is null, zero or negative
   */
  public Repo withStatementTimeout(java.time.Duration timeout) {
    RepoOptions changed = options.withStatementTimeout(timeout);
    return new Repo(adapter.withStatementTimeout(timeout), changed, readOnly);
  }

  /**
   * A read-only Repo on one replica (Ecto's {@code MyApp.Repo.replica()}), chosen by the
   * configured strategy (round-robin by default) among the healthy ones; see
   * {@link #replica(ReplicaStrategy)}.
   *
   * <pre>{@code
   * Repo repo = R2dbcRepos.connect(primaryUrl, RepoOptions.defaults(), Replicas.urls(replica1Url, replica2Url));
   * Flux<Post> posts = repo.replica().all(Query.from(Post.class).where("published", true));
   * }</pre>
   *
   * @return the read-only Repo
   */
  public Repo replica() {
    Adapter replica = adapter.replica(null);
    return new Repo(replica, options, replicaName(replica));
  }

  /**
   * A read-only Repo on one replica chosen now by the strategy among the healthy ones (up, and
   * not lagging beyond the configured bound). Its reads go to that replica, or to the primary
   * when the replica is unhealthy when a read starts, or fails to give a connection before the
   * read emitted anything. Its writes ({@code insert}, {@code update}, {@code delete},
   * {@code insertAll}, {@code updateAll}, {@code deleteAll}, their variants, and a Multi with a
   * write step) fail with {@link dev.flecto.ReadOnlyRepoException} naming the method and the
   * replica, before any SQL. Its {@code transact} and {@code checkout} run on the primary, a
   * transaction being read-only (every statement in a transaction goes to the primary, so it sees
   * the primary's data). Raw {@link #query} runs on the replica, where PostgreSQL refuses writes,
   * or read-only on the primary. Call it per unit of work to spread reads; closing it closes
   * nothing (closing the primary Repo closes every pool). A Repo without replicas returns a
   * read-only Repo on its primary, so a write through a replica fails in tests too (its raw SQL
   * and transactions run as they are there, so it works inside the test sandbox).
   *
   * <pre>{@code repo.replica(ReplicaStrategy.random()).getOrFail(Post.class, id) }</pre>
   *
   * @param strategy how to choose among the healthy replicas
   * @return the read-only Repo
   * @throws ArgumentException when the strategy is null, or gives an index out of range
   */
  public Repo replica(ReplicaStrategy strategy) {
    if (strategy == null) {
      throw new ArgumentException("Repo.replica(strategy): the strategy must not be null (use replica() for the configured one)");
    }
    Adapter replica = adapter.replica(strategy);
    return new Repo(replica, options, replicaName(replica));
  }

  private static String replicaName(Adapter replica) {
    String name = replica.readOnly();
    return name != null ? name : "the primary, as this Repo has no replicas";
  }

  /**
   * This Repo with every statement on the primary (the read-your-writes escape): reads that the
   * Repo would route to a replica (with automatic routing on) go to the primary, and a read-only
   * Repo's primary Repo writes. It shares the primary's pool and transactions. A Repo without
   * replicas returns itself.
   *
   * <pre>{@code
   * repo.insert(post).then(repo.primary().getOrFail(Post.class, post.id())) // sees the insert, lag or not
   * }</pre>
   *
   * @return the Repo on the primary
   */
  public Repo primary() {
    Adapter primary = adapter.primary();
    return primary == adapter && readOnly == null ? this : new Repo(primary, options);
  }

  // A read-only Repo (replica()) refuses a write inside the publisher, before any SQL.
  private <T> Mono<T> refused(String method) {
    return Mono.error(new dev.flecto.ReadOnlyRepoException(method, readOnly));
  }

  /**
   * This Repo with a default prefix (PostgreSQL schema), a tenant's: the same adapter, pool and
   * transactions, and every statement it runs (queries, writes, preloads, Multi steps, streams,
   * insertAll, and migrations run by {@code Migrator.of} this Repo) reads and writes that
   * schema's tables where nothing nearer names a prefix (Ecto's {@code default_options/1}
   * returning {@code prefix:}). A query's {@code prefix}, a source's or a schema's
   * {@code @Schema(prefix)} still win for queries; {@code InsertAllOptions.withPrefix} still wins
   * for insertAll; for writes it overrides {@code @Schema(prefix)}, as Ecto's option does. It wins
   * over a Context's {@link Tenancy#prefix}. The full order is on {@link Tenancy}.
   *
   * <pre>{@code
   * Repo tenant = repo.withPrefix("tenant_42");
   * tenant.insert(order);                               // INSERT INTO "tenant_42"."orders" ...
   * tenant.all(Query.from(Order.class).prefix("archive")) // still "archive"."orders"
   * }</pre>
   *
   * @param schemaName the PostgreSQL schema
   * @return the Repo
   * @throws ArgumentException when the name is null or blank
   */
  public Repo withPrefix(String schemaName) {
    String checked = Tenancy.checked(schemaName, "Repo.withPrefix");
    return new Repo(adapter.withPrefix(checked), options, readOnly);
  }

  /**
   * The default prefix {@link #withPrefix(String)} gave this Repo, or null (then a Context's
   * {@link Tenancy#prefix}, if any, applies per subscription).
   *
   * <pre>{@code repo.withPrefix("tenant_42").prefix() // "tenant_42" }</pre>
   *
   * @return the prefix, or null
   */
  public String prefix() {
    return adapter.prefix();
  }

  /** The adapter, prefixing included, for the dynamic repos registry of this package. */
  Adapter adapter() {
    return adapter;
  }

  /**
   * Inserts a record: a UUID key is generated when null, timestamps are set, and {@code @Default}s
   * fill null components; other null components are left out of the INSERT, as Ecto leaves out nil
   * fields, so their columns' database defaults apply. Emits the record as stored, with the
   * generated key and every column read back. As Ecto, a record whose associations are loaded is
   * inserted as a whole tree in one transaction (see {@link Changeset#putLoadedAssocs()}):
   * belongs-to parents first (the record takes their key), then the record, then its has-one and
   * has-many children with its key and its many-to-many records with their join rows; records
   * with a key are associated rather than inserted; it emits the record with them loaded. A
   * failing child rolls all of it back.
   *
   * <pre>{@code
   * repo.insert(new Person(null, "Ryan", "Bigg", 28)) // Mono<Person> with id set
   * repo.insert(new Post(null, "hi", Assoc.loaded(List.of(new Comment(null, null, "first"))))) // post and comment
   * }</pre>
   *
   * @param record the record
   * @param <T> the record type
   * @return the inserted record
   */
  public <T> Mono<T> insert(T record) {
    if (readOnly != null) {
      return refused("insert");
    }
    return record == null ? Mono.error(RepoArgs.nullGiven("insert", "record")) : writes.insertRecord(record);
  }

  /**
   * Inserts the data of a changeset with its changes applied. A change to null is written as NULL
   * (even over a {@code @Default}); a field null in the data and not changed is filled as by
   * {@link #insert(Object)}, or left to its column's default. An invalid changeset fails with
   * {@link InvalidChangesetException} and sends nothing. A violated constraint the changeset
   * declared (such as {@code uniqueConstraint("email")}) fails the same way, with the error on its
   * field; the write runs in a savepoint inside a transaction, so the transaction can go on. An
   * undeclared one raises {@link dev.flecto.ConstraintException} saying how to declare it.
   * Functions registered with {@code prepareChanges} run first, in one transaction with the write.
   * Association changes ({@code putAssoc}, {@code castAssoc}) and, as for {@link #insert(Object)},
   * the data's loaded associations are written in the same transaction.
   *
   * <pre>{@code repo.insert(Changeset.cast(Person.class, params, "firstName").validateRequired("firstName")) }</pre>
   *
   * @param changeset the changeset
   * @param <T> the record type
   * @return the inserted record
   */
  public <T> Mono<T> insert(Changeset<T> changeset) {
    if (readOnly != null) {
      return refused("insert");
    }
    return Mono.defer(() -> writes.insert(RepoArgs.changeset(changeset, "insert")));
  }

  /**
   * {@link #insert(Object)} with options: upserts (Ecto's {@code :on_conflict} and
   * {@code :conflict_target}), the fields read back and stale entries. With
   * {@code OnConflict.NOTHING} and a conflict nothing is written and the record emitted is the
   * one given, its database-generated key null (as Ecto's). With an update whose conditions
   * filter the existing row out, nothing is written and the insert is stale:
   * {@link dev.flecto.StaleEntryException}, or {@link InvalidChangesetException} with an error on
   * {@code InsertOptions.withStaleErrorField}. By default every column is read back, so after a
   * conflict that updated the existing row the record is that row as it now is. Options Ecto
   * refuses fail the returned {@code Mono} with {@link dev.flecto.ArgumentException} (or
   * {@link dev.flecto.QueryException} for the update's query) before any SQL.
   *
   * <pre>{@code
   * repo.insert(new Tag(null, "java", 0), InsertOptions.defaults()
   *     .withOnConflictUpdate(Updates.inc("uses", 1))
   *     .withConflictTarget("name")) // Mono<Tag>: the new tag, or the existing one with uses + 1
   * }</pre>
   *
   * @param record the record
   * @param insertOptions the options
   * @param <T> the record type
   * @return the inserted (or updated) record
   */
  public <T> Mono<T> insert(T record, InsertOptions insertOptions) {
    if (readOnly != null) {
      return refused("insert");
    }
    return Mono.defer(() -> writes.insertRecord(RepoArgs.given(record, "insert", "record"),
        RepoArgs.given(insertOptions, "insert", "InsertOptions")));
  }

  /**
   * {@link #insert(Changeset)} with options, as {@link #insert(Object, InsertOptions)}: invalid
   * changesets, prepare callbacks and declared constraints (a violation of another unique index
   * than the conflict target's is still a changeset error) behave as in {@link #insert(Changeset)}.
   * The timestamps are those of an insert: {@code REPLACE_ALL} writes them over the existing row's
   * (inserted-at too, as Ecto does); an update sets none for you.
   *
   * <pre>{@code
   * repo.insert(Changeset.cast(new User(), params, "email", "name"), InsertOptions.defaults()
   *     .withOnConflict(InsertAllOptions.OnConflict.REPLACE, "name", "updatedAt")
   *     .withConflictTarget("email"))
   * }</pre>
   *
   * @param changeset the changeset
   * @param insertOptions the options
   * @param <T> the record type
   * @return the inserted (or updated) record
   */
  public <T> Mono<T> insert(Changeset<T> changeset, InsertOptions insertOptions) {
    if (readOnly != null) {
      return refused("insert");
    }
    return Mono.defer(() -> writes.insert(RepoArgs.changeset(changeset, "insert"),
        RepoArgs.given(insertOptions, "insert", "InsertOptions")));
  }

  /**
   * Updates the changed columns of a record by its primary key, its lock version when the changeset
   * has an {@code optimisticLock}, and its UPDATED timestamp. With no changes it sends no statement
   * and emits the data as it is. Invalid changesets and declared constraints behave as in
   * {@link #insert(Changeset)}. A record no longer in the database (or whose version moved on)
   * fails with {@link dev.flecto.StaleEntryException}; see {@link WriteOptions} for the alternatives.
   * A key that matches several rows (it is not unique in the database) fails with
   * {@link dev.flecto.MultiplePrimaryKeyException} and changes none of them.
   *
   * <p>As in Ecto, the row is not read again: the record emitted is the data with its changes and
   * the timestamps written, plus the {@code @ReadOnly} fields, which the database fills and the
   * UPDATE returns. A value the database stores differently from how it was given (a rounded
   * {@code numeric}, a padded {@code char(n)}, a trigger's edit) is seen after a {@link #reload}.
   *
   * <pre>{@code repo.update(Changeset.change(person, Map.of("age", 29))) }</pre>
   *
   * @param changeset the changeset
   * @param <T> the record type
   * @return the updated record: its data merged with its changes
   */
  public <T> Mono<T> update(Changeset<T> changeset) {
    return update(changeset, WriteOptions.defaults());
  }

  /**
   * {@link #update(Changeset)} with options for stale entries.
   *
   * <pre>{@code repo.update(cs.optimisticLock("lockVersion"), WriteOptions.staleErrorField("lockVersion")) }</pre>
   *
   * @param changeset the changeset
   * @param writeOptions what a stale entry does
   * @param <T> the record type
   * @return the updated record
   */
  public <T> Mono<T> update(Changeset<T> changeset, WriteOptions writeOptions) {
    if (readOnly != null) {
      return refused("update");
    }
    return Mono.defer(() -> writes.update(RepoArgs.keyed(RepoArgs.changeset(changeset, "update"), "update"),
        RepoArgs.given(writeOptions, "update", "WriteOptions")));
  }

  /**
   * Inserts the changeset when its data has no primary key yet, else updates it (Ecto's
   * {@code insert_or_update}; a record whose key is set counts as loaded from the database, so
   * insert new composite-key records with {@link #insert(Changeset)}).
   *
   * <pre>{@code repo.insertOrUpdate(Changeset.cast(existingOrBlank, params, "name")) }</pre>
   *
   * @param changeset the changeset
   * @param <T> the record type
   * @return the written record
   */
  public <T> Mono<T> insertOrUpdate(Changeset<T> changeset) {
    if (readOnly != null) {
      return refused("insertOrUpdate");
    }
    return Mono.defer(() -> {
      RepoArgs.given(changeset, "insertOrUpdate", "changeset");
      SchemaMeta<T> meta = changeset.schema();
      boolean loaded = !meta.primaryKey().isEmpty()
          && meta.primaryKey().stream().allMatch(k -> meta.get(changeset.data(), k) != null);
      return loaded ? update(changeset) : insert(changeset);
    });
  }

  /**
   * {@link #insertOrUpdate(Changeset)} with options: an insert takes them all; an update takes
   * their stale-entry options ({@link InsertOptions#stale()}), as Ecto passes its options to both.
   *
   * <pre>{@code repo.insertOrUpdate(cs, InsertOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING)) }</pre>
   *
   * @param changeset the changeset
   * @param insertOptions the options
   * @param <T> the record type
   * @return the written record
   */
  public <T> Mono<T> insertOrUpdate(Changeset<T> changeset, InsertOptions insertOptions) {
    if (readOnly != null) {
      return refused("insertOrUpdate");
    }
    return Mono.defer(() -> {
      RepoArgs.given(changeset, "insertOrUpdate", "changeset");
      InsertOptions o = RepoArgs.given(insertOptions, "insertOrUpdate", "InsertOptions");
      SchemaMeta<T> meta = changeset.schema();
      boolean loaded = !meta.primaryKey().isEmpty()
          && meta.primaryKey().stream().allMatch(k -> meta.get(changeset.data(), k) != null);
      return loaded ? update(changeset, o.stale()) : insert(changeset, o);
    });
  }

  /**
   * Deletes a record by its primary key; emits the record. A record no longer in the database
   * fails with {@link dev.flecto.StaleEntryException}; a key that matches several rows fails with
   * {@link dev.flecto.MultiplePrimaryKeyException} and deletes none of them.
   *
   * <pre>{@code repo.delete(person) }</pre>
   *
   * @param record the record
   * @param <T> the record type
   * @return the deleted record
   */
  public <T> Mono<T> delete(T record) {
    if (readOnly != null) {
      return refused("delete");
    }
    return Mono.defer(() -> writes.delete(RepoArgs.keyed(Changeset.change(RepoArgs.given(record, "delete", "record")), "delete"),
        WriteOptions.defaults()));
  }

  /**
   * Deletes the data of a changeset by its primary key (and lock version), turning a violated
   * declared constraint, such as {@code noAssocConstraint}, into a field error. An invalid changeset
   * is refused without touching the database.
   *
   * <pre>{@code repo.delete(Changeset.change(user).noAssocConstraint("posts")) }</pre>
   *
   * @param changeset the changeset
   * @param <T> the record type
   * @return the deleted record
   */
  public <T> Mono<T> delete(Changeset<T> changeset) {
    return delete(changeset, WriteOptions.defaults());
  }

  /**
   * {@link #delete(Changeset)} with options for stale entries.
   *
   * <pre>{@code repo.delete(cs.optimisticLock("lockVersion"), WriteOptions.defaults().withAllowStale(true)) }</pre>
   *
   * @param changeset the changeset
   * @param writeOptions what a stale entry does
   * @param <T> the record type
   * @return the deleted record
   */
  public <T> Mono<T> delete(Changeset<T> changeset, WriteOptions writeOptions) {
    if (readOnly != null) {
      return refused("delete");
    }
    return Mono.defer(() -> writes.delete(RepoArgs.keyed(RepoArgs.changeset(changeset, "delete"), "delete"),
        RepoArgs.given(writeOptions, "delete", "WriteOptions")));
  }

  /**
   * The record with the given primary key, or empty. The id is cast to the key's type, so
   * {@code "42"} finds the record with id 42.
   *
   * <pre>{@code repo.get(Person.class, 42L) }</pre>
   *
   * @param type the schema class (with exactly one {@code @Id})
   * @param id the key value
   * @param <T> the record type
   * @return the record or empty
   */
  public <T> Mono<T> get(Class<T> type, Object id) {
    return Mono.defer(() -> {
      PlannedQuery<T> planned = KeyPlans.byKey(type, RepoArgs.id(type, id, "get"));
      return single(adapter.all(planned), planned.query());
    });
  }

  /**
   * Like {@link #get(Class, Object)}, but fails with {@link NoResultsException} when nothing matches.
   *
   * <pre>{@code repo.getOrFail(Person.class, 42L) }</pre>
   *
   * @param type the schema class
   * @param id the key value
   * @param <T> the record type
   * @return the record
   */
  public <T> Mono<T> getOrFail(Class<T> type, Object id) {
    return Mono.defer(() -> {
      PlannedQuery<T> planned = KeyPlans.byKey(type, RepoArgs.id(type, id, "getOrFail"));
      return single(adapter.all(planned), planned.query()).switchIfEmpty(Mono.error(() -> noResults(planned.query())));
    });
  }

  /**
   * The one record whose fields equal the given values, or empty; several fail with
   * {@link MultipleResultsException}.
   *
   * <pre>{@code repo.getBy(Person.class, Map.of("firstName", "Ryan", "lastName", "Bigg")) }</pre>
   *
   * @param type the schema class
   * @param clauses field name to value
   * @param <T> the record type
   * @return the record or empty
   */
  public <T> Mono<T> getBy(Class<T> type, Map<String, ?> clauses) {
    return Mono.defer(() -> one(Query.from(RepoArgs.given(type, "getBy", "schema class"))
        .where(RepoArgs.given(clauses, "getBy", "clauses"))));
  }

  /**
   * The one record of a query that also has the given field values (Ecto's {@code get_by} on a
   * query), or empty; several fail with {@link MultipleResultsException}.
   *
   * <pre>{@code repo.getBy(Query.from(Person.class).whereNotNull("age"), Map.of("lastName", "Bigg")) }</pre>
   *
   * @param query the query to narrow
   * @param clauses field name to value
   * @param <T> the record type
   * @return the record or empty
   */
  public <T> Mono<T> getBy(Query<T> query, Map<String, ?> clauses) {
    return Mono.defer(() -> one(RepoArgs.given(query, "getBy", "query").where(RepoArgs.given(clauses, "getBy", "clauses"))));
  }

  /**
   * Like {@link #getBy(Class, Map)}, but fails with {@link NoResultsException} when nothing matches.
   *
   * <pre>{@code repo.getByOrFail(Person.class, Map.of("lastName", "Bigg")) }</pre>
   *
   * @param type the schema class
   * @param clauses field name to value
   * @param <T> the record type
   * @return the record
   */
  public <T> Mono<T> getByOrFail(Class<T> type, Map<String, ?> clauses) {
    return Mono.defer(() -> oneOrFail(Query.from(RepoArgs.given(type, "getByOrFail", "schema class"))
        .where(RepoArgs.given(clauses, "getByOrFail", "clauses"))));
  }

  /**
   * Every record of a schema.
   *
   * <pre>{@code repo.all(Person.class) }</pre>
   *
   * @param type the schema class
   * @param <T> the record type
   * @return the records
   */
  public <T> Flux<T> all(Class<T> type) {
    return Flux.defer(() -> all(Query.from(RepoArgs.given(type, "all", "schema class"))));
  }

  /**
   * Every record a query matches, in its order.
   *
   * <pre>{@code repo.all(Query.from(Person.class).where("age", Op.GE, 18).orderBy("lastName")) }</pre>
   *
   * @param query the query
   * @param <T> the record type
   * @return the records
   */
  public <T> Flux<T> all(Query<T> query) {
    if (query == null) {
      return Flux.error(RepoArgs.nullGiven("all", "query"));
    }
    if (JoinPreloads.any(query.preloads())) {
      return JoinPreloads.all(adapter, preloader, query);
    }
    if (!query.preloads().isEmpty()) {
      return preloader.allThenPreload(adapter, query);
    }
    return Flux.defer(() -> adapter.all(Planner.plan(query)));
  }

  /**
   * Streams the records a query matches with backpressure (Ecto's {@code Repo.stream}), reading
   * {@value StreamOptions#DEFAULT_MAX_ROWS} rows at a time. See {@link #stream(Query, StreamOptions)}.
   *
   * <pre>{@code
   * repo.transact(() -> repo.stream(Query.from(Event.class).orderBy("id"))
   *     .concatMap(event -> repo.insert(Audit.of(event)))
   *     .then())
   * }</pre>
   *
   * @param query the query
   * @param <T> the record type
   * @return the records, in the query's order
   */
  public <T> Flux<T> stream(Query<T> query) {
    return stream(query, StreamOptions.defaults());
  }

  /**
   * Streams the records a query matches with backpressure: the query runs as a SQL cursor
   * ({@code DECLARE ... CURSOR}) and each {@code FETCH} of {@code maxRows} rows is sent only when
   * the previous chunk was emitted and more records are demanded, so memory holds one chunk however
   * many rows match. Inside {@link #transact(Supplier)} the cursor lives in that transaction, and
   * other operations of the transaction run between reads; cancelling the stream closes the
   * cursor and the transaction goes on. Outside a transaction the stream opens one of its own
   * (unlike Ecto, which requires one), commits it when the stream completes, and rolls it back
   * on error or cancel; either way its connection is released.
   *
   * <p>Preloads of the query run per chunk, between reads, on the stream's connection. Join
   * preloads ({@code Preload.join("comments", "c")}) cannot be streamed: a record's joined rows may
   * span two reads. A query that does not fit its schema fails with a {@link QueryException}
   * before anything is sent.
   *
   * <pre>{@code
   * Flux<Post> posts = repo.stream(Query.from(Post.class).orderBy("id").preload("comments"), StreamOptions.maxRows(200));
   * posts.take(1_000).map(Post::title)            // cancel after 1,000: the cursor's transaction ends
   * }</pre>
   *
   * <p>Under a {@link StreamScope} in the Reactor Context (the Spring Boot starter binds one per
   * WebFlux exchange), the stream also ends when that scope does.
   *
   * @param query the query
   * @param options rows a read
   * @param <T> the record type
   * @return the records, in the query's order
   */
  public <T> Flux<T> stream(Query<T> query, StreamOptions options) {
    return Flux.defer(() -> {
      RepoArgs.given(query, "stream", "query");
      RepoArgs.given(options, "stream", "StreamOptions (use StreamOptions.defaults())").check();
      List<Preload> preloads = query.preloads();
      if (JoinPreloads.any(preloads)) {
        return Flux.error(new QueryException("join preloads cannot be streamed, because a record's joined rows may span "
            + "two reads of the cursor, in query " + query + "; hint: preload it by its own query, "
            + "Preload.of(name) instead of Preload.join(name, binding), which runs once per chunk"));
      }
      PlannedQuery<T> planned = Planner.plan(query);
      List<Preload> restricted = PreloadTakes.of(query);
      return adapter.stream(planned, options.maxRows(), options.idleTimeout(),
          preloads.isEmpty() ? Mono::just : chunk -> preloader.preload(chunk, restricted, PreloadPrefix.of(query, null)));
    }).takeUntilOther(StreamScope.end()); // a StreamScope in the Context (a web exchange) ends it with it
  }

  /**
   * Preloads associations on a record (Ecto's {@code Repo.preload}): one query per association
   * level; dot paths nest ({@code "comments.author"}); associations loaded already are kept. A null
   * record gives an empty Mono, as Ecto's {@code Repo.preload(nil, ...)} gives nil.
   *
   * <pre>{@code repo.preload(post, "author", "comments.author") }</pre>
   *
   * @param record the record, or null
   * @param paths association names or dot paths
   * @param <T> the record type
   * @return the record with the associations loaded; empty for null
   */
  public <T> Mono<T> preload(T record, String... paths) {
    return record == null ? Mono.empty() : preload(List.of(record), paths).map(l -> l.get(0));
  }

  /**
   * Preloads associations on records, one query per association level for all of them. Sibling
   * associations load concurrently on separate pooled connections outside a transaction, one after
   * another inside one. Null entries stay null, in their places (Ecto keeps the nils of
   * {@code Repo.preload([nil, post], ...)}). Records read from another PostgreSQL schema (a
   * tenant's prefix) need {@link #preload(List, PreloadOptions, Preload...)}, which says where.
   *
   * <pre>{@code repo.preload(posts, "author", "comments") }</pre>
   *
   * @param records the records, all of one schema (null entries are kept as they are)
   * @param paths association names or dot paths
   * @param <T> the record type
   * @return the records with the associations loaded, in the same order
   */
  public <T> Mono<List<T>> preload(List<T> records, String... paths) {
    return Mono.defer(() -> {
      List<Preload> preloads = new java.util.ArrayList<>();
      for (String p : RepoArgs.given(paths, "preload", "list of paths")) {
        preloads.add(Preload.path(p));
      }
      return preloader.preload(RepoArgs.given(records, "preload", "list of records"), preloads, null);
    });
  }

  /**
   * Preloads with nested preloads, custom queries or forcing. A preload query must select the
   * associated records and a preload function return them, or the preload fails with a
   * {@link dev.flecto.PreloadException} naming the schema and the association.
   *
   * <pre>{@code repo.preload(posts, Preload.of("comments", Preload.of("author")).query(published)) }</pre>
   *
   * @param records the records (null entries are kept as they are)
   * @param preloads the preloads
   * @param <T> the record type
   * @return the records with the associations loaded
   */
  public <T> Mono<List<T>> preload(List<T> records, Preload... preloads) {
    return Mono.defer(() -> preloader.preload(RepoArgs.given(records, "preload", "list of records"),
        RepoArgs.list(preloads, "preload", "preloads"), null));
  }

  /**
   * Preloads on records read from another PostgreSQL schema (Ecto's {@code Repo.preload(structs,
   * preloads, prefix: "tenant_42")}). Ecto finds the prefix in each struct's {@code __meta__};
   * Flecto's records do not carry one, so give it here. The rule, at every level: a preload query's
   * {@link Query#sourcePrefix(String)} wins, then the associated schema's {@code @Schema(prefix)},
   * then the preload query's {@link Query#prefix(String)} (Ecto would overwrite this one), and
   * otherwise the associated records are read from the prefix their parents were read from.
   * Queries run by {@link #all(Query)}, {@link #one(Query)} and {@link #stream(Query)} preload by
   * the same rule from the prefix their records were read from, with no option.
   *
   * <pre>{@code
   * List<Post> posts = repo.all(Query.from(Post.class).prefix("tenant_42")).collectList().block();
   * repo.preload(posts, PreloadOptions.defaults().withPrefix("tenant_42"), Preload.of("comments"), Preload.of("tags"))
   * }</pre>
   *
   * @param records the records (null entries are kept as they are)
   * @param options where the records were read from
   * @param preloads the preloads
   * @param <T> the record type
   * @return the records with the associations loaded
   */
  public <T> Mono<List<T>> preload(List<T> records, PreloadOptions options, Preload... preloads) {
    return Mono.defer(() -> preloader.preload(RepoArgs.given(records, "preload", "list of records"),
        RepoArgs.list(preloads, "preload", "preloads"),
        RepoArgs.given(options, "preload", "PreloadOptions (use PreloadOptions.defaults())").prefix()));
  }

  /**
   * Counts the rows a query matches (Ecto's {@code aggregate(query, :count)}); over its page when
   * it has a limit or offset, and over its distinct rows (as it selects them) when it is distinct.
   *
   * <pre>{@code repo.aggregate(Query.from(Person.class).where("lastName", "Smith"), Aggregate.COUNT) // Mono<Long> }</pre>
   *
   * @param query the query
   * @param kind {@link Aggregate#COUNT}; the others need a field
   * @param <T> the record type
   * @return the count
   */
  public <T> Mono<Long> aggregate(Query<T> query, Aggregate kind) {
    return Mono.defer(() -> {
      RepoArgs.given(query, "aggregate", "query");
      RepoArgs.given(kind, "aggregate", "Aggregate");
      if (kind != Aggregate.COUNT) {
        return Mono.error(new QueryException(kind + " needs a field: aggregate(query, Aggregate." + kind
            + ", \"field\", Long.class), in query " + query));
      }
      return adapter.aggregate(Planner.plan(Aggregates.of(query)), kind, null).map(Long.class::cast);
    });
  }

  /**
   * An aggregate of a field over the rows a query matches (over its page when it has a limit or
   * offset), as the given type; empty when it is NULL (a sum, average, least or greatest value of
   * no rows). As in Ecto, a query with a limit, offset or distinct is read as a subquery selecting
   * only the field, so over a distinct query the aggregate sees each distinct value of the field
   * once (a count of distinct values), whatever the query selected.
   *
   * <pre>{@code
   * repo.aggregate(Query.from(Person.class), Aggregate.AVG, "age", BigDecimal.class)
   * repo.aggregate(Query.from(Person.class), Aggregate.MAX, "insertedAt", Instant.class)
   * repo.aggregate(Query.from(Person.class).distinct(), Aggregate.COUNT, "lastName", Long.class) // distinct last names
   * }</pre>
   *
   * @param query the query
   * @param kind the aggregate
   * @param field the field name
   * @param as the result's type (any field type; numbers are cast as by changesets)
   * @param <T> the record type
   * @param <R> the result type
   * @return the value, or empty
   */
  public <T, R> Mono<R> aggregate(Query<T> query, Aggregate kind, String field, Class<R> as) {
    return Mono.defer(() -> {
      RepoArgs.given(query, "aggregate", "query");
      RepoArgs.given(kind, "aggregate", "Aggregate");
      RepoArgs.given(field, "aggregate", "field");
      RepoArgs.given(as, "aggregate", "result class");
      PlannedQuery<?> planned = Planner.plan(Aggregates.of(query, field));
      if (planned.schema() == null) {
        return Mono.error(new QueryException("aggregate of a field needs a schema source, not " + RepoQueries.describeSource(query)
            + "; hint: select the aggregate, query.select(Exprs.sum(field(\"" + field + "\")), Long.class)"));
      }
      SchemaField f = planned.schema().findField(field);
      if (f == null || f.virtual()) {
        return Mono.error(new QueryException("field '" + field + "' in aggregate " + (f == null ? "does not exist in" : "is @Virtual in")
            + " schema " + planned.schema().describe() + ", in query " + query + "; hint: the schema's fields are "
            + planned.schema().fieldNames()));
      }
      FieldType type = FieldType.of(as);
      if (type == null) {
        return Mono.error(new QueryException("aggregate results can be read as " + FieldType.supportedTypes() + ", not "
            + as.getName()));
      }
      return adapter.aggregate(planned, kind, f).map(value -> {
        try {
          return as.cast(type.cast(value, as));
        } catch (IllegalArgumentException e) {
          throw new QueryException(kind + " of field '" + field + "' gave " + value + " (" + value.getClass().getSimpleName()
              + "), which cannot be read as " + as.getSimpleName() + ", in query " + query);
        }
      });
    });
  }

  /**
   * Whether a query matches any row (Ecto's {@code exists?}).
   *
   * <pre>{@code repo.exists(Query.from(Person.class).where("email", email)) }</pre>
   *
   * @param query the query
   * @param <T> the record type
   * @return true when a row matches
   */
  public <T> Mono<Boolean> exists(Query<T> query) {
    return Mono.defer(() -> adapter.exists(Planner.plan(RepoArgs.given(query, "exists", "query"))));
  }

  /**
   * Deletes every row matching a query's conditions in one statement (Ecto's {@code delete_all});
   * emits how many. The query may have only conditions: no order, limit or offset.
   *
   * <pre>{@code repo.deleteAll(Query.from(Person.class).where("age", Op.LT, 18)) }</pre>
   *
   * @param query the query
   * @param <T> the record type
   * @return the number of rows deleted
   */
  public <T> Mono<Long> deleteAll(Query<T> query) {
    if (readOnly != null) {
      return refused("deleteAll");
    }
    return Mono.defer(() -> adapter.deleteAll(RepoQueries.conditionsOnly(query, "deleteAll")));
  }

  /**
   * Updates every row matching a query's conditions in one statement (Ecto's {@code update_all}
   * with {@code set} and {@code inc}); emits how many. Timestamps are not touched, as in Ecto. The
   * query may have only conditions.
   *
   * <pre>{@code repo.updateAll(Query.from(Post.class).where("id", id), Updates.inc("views", 1)) }</pre>
   *
   * @param query the query
   * @param updates the updates
   * @param <T> the record type
   * @return the number of rows updated
   */
  public <T> Mono<Long> updateAll(Query<T> query, Updates updates) {
    if (readOnly != null) {
      return refused("updateAll");
    }
    return Mono.defer(() -> {
      PlannedQuery<T> planned = RepoQueries.conditionsOnly(query, "updateAll");
      return adapter.updateAll(planned, RepoQueries.updates(planned, RepoArgs.given(updates, "updateAll", "Updates")));
    });
  }

  /**
   * {@link #deleteAll(Query)} that emits each deleted row as the query selects it (Ecto's
   * {@code delete_all} with a select: {@code DELETE ... RETURNING}).
   *
   * <pre>{@code repo.deleteAllReturning(Query.from(Session.class).where(field("expiresAt").lt(Instant.now()))) }</pre>
   *
   * @param query the query: conditions, and a select of what to emit
   * @param <T> the row type
   * @return the deleted rows
   */
  public <T> Flux<T> deleteAllReturning(Query<T> query) {
    if (readOnly != null) {
      return this.<T>refused("deleteAllReturning").flux();
    }
    return Flux.defer(() -> adapter.deleteAllReturning(RepoQueries.conditionsOnly(query, "deleteAllReturning")));
  }

  /**
   * {@link #updateAll(Query, Updates)} that emits each updated row, as updated, the way the query
   * selects it ({@code UPDATE ... RETURNING}).
   *
   * <pre>{@code repo.updateAllReturning(Query.from(Job.class).where("state", "queued").select(field("id"), Long.class), Updates.set("state", "running")) }</pre>
   *
   * @param query the query: conditions, and a select of what to emit
   * @param updates the updates
   * @param <T> the row type
   * @return the updated rows
   */
  public <T> Flux<T> updateAllReturning(Query<T> query, Updates updates) {
    if (readOnly != null) {
      return this.<T>refused("updateAllReturning").flux();
    }
    return Flux.defer(() -> {
      PlannedQuery<T> planned = RepoQueries.conditionsOnly(query, "updateAllReturning");
      return adapter.updateAllReturning(planned, RepoQueries.updates(planned, RepoArgs.given(updates, "updateAllReturning", "Updates")));
    });
  }

  /**
   * The SQL and parameters a query runs as, without running it (Ecto's {@code to_sql}).
   *
   * <pre>{@code repo.toSql(Query.from(Person.class).where("age", 28)).text() }</pre>
   *
   * @param query the query
   * @param <T> the record type
   * @return the statement
   * @throws QueryException when the query does not fit its schema
   */
  public <T> SqlStatement toSql(Query<T> query) {
    return adapter.toSql(Planner.plan(query));
  }

  /**
   * The SQL statements a migration command runs as in this Repo's dialect, without running them
   * (as {@link #toSql(Query)} is for queries); the migrator runs them.
   *
   * <pre>{@code repo.toSql(Migrations.createIndex(Migrations.index("posts", "title"))) // [CREATE INDEX "posts_title_index" ON "posts" ("title")] }</pre>
   *
   * @param command the command
   * @return the statements, in order; empty for a {@code run} command
   * @throws dev.flecto.migration.MigrationException when the dialect cannot express the command
   */
  public List<String> toSql(dev.flecto.migration.Command command) {
    return adapter.ddl(java.util.Objects.requireNonNull(command, "command"));
  }

  /**
   * Runs raw SQL with {@code $1, $2, ...} parameters (Ecto's {@code Ecto.Adapters.SQL.query/4}),
   * the escape hatch for what queries cannot say: in the caller's transaction when there is one,
   * its errors translated ({@link dev.flecto.ConstraintException}, {@link dev.flecto.DatabaseException}
   * naming the SQL) and its telemetry told as for every statement. Values are always bound, never
   * spliced into the SQL.
   *
   * <pre>{@code
   * repo.query("UPDATE posts SET views = views + 1 WHERE id = $1", List.of(42)).map(QueryResult::numRows)
   * repo.query("SELECT id, title FROM posts WHERE title ILIKE $1", List.of("%flecto%")).map(QueryResult::maps)
   * }</pre>
   *
   * @param sql the statement
   * @param params the values of its placeholders, in order (null binds an untyped NULL; times are
   *     truncated to microseconds, as every bound time is)
   * @return the columns, rows and row count
   */
  public Mono<dev.flecto.adapter.QueryResult> query(String sql, List<?> params) {
    if (sql == null || sql.isBlank()) {
      return Mono.error(new QueryException("repo.query needs SQL, got " + (sql == null ? "null" : "a blank string")));
    }
    if (params == null) {
      return Mono.error(new QueryException("repo.query(\"" + sql + "\", null): give List.of() for no parameters"));
    }
    return Mono.defer(() -> adapter.query(sql, RawParams.of(params)));
  }

  /**
   * The single record a query matches, or empty; more than one fails with
   * {@link MultipleResultsException}.
   *
   * <pre>{@code repo.one(Query.from(Person.class).where("firstName", "Ryan")) }</pre>
   *
   * @param query the query
   * @param <T> the record type
   * @return the record or empty
   */
  public <T> Mono<T> one(Query<T> query) {
    if (query == null) {
      return Mono.error(RepoArgs.nullGiven("one", "query"));
    }
    return single(all(query), query);
  }

  // Ecto's one: at most one row.
  private static <T> Mono<T> single(Flux<T> rows, Query<T> query) {
    return rows.collectList().flatMap(list -> {
      if (list.size() > 1) {
        return Mono.error(new MultipleResultsException("expected at most one result but got " + list.size()
            + " for " + RepoQueries.describeSource(query) + " in query " + query));
      }
      return Mono.justOrEmpty(list.isEmpty() ? null : list.get(0));
    });
  }

  private static NoResultsException noResults(Query<?> query) {
    return new NoResultsException("expected at least one result but got none for " + RepoQueries.describeSource(query)
        + " in query " + query);
  }

  /**
   * Like {@link #one(Query)}, but fails with {@link NoResultsException} when nothing matches.
   *
   * <pre>{@code repo.oneOrFail(Query.from(Person.class).where("id", 1)) }</pre>
   *
   * @param query the query
   * @param <T> the record type
   * @return the record
   */
  public <T> Mono<T> oneOrFail(Query<T> query) {
    return one(query).switchIfEmpty(Mono.error(() -> noResults(query)));
  }

  /**
   * The record as it is now in the database, looked up by its primary key; empty when it was deleted.
   *
   * <pre>{@code repo.reload(person) }</pre>
   *
   * @param record the record
   * @param <T> the record type
   * @return the fresh record or empty
   */
  public <T> Mono<T> reload(T record) {
    return Mono.defer(() -> one(RepoQueries.keyQuery(RepoArgs.given(record, "reload", "record"), "reload")));
  }

  /**
   * Many records of one schema as they are now in the database, read in one query by their
   * primary keys (Ecto's {@code Repo.reload(structs)}): in the order given, with null where the
   * row was deleted. A record without its key, a null entry or records of two schemas fail the
   * Mono with an {@link ArgumentException}.
   *
   * <pre>{@code repo.reload(List.of(post1, post2)) // [fresh post1, null when post2 is gone] }</pre>
   *
   * @param records records of one schema
   * @param <T> the record type
   * @return the fresh records, in the input's order, null for the rows that are gone
   */
  public <T> Mono<List<T>> reload(List<T> records) {
    return Mono.defer(() -> Reloads.reload(records, "reload", this::all));
  }

  /**
   * Like {@link #reload(List)}, but fails with {@link NoResultsException} naming the keys of the
   * rows that are gone (Ecto's {@code reload!}).
   *
   * <pre>{@code repo.reloadOrFail(List.of(post1, post2)) }</pre>
   *
   * @param records records of one schema
   * @param <T> the record type
   * @return the fresh records, in the input's order
   */
  public <T> Mono<List<T>> reloadOrFail(List<T> records) {
    return Mono.defer(() -> Reloads.reloadOrFail(records, this::all));
  }

  /**
   * A record from a row raw SQL returned (Ecto's {@code Repo.load/2}): each persisted field takes
   * the row's value under its column name, or else its field name; a field the row lacks keeps
   * its default and other keys are ignored. No I/O, so no publisher: a value the field cannot
   * hold throws a {@link dev.flecto.LoadException} naming it, the field and the schema.
   *
   * <pre>{@code
   * repo.query("SELECT * FROM people WHERE age > $1", List.of(21))
   *     .map(result -> result.maps().stream().map(row -> repo.load(Person.class, row)).toList())
   * }</pre>
   *
   * @param type the schema class
   * @param row column (or field) name to value
   * @param <T> the record type
   * @return the record
   */
  public <T> T load(Class<T> type, Map<String, ?> row) {
    return RowLoads.load(type, row);
  }

  /**
   * Every row of a raw query's result as a record, as {@link #load(Class, Map)} loads one.
   *
   * <pre>{@code repo.query("SELECT * FROM people", List.of()).map(r -> repo.load(Person.class, r)) }</pre>
   *
   * @param type the schema class
   * @param result what {@link #query(String, List)} gave
   * @param <T> the record type
   * @return the records, in the result's order
   */
  public <T> List<T> load(Class<T> type, dev.flecto.adapter.QueryResult result) {
    RepoArgs.given(result, "load", "QueryResult");
    return RowLoads.load(type, result.columns(), result.rows());
  }

  /**
   * Like {@link #reload(Object)}, but fails with {@link NoResultsException} when the record is gone.
   *
   * <pre>{@code repo.reloadOrFail(person) }</pre>
   *
   * @param record the record
   * @param <T> the record type
   * @return the fresh record
   */
  public <T> Mono<T> reloadOrFail(T record) {
    return Mono.defer(() -> oneOrFail(RepoQueries.keyQuery(RepoArgs.given(record, "reloadOrFail", "record"), "reloadOrFail")));
  }

  /**
   * Inserts many entries of a schema in one statement per chunk of rows (Ecto's {@code insert_all}):
   * a multi-row {@code INSERT ... VALUES}, chunked so no statement has more than 65,535 parameters;
   * with more than one chunk they all run in one transaction (the caller's, or one of their own),
   * so a failing row leaves none of them. Entries are records or {@code Map<String, ?>} of field
   * name to value (cast as changesets cast; a field a map leaves out takes the column's default,
   * one it gives as null is written as NULL). A record gives every field: its nulls are written as
   * NULL ({@code @Default}s applied), not left out as {@link #insert(Object)} leaves them.
   * As in Ecto, nothing is autogenerated but keys: timestamps are not set, a database-generated key
   * comes from the database and a client UUID key is generated. An unknown field or a value that
   * cannot be cast fails with an {@link ArgumentException} naming the entry, field and
   * schema, before any SQL.
   *
   * <pre>{@code
   * repo.insertAll(Person.class, List.of(
   *     Map.of("firstName", "Ann", "age", 31),
   *     Map.of("firstName", "Bob", "age", "27")))       // Mono<Long>: 2
   * }</pre>
   *
   * @param type the schema class
   * @param entries records of the schema, or maps of field name to value
   * @param <T> the record type
   * @return how many rows were inserted
   */
  public <T> Mono<Long> insertAll(Class<T> type, List<?> entries) {
    return insertAll(type, entries, InsertAllOptions.defaults());
  }

  /**
   * {@link #insertAll(Class, List)} with upserts ({@code onConflict}, {@code conflictTarget}) or a
   * prefix. With {@code OnConflict.NOTHING} the count leaves out the skipped rows, as PostgreSQL
   * reports it. The {@code returning} option is for {@link #insertAllReturning}.
   *
   * <pre>{@code repo.insertAll(Tag.class, tags, InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING)) }</pre>
   *
   * @param type the schema class
   * @param entries records of the schema, or maps of field name to value
   * @param options the options
   * @param <T> the record type
   * @return how many rows were inserted
   */
  public <T> Mono<Long> insertAll(Class<T> type, List<?> entries, InsertAllOptions options) {
    return insertAllInto(type, null, entries, options);
  }

  /**
   * {@link #insertAll(Class, List, InsertAllOptions)} into another table with the schema's fields
   * and casting (Ecto's {@code insert_all({"table", Schema}, entries)}): an archive or a
   * partition with the same columns. The schema's prefix applies unless the options give one.
   *
   * <pre>{@code repo.insertAll(Post.class, "posts_archive", List.of(Map.of("title", "old")), InsertAllOptions.defaults()) }</pre>
   *
   * @param type the schema class
   * @param table the table inserted into
   * @param entries records of the schema, or maps of field name to value
   * @param options the options
   * @param <T> the record type
   * @return how many rows were inserted
   */
  public <T> Mono<Long> insertAll(Class<T> type, String table, List<?> entries, InsertAllOptions options) {
    return Mono.defer(() -> insertAllInto(type, RepoArgs.given(table, "insertAll", "table name"), entries, options));
  }

  private <T> Mono<Long> insertAllInto(Class<T> type, String table, List<?> entries, InsertAllOptions options) {
    if (readOnly != null) {
      return refused("insertAll");
    }
    return Mono.defer(() -> {
      dev.flecto.adapter.BulkInsert insert = InsertAllPlanner.plan(Schemas.of(RepoArgs.given(type, "insertAll", "schema class")),
          table, entries, RepoArgs.given(options, "insertAll", "InsertAllOptions"));
      return insert.rows().isEmpty() ? Mono.just(0L) : adapter.insertAll(insert);
    });
  }

  /**
   * {@link #insertAll(Class, List, InsertAllOptions)} that emits each inserted row as a record
   * ({@code RETURNING}): every field unless the options name some ({@code withReturning}), when
   * the others are left null (zero for primitives), as Ecto's {@code returning: [fields]}. When
   * the insert opened its own transaction, rows are emitted after it committed.
   *
   * <pre>{@code repo.insertAllReturning(Person.class, people, InsertAllOptions.defaults().withReturning("id")).map(Person::id) }</pre>
   *
   * @param type the schema class
   * @param entries records of the schema, or maps of field name to value
   * @param options the options
   * @param <T> the record type
   * @return the inserted records (PostgreSQL does not promise their order: match them by key)
   */
  public <T> Flux<T> insertAllReturning(Class<T> type, List<?> entries, InsertAllOptions options) {
    if (readOnly != null) {
      return this.<T>refused("insertAllReturning").flux();
    }
    return Flux.defer(() -> {
      SchemaMeta<T> meta = Schemas.of(RepoArgs.given(type, "insertAllReturning", "schema class"));
      RepoArgs.given(options, "insertAllReturning", "InsertAllOptions");
      dev.flecto.adapter.BulkInsert insert = InsertAllPlanner.plan(meta, entries,
          options.returning() == null ? options.withReturningAll() : options);
      java.util.function.Function<Object[], T> record = InsertAllPlanner.records(meta, insert.shape().returning());
      return insert.rows().isEmpty() ? Flux.empty() : adapter.insertAllReturning(insert).map(record);
    });
  }
  /**
   * Inserts maps of column name to value into a table without a schema (Ecto's
   * {@code insert_all("table", entries)}): values are sent as given, not cast, and nothing is
   * generated; a column an entry leaves out takes its default. Emits how many rows were inserted.
   * Options that need a schema (REPLACE_ALL, REPLACE_ALL_EXCEPT, an update, returning,
   * placeholders, {@code Copy.ALWAYS}) fail with an {@link ArgumentException} before any SQL.
   *
   * <pre>{@code repo.insertAll("events", List.of(Map.of("kind", "signup", "at", Instant.now())), InsertAllOptions.defaults()) }</pre>
   *
   * @param table the table
   * @param entries maps of column name to value
   * @param options the options (onConflict NOTHING or REPLACE of named columns, conflictTarget, prefix)
   * @return how many rows were inserted
   */
  public Mono<Long> insertAll(String table, List<? extends Map<String, ?>> entries, InsertAllOptions options) {
    if (readOnly != null) {
      return refused("insertAll");
    }
    return Mono.defer(() -> {
      RepoArgs.given(table, "insertAll", "table name");
      dev.flecto.adapter.SchemalessInsert insert = SchemalessPlanner.plan(table,
          RepoArgs.given(entries, "insertAll", "entries"), RepoArgs.given(options, "insertAll", "InsertAllOptions"));
      return insert.rows().isEmpty() ? Mono.just(0L) : adapter.insertAll(insert);
    });
  }

  /**
   * Inserts the rows a query selects, in one statement (Ecto's {@code insert_all(Post, query)}:
   * {@code INSERT INTO "posts" ("title", ...) SELECT ...}); emits how many. The columns are the
   * names the query selects, as Ecto's header: a map of field name to expression
   * ({@link Query#select(java.util.Map)}), a binding's {@code recordOf}/{@code mapOf} of some fields
   * (Ecto's {@code struct/2}, {@code map/2}), the source's whole record (no select, Ecto's
   * {@code select: p}: its persisted fields), or one with {@code selectMerge} (each field once, the
   * merged value in place). Each name must be a writable field of the schema. Nothing is cast or
   * autogenerated on the way: PostgreSQL converts each selected value to its column's type. Another
   * select, or a name the schema has not, fails with an {@link ArgumentException} before any SQL.
   *
   * <pre>{@code
   * repo.insertAll(Post.class, Query.from(Draft.class).where("ready", true)
   *     .select(Map.of("title", field("title"), "body", field("text"))))  // Mono<Long>
   * repo.insertAll(Post.class, Query.from(Draft.class).as("d").select(mapOf("d", "title", "body"), Map.class))
   * repo.insertAll(Post.class, Query.from(ArchivedPost.class))            // every field of the archive, by name
   * }</pre>
   *
   * @param type the schema class inserted into
   * @param query the query giving the rows
   * @param <T> the record type
   * @return how many rows were inserted
   */
  public <T> Mono<Long> insertAll(Class<T> type, Query<?> query) {
    return insertAll(type, query, InsertAllOptions.defaults());
  }

  /**
   * {@link #insertAll(Class, Query)} with the options of an insertAll of entries: conflict handling,
   * prefix ({@code placeholders} and {@code Copy.ALWAYS} are refused: there are no entries).
   *
   * <pre>{@code repo.insertAll(Tag.class, Query.from(Label.class).select(Map.of("name", field("name"))), InsertAllOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.NOTHING)) }</pre>
   *
   * @param type the schema class inserted into
   * @param query the query giving the rows
   * @param options the options
   * @param <T> the record type
   * @return how many rows were inserted
   */
  public <T> Mono<Long> insertAll(Class<T> type, Query<?> query, InsertAllOptions options) {
    if (readOnly != null) {
      return refused("insertAll");
    }
    return Mono.defer(() -> adapter.insertAll(InsertAllFromQuery.plan(Schemas.of(RepoArgs.given(type, "insertAll", "schema class")),
        null, query, RepoArgs.given(options, "insertAll", "InsertAllOptions"))));
  }

  /**
   * {@link #insertAll(Class, Query, InsertAllOptions)} that emits each inserted row as a record, as
   * {@link #insertAllReturning(Class, List, InsertAllOptions)} does.
   *
   * <pre>{@code repo.insertAllReturning(Post.class, Query.from(Draft.class).select(Map.of("title", field("title"))), InsertAllOptions.defaults()) }</pre>
   *
   * @param type the schema class inserted into
   * @param query the query giving the rows
   * @param options the options
   * @param <T> the record type
   * @return the inserted records
   */
  public <T> Flux<T> insertAllReturning(Class<T> type, Query<?> query, InsertAllOptions options) {
    if (readOnly != null) {
      return this.<T>refused("insertAllReturning").flux();
    }
    return Flux.defer(() -> {
      SchemaMeta<T> meta = Schemas.of(RepoArgs.given(type, "insertAllReturning", "schema class"));
      RepoArgs.given(options, "insertAllReturning", "InsertAllOptions");
      dev.flecto.adapter.BulkInsert insert = InsertAllFromQuery.plan(meta, null, query,
          options.returning() == null ? options.withReturningAll() : options);
      return adapter.insertAllReturning(insert).map(InsertAllPlanner.records(meta, insert.shape().returning()));
    });
  }


  /**
   * Runs work in a transaction: it commits when the work completes and emits the work's value only
   * after COMMIT succeeded; an error, a {@link #rollback(Object)} or a cancel rolls back and
   * releases the connection. Every Repo call inside the work, to the end of its pipeline, runs on
   * the transaction's connection (it travels in the Reactor Context). A nested {@code transact}
   * joins the outer transaction, as in Ecto.
   *
   * <pre>{@code
   * Mono<Post> created = repo.transact(() ->
   *     repo.insert(user).flatMap(u -> repo.insert(new Post(null, u.id(), "Hello"))));
   * }</pre>
   *
   * @param work the work, called once the transaction began
   * @param <T> the value type
   * @return the work's value, after commit
   */
  public <T> Mono<T> transact(Supplier<? extends Mono<T>> work) {
    return work == null ? Mono.error(RepoArgs.nullGiven("transact", "function")) : adapter.transact(work);
  }

  /**
   * Runs a {@link dev.flecto.multi.Multi} (Ecto's {@code Repo.transaction(multi)}): first every changeset given to
   * it as a value is checked and every {@code error} step taken, so an invalid one fails before
   * the transaction begins; then the steps run in order in one transaction, each function step
   * seeing the results so far. It emits every step's result by name after COMMIT. The first
   * failing step rolls everything back and fails with {@link dev.flecto.multi.MultiFailedException}: the step's
   * name, the failed value (the invalid changeset, the error step's value, the value given to
   * {@link #rollback(Object)}, or the exception) and the changes so far. Inside a transaction
   * already, the Multi joins it as a nested {@code transact} does: its failure aborts the
   * enclosing transaction, which then cannot commit (Ecto's semantics). To recover from a failed
   * Multi inside a transaction, run it with {@link #transact(dev.flecto.multi.Multi, TransactionOptions)}
   * and {@code TransactionOptions.withSavepoint(true)}: its failure then undoes its own steps only.
   *
   * <pre>{@code
   * repo.transact(Multi.create()
   *         .insert("user", userChangeset)
   *         .insert("post", changes -> Post.changeset(changes.get("user", User.class), params)))
   *     .map(result -> result.get("post", Post.class));
   * }</pre>
   *
   * @param multi the Multi
   * @return every step's result, after commit
   */
  public Mono<dev.flecto.multi.MultiResult> transact(dev.flecto.multi.Multi multi) {
    return transact(multi, TransactionOptions.defaults());
  }

  /**
   * {@link #transact(dev.flecto.multi.Multi)} with transaction options: isolation level, read-only,
   * timeouts and retry for a Multi that begins the transaction; inside a transaction,
   * {@code withSavepoint(true)} runs it in a savepoint, so its failure undoes its own steps and
   * leaves the enclosing transaction usable.
   *
   * <pre>{@code
   * repo.transact(() -> repo.insert(order).flatMap(o ->
   *     repo.transact(audit(o), TransactionOptions.defaults().withSavepoint(true))   // a failed audit is undone alone
   *         .onErrorResume(MultiFailedException.class, e -> Mono.empty())
   *         .thenReturn(o)));
   * }</pre>
   *
   * @param multi the Multi
   * @param options the options
   * @return every step's result, after commit
   * @throws ArgumentException when options is null
   */
  public Mono<dev.flecto.multi.MultiResult> transact(dev.flecto.multi.Multi multi, TransactionOptions options) {
    if (multi == null || options == null) {
      return Mono.error(RepoArgs.nullGiven("transact", multi == null ? "Multi" : "TransactionOptions (use TransactionOptions.defaults())"));
    }
    if (readOnly != null) {
      for (dev.flecto.multi.Operation op : multi.operations()) {
        if (WRITE_STEPS.contains(op.kind())) {
          return refused("transact(Multi) with the " + op.kind() + " step '" + op.name() + "'");
        }
      }
    }
    return MultiRunner.transact(this, multi, options);
  }

  /**
   * Ends the current transaction with a rollback; the transaction fails with a
   * {@link TransactionException} whose {@link TransactionException#value()} is the value. Outside
   * a transaction it fails with a {@link FlectoException}.
   *
   * <pre>{@code repo.transact(() -> stock < 1 ? repo.rollback("out of stock") : repo.insert(order)) }</pre>
   *
   * @param value why, handed to the caller of transact
   * @param <T> any type, so it fits a pipeline
   * @return a Mono that fails
   */
  public <T> Mono<T> rollback(Object value) {
    return adapter.inTransaction().flatMap(in -> in
        ? Mono.error(TransactionException.rolledBack(value))
        : Mono.error(new FlectoException("rollback(" + value + ") was called outside of a transaction; "
            + "call it inside repo.transact(...)")));
  }

  /**
   * {@link #transact(Supplier)} with options: isolation level, read-only, a statement timeout the
   * server enforces, a savepoint instead of joining when nested, and a retry of the whole
   * transaction on serialization failures and deadlocks (see {@link TransactionOptions}). When
   * the subscriber cancels while a statement of the transaction runs (a {@code timeout()}
   * downstream, a dispose), the server is asked to cancel that statement before the rollback, so
   * the connection is free at once instead of when the statement would have ended.
   *
   * <pre>{@code
   * // Two concurrent transfers that conflict: one fails with 40001 and runs again, reading afresh.
   * TransactionOptions serializable = TransactionOptions.defaults()
   *     .withIsolation(IsolationLevel.SERIALIZABLE)
   *     .withRetry(5, Duration.ofMillis(20));
   * Mono<Account> debited = repo.transact(serializable, () -> repo.getOrFail(Account.class, id)
   *     .flatMap(a -> repo.update(Changeset.change(a, Map.of("balance", a.balance() - 10)))));
   *
   * // A failure inside a savepoint is recovered; the outer transaction commits.
   * TransactionOptions inSavepoint = TransactionOptions.defaults().withSavepoint(true);
   * repo.transact(() -> repo.insert(order).flatMap(o ->
   *     repo.transact(inSavepoint, () -> repo.insert(audit(o))).onErrorResume(e -> Mono.empty()).thenReturn(o)));
   * }</pre>
   *
   * @param options the options
   * @param work the work, called once the transaction began (and again for each retry)
   * @param <T> the value type
   * @return the work's value, after commit
   * @throws ArgumentException when options is null
   */
  public <T> Mono<T> transact(TransactionOptions options, Supplier<? extends Mono<T>> work) {
    if (options == null || work == null) {
      return Mono.error(RepoArgs.nullGiven("transact", work == null ? "function" : "TransactionOptions (use TransactionOptions.defaults())"));
    }
    Mono<T> once = adapter.transact(options, work);
    if (options.maxAttempts() == 1) {
      return once;
    }
    // Only the outermost transact retries: a failure inside a transaction has aborted all of it.
    return adapter.inTransaction().flatMap(nested -> nested ? once : once.retryWhen(TransactionRetry.spec(options)));
  }

  /**
   * Runs work on one pooled connection held for its whole pipeline, without a transaction (Ecto's
   * {@code checkout}): every Repo call inside it runs on that connection, each statement
   * committing on its own, which saves a pool round trip per operation and keeps session state
   * (such as {@code SET} or temporary tables) between statements. {@link #inTransaction()} is
   * false inside; a {@link #transact(Supplier)} inside runs its transaction on the held
   * connection. The connection is released when the work completes, fails or is cancelled
   * (a statement still running then is cancelled on the server first). Inside a transaction or
   * another checkout, the work simply runs.
   *
   * <pre>{@code
   * Mono<Long> count = repo.checkout(() -> repo.insert(person)
   *     .then(repo.updateAll(Query.from(Person.class).where("id", person.id()), Updates.inc("logins", 1)))
   *     .then(repo.aggregate(Query.from(Person.class), Aggregate.COUNT)));
   * }</pre>
   *
   * @param work the work, called once the connection was acquired
   * @param <T> the value type
   * @return the work's value, after the connection was released
   */
  public <T> Mono<T> checkout(Supplier<? extends Mono<T>> work) {
    return work == null ? Mono.error(RepoArgs.nullGiven("checkout", "function")) : adapter.checkout(work);
  }

  /**
   * Whether the caller runs inside a transaction of this repo.
   *
   * <pre>{@code repo.transact(() -> repo.inTransaction()) // true }</pre>
   *
   * @return true inside a transaction
   */
  public Mono<Boolean> inTransaction() {
    return adapter.inTransaction();
  }

  /**
   * The repo's options.
   *
   * <pre>{@code repo.options().poolMaxSize() }</pre>
   *
   * @return the options
   */
  public RepoOptions options() {
    return options;
  }

  /**
   * Drains and closes the connection pool, waiting for connections in use to be released.
   *
   * <pre>{@code try (Repo repo = Repo.connect(url)) { ... } }</pre>
   */
  @Override
  public void close() {
    adapter.close().block();
  }

  /**
   * Drains and closes the connection pool without blocking.
   *
   * <pre>{@code repo.closeAsync().subscribe(); }</pre>
   *
   * @return completion
   */
  public Mono<Void> closeAsync() {
    return adapter.close();
  }
}
