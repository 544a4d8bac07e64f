package dev.flecto.schema;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One component of a schema and the column it maps to. Built once per record class by
 * {@link Schemas#of(Class)}; immutable.
 *
 * <pre>{@code
 * SchemaField age = Schemas.of(Person.class).field("age");
 * age.column()              // "age"
 * age.cast("28")            // 28
 * }</pre>
 *
 * @param name the record component's name
 * @param column the column name (unquoted)
 * @param index the component's position in the record
 * @param javaType the declared class (may be primitive)
 * @param type the field type
 * @param primaryKey whether the component is part of the primary key
 * @param idGeneration how the key is generated (never {@code AUTO} here: already resolved)
 * @param defaultValue the cast {@link Default} value, the default record of a {@code defaultsToStruct} embed, or null
 * @param timestamp the timestamp kind (never {@code AUTO}), or null when not a timestamp
 * @param virtual whether the component is never persisted
 * @param readOnly whether the component is never written
 * @param elementType for a {@code List} component, its elements' class (a PostgreSQL array of them);
 *     null otherwise, or for an untyped schemaless list
 * @param embed for an embed field ({@link EmbedsOne}, {@link EmbedsMany}), what it embeds; null
 *     otherwise. An embed field's type is {@link FieldType#MAP}: jsonb to the database and queries
 * @param custom the field's {@link CustomType}, or null; for a typed list (an {@link EnumType} on a
 *     {@code List}, Ecto's {@code {:array, Ecto.Enum}}) its elements' type
 * @param loadInQuery whether queries reading the whole record load the column ({@link Column#loadInQuery()});
 *     false only for a persisted field that loads when a query names it
 */
public record SchemaField(
    String name,
    String column,
    int index,
    Class<?> javaType,
    FieldType type,
    boolean primaryKey,
    IdGeneration idGeneration,
    Object defaultValue,
    Timestamp.Kind timestamp,
    boolean virtual,
    boolean readOnly,
    Class<?> elementType,
    Embed embed,
    CustomType<Object> custom,
    boolean loadInQuery) {
  private static final UnaryOperator<Object> AS_READ = dbValue -> dbValue;

  /**
   * The loader of a field whose component value is the driver's value as read (a text, a number,
   * a time, a UUID): readers that see it skip the call, so a plain column costs no conversion.
   *
   * <pre>{@code
   * UnaryOperator<Object> load = column.convert();
   * Object value = raw == null || load == SchemaField.asRead() ? raw : load.apply(raw);
   * }</pre>
   *
   * @return the identity loader {@link #loader} gives such fields
   */
  public static UnaryOperator<Object> asRead() {
    return AS_READ;
  }

  /**
   * A field loaded by every query that reads its record.
   *
   * <pre>{@code new SchemaField("age", "age", 0, Integer.class, FieldType.INTEGER, false, IdGeneration.NONE, null, null, false, false, null, null, null) }</pre>
   *
   * @param name the name
   * @param column the column
   * @param index the index
   * @param javaType the declared class
   * @param type the field type
   * @param primaryKey whether it is a key
   * @param idGeneration how the key is generated
   * @param defaultValue the default
   * @param timestamp the timestamp kind
   * @param virtual whether virtual
   * @param readOnly whether read-only
   * @param elementType a typed list's element class, or null
   * @param embed the embed, or null
   * @param custom the custom type, or null
   */
  public SchemaField(String name, String column, int index, Class<?> javaType, FieldType type, boolean primaryKey,
      IdGeneration idGeneration, Object defaultValue, Timestamp.Kind timestamp, boolean virtual, boolean readOnly,
      Class<?> elementType, Embed embed, CustomType<Object> custom) {
    this(name, column, index, javaType, type, primaryKey, idGeneration, defaultValue, timestamp, virtual, readOnly,
        elementType, embed, custom, true);
  }

  /**
   * A field that is not an embed.
   *
   * <pre>{@code new SchemaField("tags", "tags", 1, List.class, FieldType.LIST, false, IdGeneration.NONE, null, null, false, false, String.class) }</pre>
   *
   * @param name the name
   * @param column the column
   * @param index the index
   * @param javaType the declared class
   * @param type the field type
   * @param primaryKey whether it is a key
   * @param idGeneration how the key is generated
   * @param defaultValue the default
   * @param timestamp the timestamp kind
   * @param virtual whether virtual
   * @param readOnly whether read-only
   * @param elementType a typed list's element class, or null
   */
  public SchemaField(String name, String column, int index, Class<?> javaType, FieldType type, boolean primaryKey,
      IdGeneration idGeneration, Object defaultValue, Timestamp.Kind timestamp, boolean virtual, boolean readOnly,
      Class<?> elementType, Embed embed) {
    this(name, column, index, javaType, type, primaryKey, idGeneration, defaultValue, timestamp, virtual, readOnly,
        elementType, embed, null);
  }

  /**
   * A field that is not an embed and has no custom type.
   *
   * <pre>{@code new SchemaField("tags", "tags", 0, List.class, FieldType.LIST, false, IdGeneration.NONE, null, null, false, false, String.class) }</pre>
   *
   * @param name the name
   * @param column the column
   * @param index the index
   * @param javaType the declared class
   * @param type the field type
   * @param primaryKey whether it is a key
   * @param idGeneration how the key is generated
   * @param defaultValue the default
   * @param timestamp the timestamp kind
   * @param virtual whether virtual
   * @param readOnly whether read-only
   * @param elementType a list's element class, or null
   */
  public SchemaField(String name, String column, int index, Class<?> javaType, FieldType type, boolean primaryKey,
      IdGeneration idGeneration, Object defaultValue, Timestamp.Kind timestamp, boolean virtual, boolean readOnly,
      Class<?> elementType) {
    this(name, column, index, javaType, type, primaryKey, idGeneration, defaultValue, timestamp, virtual, readOnly,
        elementType, null);
  }

  /**
   * A field that is not a typed list.
   *
   * <pre>{@code new SchemaField("age", "age", 0, Integer.class, FieldType.INTEGER, false, IdGeneration.NONE, null, null, false, false) }</pre>
   *
   * @param name the name
   * @param column the column
   * @param index the index
   * @param javaType the declared class
   * @param type the field type
   * @param primaryKey whether it is a key
   * @param idGeneration how the key is generated
   * @param defaultValue the default
   * @param timestamp the timestamp kind
   * @param virtual whether virtual
   * @param readOnly whether read-only
   */
  public SchemaField(String name, String column, int index, Class<?> javaType, FieldType type, boolean primaryKey,
      IdGeneration idGeneration, Object defaultValue, Timestamp.Kind timestamp, boolean virtual, boolean readOnly) {
    this(name, column, index, javaType, type, primaryKey, idGeneration, defaultValue, timestamp, virtual, readOnly, null);
  }

  /**
   * Whether the field has a column: it is read by queries.
   *
   * <pre>{@code field.persisted() // false for @Virtual }</pre>
   *
   * @return true unless virtual
   */
  public boolean persisted() {
    return !virtual;
  }

  /**
   * Whether a query that reads the whole record reads this column: persisted, and not
   * {@code loadInQuery = false}.
   *
   * <pre>{@code Schemas.of(Doc.class).field("body").loadedByQueries() // false for @Column(loadInQuery = false) }</pre>
   *
   * @return true when whole-record queries select it
   */
  public boolean loadedByQueries() {
    return !virtual && loadInQuery;
  }

  /**
   * This field with {@link #loadInQuery()} set.
   *
   * <pre>{@code field.withLoadInQuery(false) }</pre>
   *
   * @param load whether whole-record queries load it
   * @return the field, or a copy
   */
  public SchemaField withLoadInQuery(boolean load) {
    return load == loadInQuery ? this : new SchemaField(name, column, index, javaType, type, primaryKey, idGeneration,
        defaultValue, timestamp, virtual, readOnly, elementType, embed, custom, load);
  }

  /**
   * Whether Flecto writes this column on insert (database-generated keys and read-only columns
   * are never written).
   *
   * <pre>{@code field.insertable() }</pre>
   *
   * @return true when the column takes a value on insert
   */
  public boolean insertable() {
    return !virtual && !readOnly && idGeneration != IdGeneration.DATABASE;
  }

  /**
   * Whether an update may set this column (primary keys may change, as in Ecto).
   *
   * <pre>{@code field.updatable() }</pre>
   *
   * @return true when the column may appear in an UPDATE's SET
   */
  public boolean updatable() {
    return !virtual && !readOnly;
  }

  /**
   * Casts external input to this field's type.
   *
   * <pre>{@code Schemas.of(Person.class).field("age").cast("28") // 28 }</pre>
   *
   * @param input the input, or null
   * @return the cast value
   * @throws IllegalArgumentException "is invalid" when it cannot be cast
   */
  public Object cast(Object input) {
    if (embed != null) {
      return embed.cast(input);
    }
    if (custom != null && elementType == null) {
      return input == null ? null : custom.cast(input);
    }
    Object value = type.cast(input, javaType);
    if (elementType == null || value == null) {
      return value;
    }
    List<Object> cast = new ArrayList<>(((List<?>) value).size());
    for (Object e : (List<?>) value) {
      cast.add(castElement(e));
    }
    return Collections.unmodifiableList(cast);
  }

  /**
   * Casts one element of a typed list to the list's element type: by its custom type when it has
   * one (each element of an {@code {:array, Ecto.Enum}} by Ecto.Enum's rules), else by its class's
   * field type. What {@code Updates.push} and {@code param(v).in(field("tags"))} cast their value with.
   *
   * <pre>{@code
   * Schemas.of(User.class).field("roles").castElement("ADMIN")   // Role.ADMIN
   * Schemas.of(User.class).field("roles").castElement(1)         // Role.ADMIN, when ADMIN=1
   * }</pre>
   *
   * @param element the element, or null
   * @return the cast element, or null
   * @throws IllegalArgumentException "is invalid" when it cannot be cast, or the field is no typed list
   */
  public Object castElement(Object element) {
    if (elementType == null) {
      throw new IllegalArgumentException("field '" + name + "' is not a typed list");
    }
    if (custom != null) {
      return element == null ? null : custom.cast(element);
    }
    return FieldType.of(elementType).cast(element, elementType);
  }

  /**
   * One element of a typed list as it is stored in the array: an enum's name, an
   * {@code {:array, Ecto.Enum}} element's mapped value, a time at the column's precision.
   *
   * <pre>{@code Schemas.of(User.class).field("roles").dumpElement(Role.ADMIN) // 1, when ADMIN=1 }</pre>
   *
   * @param element a cast element, or null
   * @return the driver value, or null
   */
  public Object dumpElement(Object element) {
    if (custom != null) {
      return element == null ? null : custom.dump(element);
    }
    return FieldType.of(elementType).dump(element);
  }

  /** One element of a typed list as the driver read it. */
  Object loadElement(Object element) {
    if (custom != null) {
      return element == null ? null : custom.load(element);
    }
    return FieldType.of(elementType).load(element, elementType);
  }

  /**
   * The value bound as a parameter for a component value.
   *
   * <pre>{@code field.dump(Status.ACTIVE) // "ACTIVE" }</pre>
   *
   * @param value the component value
   * @return the driver value
   */
  public Object dump(Object value) {
    if (embed != null) {
      return embed.dump(value);
    }
    if (custom != null && elementType == null) {
      return value == null ? null : custom.dump(value);
    }
    if (elementType == null || value == null) {
      return type.dump(value);
    }
    // A typed list binds as an array of its elements' bind class (enums by name, Ecto.Enum elements as mapped).
    List<?> list = (List<?>) value;
    Object array = Array.newInstance(elementBindClass(), list.size());
    for (int i = 0; i < list.size(); i++) {
      Array.set(array, i, dumpElement(list.get(i)));
    }
    return array;
  }

  /**
   * The class to ask the driver for when reading this column: the type's, or for a typed list
   * the array of its elements' class.
   *
   * <pre>{@code Schemas.of(Post.class).field("tags").readType() // String[].class }</pre>
   *
   * @return the driver class
   */
  public Class<?> readType() {
    if (embed != null && embed.array()) {
      return String[].class; // each jsonb element's text
    }
    return elementType == null ? type.readType() : Array.newInstance(elementBindClass(), 0).getClass();
  }

  /**
   * The class an element of a typed list is bound as: an enum's as text, a custom element type's as
   * its {@code storedAs()} ({@code Integer} for an {@code {:array, Ecto.Enum}} of integers).
   *
   * <pre>{@code tags.elementBindClass() // String.class }</pre>
   *
   * @return the class
   */
  public Class<?> elementBindClass() {
    if (custom != null && elementType != null) {
      return custom.storedAs();
    }
    FieldType element = FieldType.of(elementType);
    return element == FieldType.ENUM ? String.class : element.javaType();
  }

  /**
   * The component value for what the driver read.
   *
   * <pre>{@code field.load("ACTIVE") // Status.ACTIVE }</pre>
   *
   * @param dbValue the driver's value
   * @return the component value
   */
  public Object load(Object dbValue) {
    if (embed != null) {
      return embed.load(dbValue);
    }
    if (custom != null && elementType == null) {
      return dbValue == null ? null : custom.load(type.load(dbValue, custom.storedAs()));
    }
    if (elementType == null || dbValue == null) {
      return type.load(dbValue, javaType);
    }
    int n = Array.getLength(dbValue);
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(loadElement(Array.get(dbValue, i)));
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * {@link #load(Object)} as a row plan applies it, made once per plan: a value the field's type
   * cannot hold, such as a text its enum has no constant for, fails with a
   * {@link dev.flecto.LoadException} naming the value, this field and the schema (Ecto's "cannot
   * load ... as type ... for field ... in ...") instead of a bare "is invalid".
   *
   * <pre>{@code
   * UnaryOperator<Object> load = field.loader("schema Ticket (table tickets)");
   * load.apply("OPEN")      // Status.OPEN
   * load.apply("ARCHIVED")  // LoadException: cannot load "ARCHIVED" as Status (one of OPEN, CLOSED)
   *                         //   for field 'status' of schema Ticket (table tickets)
   * }</pre>
   *
   * @param source what the column is read from, as messages name it: {@code "schema Ticket (table tickets)"}
   * @return the driver value to the component value (given null, null)
   */
  public UnaryOperator<Object> loader(String source) {
    if (embed == null && custom == null && elementType == null && type.loadsAsRead()) {
      return AS_READ; // most fields: the driver reads the component's own class, and a reader may skip the call
    }
    return dbValue -> {
      try {
        return load(dbValue);
      } catch (IllegalArgumentException e) {
        throw FieldLoads.unloadable(this, source, dbValue, e);
      }
    };
  }

  /**
   * A readable name of the field's type for messages: the enum's or class's simple name, a custom
   * type's name, a typed list's {@code List<...>} of its element's.
   *
   * <pre>{@code field.typeName() // "Integer"; "List<EnumType(Role)>" for an {:array, Ecto.Enum} }</pre>
   *
   * @return the type's name
   */
  public String typeName() {
    if (custom != null) {
      return elementType != null ? "List<" + custom.name() + ">" : custom.name();
    }
    if (embed != null) {
      return embed.many() ? "List<" + embed.type().getSimpleName() + ">" : embed.type().getSimpleName();
    }
    return elementType == null ? javaType.getSimpleName() : "List<" + elementType.getSimpleName() + ">";
  }

  /**
   * Equal when every component is; the same field (each schema's fields are made once) answers
   * at once, as write and statement caches compare their keys' fields on every write.
   *
   * <pre>{@code meta.field("age").equals(meta.field("age")) // true }</pre>
   *
   * @param o the other object
   * @return whether it is an equal field
   */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof SchemaField f && index == f.index && primaryKey == f.primaryKey
        && virtual == f.virtual && readOnly == f.readOnly && loadInQuery == f.loadInQuery
        && java.util.Objects.equals(name, f.name) && java.util.Objects.equals(column, f.column)
        && javaType == f.javaType && type == f.type && idGeneration == f.idGeneration && timestamp == f.timestamp
        && elementType == f.elementType && java.util.Objects.equals(defaultValue, f.defaultValue)
        && java.util.Objects.equals(embed, f.embed) && java.util.Objects.equals(custom, f.custom);
  }

  /**
   * A hash of the name, column and position (texts hash once): consistent with {@link #equals},
   * and cheap for the caches that hash a write's fields on every write.
   *
   * <pre>{@code meta.field("age").hashCode() }</pre>
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return (java.util.Objects.hashCode(name) * 31 + java.util.Objects.hashCode(column)) * 31 + index;
  }
}
