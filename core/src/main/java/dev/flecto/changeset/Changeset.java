package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import dev.flecto.query.Query;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * An immutable set of changes to data, with the errors found while casting and validating them
 * and the database constraints that may turn into errors (Ecto.Changeset). Every step returns a
 * new changeset. The Repo writes only the changes, refuses an invalid changeset without touching
 * the database, and turns a violated declared constraint into a field error.
 *
 * <pre>{@code
 * Changeset<User> cs = Changeset.cast(User.class, params, "name", "email", "age")
 *     .validateRequired("name", "email")
 *     .validateFormat("email", Pattern.compile("@"))
 *     .validateNumber("age", NumberRule.greaterThanOrEqualTo(18))
 *     .uniqueConstraint("email");
 * cs.isValid();          // false when something is wrong
 * cs.errorsByField();    // {email=[has invalid format]}
 * repo.insert(cs);       // Mono<User>; InvalidChangesetException carries the changeset with its errors
 * }</pre>
 *
 * @param <T> the data type: a schema record, or {@code Map<String, Object>} for schemaless data
 */
public final class Changeset<T> {
  private final Shape<T> shape;
  private final T data;
  private final Map<String, Object> changes;
  private final List<ChangesetError> errors;
  private final Map<String, Object> params;
  private final List<Validation> validations;
  private final List<String> required;
  private final List<Constraint> constraints;
  private final Map<String, Object> filters;
  private final List<Function<Changeset<T>, Mono<Changeset<T>>>> preparations;
  private final String action;
  private final Map<String, AssocChange> assocChanges;
  private final Map<String, EmbedChange> embedChanges;

  Changeset(ChangesetState<T> s) {
    this.shape = s.shape;
    this.data = s.data;
    this.changes = s.sealedChanges();
    this.errors = s.sealedErrors();
    this.params = s.sealedParams();
    this.validations = s.sealedValidations();
    this.required = s.sealedRequired();
    this.constraints = s.sealedConstraints();
    this.filters = s.sealedFilters();
    this.preparations = s.sealedPreparations();
    this.action = s.action;
    this.assocChanges = s.sealedAssocChanges();
    this.embedChanges = s.sealedEmbedChanges();
  }

  // ---------------------------------------------------------------- creating

  /**
   * A changeset over a schema record with no changes yet.
   *
   * <pre>{@code Changeset.change(person).putChange("age", 29) }</pre>
   *
   * @param data the record
   * @param <T> the record type
   * @return the changeset
   */
  public static <T> Changeset<T> change(T data) {
    return new Changeset<>(new ChangesetState<>(new SchemaShape<>(Schemas.ofRecord(data)), data));
  }

  /**
   * A changeset from internal data that needs no casting: each value must already be of its
   * field's type. Values equal to the data's are not changes.
   *
   * <pre>{@code Changeset.change(person, Map.of("age", 29)) }</pre>
   *
   * @param data the record
   * @param changes field name to new value
   * @param <T> the record type
   * @return the changeset
   * @throws ArgumentException naming the field for an unknown field or a value of the wrong type
   */
  public static <T> Changeset<T> change(T data, Map<String, ?> changes) {
    return change(data).putChanges(changes);
  }

  /**
   * Casts external parameters onto a record (see {@link #cast(Map, CastOptions, String...)}).
   *
   * <pre>{@code Changeset.cast(person, Map.of("age", "29", "admin", "true"), "age") // admin is ignored }</pre>
   *
   * @param data the record the changes apply to
   * @param params external parameters, string keys
   * @param permitted the field names that may change
   * @param <T> the record type
   * @return the changeset
   */
  public static <T> Changeset<T> cast(T data, Map<String, ?> params, String... permitted) {
    return change(data).cast(params, CastOptions.defaults(), permitted);
  }

  /**
   * Casts external parameters onto a record with options.
   *
   * <pre>{@code Changeset.cast(person, params, CastOptions.defaults().withEmptyValues(List.of()), "bio") }</pre>
   *
   * @param data the record
   * @param params external parameters
   * @param options empty values and forced changes
   * @param permitted the field names that may change
   * @param <T> the record type
   * @return the changeset
   */
  public static <T> Changeset<T> cast(T data, Map<String, ?> params, CastOptions options, String... permitted) {
    return change(data).cast(params, options, permitted);
  }

  /**
   * Casts parameters onto a new, blank record of a schema (its {@code @Default}s applied), as
   * Ecto's {@code cast(%User{}, params, fields)}.
   *
   * <pre>{@code Changeset.cast(User.class, params, "name", "email") }</pre>
   *
   * @param type the schema record class
   * @param params external parameters
   * @param permitted the field names that may change
   * @param <T> the record type
   * @return the changeset
   */
  public static <T> Changeset<T> cast(Class<T> type, Map<String, ?> params, String... permitted) {
    return cast(Schemas.of(type).blank(), params, permitted);
  }

  /**
   * An empty schemaless changeset over a map with the given field types (Ecto's
   * {@code {%{}, types}}), for forms and API payloads that have no table.
   *
   * <pre>{@code
   * Changeset<Map<String, Object>> search = Changeset.schemaless(Map.of("q", String.class, "page", Integer.class))
   *     .cast(params, "q", "page")
   *     .validateRequired("q");
   * }</pre>
   *
   * @param types field name to Java type (the schema types, or {@code List})
   * @return the changeset
   */
  public static Changeset<Map<String, Object>> schemaless(Map<String, Class<?>> types) {
    return schemaless(types, Map.of());
  }

  /**
   * A schemaless changeset over existing data.
   *
   * <pre>{@code Changeset.schemaless(types, Map.of("page", 1)).cast(params, "page") }</pre>
   *
   * @param types field name to Java type
   * @param data the current values
   * @return the changeset
   */
  public static Changeset<Map<String, Object>> schemaless(Map<String, Class<?>> types, Map<String, ?> data) {
    SchemalessShape shape = new SchemalessShape(new LinkedHashMap<>(types));
    Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    return new Changeset<>(new ChangesetState<>(shape, copy));
  }

  /**
   * Casts external parameters (string keys, as JSON or form decoders give them) onto this
   * changeset, keeping only the permitted fields, with Ecto's default empty values.
   *
   * <pre>{@code Changeset.change(person).cast(Map.of("age", "29"), "age") }</pre>
   *
   * @param params external parameters
   * @param permitted the field names that may change
   * @return the new changeset
   */
  public Changeset<T> cast(Map<String, ?> params, String... permitted) {
    return cast(params, CastOptions.defaults(), permitted);
  }

