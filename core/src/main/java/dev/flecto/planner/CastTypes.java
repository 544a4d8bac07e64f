package dev.flecto.planner;

import dev.flecto.schema.FieldType;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.SchemaField;
import java.util.List;

/**
 * The types expressions take when the planner casts a value to match them, beyond a field's own:
 * a {@code cast(e, type)} has its target type (Ecto's {@code type/2}), and arithmetic over two
 * numbers has the wider one, as PostgreSQL's operators give it (an integer times a numeric is a
 * numeric). A cast's type is a stand-in field, made once per class.
 */
final class CastTypes {
  // Narrow to wide, as PostgreSQL's implicit numeric casts go.
  private static final List<FieldType> NUMERIC =
      List.of(FieldType.SHORT, FieldType.INTEGER, FieldType.LONG, FieldType.DECIMAL, FieldType.FLOAT, FieldType.DOUBLE);

  // Stand-ins have no column and index -1, which no schema's field has.
  private static final ClassValue<SchemaField> FIELDS = new ClassValue<>() {
    @Override
    protected SchemaField computeValue(Class<?> type) {
      FieldType t = FieldType.of(type);
      Class<?> javaType = type.isPrimitive() ? t.javaType() : type;
      return new SchemaField("cast(…, " + javaType.getSimpleName() + ")", null, -1, javaType, t, false, IdGeneration.NONE,
          null, null, false, false);
    }
  };

  private CastTypes() {}

  /** The stand-in field of a cast's type, or null when the type is not a field type (the cast itself then fails). */
  static SchemaField of(Class<?> type) {
    FieldType t = FieldType.of(type);
    return t == null || t == FieldType.LIST || t == FieldType.ASSOC ? null : FIELDS.get(type);
  }

  static boolean isCast(SchemaField field) {
    return field.index() < 0 && field.column() == null;
  }

  /** The type of arithmetic over two typed operands: the wider number, else the left one's as before. */
  static SchemaField wider(SchemaField left, SchemaField right) {
    int l = left.elementType() == null ? NUMERIC.indexOf(left.type()) : -1;
    int r = right.elementType() == null ? NUMERIC.indexOf(right.type()) : -1;
    return l >= 0 && r > l ? right : left;
  }
}
