package dev.flecto.schema;

import dev.flecto.SchemaException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom types for every field of a Java type, and the instances fields declare with
 * {@code @Column(type = ...)}. Register before the schemas using them are first read (at start-up):
 * a schema is read once and kept.
 *
 * <pre>{@code
 * CustomTypes.register(Cents.class, new CentsType());
 * record Product(@Id Long id, Cents price) {}       // price uses CentsType
 * }</pre>
 */
public final class CustomTypes {
  private static final Map<Class<?>, CustomType<?>> BY_JAVA_TYPE = new ConcurrentHashMap<>();

  private CustomTypes() {}

  /**
   * Every field of this Java type (without a {@code @Column(type)} of its own) uses the custom type.
   *
   * <pre>{@code CustomTypes.register(Cents.class, new CentsType()); }</pre>
   *
   * @param javaType the fields' Java type
   * @param type the custom type
   * @param <T> the Java type
   * @throws SchemaException when either is null, or the Java type is one Flecto maps itself
   */
  public static <T> void register(Class<T> javaType, CustomType<T> type) {
    if (javaType == null || type == null) {
      throw new SchemaException("CustomTypes.register needs a Java type and a custom type, got " + javaType + " and " + type);
    }
    if (FieldType.of(javaType) != null) {
      throw new SchemaException("CustomTypes.register(" + javaType.getName() + ", ...): Flecto maps that type itself; "
          + "declare the custom type on the field instead, with @Column(type = " + type.getClass().getSimpleName() + ".class)");
    }
    BY_JAVA_TYPE.put(javaType, type);
  }

  /** The custom type registered for the Java type, or null. */
  static CustomType<?> registered(Class<?> javaType) {
    return BY_JAVA_TYPE.get(javaType);
  }

  /**
   * A field's declared custom type, made with the field's Java type and its params (Ecto's
   * ParameterizedType init), with its params only, or with nothing, by the constructor it has.
   */
  @SuppressWarnings("rawtypes")
  static CustomType<?> make(String where, Class<?> javaType, Class<? extends CustomType> type, String[] params) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new SchemaException(where + ": @Column params are key=value, got \"" + p + "\"");
      }
      options.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    Map<String, String> given = java.util.Collections.unmodifiableMap(options);
    try {
      try {
        return type.getConstructor(Class.class, Map.class).newInstance(javaType, given);
      } catch (NoSuchMethodException noField) {
        // the type needs no field type
      }
      try {
        Constructor<? extends CustomType> withParams = type.getConstructor(Map.class);
        return withParams.newInstance(given);
      } catch (NoSuchMethodException none) {
        if (!options.isEmpty()) {
          throw new SchemaException(where + ": custom type " + type.getName() + " takes no params (it has no public "
              + "constructor taking a Map<String, String>), got " + options);
        }
        return type.getConstructor().newInstance();
      }
    } catch (InvocationTargetException e) {
      throw new SchemaException(where + ": custom type " + type.getName() + " refused its params " + options + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new SchemaException(where + ": custom type " + type.getName() + " needs a public constructor taking the "
          + "field's Java type and the params (Class<?>, Map<String, String>), the params only, or nothing", e);
    }
  }
}