  /**
   * Casts external parameters onto this changeset. Each permitted value is cast to its field's
   * type; one that cannot be becomes an {@code "is invalid"} error with {@code type} and
   * {@code validation: cast} metadata. An empty value (by the options; by default a blank string)
   * becomes the field's default, before casting; in a list field the empty entries are removed
   * and a list then empty by the options becomes the default too. A value equal to the data's
   * (decimals by value, lists element by element) is not a change unless the options force it.
   * Keys that are not permitted are ignored; parameters are merged into {@link #params()}.
   *
   * <pre>{@code cs.cast(Map.of("age", " "), CastOptions.defaults(), "age") // age becomes its default }</pre>
   *
   * @param params external parameters
   * @param options empty values and forced changes
   * @param permitted the field names that may change
   * @return the new changeset
   * @throws ArgumentException when a permitted name is not a field
   */
  public Changeset<T> cast(Map<String, ?> params, CastOptions options, String... permitted) {
    return Casting.cast(this, params, options, permitted);
  }

  // ---------------------------------------------------------------- reading

  /**
   * The data the changes apply to.
   *
   * <pre>{@code cs.data() }</pre>
   *
   * @return the data
   */
  public T data() {
    return data;
  }

  /**
   * The schema of the data.
   *
   * <pre>{@code cs.schema().table() }</pre>
   *
   * @return the schema
   * @throws ArgumentException for a schemaless changeset
   */
  public SchemaMeta<T> schema() {
    SchemaMeta<T> schema = shape.schema();
    if (schema == null) {
      throw new ArgumentException("a changeset over " + shape.describe() + " has no schema: it cannot be "
          + "written by a Repo; use applyAction(\"validate\") to read its data");
    }
    return schema;
  }

  /**
   * A readable name of what the changeset is over, for messages.
   *
   * <pre>{@code cs.describe() // "Person (table people)" }</pre>
   *
   * @return the description
   */
  public String describe() {
    return shape.describe();
  }

  /**
   * The parameters given to {@code cast}, or null when the changeset was never cast.
   *
   * <pre>{@code cs.params().get("passwordConfirmation") }</pre>
   *
   * @return the parameters
   */
  public Map<String, Object> params() {
    return params;
  }

  /**
   * The changes, field name to new value, in the order they were made.
   *
   * <pre>{@code cs.changes() // {age=29} }</pre>
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> changes() {
    return changes;
  }

  /**
   * A change's value, or null when the field did not change.
   *
   * <pre>{@code cs.getChange("age") }</pre>
   *
   * @param field the field name
   * @return the new value or null
   */
  public Object getChange(String field) {
    return changes.get(field);
  }

  /**
   * A change's value, or a default when the field did not change.
   *
   * <pre>{@code cs.getChange("age", 0) }</pre>
   *
   * @param field the field name
   * @param orElse the default
   * @return the value
   */
  public Object getChange(String field, Object orElse) {
    return changes.containsKey(field) ? changes.get(field) : orElse;
  }

  /**
   * A field's value: its change when it changed, else the data's.
   *
   * <pre>{@code cs.getField("lastName") }</pre>
   *
   * @param field the field name
   * @return the value
   * @throws ArgumentException for an unknown field
   */
  public Object getField(String field) {
    SchemaField f = field(field);
    return changes.containsKey(field) ? changes.get(field) : shape.get(data, f);
  }

  /**
   * A field's value, or a default when the name is not a field, or schemaless data lacks the key
   * (Ecto's {@code get_field/3}: a field whose value is null gives null).
   *
   * <pre>{@code cs.getField("notAField", "told you") // "told you" }</pre>
   *
   * @param field the field name
   * @param orElse the default
   * @return the value
   */
  public Object getField(String field, Object orElse) {
    return fetchField(field).map(Fetched::value).orElse(orElse);
  }

  /**
   * Where a field's value comes from and what it is: the change if there is one, else the data
   * (Ecto's {@code fetch_field}); empty for a field that does not exist or that schemaless data
   * lacks.
   *
   * <pre>{@code cs.fetchField("age") // Optional[Fetched[source=CHANGES, value=29]] }</pre>
   *
   * @param field the field name
   * @return the fetched value
   */
  public Optional<Fetched> fetchField(String field) {
    SchemaField f = shape.field(field);
    if (f == null) {
      return Optional.empty();
    }
    if (changes.containsKey(field)) {
      return Optional.of(new Fetched(Fetched.Source.CHANGES, changes.get(field)));
    }
    return shape.has(data, f) ? Optional.of(new Fetched(Fetched.Source.DATA, shape.get(data, f))) : Optional.empty();
  }

  /**
   * The change of a field, when there is one (Ecto's {@code fetch_change}).
   *
   * <pre>{@code cs.fetchChange("age").map(Fetched::value) }</pre>
   *
   * @param field the field name
   * @return the change, or empty
   */
  public Optional<Fetched> fetchChange(String field) {
    return changes.containsKey(field) ? Optional.of(new Fetched(Fetched.Source.CHANGES, changes.get(field)))
        : Optional.empty();
  }

  /**
   * Whether a field changed.
   *
   * <pre>{@code cs.changed("email") }</pre>
   *
   * @param field the field name
   * @return true when it is in the changes
   */
  public boolean changed(String field) {
    field(field);
    return changes.containsKey(field);
  }

  /**
   * Whether a field changed to the given value (Ecto's {@code changed?(cs, field, to: value)}).
   *
   * <pre>{@code cs.changedTo("published", true) }</pre>
   *
   * @param field the field name
   * @param value the new value
   * @return true when it changed to that value
   */
  public boolean changedTo(String field, Object value) {
    return changed(field) && Values.same(changes.get(field), value);
  }

  /**
   * Whether a field changed from the given value (Ecto's {@code changed?(cs, field, from: value)}).
   *
   * <pre>{@code cs.changedFrom("status", Status.DRAFT) }</pre>
   *
   * @param field the field name
   * @param value the data's value
   * @return true when it changed and the data held that value
   */
  public boolean changedFrom(String field, Object value) {
    return changed(field) && Values.same(shape.get(data, field(field)), value);
  }

  /**
   * The data with the changes applied, whether or not the changeset is valid.
   *
   * <pre>{@code Person preview = cs.applyChanges(); }</pre>
   *
   * @return the new data
   */
  public T applyChanges() {
    if (assocChanges.isEmpty()) {
      return shape.with(data, changes);
    }
    // Ecto's apply_changes applies association changes too: the records kept, with their changes.
    Map<String, Object> all = new LinkedHashMap<>(changes);
    assocChanges.forEach((name, change) -> {
      List<Object> kept = new ArrayList<>();
      change.entries().stream().filter(e -> e.op().kept()).forEach(e -> kept.add(e.changeset().applyChanges()));
      all.put(name, change.association().kind().many() ? dev.flecto.schema.Assoc.loaded(List.copyOf(kept))
          : dev.flecto.schema.Assoc.loaded(kept.isEmpty() ? null : kept.get(0)));
    });
    return shape.with(data, all);
  }

