package dev.flecto.schema;

import dev.flecto.SchemaException;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A schema's metadata: its table, fields, primary key and timestamps, with fast construction and
 * component access through method handles. Obtain one with {@link Schemas#of(Class)}.
 *
 * <pre>{@code
 * SchemaMeta<Person> meta = Schemas.of(Person.class);
 * Person blank = meta.blank();                                 // defaults applied
 * Person renamed = meta.with(person, Map.of("firstName", "Ann"));
 * Object age = meta.get(person, meta.field("age"));
 * }</pre>
 *
 * @param <T> the record type
 */
public final class SchemaMeta<T> {
  private final Class<T> type;
  private final String table;
  private final String prefix;
  private final List<SchemaField> fields;
  private final List<SchemaField> persisted;
  private final List<SchemaField> loaded;
  private final List<SchemaField> readOnly;
  private final List<SchemaField> primaryKey;
  private final Map<String, SchemaField> byName;
  private final RecordPlan plan;
  private final String fieldNames;

  private final List<Association> associations;
  // The same schema in other PostgreSQL schemas (a tenant's prefix), made once each, so that a
  // statement cache keyed by the meta finds them again; held by the meta Schemas.of gives.
  private final java.util.concurrent.ConcurrentHashMap<String, SchemaMeta<T>> inPrefixes;
  private final SchemaMeta<T> declared;
  private final boolean embedded;

  SchemaMeta(Class<T> type, String table, String prefix, List<SchemaField> fields,
      MethodHandle constructor, java.util.function.Function<Object, Object>[] accessors, List<Association> associations) {
    this(type, table, prefix, fields, constructor, accessors, associations, false);
  }

  SchemaMeta(Class<T> type, String table, String prefix, List<SchemaField> fields,
      MethodHandle constructor, java.util.function.Function<Object, Object>[] accessors, List<Association> associations,
      boolean embedded) {
    this.embedded = embedded;
    this.associations = List.copyOf(associations);
    this.type = type;
    this.table = table;
    this.prefix = prefix;
    this.fields = List.copyOf(fields);
    this.persisted = fields.stream().filter(SchemaField::persisted).collect(Collectors.toUnmodifiableList());
    this.loaded = persisted.stream().filter(SchemaField::loadInQuery).collect(Collectors.toUnmodifiableList());
    this.readOnly = persisted.stream().filter(SchemaField::readOnly).collect(Collectors.toUnmodifiableList());
    this.primaryKey = fields.stream().filter(SchemaField::primaryKey).collect(Collectors.toUnmodifiableList());
    Map<String, SchemaField> names = new HashMap<>();
    fields.forEach(f -> names.put(f.name(), f));
    this.byName = Map.copyOf(names);
    this.plan = new RecordPlan(this.fields, constructor, accessors);
    this.fieldNames = fields.stream().map(SchemaField::name).collect(Collectors.joining(", "));
    plan.newInstance(plan.blankValues()); // fail at first use, not at first row, if the constructor rejects defaults
    this.inPrefixes = new java.util.concurrent.ConcurrentHashMap<>();
    this.declared = this;
  }

  /** A copy of the declared meta with another prefix: everything shared but the prefix. */
  private SchemaMeta(SchemaMeta<T> declared, String prefix) {
    this.associations = declared.associations;
    this.type = declared.type;
    this.table = declared.table;
    this.prefix = prefix;
    this.fields = declared.fields;
    this.persisted = declared.persisted;
    this.loaded = declared.loaded;
    this.readOnly = declared.readOnly;
    this.primaryKey = declared.primaryKey;
    this.byName = declared.byName;
    this.plan = declared.plan;
    this.embedded = declared.embedded;
    this.fieldNames = declared.fieldNames;
    this.inPrefixes = null;
    this.declared = declared;
  }

  /**
   * This schema's table in another PostgreSQL schema, a tenant's (what a write runs on under a
   * Repo's or the Reactor Context's default prefix, which overrides {@code @Schema(prefix)} for
   * writes as Ecto's {@code :prefix} option does). Each prefix's meta is made once and then reused,
   * so caches keyed by the meta keep working.
   *
   * <pre>{@code Schemas.of(Person.class).inPrefix("tenant_42").prefix() // "tenant_42" }</pre>
   *
   * @param schemaName the PostgreSQL schema
   * @return the meta whose {@link #prefix()} is {@code schemaName}
   */
  public SchemaMeta<T> inPrefix(String schemaName) {
    if (java.util.Objects.equals(schemaName, prefix)) {
      return this;
    }
    if (schemaName == null) {
      throw new dev.flecto.ArgumentException("SchemaMeta.inPrefix needs a PostgreSQL schema name, got null");
    }
    if (schemaName.equals(declared.prefix)) {
      return declared;
    }
    return declared.inPrefixes.computeIfAbsent(schemaName, p -> new SchemaMeta<>(declared, p));
  }

  /**
   * The record class.
   *
   * <pre>{@code meta.type() // Person.class }</pre>
   *
   * @return the class
   */
  public Class<T> type() {
    return type;
  }

  /**
   * The table name.
   *
   * <pre>{@code meta.table() // "people" }</pre>
   *
   * @return the table
   * @throws SchemaException for an {@link Embedded} schema, which has none
   */
  public String table() {
    if (embedded) {
      throw new SchemaException(type.getSimpleName() + " is an @Embedded schema: it has no table, it is stored in a "
          + "jsonb field of the schemas that embed it; query and write those schemas");
    }
    return table;
  }

  /**
   * Whether the record is an {@link Embedded} schema: no table, stored inside a parent's field.
   *
   * <pre>{@code Schemas.of(Address.class).embedded() // true }</pre>
   *
   * @return true for an embedded schema
   */
  public boolean embedded() {
    return embedded;
  }

  /**
   * The PostgreSQL schema holding the table, or null for the search path.
   *
   * <pre>{@code meta.prefix() // "audit" or null }</pre>
   *
   * @return the prefix or null
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Every component, in declaration order.
   *
   * <pre>{@code meta.fields().size() }</pre>
   *
   * @return the fields
   */
  public List<SchemaField> fields() {
    return fields;
  }

  /**
   * The components that have a column, in declaration order: what queries select.
   *
   * <pre>{@code meta.persistedFields() }</pre>
   *
   * @return the persisted fields
   */
  public List<SchemaField> persistedFields() {
    return persisted;
  }

  /**
   * The persisted components that queries reading the whole record load, in declaration order:
   * every persisted field but those declared {@code loadInQuery = false} (Ecto's query fields).
   * What {@code repo.all}, gets, preloads and the record an insert returns read.
   *
   * <pre>{@code Schemas.of(Doc.class).loadedFields() // [id, title], without @Column(loadInQuery = false) body }</pre>
   *
   * @return the loaded fields; the persisted fields when none is left out
   */
  public List<SchemaField> loadedFields() {
    return loaded;
  }

  /**
   * The persisted {@link ReadOnly} components, in declaration order: the columns the database
   * fills (a default, a trigger, a generated expression), which an update reads back, since it
   * cannot know their new values (Ecto's {@code read_after_writes}).
   *
   * <pre>{@code Schemas.of(Order.class).readOnlyFields() // [centsWithTax] }</pre>
   *
   * @return the read-only persisted fields, often none
   */
  public List<SchemaField> readOnlyFields() {
    return readOnly;
  }

  /**
   * The primary-key components, in declaration order (empty when the schema has none).
   *
   * <pre>{@code meta.primaryKey() // [id] }</pre>
   *
   * @return the key fields
   */
  public List<SchemaField> primaryKey() {
    return primaryKey;
  }

  /**
   * The primary key, failing with a clear message when the schema has none.
   *
   * <pre>{@code meta.requirePrimaryKey("delete") }</pre>
   *
   * @param operation what needs the key, for the message
   * @return the key fields
   * @throws SchemaException naming the schema and the operation
   */
  public List<SchemaField> requirePrimaryKey(String operation) {
    if (primaryKey.isEmpty()) {
      throw new SchemaException("schema " + describe() + " has no @Id component, and " + operation
          + " needs a primary key; mark the key component(s) with @Id");
    }
    return primaryKey;
  }

  /**
   * The single primary-key field, failing with a clear message when the schema has none or a
   * composite key.
   *
   * <pre>{@code meta.requireSingleKey("get", "use getBy with every key field").name() // "id" }</pre>
   *
   * @param operation what needs the key, for the message
   * @param hint what to do instead with a composite key
   * @return the key field
   * @throws SchemaException naming the schema, the operation and the hint
   */
  public SchemaField requireSingleKey(String operation, String hint) {
    List<SchemaField> pk = requirePrimaryKey(operation);
    if (pk.size() != 1) {
      throw new SchemaException(operation + " needs a schema with exactly one @Id, but " + describe() + " has "
          + pk.size() + "; " + hint);
    }
    return pk.get(0);
  }

  /**
   * A field by component name.
   *
   * <pre>{@code meta.field("age").column() }</pre>
   *
   * @param name the component name
   * @return the field
   * @throws dev.flecto.ArgumentException naming the schema and its fields when there is no such field
   */
  public SchemaField field(String name) {
    SchemaField f = byName.get(name);
    if (f == null) {
      throw new dev.flecto.ArgumentException("field '" + name + "' does not exist in schema " + describe()
          + "; its fields are: " + fieldNames);
    }
    return f;
  }

  /**
   * A field by component name, or null.
   *
   * <pre>{@code meta.findField("age") }</pre>
   *
   * @param name the component name
   * @return the field or null
   */
  public SchemaField findField(String name) {
    return byName.get(name);
  }

  /**
   * The associations the schema declares, in declaration order.
   *
   * <pre>{@code Schemas.of(Post.class).associations() }</pre>
   *
   * @return the associations
   */
  public List<Association> associations() {
    return associations;
  }

  /**
   * An association by name, or null.
   *
   * <pre>{@code Schemas.of(Post.class).association("comments") }</pre>
   *
   * @param name the association's name
   * @return the association or null
   */
  public Association association(String name) {
    return associations.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * The field of this schema that an association's keys point at: the association's
   * {@code references}, or else this schema's single primary key. This schema is the target of a
   * belongs-to and the owner of a has-one or has-many; a many-to-many's keys on both sides are the
   * primary keys.
   *
   * <pre>{@code Schemas.of(Post.class).referencedKey(postMeta.association("comments"), "preload") // id }</pre>
   *
   * @param a an association to or from this schema
   * @param use what needs the key, for the message when there is no single primary key
   * @return the field
   * @throws SchemaException when the key is not named and the primary key is missing or composite
   */
  public SchemaField referencedKey(Association a, String use) {
    return a.references().isEmpty() || a.kind() == Association.Kind.MANY_TO_MANY
        ? requireSingleKey(use, "name the key in the association (references)")
        : field(a.references());
  }

  /**
   * The direct associations a through association follows, each resolved in the schema the one
   * before it loads, and checked: every step exists, and the last one loads the declared target.
   * A through step may itself be a through association; it is expanded in place.
   *
   * <pre>{@code Schemas.of(Post.class).chain(postMeta.association("commentAuthors")) // [comments, author] }</pre>
   *
   * @param through a through association of this schema
   * @return the direct associations, from this schema outwards
   * @throws SchemaException when a step does not exist or the chain ends at another schema
   */
  public List<Association> chain(Association through) {
    return ThroughChains.chain(this, through);
  }

  /**
   * The comma-separated names of all fields, for messages.
   *
   * <pre>{@code meta.fieldNames() // "id, firstName, lastName, age" }</pre>
   *
   * @return the names
   */
  public String fieldNames() {
    return fieldNames;
  }

  /**
   * The schema's simple name and table, for messages.
   *
   * <pre>{@code meta.describe() // "Person (table people)" }</pre>
   *
   * @return a description
   */
  public String describe() {
    if (embedded) {
      return type.getSimpleName() + " (embedded)";
    }
    return type.getSimpleName() + " (table " + (prefix == null ? "" : prefix + ".") + table + ")";
  }

  /**
   * A component's value.
   *
   * <pre>{@code meta.get(person, meta.field("age")) // 28 }</pre>
   *
   * @param record the record
   * @param field one of this schema's fields
   * @return the value
   */
  public Object get(T record, SchemaField field) {
    return plan.get(record, field.index());
  }

  /**
   * A new record from every component's value, in declaration order. Null for a primitive
   * component becomes its zero, and for an embeds-many an empty list (Ecto's default).
   *
   * <pre>{@code meta.newInstance(new Object[] {1L, "Ann", "Lee", 28}) }</pre>
   *
   * @param values one value per component (the array may be used by the record)
   * @return the record
   */
  @SuppressWarnings("unchecked")
  public T newInstance(Object[] values) {
    return (T) plan.newInstance(values);
  }

  /**
   * A record with every {@link Default} applied and other components null (zero for primitives):
   * the starting point of a changeset for new data, like Ecto's {@code %Person{}}.
   *
   * <pre>{@code Changeset.cast(meta.blank(), params, "name") }</pre>
   *
   * @return the blank record
   */
  public T blank() {
    return newInstance(plan.blankValues());
  }

  /**
   * Every component's value of a record, in declaration order.
   *
   * <pre>{@code meta.values(person) }</pre>
   *
   * @param record the record
   * @return a fresh array of values
   */
  public Object[] values(T record) {
    Object[] out = new Object[fields.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = get(record, fields.get(i));
    }
    return out;
  }

  /**
   * A copy of a record with some components replaced, by component name.
   *
   * <pre>{@code meta.with(person, Map.of("age", 29)) }</pre>
   *
   * @param record the record
   * @param changes component name to new value
   * @return the new record
   * @throws IllegalArgumentException for an unknown component name
   */
  public T with(T record, Map<String, ?> changes) {
    if (changes.isEmpty()) {
      return record;
    }
    Object[] values = values(record);
    changes.forEach((name, value) -> values[field(name).index()] = value);
    return newInstance(values);
  }

  /**
   * A record from values read for {@link #persistedFields()} (in that order), taking virtual
   * components from {@code base} (null when there is none, as for rows from a query).
   *
   * <pre>{@code meta.fromPersisted(rowValues, null) }</pre>
   *
   * @param persistedValues one loaded value per persisted field
   * @param base the record whose virtual components to keep, or null
   * @return the record
   */
  public T fromPersisted(Object[] persistedValues, T base) {
    return from(persisted, persistedValues, base);
  }

  /**
   * A record from values read for {@link #loadedFields()} (in that order), as a query reading the
   * whole record builds it: the fields it did not load take their defaults (or, given a
   * {@code base}, its values), virtual components too.
   *
   * <pre>{@code meta.fromLoaded(rowValues, null) }</pre>
   *
   * @param loadedValues one loaded value per loaded field
   * @param base the record whose other components to keep, or null
   * @return the record
   */
  public T fromLoaded(Object[] loadedValues, T base) {
    return from(loaded, loadedValues, base);
  }

  private T from(List<SchemaField> read, Object[] readValues, T base) {
    if (read.size() == fields.size()) {
      return newInstance(readValues);
    }
    Object[] values = base == null ? plan.unread() : values(base);
    for (int i = 0; i < read.size(); i++) {
      values[read.get(i).index()] = readValues[i];
    }
    plan.notLoadedAssocs(values);
    return newInstance(values);
  }

  /**
   * The components of a record read from a row before its values are filled in: associations not
   * loaded (never null); virtual components, fields that load only when a query names them and
   * {@code defaultsToStruct} embeds at their defaults; the rest null.
   *
   * <pre>{@code Object[] components = meta.rowComponents(); components[idField.index()] = 42L; meta.newInstance(components) }</pre>
   *
   * @return a new array, one slot per component
   */
  public Object[] rowComponents() {
    return plan.unread();
  }

  /**
   * What each component becomes when {@link #newInstance} is given null for it: a primitive's
   * zero, an embeds-many's empty list, else null. For readers that pass values to the record's
   * constructor themselves, so they fill nulls as {@code newInstance} does.
   *
   * <pre>{@code meta.componentsIfNull()[rankField.index()] // 0 for an int component }</pre>
   *
   * @return a new array, one slot per component
   */
  public Object[] componentsIfNull() {
    return plan.ifNull();
  }

  /** Every component's blank value (its default, zero or null; associations not loaded), in a new array. */
  Object[] blankComponents() {
    return plan.blankValues();
  }

  @Override
  public String toString() {
    return "SchemaMeta[" + describe() + ": " + fieldNames + "]";
  }

}
