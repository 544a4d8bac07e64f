package dev.flecto.changeset;

import dev.flecto.schema.FieldType;
import dev.flecto.schema.SchemaField;
import java.util.ArrayList;
import java.util.List;

/**
 * Cast's empty-value handling, run on the parameter before it is cast (Ecto's
 * {@code filter_empty_values}): an empty value becomes the field's default; in a list field the
 * empty entries are removed first, and the list that is left is then itself checked, so with the
 * empty values {@code [[], ""]} the parameter {@code ["", ""]} becomes the default, which
 * {@code validateRequired} then finds missing.
 *
 * <pre>{@code
 * EmptyValues.filter(tagsField, List.of("", "java"), CastOptions.defaults()) // [java]
 * }</pre>
 */
final class EmptyValues {
  private EmptyValues() {}

  static Object filter(SchemaField field, Object raw, CastOptions options) {
    Object value = raw;
    if (field.type() == FieldType.LIST && raw instanceof List<?> list) {
      // Before casting, as Ecto: an empty entry ("" in a list of integers) is dropped, not an "is invalid".
      List<Object> kept = new ArrayList<>(list.size());
      for (Object e : list) {
        if (!options.isEmpty().test(e)) {
          kept.add(e);
        }
      }
      value = kept;
    }
    return options.isEmpty().test(value) ? field.defaultValue() : value;
  }
}