  /**
   * The data with the changes applied when the changeset is valid; otherwise an
   * {@link InvalidChangesetException} carrying the changeset with the action set (Ecto's
   * {@code apply_action}): how API payloads are validated without a database.
   *
   * <pre>{@code Changeset.schemaless(types).cast(params, "q").validateRequired("q").applyAction("search") }</pre>
   *
   * @param action the action name, such as "insert" or "search"
   * @return the data, or the error
   */
  public Mono<T> applyAction(String action) {
    return Mono.fromCallable(() -> applyActionOrThrow(action));
  }

  /**
   * Like {@link #applyAction(String)}, but returns or throws (Ecto's {@code apply_action!}).
   *
   * <pre>{@code Map<String, Object> search = cs.applyActionOrThrow("search"); }</pre>
   *
   * @param action the action name
   * @return the data with the changes applied
   * @throws InvalidChangesetException when the changeset is invalid
   */
  public T applyActionOrThrow(String action) {
    if (!isValid()) {
      throw new InvalidChangesetException(action, withAction(action));
    }
    return applyChanges();
  }

  /**
   * The action a Repo attempted with this changeset, set on the changeset an
   * {@link InvalidChangesetException} carries (insert, update, delete, or the name given to
   * {@link #applyAction(String)}); null before.
   *
   * <pre>{@code e.changeset().action() // "insert" }</pre>
   *
   * @return the action or null
   */
  public String action() {
    return action;
  }

  /**
   * This changeset with its action set (the Repo does this when it refuses a changeset).
   *
   * <pre>{@code cs.withAction("update") }</pre>
   *
   * @param name the action
   * @return the new changeset
   */
  public Changeset<T> withAction(String name) {
    ChangesetState<T> s = state();
    s.action = name;
    return new Changeset<>(s);
  }

  /**
   * The validations run so far, most recent first, except {@code validateRequired} (see
   * {@link #required()}), as Ecto's {@code validations/1}.
   *
   * <pre>{@code cs.validations() // [Validation[field=age, kind=number, options={greater_than=0}]] }</pre>
   *
   * @return the validations
   */
  public List<Validation> validations() {
    return validations;
  }

  /**
   * The fields marked required by {@link #validateRequired(String...)}.
   *
   * <pre>{@code cs.required() // [name, email] }</pre>
   *
   * @return the field names
   */
  public List<String> required() {
    return required;
  }

  /**
   * The declared constraints, in declaration order.
   *
   * <pre>{@code cs.constraints() }</pre>
   *
   * @return the constraints
   */
  public List<Constraint> constraints() {
    return constraints;
  }

  /**
   * Extra conditions an update or delete must meet besides the primary key, field name to value
   * (set by {@link #optimisticLock(String)}).
   *
   * <pre>{@code cs.filters() // {lockVersion=3} }</pre>
   *
   * @return the filters
   */
  public Map<String, Object> filters() {
    return filters;
  }

  /**
   * The errors, oldest first (Ecto's {@code changeset.errors} lists them newest first; use
   * {@link #traverseErrors(Function)} or {@link #errorsByField()} for Ecto's order). The errors
   * one validator gives together keep their order among themselves, as in Ecto.
   *
   * <pre>{@code cs.errors() }</pre>
   *
   * @return the errors
   */
  public List<ChangesetError> errors() {
    return errors;
  }

  /**
   * The errors of one field.
   *
   * <pre>{@code cs.errorsOn("email") }</pre>
   *
   * @param field the field name
   * @return its errors, possibly empty
   */
  public List<ChangesetError> errorsOn(String field) {
    return errors.stream().filter(e -> e.field().equals(field)).toList();
  }

  /**
   * Every error message by field with {@code %{key}} placeholders filled from the metadata, each
   * field's newest error first (as {@link #traverseErrors(Function)}).
   *
   * <pre>{@code
   * cs.validateLength("name", LengthRule.min(3)).addError("name", "is reserved").errorsByField()
   * // {name=[is reserved, should be at least 3 character(s)]}
   * }</pre>
   *
   * @return field name to messages, newest first
   */
  public Map<String, List<String>> errorsByField() {
    return traverseErrors(ChangesetError::formatted);
  }

  /**
   * Every error, formatted by the given function, by field (Ecto's {@code traverse_errors}): how
   * messages are translated. As in Ecto, a field's messages come newest first (the last error
   * added leads); fields come in the order of their first error. The function is called for the
   * errors in the order they were added.
   *
   * <pre>{@code cs.traverseErrors(e -> i18n.translate(e.message(), e.keys())) }</pre>
   *
   * @param formatter turns an error into a message
   * @return field name to messages, newest first
   */
  public Map<String, List<String>> traverseErrors(Function<ChangesetError, String> formatter) {
    return ErrorLists.byField(errors, formatter);
  }

  /**
   * Whether the changeset has no errors.
   *
   * <pre>{@code if (cs.isValid()) ... }</pre>
   *
   * @return true when valid
   */
  public boolean isValid() {
    return errors.isEmpty();
  }

  // ---------------------------------------------------------------- changing

  /**
   * Puts a change, already of the field's type; a value equal to the data's is not a change and
   * removes an earlier change of the field.
   *
   * <pre>{@code cs.putChange("age", 30) }</pre>
   *
   * @param field the field name
   * @param value the new value, or null
   * @return the new changeset
   * @throws ArgumentException for an unknown field or a value of the wrong type
   */
  public Changeset<T> putChange(String field, Object value) {
    return Casting.put(this, field, value);
  }

  /**
   * Replaces an association as a whole (Ecto's {@code put_assoc}): the value is the association's
   * new content, a list for has-many and many-to-many, one entry or null for has-one and belongs-to. Each entry is
   * a record (kept when it is associated already, associated when it is in the database, inserted
   * when new), a changeset of the associated schema (its changes written), or a map of field values
   * (an update of the associated record with the same primary key, else a new record). Associated
   * records the value no longer holds are replaced as the association's {@code onReplace} says:
   * RAISE (the default) throws, MARK_AS_INVALID adds an error on the association, NILIFY clears
   * their foreign key, DELETE and DELETE_IF_EXISTS delete them, UPDATE (has-one, belongs-to) writes
   * the fields of a map into the associated record, keeps its row unlinked for null (its foreign
   * key, or the owner's for a belongs-to, cleared) and refuses any other record or changeset, as
   * Ecto does. A many-to-many writes its join rows: new records are inserted, then a join row
   * (with a join schema's timestamps and defaults) links each record not linked before; DELETE
   * (or DELETE_IF_EXISTS) deletes the join rows of the records left out, never the records; with
   * {@code unique = true} an entry repeating an earlier one's primary key gets "has already been
   * taken" on its key and the association "is invalid". The Repo writes it all in the parent's
   * transaction. The association must be preloaded, unless the record is new.
   *
   * <pre>{@code
   * Changeset<Post> cs = Changeset.change(repo.preload(post, "comments").block())
   *     .putAssoc("comments", List.of(firstComment, Map.of("body", "new one")));
   * Post saved = repo.update(cs).block(); // saved.comments(): [firstComment, the new one]
   * repo.update(Changeset.change(repo.preload(post, "tags").block()).putAssoc("tags", List.of(java, Map.of("name", "new"))));
   * }</pre>
   *
   * @param name the association's name
   * @param value the new content
   * @return the new changeset
   * @throws ArgumentException for an unknown or through association, an
   *     entry of the wrong type, or another record given to an UPDATE association
   * @throws ArgumentException when the association is not loaded on a stored record, or when
   *     the value replaces associated records and onReplace is RAISE
   */
  public Changeset<T> putAssoc(String name, Object value) {
    ChangesetState<T> s = state();
    AssocChange change = AssocChanges.diff(schema(), data, name, value, s.errors());
    s.assocChanges().put(name, change);
    return new Changeset<>(s);
  }

