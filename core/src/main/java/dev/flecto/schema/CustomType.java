package dev.flecto.schema;

import java.util.Objects;

/**
 * A field type of the application's own (Ecto's {@code Ecto.Type}): how a value is cast from
 * external params, loaded from the database and dumped to it, stored as a type Flecto already
 * binds ({@link #storedAs()}: {@code Long}, {@code String}, {@code BigDecimal}, ...). Declared on a
 * field with {@code @Column(type = MoneyType.class)}, or for every field of a Java type with
 * {@link CustomTypes#register}. A parameterized type (Ecto's {@code Ecto.ParameterizedType}) has a
 * public constructor taking the field's Java type and its {@code @Column(params = {"key=value"})}
 * as a {@code Map<String, String>} ({@code (Class<?>, Map)}), or the params only ({@code (Map)});
 * otherwise a public no-argument constructor. Flecto's own {@link EnumType} (Ecto.Enum) is such a
 * parameterized type.
 *
 * <p>{@link #cast} and {@link #load} signal a value they cannot take with an
 * {@link IllegalArgumentException}: a changeset's cast then gets Ecto's "is invalid" error (with
 * the type's {@link #name()}), a query parameter a {@code QueryException}, a row a
 * {@code LoadException} naming the field and the schema.
 *
 * <pre>{@code
 * public record Cents(long value) {}
 * public final class CentsType implements CustomType<Cents> {
 *   public Class<?> storedAs() { return Long.class; }
 *   public Cents cast(Object v) {
 *     if (v instanceof Cents c) return c;
 *     if (v instanceof Number n) return new Cents(n.longValue());
 *     if (v instanceof String s) return new Cents(Long.parseLong(s.trim()));  // NumberFormatException: "is invalid"
 *     throw new IllegalArgumentException("is invalid");
 *   }
 *   public Cents load(Object stored) { return new Cents((Long) stored); }
 *   public Object dump(Cents value) { return value.value(); }
 * }
 * record Product(@Id Long id, @Column(value = "price", type = CentsType.class) Cents price) {}
 * }</pre>
 *
 * @param <T> the field's Java type
 */
public interface CustomType<T> {
  /**
   * The Java type the value is stored and bound as: one of the types a schema field may have
   * (Ecto's {@code type/0}, the underlying primitive type).
   *
   * <pre>{@code Long.class }</pre>
   *
   * @return the stored type
   */
  Class<?> storedAs();

  /**
   * A value from external params (a form, JSON), or a value of the type itself.
   *
   * <pre>{@code type.cast("42") // new Cents(42) }</pre>
   *
   * @param external the given value, never null
   * @return the value
   * @throws IllegalArgumentException when the value is not one of this type
   */
  T cast(Object external);

  /**
   * A value as the database gives it (of {@link #storedAs()}).
   *
   * <pre>{@code type.load(42L) // new Cents(42) }</pre>
   *
   * @param stored the stored value, never null
   * @return the value
   * @throws IllegalArgumentException when the stored value is not one this type can load
   */
  T load(Object stored);

  /**
   * A value as the database stores it (of {@link #storedAs()}).
   *
   * <pre>{@code type.dump(new Cents(42)) // 42L }</pre>
   *
   * @param value the value, never null
   * @return the stored value
   */
  Object dump(T value);

  /**
   * Whether two values are the same (Ecto's {@code equal?/2}): a cast value equal to the data's
   * is no change.
   *
   * <pre>{@code type.equal(new Cents(1), new Cents(1)) // true }</pre>
   *
   * @param a a value, or null
   * @param b another, or null
   * @return whether they are the same value
   */
  default boolean equal(T a, T b) {
    return Objects.equals(a, b);
  }

  /**
   * How the value is kept inside an embedded record's JSON (Ecto's {@code embed_as/1}):
   * {@link EmbedAs#SELF}, the Java value as Jackson writes and reads it (Ecto's {@code :self}, its
   * default), or {@link EmbedAs#DUMP}, the stored value ({@link #dump}, read back with
   * {@link #load}).
   *
   * <pre>{@code public EmbedAs embedAs() { return EmbedAs.DUMP; } // Cents inside an embed as 1999, not {"value": 1999} }</pre>
   *
   * @return how the value is embedded
   */
  default EmbedAs embedAs() {
    return EmbedAs.SELF;
  }

  /**
   * How a custom type's value is kept inside an embedded record's JSON.
   *
   * <pre>{@code CustomType.EmbedAs.DUMP }</pre>
   */
  enum EmbedAs {
    /** The Java value, written by Jackson and read back into the field's Java type by Jackson (Ecto's {@code :self}). */
    SELF,
    /** The stored value ({@code dump}), read back with {@code load} (Ecto's {@code :dump}). */
    DUMP
  }

  /**
   * The type's name in error messages and error metadata.
   *
   * <pre>{@code type.name() // "CentsType" }</pre>
   *
   * @return the name
   */
  default String name() {
    return getClass().getSimpleName();
  }
}
