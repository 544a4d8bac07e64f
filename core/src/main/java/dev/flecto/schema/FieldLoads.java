package dev.flecto.schema;

import dev.flecto.LoadException;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The message of a column value its field cannot load; built only when loading failed, so reflection here costs no row. */
final class FieldLoads {
  private FieldLoads() {}

  static LoadException unloadable(SchemaField field, String source, Object dbValue, IllegalArgumentException cause) {
    Class<?> type = field.elementType() != null ? field.elementType() : field.javaType();
    Object value = field.elementType() != null ? failingElement(field, dbValue) : dbValue;
    // A decoder's own reason (such as a JSON limit) says more than "is invalid", which is all a cast says.
    String reason = cause.getMessage() == null || cause.getMessage().equals("is invalid") ? "" : ": " + cause.getMessage();
    return new LoadException("cannot load " + ValueText.quoted(value) + (field.elementType() != null ? " (in " + ValueText.quoted(dbValue) + ")" : "")
        + " as " + (field.embed() != null ? field.typeName() : field.custom() != null ? field.custom().name() : describe(type))
        + " for field '" + field.name() + "' of " + source + reason + hint(field, type), cause);
  }

  private static String hint(SchemaField field, Class<?> type) {
    if (field.custom() instanceof EnumType<?>) {
      return "; hint: map a constant of " + type.getSimpleName() + " to it in the field's @Column params, or change the rows holding it";
    }
    return field.custom() == null && type.isEnum()
        ? "; hint: add the constant to " + type.getSimpleName() + ", or change the rows holding it" : "";
  }

  // A list names the element at fault, not only the whole array.
  private static Object failingElement(SchemaField field, Object array) {
    for (int i = 0; i < Array.getLength(array); i++) {
      Object e = Array.get(array, i);
      try {
        field.loadElement(e);
      } catch (IllegalArgumentException bad) {
        return e;
      }
    }
    return array;
  }

  private static String describe(Class<?> type) {
    Object[] constants = type.getEnumConstants();
    if (constants == null) {
      return type.getSimpleName();
    }
    return type.getSimpleName() + " (one of " + Arrays.stream(constants).map(c -> ((Enum<?>) c).name())
        .collect(Collectors.joining(", ")) + ")";
  }
}