  /**
   * Casts an association from the params given to {@code cast} (Ecto's {@code cast_assoc}) with
   * the associated schema's static {@code changeset(record, params)} method; see
   * {@link #castAssoc(String, CastAssocOptions)}.
   *
   * <pre>{@code
   * Changeset.cast(post, Map.of("title", "Hi", "comments", List.of(Map.of("body", "first"))), "title")
   *     .castAssoc("comments"); // Comment.changeset(blank comment, {body=first})
   * }</pre>
   *
   * @param name the association's name
   * @return the new changeset
   * @throws ArgumentException as {@link #castAssoc(String, CastAssocOptions)}, or when the
   *     associated schema has no such method
   */
  public Changeset<T> castAssoc(String name) {
    return castAssoc(name, CastAssocOptions.defaults());
  }

  /**
   * Casts an association from the params given to {@code cast} (Ecto's {@code cast_assoc}). The
   * params hold it under its name: a map for a has-one or belongs-to (null to remove it), a list
   * of maps for a has-many, or a map of them by index as forms send ({@code {"0": {...}, "1":
   * {...}}}, taken in the order of the indexes). Each entry whose primary key (text or number)
   * matches a loaded record is cast onto it by the options' function, an update; any other entry
   * is cast onto a blank record, an insert. The loaded records no entry matched are replaced as
   * the association's {@code onReplace} says: RAISE throws, MARK_AS_INVALID makes the params
   * invalid, NILIFY, DELETE, DELETE_IF_EXISTS and, for a has-one or belongs-to, UPDATE (any params
   * update the record in place) as {@link #putAssoc(String, Object)} does. When every entry
   * matched a record and changed nothing, no change is recorded (Ecto's skip). A function may set
   * its changeset's action to "ignore" (the entry is skipped) or, for a loaded record, "delete".
   * Params of the wrong shape add the invalid message, a required association with no record the
   * required message; an invalid entry changeset adds {@code "is invalid"} to the association, and
   * {@link ChangesetErrors#traverse(Changeset, Function)} nests the entries' errors as Ecto's
   * {@code traverse_errors} ({@code {comments=[{}, {body=[can't be blank]}]}}). The Repo writes
   * it all in one transaction; a constraint an entry's changeset declares that the database
   * reports violated rolls everything back and comes back as that entry's error, in the parent
   * changeset the {@link InvalidChangesetException} carries. The association must be preloaded,
   * unless the record is new.
   *
   * <pre>{@code
   * Changeset<Post> cs = Changeset.cast(repo.preload(post, "comments").block(), params, "title")
   *     .castAssoc("comments", CastAssocOptions.with(Comment::changeset).withRequired(true));
   * repo.update(cs); // comments updated by id, new ones inserted, the others replaced by onReplace
   * }</pre>
   *
   * @param name the association's name
   * @param options the function, required, messages, sort and drop parameters
   * @return the new changeset
   * @throws ArgumentException for an unknown or through association, a changeset
   *     never cast, an association not loaded on a stored record, onReplace RAISE replacing a
   *     record, or sort and drop parameters on a has-one or belongs-to
   */
  public Changeset<T> castAssoc(String name, CastAssocOptions<?> options) {
    return AssocCasting.cast(this, name, options);
  }

  /**
   * Casts an embed from the params given to {@code cast} (Ecto's {@code cast_embed}) with the
   * embedded schema's static {@code changeset(record, params)} method; see
   * {@link #castEmbed(String, CastEmbedOptions)}.
   *
   * <pre>{@code
   * Changeset.cast(user, Map.of("name", "Ann", "profile", Map.of("online", "true")), "name")
   *     .castEmbed("profile"); // Profile.changeset(the current profile or a blank one, {online=true})
   * }</pre>
   *
   * @param name the embed field's name
   * @return the new changeset
   * @throws ArgumentException as {@link #castEmbed(String, CastEmbedOptions)}, or when the
   *     embedded schema has no such method
   */
  public Changeset<T> castEmbed(String name) {
    return castEmbed(name, CastEmbedOptions.defaults());
  }

  /**
   * Casts an embed from the params given to {@code cast} (Ecto's {@code cast_embed}). The params
   * hold it under its name: a map for an embeds-one (null to remove it), a list of maps for an
   * embeds-many, or a map of them by index as forms send ({@code {"0": {...}, "1": {...}}}). Each
   * entry whose primary key matches a current embedded record is cast onto it by the options'
   * function; any other entry is cast onto a blank record, which gets a generated UUID id when its
   * schema has one (Ecto's autogenerated {@code binary_id}). Current records no entry matched are
   * replaced as the embed's {@code onReplace} says: RAISE throws, MARK_AS_INVALID makes the params
   * invalid, DELETE drops them, and for an embeds-one UPDATE casts any params onto the current
   * record. When every entry matched a record and changed nothing, no change is recorded (Ecto's
   * skip). A function may set its changeset's action to "ignore" (the entry is skipped) or, for a
   * current record, "delete" (it leaves the list). Params of the wrong shape add the invalid
   * message, a required embed with no record the required message; an invalid embedded changeset
   * adds {@code "is invalid"} to the field, and {@link ChangesetErrors#traverse(Changeset, Function)}
   * nests their errors ({@code {addresses=[{}, {city=[can't be blank]}]}}). The field's change is
   * the embedded records with their changes applied: the Repo writes the whole embed.
   *
   * <pre>{@code
   * Changeset<User> cs = Changeset.cast(user, params, "name")
   *     .castEmbed("addresses", CastEmbedOptions.with(Address::changeset).withRequired(true));
   * repo.update(cs); // the addresses column rewritten with the new list
   * }</pre>
   *
   * @param name the embed field's name
   * @param options the function, required, messages, sort and drop parameters
   * @return the new changeset
   * @throws ArgumentException for a field that is not an embed, a changeset never cast, onReplace
   *     RAISE replacing a record, or sort and drop parameters on an embeds-one
   */
  public Changeset<T> castEmbed(String name, CastEmbedOptions<?> options) {
    return EmbedCasting.cast(this, name, options);
  }

