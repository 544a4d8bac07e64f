package dev.flecto.planner;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * A record read from a row by passing each column's value straight to its canonical constructor,
 * for records whose columns are their components in order (a schema with no associations or
 * virtual fields, read whole): no array per row. One method per arity, so the handle is invoked
 * with its exact arguments; wider records take the array path.
 */
final class DirectRows {
  static final int MAX = 12;

  private static final ClassValue<MethodHandle> CONSTRUCTORS = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      return constructor(type);
    }
  };

  private DirectRows() {}

  /** One row to one result, reading the row's columns through the adapter's reader. */
  @FunctionalInterface
  interface Direct {
    Object read(Object row, ColumnReader<Object> reader) throws Throwable;
  }

  /**
   * The direct reading of a record class with {@code ifNull.length} components, each column into
   * its component (a null column taking that component's {@code ifNull} value); null when wider than {@link #MAX}.
   */
  static Direct of(Class<?> record, Object[] ifNull) {
    if (ifNull.length == 0 || ifNull.length > MAX) {
      return null;
    }
    MethodHandle h = CONSTRUCTORS.get(record);
    return switch (ifNull.length) {
      case 1 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull));
      case 2 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull));
      case 3 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull));
      case 4 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull));
      case 5 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull), v(reader, row, 4, ifNull));
      case 6 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull), v(reader, row, 4, ifNull), v(reader, row, 5, ifNull));
      case 7 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull), v(reader, row, 4, ifNull), v(reader, row, 5, ifNull), v(reader, row, 6, ifNull));
      case 8 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull), v(reader, row, 4, ifNull), v(reader, row, 5, ifNull), v(reader, row, 6, ifNull), v(reader, row, 7, ifNull));
      case 9 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull), v(reader, row, 4, ifNull), v(reader, row, 5, ifNull), v(reader, row, 6, ifNull), v(reader, row, 7, ifNull), v(reader, row, 8, ifNull));
      case 10 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull), v(reader, row, 4, ifNull), v(reader, row, 5, ifNull), v(reader, row, 6, ifNull), v(reader, row, 7, ifNull), v(reader, row, 8, ifNull), v(reader, row, 9, ifNull));
      case 11 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull), v(reader, row, 4, ifNull), v(reader, row, 5, ifNull), v(reader, row, 6, ifNull), v(reader, row, 7, ifNull), v(reader, row, 8, ifNull), v(reader, row, 9, ifNull), v(reader, row, 10, ifNull));
      case 12 -> (row, reader) -> (Object) h.invokeExact(v(reader, row, 0, ifNull), v(reader, row, 1, ifNull), v(reader, row, 2, ifNull), v(reader, row, 3, ifNull), v(reader, row, 4, ifNull), v(reader, row, 5, ifNull), v(reader, row, 6, ifNull), v(reader, row, 7, ifNull), v(reader, row, 8, ifNull), v(reader, row, 9, ifNull), v(reader, row, 10, ifNull), v(reader, row, 11, ifNull));
      default -> null;
    };
  }

  private static Object v(ColumnReader<Object> reader, Object row, int column, Object[] ifNull) {
    Object v = reader.value(row, column);
    return v != null ? v : ifNull[column];
  }

  // The canonical constructor taking and returning Objects (its components unboxed and cast by the handle).
  private static MethodHandle constructor(Class<?> type) {
    try {
      MethodHandle canonical = canonical(type);
      return canonical.asType(MethodType.genericMethodType(canonical.type().parameterCount()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the canonical constructor of " + type.getName() + " cannot be used: " + e, e);
    }
  }

  /** A record class's canonical constructor as a handle, made accessible (records of any visibility are read). */
  static MethodHandle canonical(Class<?> type) throws ReflectiveOperationException {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new NoSuchMethodException(type.getName() + " is not a record");
    }
    Class<?>[] params = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      params[i] = components[i].getType();
    }
    java.lang.reflect.Constructor<?> ctor = type.getDeclaredConstructor(params);
    ctor.setAccessible(true);
    return MethodHandles.lookup().unreflectConstructor(ctor);
  }
}
