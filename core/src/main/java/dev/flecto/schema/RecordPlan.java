package dev.flecto.schema;

import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * How records of one schema class are built and read, made once per class: the canonical
 * constructor and accessors as method handles, and each component's blank value, so that a row
 * costs no reflection. Apart from {@link SchemaMeta}, which is the public face of it.
 */
final class RecordPlan {
  private final MethodHandle constructor;
  private final java.util.function.Function<Object, Object>[] accessors;
  private final Object[] blankValues;
  // What a null component becomes (a primitive's zero, an embeds-many's empty list, else null), and
  // which components have such a value.
  private final Object[] ifNull;
  private final int[] nonNull;
  private final int[] assocs;
  // Components a row does not fill, which start at their blank value rather than null: virtual
  // fields, fields loaded only when a query names them, and defaultsToStruct embeds (Ecto's struct defaults).
  private final int[] unread;

  RecordPlan(List<SchemaField> fields, MethodHandle constructor, java.util.function.Function<Object, Object>[] accessors) {
    this.constructor = constructor;
    this.accessors = accessors;
    this.blankValues = new Object[fields.size()];
    for (SchemaField f : fields) {
      blankValues[f.index()] = f.defaultValue() != null ? f.defaultValue() : FieldType.zeroOf(f.javaType());
    }
    this.assocs = indexes(fields, f -> f.type() == FieldType.ASSOC);
    this.ifNull = new Object[fields.size()];
    for (SchemaField f : fields) {
      ifNull[f.index()] = f.javaType().isPrimitive() ? FieldType.zeroOf(f.javaType())
          : f.embed() != null && f.embed().many() ? List.of() : null;
    }
    this.nonNull = java.util.stream.IntStream.range(0, ifNull.length).filter(i -> ifNull[i] != null).toArray();
    this.unread = indexes(fields, f -> f.virtual() || !f.loadInQuery() || f.embed() != null && f.embed().defaultsToStruct());
  }

  private static int[] indexes(List<SchemaField> fields, java.util.function.Predicate<SchemaField> which) {
    return fields.stream().filter(which).mapToInt(SchemaField::index).toArray();
  }

  Object get(Object record, int index) {
    return accessors[index].apply(record);
  }

  /** A record from every component's value; null primitives become zero, a null embeds-many an empty list. */
  Object newInstance(Object[] values) {
    for (int i : nonNull) {
      if (values[i] == null) {
        values[i] = ifNull[i];
      }
    }
    try {
      return (Object) constructor.invokeExact(values);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** What each component becomes when given null, as {@link #newInstance} fills it. */
  Object[] ifNull() {
    return ifNull.clone();
  }

  Object[] blankValues() {
    return blankValues.clone();
  }

  /** The components before a row fills them: the unread ones at their blank values, the rest null. */
  Object[] unread() {
    Object[] values = new Object[blankValues.length];
    for (int i : unread) {
      values[i] = blankValues[i];
    }
    return values;
  }

  /** A record from the database carries not-loaded associations, never null. */
  void notLoadedAssocs(Object[] values) {
    for (int i : assocs) {
      if (values[i] == null) {
        values[i] = blankValues[i];
      }
    }
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