  /**
   * Replaces an embed as a whole (Ecto's {@code put_embed}): for an embeds-one a record, a
   * changeset of one, a map of its fields (applied to the current record when it has the same
   * key or onReplace is UPDATE, else to a blank one) or null; for an embeds-many a list of those.
   * A new record without an id gets a generated one. Current records the value leaves out are
   * replaced as the embed's {@code onReplace} says (RAISE throws, MARK_AS_INVALID adds
   * {@code "is invalid"}, DELETE and UPDATE drop them). A value that changes nothing is no change.
   *
   * <pre>{@code
   * Changeset.change(order).putEmbed("items", List.of(new Item(null, "Soap", 1))) // Item gets its id
   * Changeset.change(user).putEmbed("profile", Map.of("online", true))
   * }</pre>
   *
   * @param name the embed field's name
   * @param value the new content
   * @return the new changeset
   * @throws ArgumentException for a field that is not an embed, an entry of another type, or
   *     onReplace RAISE replacing a record
   */
  public Changeset<T> putEmbed(String name, Object value) {
    return EmbedCasting.put(this, name, value);
  }

  /**
   * The embed changes {@link #castEmbed(String, CastEmbedOptions)} and
   * {@link #putEmbed(String, Object)} made, by field name: the embedded records' own changesets
   * (their values are in {@link #changes()}).
   *
   * <pre>{@code cs.embedChanges().get("addresses").changesets().get(1).errors() }</pre>
   *
   * @return the changes
   */
  public Map<String, EmbedChange> embedChanges() {
    return embedChanges;
  }

  /**
   * This changeset with each loaded association of its data put as a change against nothing
   * (Ecto's {@code surface_changes} on insert), except the associations it changes already and
   * those not loaded or empty: their records are inserted when new, associated when they have a
   * key. {@code repo.insert} calls it, so inserting a record whose associations are loaded
   * inserts the whole tree.
   *
   * <pre>{@code
   * Post post = new Post(null, "hi", Assoc.loaded(List.of(new Comment(null, "first", null))));
   * Changeset.change(post).putLoadedAssocs().assocChanges().get("comments") // INSERT first
   * }</pre>
   *
   * @return the new changeset
   * @throws ArgumentException when a loaded value has the wrong shape for its association
   */
  public Changeset<T> putLoadedAssocs() {
    return AssocChanges.surface(this);
  }

  /**
   * This changeset with an association change replaced as given; the Repo uses it to hand back
   * the parent changeset with the failed entry's changeset (its constraint error) in place.
   *
   * <pre>{@code cs.withAssocChange(new AssocChange(association, entries)) }</pre>
   *
   * @param change the association's change
   * @return the new changeset
   */
  public Changeset<T> withAssocChange(AssocChange change) {
    ChangesetState<T> s = state();
    s.assocChanges().put(change.association().name(), change);
    return new Changeset<>(s);
  }

  /**
   * The association changes {@link #putAssoc(String, Object)} made, by association name.
   *
   * <pre>{@code cs.assocChanges().containsKey("comments") }</pre>
   *
   * @return the changes
   */
  public Map<String, AssocChange> assocChanges() {
    return assocChanges;
  }

  /**
   * Puts several typed changes at once (Ecto's {@code change(changeset, changes)}), each as
   * {@link #putChange(String, Object)} does.
   *
   * <pre>{@code cs.putChanges(Map.of("age", 30, "name", "Ann")) }</pre>
   *
   * @param newChanges field name to new value
   * @return the new changeset
   */
  public Changeset<T> putChanges(Map<String, ?> newChanges) {
    Changeset<T> cs = this;
    for (Map.Entry<String, ?> e : newChanges.entrySet()) {
      cs = cs.putChange(e.getKey(), e.getValue());
    }
    return cs;
  }

  /**
   * Puts a change even when it equals the data's value.
   *
   * <pre>{@code cs.forceChange("updatedBy", currentUser) }</pre>
   *
   * @param field the field name
   * @param value the new value
   * @return the new changeset
   */
  public Changeset<T> forceChange(String field, Object value) {
    return Casting.force(this, field, value);
  }

  /**
   * Removes a field's change.
   *
   * <pre>{@code cs.deleteChange("password") }</pre>
   *
   * @param field the field name
   * @return the new changeset
   */
  public Changeset<T> deleteChange(String field) {
    field(field);
    ChangesetState<T> s = state();
    s.changes().remove(field);
    return new Changeset<>(s);
  }

  /**
   * Replaces a field's change with a function of it; nothing happens when the field did not change.
   *
   * <pre>{@code cs.updateChange("email", v -> ((String) v).toLowerCase()) }</pre>
   *
   * @param field the field name
   * @param function the new value from the old
   * @return the new changeset
   */
  public Changeset<T> updateChange(String field, UnaryOperator<Object> function) {
    field(field);
    if (!changes.containsKey(field)) {
      return this;
    }
    return putChange(field, function.apply(changes.get(field)));
  }

  /**
   * Merges another changeset over the same data (Ecto's {@code merge}): its changes win over this
   * one's; the errors of both are kept, each once; validations, constraints and required fields
   * are added to this one's, filters and parameters merged (the other's win); the preparations
   * run this one's first, then the other's, each in the order registered (an
   * {@link #optimisticLock(String)} among them bumps the version whichever side it came from).
   * The action is the one either has; two different actions are refused, as in Ecto.
   *
   * <pre>{@code base.merge(extra) }</pre>
   *
   * @param other a changeset over equal data
   * @return the merged changeset
   * @throws ArgumentException when the data or the actions differ
   */
  public Changeset<T> merge(Changeset<T> other) {
    if (!Objects.equals(data, other.data)) {
      throw new ArgumentException("different data when merging changesets: " + data + " and " + other.data);
    }
    if (action != null && other.action != null && !action.equals(other.action)) {
      throw new ArgumentException("different actions ('" + action + "' and '" + other.action
          + "') when merging changesets over " + shape.describe());
    }
    ChangesetState<T> s = state();
    s.action = action != null ? action : other.action;
    s.changes().putAll(other.changes);
    List<ChangesetError> merged = ErrorLists.unique(errors, other.errors);
    s.errors().clear();
    s.errors().addAll(merged);
    s.validations().addAll(other.validations);
    other.required.stream().filter(f -> !s.required().contains(f)).forEach(s.required()::add);
    s.constraints().addAll(other.constraints);
    s.filters().putAll(other.filters);
    s.preparations().addAll(other.preparations);
    s.embedChanges().putAll(other.embedChanges);
    if (other.params != null) {
      s.params().putAll(other.params);
    }
    return new Changeset<>(s);
  }

  /**
   * Adds an error to a field; the changeset becomes invalid.
   *
   * <pre>{@code cs.addError("email", "is banned", Map.of("validation", "policy")) }</pre>
   *
   * @param field the field name
   * @param message the message template
   * @param keys metadata for translation
   * @return the new changeset
   */
  public Changeset<T> addError(String field, String message, Map<String, ?> keys) {
    ChangesetState<T> s = state();
    s.errors().add(new ChangesetError(field, message, Map.copyOf(keys)));
    return new Changeset<>(s);
  }

