package dev.flecto.changeset;

import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable set of changes to a schema record, with the errors found while casting and
 * validating them (Ecto.Changeset). The Repo writes only the changes, and refuses a changeset
 * that is not {@linkplain #isValid() valid} without touching the database.
 *
 * <pre>{@code
 * Changeset<Person> cs = Changeset.cast(Person.class, Map.of("firstName", "Ryan", "age", "28"),
 *         "firstName", "lastName", "age")
 *     .validateRequired("firstName", "lastName");
 * cs.isValid();           // false
 * cs.errorsByField();     // {lastName=[can't be blank]}
 * cs.getChange("age");    // 28 (cast from "28")
 * }</pre>
 *
 * @param <T> the schema record type
 */
public final class Changeset<T> {
  private final SchemaMeta<T> meta;
  private final T data;
  private final Map<String, Object> changes;
  private final List<ChangesetError> errors;

  private Changeset(SchemaMeta<T> meta, T data, Map<String, Object> changes, List<ChangesetError> errors) {
    this.meta = meta;
    this.data = data;
    this.changes = Collections.unmodifiableMap(changes);
    this.errors = List.copyOf(errors);
  }

  /**
   * A changeset over a record with no changes yet, to add changes to.
   *
   * <pre>{@code Changeset.change(person).putChange("age", 29) }</pre>
   *
   * @param data the record
   * @param <T> the record type
   * @return the changeset
   */
  public static <T> Changeset<T> change(T data) {
    return new Changeset<>(Schemas.ofRecord(data), data, new LinkedHashMap<>(), List.of());
  }

  /**
   * A changeset from internal data that needs no casting: each value must already be of its
   * field's type. Values equal to the record's current ones are not changes (as in Ecto).
   *
   * <pre>{@code Changeset.change(person, Map.of("age", 29)) }</pre>
   *
   * @param data the record
   * @param changes field name to new value
   * @param <T> the record type
   * @return the changeset
   * @throws IllegalArgumentException naming the field for an unknown field or a value of the wrong type
   */
  public static <T> Changeset<T> change(T data, Map<String, ?> changes) {
    Changeset<T> cs = change(data);
    for (Map.Entry<String, ?> e : changes.entrySet()) {
      cs = cs.putChange(e.getKey(), e.getValue());
    }
    return cs;
  }

  /**
   * Casts external parameters (string keys, as JSON or form decoders give them) onto a record,
   * keeping only the permitted fields. Each value is cast to its field's type; one that cannot be
   * becomes an {@code "is invalid"} error. A blank string counts as empty and becomes the field's
   * default (Ecto's {@code empty_values}). Keys that are not permitted are ignored.
   *
   * <pre>{@code Changeset.cast(person, Map.of("age", "29", "admin", "true"), "age") // admin ignored }</pre>
   *
   * @param data the record the changes apply to
   * @param params external parameters
   * @param permitted the field names that may be changed
   * @param <T> the record type
   * @return the changeset
   * @throws IllegalArgumentException when a permitted name is not a field of the schema
   */
  public static <T> Changeset<T> cast(T data, Map<String, ?> params, String... permitted) {
    SchemaMeta<T> meta = Schemas.ofRecord(data);
    Map<String, Object> changes = new LinkedHashMap<>();
    List<ChangesetError> errors = new ArrayList<>();
    for (String name : permitted) {
      SchemaField field = castable(meta, name);
      if (!params.containsKey(name)) {
        continue;
      }
      Object raw = params.get(name);
      if (raw instanceof String s && s.isBlank()) {
        raw = field.defaultValue();
      }
      try {
        Object value = field.cast(raw);
        if (!sameValue(value, meta.get(data, field))) {
          changes.put(name, value);
        }
      } catch (IllegalArgumentException e) {
        errors.add(new ChangesetError(name, "is invalid", Map.of("type", field.typeName(), "validation", "cast")));
      }
    }
    return new Changeset<>(meta, data, changes, errors);
  }

  /**
   * Casts parameters onto a new, blank record of a schema (its {@code @Default}s applied), as
   * Ecto's {@code cast(%Person{}, params, fields)}.
   *
   * <pre>{@code Changeset.cast(Person.class, params, "firstName", "lastName", "age") }</pre>
   *
   * @param type the schema record class
   * @param params external parameters
   * @param permitted the field names that may be changed
   * @param <T> the record type
   * @return the changeset
   */
  public static <T> Changeset<T> cast(Class<T> type, Map<String, ?> params, String... permitted) {
    return cast(Schemas.of(type).blank(), params, permitted);
  }

  /**
   * Adds an error on each field that is missing: null, or a blank string, in the changes or else
   * in the data. A field that already has an error gets no second one; a flagged field's change
   * is dropped, as in Ecto.
   *
   * <pre>{@code cs.validateRequired("firstName", "lastName") // lastName: "can't be blank" }</pre>
   *
   * @param fields the required field names
   * @return the new changeset
   * @throws IllegalArgumentException when a name is not a field of the schema
   */
  public Changeset<T> validateRequired(String... fields) {
    List<ChangesetError> added = new ArrayList<>(errors);
    Map<String, Object> kept = new LinkedHashMap<>(changes);
    for (String name : fields) {
      meta.field(name);
      Object value = getField(name);
      boolean missing = value == null || (value instanceof String s && s.isBlank());
      if (missing && errorsOn(name).isEmpty()) {
        added.add(new ChangesetError(name, "can't be blank", Map.of("validation", "required")));
        kept.remove(name); // as Ecto: a missing required field leaves no change behind
      }
    }
    return added.size() == errors.size() ? this : new Changeset<>(meta, data, kept, added);
  }

  /**
   * Adds an error to a field; the changeset becomes invalid.
   *
   * <pre>{@code cs.addError("email", "is taken", Map.of("validation", "unique")) }</pre>
   *
   * @param field the field name
   * @param message the message template ({@code %{count}} style keys are interpolated by
   *     {@link #errorsByField()})
   * @param keys metadata for translation
   * @return the new changeset
   */
  public Changeset<T> addError(String field, String message, Map<String, ?> keys) {
    List<ChangesetError> added = new ArrayList<>(errors);
    added.add(new ChangesetError(field, message, Map.copyOf(keys)));
    return new Changeset<>(meta, data, new LinkedHashMap<>(changes), added);
  }

  /**
   * Adds an error to a field with no metadata.
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
   * Puts a change, already of the field's type; a value equal to the data's is not a change and
   * removes an earlier change of that field.
   *
   * <pre>{@code cs.putChange("age", 30) }</pre>
   *
   * @param field the field name
   * @param value the new value, or null
   * @return the new changeset
   * @throws IllegalArgumentException for an unknown field or a value of the wrong type
   */
  public Changeset<T> putChange(String field, Object value) {
    SchemaField f = meta.field(field);
    Class<?> boxed = f.javaType().isPrimitive() ? f.type().javaType() : f.javaType();
    if (value != null && !boxed.isInstance(value)) {
      throw new IllegalArgumentException("value " + value + " of type " + value.getClass().getName()
          + " cannot be put in field '" + field + "' of schema " + meta.describe() + ", which is "
          + f.typeName() + "; use Changeset.cast for external input");
    }
    if (value == null && f.javaType().isPrimitive()) {
      throw new IllegalArgumentException("field '" + field + "' of schema " + meta.describe()
          + " is a primitive " + f.javaType() + " and cannot be null");
    }
    Map<String, Object> next = new LinkedHashMap<>(changes);
    if (sameValue(value, meta.get(data, f))) {
      next.remove(field);
    } else {
      next.put(field, value);
    }
    return new Changeset<>(meta, data, next, errors);
  }

  /**
   * The record the changes apply to.
   *
   * <pre>{@code cs.data() }</pre>
   *
   * @return the data
   */
  public T data() {
    return data;
  }

  /**
   * The schema's metadata.
   *
   * <pre>{@code cs.schema().table() }</pre>
   *
   * @return the metadata
   */
  public SchemaMeta<T> schema() {
    return meta;
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
   * A field's value: its change when it changed, else the data's value.
   *
   * <pre>{@code cs.getField("lastName") }</pre>
   *
   * @param field the field name
   * @return the value
   */
  public Object getField(String field) {
    SchemaField f = meta.field(field);
    return changes.containsKey(field) ? changes.get(field) : meta.get(data, f);
  }

  /**
   * The errors, in the order they were added.
   *
   * <pre>{@code cs.errors() // [ChangesetError[field=age, message=is invalid, ...]] }</pre>
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
   * Every error message by field, with {@code %{key}} placeholders filled from the metadata (Ecto's
   * {@code traverse_errors} with the usual formatter).
   *
   * <pre>{@code cs.errorsByField() // {lastName=[can't be blank], age=[is invalid]} }</pre>
   *
   * @return field name to messages, in error order
   */
  public Map<String, List<String>> errorsByField() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ChangesetError e : errors) {
      out.computeIfAbsent(e.field(), k -> new ArrayList<>()).add(e.formatted());
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Whether the changeset has no errors.
   *
   * <pre>{@code if (cs.isValid()) repo.insert(cs); }</pre>
   *
   * @return true when valid
   */
  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * The data with the changes applied, whether or not the changeset is valid.
   *
   * <pre>{@code Person preview = cs.applyChanges(); }</pre>
   *
   * @return a new record
   */
  public T applyChanges() {
    return meta.with(data, changes);
  }

  @Override
  public String toString() {
    return "Changeset<" + meta.type().getSimpleName() + ">[changes=" + changes + ", errors=" + errors
        + ", valid=" + isValid() + "]";
  }

  private static SchemaField castable(SchemaMeta<?> meta, String name) {
    SchemaField f = meta.findField(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown field '" + name + "' given to cast for schema "
          + meta.describe() + "; its fields are: " + meta.fieldNames());
    }
    return f;
  }

  // Ecto compares with the type's equality: decimals by value, binaries by content.
  static boolean sameValue(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return Objects.equals(a, b);
  }
}
