package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Query;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.SchemaField;

/** Small value helpers shared by the planners: how a value with no field type is bound, and how values read in messages. */
final class PlanValues {
  private PlanValues() {}

  // A value with no field to take its type from is bound as it is; an enum as its name.
  static Object dumpRaw(Object value) {
    if (value == null) {
      return null;
    }
    FieldType t = FieldType.of(value.getClass());
    return t == null ? value : t.dump(value);
  }

  /** The class of an array bound for a field: an enum is bound as its name. */
  static Class<?> bindClass(SchemaField f) {
    return f.type() == FieldType.ENUM ? String.class : f.type().javaType();
  }

  static int nonNegative(Query<?> query, String what, int n) {
    if (n < 0) {
      throw new QueryException(what + " must not be negative, got " + n + " in query " + query);
    }
    return n;
  }
}