  /**
   * Adds an error with no metadata.
   *
   * <pre>{@code cs.addError("name", "is reserved") }</pre>
   *
   * @param field the field name
   * @param message the message
   * @return the new changeset
   */
  public Changeset<T> addError(String field, String message) {
    return addError(field, message, Map.of());
  }

  /**
   * Registers a function the Repo runs inside its transaction just before the write, when it
   * performs the write: the changeset is valid and, for an update, has changes (Ecto's
   * {@code prepare_changes}): for work that must be atomic with the write, such as bumping a
   * counter. Functions run in the order registered ({@link #optimisticLock(String)}'s increment
   * among them).
   *
   * <pre>{@code
   * cs.prepareChanges(c -> repo.updateAll(...).thenReturn(c.putChange("position", 3)))
   * }</pre>
   *
   * @param function the changeset to write, from the changeset
   * @return the new changeset
   */
  public Changeset<T> prepareChanges(Function<Changeset<T>, Mono<Changeset<T>>> function) {
    ChangesetState<T> s = state();
    s.preparations().add(function);
    return new Changeset<>(s);
  }

  /**
   * Whether {@link #prepareChanges(Function)} registered functions.
   *
   * <pre>{@code cs.hasPreparations() }</pre>
   *
   * @return true when there is something to run before the write
   */
  public boolean hasPreparations() {
    return !preparations.isEmpty();
  }

  /**
   * Runs the registered preparations in order and returns the changeset to write (with none
   * left registered). The Repo calls this inside its transaction.
   *
   * <pre>{@code repo.transact(() -> cs.prepared().flatMap(...)) }</pre>
   *
   * @return the prepared changeset
   */
  public Mono<Changeset<T>> prepared() {
    ChangesetState<T> s = state();
    s.preparations().clear();
    Mono<Changeset<T>> out = Mono.just(new Changeset<>(s));
    for (Function<Changeset<T>, Mono<Changeset<T>>> f : preparations) {
      out = out.flatMap(f);
    }
    return out;
  }

  // ---------------------------------------------------------------- validations

  /**
   * Adds {@code "can't be blank"} to each field that is missing (null, or blank after trimming)
   * in the changes or else in the data, unless the field already has an error; the flagged field's
   * change is dropped. Unlike other validations it looks at the data too.
   *
   * <pre>{@code cs.validateRequired("name", "email") }</pre>
   *
   * @param fields the required field names
   * @return the new changeset
   */
  public Changeset<T> validateRequired(String... fields) {
    return validateRequired(List.of(fields), "can't be blank");
  }

  /**
   * {@link #validateRequired(String...)} with a custom message.
   *
   * <pre>{@code cs.validateRequired(List.of("name"), "is required") }</pre>
   *
   * @param fields the required field names
   * @param message the message
   * @return the new changeset
   */
  public Changeset<T> validateRequired(List<String> fields, String message) {
    return ValidationSteps.required(this, fields, message);
  }

  /**
   * Checks a changed string against a pattern (found anywhere in it, as Elixir's {@code =~}).
   *
   * <pre>{@code cs.validateFormat("email", Pattern.compile("@")) }</pre>
   *
   * @param field the field name
   * @param pattern the pattern
   * @return the new changeset
   */
  public Changeset<T> validateFormat(String field, Pattern pattern) {
    return validateFormat(field, pattern, "has invalid format");
  }

  /**
   * {@link #validateFormat(String, Pattern)} with a custom message.
   *
   * <pre>{@code cs.validateFormat("title", Pattern.compile("^\\w+:\\s"), "must start with a topic") }</pre>
   *
   * @param field the field name
   * @param pattern the pattern
   * @param message the message
   * @return the new changeset
   */
  public Changeset<T> validateFormat(String field, Pattern pattern, String message) {
    return ValidationSteps.format(this, field, pattern, message);
  }

  /**
   * Checks the length of a changed string (graphemes by default), {@code byte[]} or list.
   *
   * <pre>{@code cs.validateLength("name", LengthRule.between(2, 30)) }</pre>
   *
   * @param field the field name
   * @param rule the bounds
   * @return the new changeset
   */
  public Changeset<T> validateLength(String field, LengthRule rule) {
    return ValidationSteps.length(this, field, rule);
  }

  /**
   * Checks a changed number against bounds; the first bound that fails gives the error.
   *
   * <pre>{@code cs.validateNumber("age", NumberRule.greaterThanOrEqualTo(18), NumberRule.lessThan(150)) }</pre>
   *
   * @param field the field name
   * @param rules the bounds
   * @return the new changeset
   */
  public Changeset<T> validateNumber(String field, NumberRule... rules) {
    return ValidationSteps.number(this, field, rules);
  }

  /**
   * Checks that a changed value is one of the given values.
   *
   * <pre>{@code cs.validateInclusion("role", List.of("admin", "member")) }</pre>
   *
   * @param field the field name
   * @param values the allowed values
   * @return the new changeset
   */
  public Changeset<T> validateInclusion(String field, Collection<?> values) {
    return validateInclusion(field, values, "is invalid");
  }

  /**
   * {@link #validateInclusion(String, Collection)} with a custom message.
   *
   * <pre>{@code cs.validateInclusion("role", roles, "is not a role") }</pre>
   *
   * @param field the field name
   * @param values the allowed values
   * @param message the message
   * @return the new changeset
   */
  public Changeset<T> validateInclusion(String field, Collection<?> values, String message) {
    return ValidationSteps.inclusion(this, field, values, message);
  }

  /**
   * Checks that a changed value is none of the given values.
   *
   * <pre>{@code cs.validateExclusion("name", List.of("admin", "superuser")) }</pre>
   *
   * @param field the field name
   * @param values the reserved values
   * @return the new changeset
   */
  public Changeset<T> validateExclusion(String field, Collection<?> values) {
    return validateExclusion(field, values, "is reserved");
  }

  /**
   * {@link #validateExclusion(String, Collection)} with a custom message.
   *
   * <pre>{@code cs.validateExclusion("name", reserved, "is taken by the system") }</pre>
   *
   * @param field the field name
   * @param values the reserved values
   * @param message the message
   * @return the new changeset
   */
  public Changeset<T> validateExclusion(String field, Collection<?> values, String message) {
    return ValidationSteps.exclusion(this, field, values, message);
  }

  /**
   * Checks that every element of a changed list is one of the given values.
   *
   * <pre>{@code cs.validateSubset("tags", List.of("java", "elixir")) }</pre>
   *
   * @param field the field name (a list)
   * @param values the allowed elements
   * @return the new changeset
   */
  public Changeset<T> validateSubset(String field, Collection<?> values) {
    return validateSubset(field, values, "has an invalid entry");
  }

