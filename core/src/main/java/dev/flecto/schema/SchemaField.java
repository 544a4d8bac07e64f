package dev.flecto.schema;

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
 * @param defaultValue the cast {@link Default} value, or null
 * @param timestamp the timestamp kind (never {@code AUTO}), or null when not a timestamp
 * @param virtual whether the component is never persisted
 * @param readOnly whether the component is never written
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
    boolean readOnly) {

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
    return type.cast(input, javaType);
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
    return type.dump(value);
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
    return type.load(dbValue, javaType);
  }

  /**
   * A readable name of the field's type for messages: the enum's or class's simple name.
   *
   * <pre>{@code field.typeName() // "Integer" }</pre>
   *
   * @return the type's name
   */
  public String typeName() {
    return javaType.getSimpleName();
  }
}