  /**
   * {@link #validateSubset(String, Collection)} with a custom message.
   *
   * <pre>{@code cs.validateSubset("tags", allowed, "has an unknown tag") }</pre>
   *
   * @param field the field name
   * @param values the allowed elements
   * @param message the message
   * @return the new changeset
   */
  public Changeset<T> validateSubset(String field, Collection<?> values, String message) {
    return ValidationSteps.subset(this, field, values, message);
  }

  /**
   * Checks that the parameter of that name is true ({@code true}, "true" or "1"), as a terms
   * checkbox (Ecto's {@code validate_acceptance}). It looks only at the parameters, so the field
   * need not be in the schema; a missing parameter is not accepted. A changeset that was never
   * cast is not checked.
   *
   * <pre>{@code cs.validateAcceptance("termsOfService") }</pre>
   *
   * @param field the parameter name
   * @return the new changeset
   */
  public Changeset<T> validateAcceptance(String field) {
    return validateAcceptance(field, "must be accepted");
  }

  /**
   * {@link #validateAcceptance(String)} with a custom message.
   *
   * <pre>{@code cs.validateAcceptance("terms", "please accept the terms") }</pre>
   *
   * @param field the parameter name
   * @param message the message
   * @return the new changeset
   */
  public Changeset<T> validateAcceptance(String field, String message) {
    return ValidationSteps.acceptance(this, field, message);
  }

  /**
   * Checks that the parameters {@code <field>} and {@code <field>Confirmation} are equal (Ecto's
   * {@code validate_confirmation}); it looks only at the parameters, and the error goes to the
   * confirmation. A missing confirmation is not an error (APIs seldom send one).
   *
   * <pre>{@code cs.validateConfirmation("password") // compares params password and passwordConfirmation }</pre>
   *
   * @param field the field name
   * @return the new changeset
   */
  public Changeset<T> validateConfirmation(String field) {
    return validateConfirmation(field, false, "does not match confirmation");
  }

  /**
   * {@link #validateConfirmation(String)} where the confirmation may be required (a missing one is
   * {@code "can't be blank"}) and the message chosen.
   *
   * <pre>{@code cs.validateConfirmation("password", true, "does not match password") }</pre>
   *
   * @param field the field name
   * @param requireConfirmation whether the confirmation must be given
   * @param message the mismatch message
   * @return the new changeset
   */
  public Changeset<T> validateConfirmation(String field, boolean requireConfirmation, String message) {
    return ValidationSteps.confirmation(this, field, requireConfirmation, message);
  }

  /**
   * Runs a custom validator on a field's change when it changed to a non-null value (Ecto's
   * {@code validate_change}); the validator returns the errors to add.
   *
   * <pre>{@code
   * cs.validateChange("title", (field, value) -> "foo".equals(value)
   *     ? List.of(new ChangesetError(field, "cannot be foo", Map.of()))
   *     : List.of())
   * }</pre>
   *
   * @param field the field name
   * @param validator the errors for the field and its new value
   * @return the new changeset
   */
  public Changeset<T> validateChange(String field, BiFunction<String, Object, List<ChangesetError>> validator) {
    return ValidationSteps.change(this, field, validator);
  }

  /**
   * {@link #validateChange(String, BiFunction)} that also records the validation under a kind in
   * {@link #validations()}.
   *
   * <pre>{@code cs.validateChange("isbn", "isbn", Map.of(), (f, v) -> checkIsbn(f, v)) }</pre>
   *
   * @param field the field name
   * @param kind the validation's kind
   * @param options its options
   * @param validator the errors for the field and its new value
   * @return the new changeset
   */
  public Changeset<T> validateChange(String field, String kind, Map<String, ?> options,
      BiFunction<String, Object, List<ChangesetError>> validator) {
    return ValidationSteps.change(this, field, kind, options, validator);
  }

  /**
   * Asks the database whether another row already has the same values in the given fields, and
   * adds {@code "has already been taken"} to the first field if so (Ecto's
   * {@code unsafe_validate_unique}). "Unsafe" because a concurrent insert can still win: declare a
   * {@link #uniqueConstraint(String)} too. It runs only when the changeset changed one of the
   * fields, none of them has an error and none is null.
   *
   * <p>The changeset is a value and does not know the Repo: it is given the function that runs a
   * query, normally {@code repo::all}, so the check runs wherever that Repo runs (inside the
   * caller's transaction too).
   *
   * <pre>{@code cs.unsafeValidateUnique(repo::all, "email").flatMap(repo::insert) }</pre>
   *
   * @param all runs a query and gives its rows ({@code repo::all}); read to its end, never cancelled
   * @param fields the fields whose combination must be unique
   * @return the changeset, checked
   */
  public Mono<Changeset<T>> unsafeValidateUnique(Function<? super Query<T>, ? extends Publisher<T>> all, String... fields) {
    return UniqueCheck.run(this, all, List.of(fields), "has already been taken");
  }

  // ---------------------------------------------------------------- constraints

  /**
   * Declares the unique index on a field, named {@code <table>_<column>_index} as Ecto (and
   * Ecto's migrations) name it.
   *
   * <pre>{@code cs.uniqueConstraint("email") // users_email_index }</pre>
   *
   * @param field the field
   * @return the new changeset
   */
  public Changeset<T> uniqueConstraint(String field) {
    return uniqueConstraint(List.of(field), ConstraintOptions.defaults());
  }

  /**
   * Declares a unique index over several fields ({@code <table>_<col1>_<col2>_index} by default);
   * the error goes to the first field unless the options say otherwise.
   *
   * <pre>{@code cs.uniqueConstraint(List.of("email", "companyId"), ConstraintOptions.defaults()) }</pre>
   *
   * @param fields the fields
   * @param options name, match, message, error key
   * @return the new changeset
   */
  public Changeset<T> uniqueConstraint(List<String> fields, ConstraintOptions options) {
    return ConstraintDeclarations.unique(this, fields, options);
  }

  /**
   * Declares the foreign key of a field, named {@code <table>_<column>_fkey} by default.
   *
   * <pre>{@code cs.foreignKeyConstraint("postId") // comments_post_id_fkey: "does not exist" }</pre>
   *
   * @param field the foreign key field
   * @return the new changeset
   */
  public Changeset<T> foreignKeyConstraint(String field) {
    return foreignKeyConstraint(field, ConstraintOptions.defaults());
  }

  /**
   * Declares the foreign key of a field with options.
   *
   * <pre>{@code cs.foreignKeyConstraint("postId", ConstraintOptions.named("comments_post_fk")) }</pre>
   *
   * @param field the foreign key field
   * @param options name, match, message, error key
   * @return the new changeset
   */
  public Changeset<T> foreignKeyConstraint(String field, ConstraintOptions options) {
    return ConstraintDeclarations.foreignKey(this, field, options);
  }

  /**
   * Declares that the parent of a belongs-to association must exist: the foreign key
   * {@code <assoc>Id}'s constraint ({@code <table>_<assoc>_id_fkey}), with the error on the
   * association's name. The foreign key is the declared {@code @BelongsTo}'s, or by Ecto's
   * convention {@code <assoc>Id} when the schema declares no such association.
   *
   * <pre>{@code cs.assocConstraint("post") // comments_post_id_fkey: post "does not exist" }</pre>
   *
   * @param assoc the association name
   * @return the new changeset
   */
  public Changeset<T> assocConstraint(String assoc) {
    return assocConstraint(assoc, ConstraintOptions.defaults());
  }

  /**
   * {@link #assocConstraint(String)} with options.
   *
   * <pre>{@code cs.assocConstraint("author", ConstraintOptions.named("posts_author_fk")) }</pre>
   *
   * @param assoc the association name
   * @param options name, match, message
   * @return the new changeset
   */
  public Changeset<T> assocConstraint(String assoc, ConstraintOptions options) {
    return ConstraintDeclarations.assoc(this, assoc, options);
  }

  /**
   * Declares that deleting this record must fail with an error (not raise) while children still
   * point at it: the children table's foreign key, {@code <children table>_<foreign key column>_fkey}
   * of the declared association (a many-to-many's join table's), with "is still associated with
   * this entry" for a has-one; when the schema declares no such association, by Ecto's
   * convention {@code <assoc>_<schema>_id_fkey} (the association name taken as the children's table).
   *
   * <pre>{@code Changeset.change(user).noAssocConstraint("posts") // posts_user_id_fkey: "are still associated with this entry" }</pre>
   *
   * @param assoc the association name
   * @return the new changeset
   */
  public Changeset<T> noAssocConstraint(String assoc) {
    return noAssocConstraint(assoc, ConstraintOptions.defaults());
  }

  /**
   * {@link #noAssocConstraint(String)} with options (use the message "is still associated with
   * this entry" for a has-one).
   *
   * <pre>{@code cs.noAssocConstraint("profile", ConstraintOptions.defaults().message("is still associated with this entry")) }</pre>
   *
   * @param assoc the association name
   * @param options name, match, message
   * @return the new changeset
   */
  public Changeset<T> noAssocConstraint(String assoc, ConstraintOptions options) {
    return ConstraintDeclarations.noAssoc(this, assoc, options);
  }

  /**
   * Declares a check constraint; its name must be given, as in Ecto.
   *
   * <pre>{@code cs.checkConstraint("price", ConstraintOptions.named("price_must_be_positive")) // "is invalid" }</pre>
   *
   * @param field the field the error goes to
   * @param options the name (required), match, message
   * @return the new changeset
   * @throws ArgumentException without a name
   */
  public Changeset<T> checkConstraint(String field, ConstraintOptions options) {
    return ConstraintDeclarations.check(this, field, options);
  }

  /**
   * Declares an exclusion constraint, named {@code <table>_<column>_exclusion} by default.
   *
   * <pre>{@code cs.exclusionConstraint("during") // "violates an exclusion constraint" }</pre>
   *
   * @param field the field the error goes to
   * @return the new changeset
   */
  public Changeset<T> exclusionConstraint(String field) {
    return exclusionConstraint(field, ConstraintOptions.defaults());
  }

  /**
   * {@link #exclusionConstraint(String)} with options.
   *
   * <pre>{@code cs.exclusionConstraint("during", ConstraintOptions.named("no_overlapping_bookings")) }</pre>
   *
   * @param field the field the error goes to
   * @param options name, match, message
   * @return the new changeset
   */
  public Changeset<T> exclusionConstraint(String field, ConstraintOptions options) {
    return ConstraintDeclarations.exclusion(this, field, options);
  }

  /**
   * The changeset with the error of a declared constraint that the database reported violated, or
   * empty when no declared constraint matches (the Repo then raises).
   *
   * <pre>{@code cs.withConstraintViolation("23505", "users_email_index") }</pre>
   *
   * @param sqlState the violation's SQLSTATE
   * @param constraintName the violated constraint's name
   * @return the changeset with the error, or empty
   */
  public Optional<Changeset<T>> withConstraintViolation(String sqlState, String constraintName) {
    return ConstraintDeclarations.violated(this, sqlState, constraintName);
  }

  // ---------------------------------------------------------------- optimistic locking

  /**
   * Optimistic locking on an integer version field (Ecto's {@code optimistic_lock}): an update or
   * delete matches only the row whose version is still the data's, and a write the Repo performs
   * sets the version one higher (rolling over to 1 at the type's maximum). The increment is a
   * prepare callback, as in Ecto: it runs, in the order registered among the other
   * {@link #prepareChanges(Function)} callbacks, only when the Repo performs the write; an update
   * with no changes sends nothing and keeps the version, while a change a callback adds goes out
   * with the new version. A stale write fails with {@link dev.flecto.StaleEntryException}, or see
   * the Repo's write options.
   *
   * <pre>{@code repo.update(Changeset.cast(post, params, "title").optimisticLock("lockVersion")) }</pre>
   *
   * @param field the version field (Integer, Long or Short)
   * @return the new changeset
   * @throws ArgumentException naming the field when its current value is null
   */
  public Changeset<T> optimisticLock(String field) {
    return optimisticLock(field, OptimisticLock::incrementWithRollover);
  }

  /**
   * Optimistic locking with a custom next value (such as a timestamp), written as the function
   * gives it.
   *
   * <pre>{@code cs.optimisticLock("version", v -> UUID.randomUUID()) }</pre>
   *
   * @param field the version field
   * @param next the next version from the current one
   * @return the new changeset
   * @throws ArgumentException naming the field when its current value is null
   */
  public Changeset<T> optimisticLock(String field, UnaryOperator<Object> next) {
    Object current = getField(field);
    if (current == null) {
      throw new ArgumentException("optimisticLock on field '" + field + "' of " + shape.describe()
          + ": the current version is null; give the field a @Default (such as \"1\") so new rows start versioned");
    }
    ChangesetState<T> s = state();
    s.filters().put(field, current);
    s.preparations().add(OptimisticLock.bump(field, current, next));
    return new Changeset<>(s);
  }

  @Override
  public String toString() {
    return "Changeset<" + shape.describe() + ">[action=" + action + ", changes=" + changes + ", errors=" + errors
        + ", valid=" + isValid() + "]";
  }

  // ---------------------------------------------------------------- internals

  Shape<T> shape() {
    return shape;
  }

  List<Function<Changeset<T>, Mono<Changeset<T>>>> preparations() {
    return preparations;
  }

  SchemaField field(String name) {
    SchemaField f = shape.field(name);
    if (f == null) {
      throw new ArgumentException("field '" + name + "' does not exist in " + shape.describe()
          + "; its fields are: " + shape.fieldNames());
    }
    return f;
  }

  /** The next step's state: the collections shared with this changeset until the step edits them. */
  ChangesetState<T> state() {
    return new ChangesetState<>(this);
  }
}
