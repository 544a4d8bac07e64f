package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import dev.flecto.schema.SchemaField;
import java.util.Map;

/**
 * How values enter a changeset's changes: cast from external parameters (permitted fields only,
 * empty values filtered, cast errors as {@code "is invalid"}), or put already typed (the value
 * checked against the field's type). Either way a value equal to the data's is not a change,
 * unless forced. Apart from {@link Changeset}, which documents these steps.
 *
 * <pre>{@code
 * Casting.cast(cs, Map.of("age", "29"), CastOptions.defaults(), "age") // changes {age=29}
 * }</pre>
 */
final class Casting {
  private Casting() {}

  static <T> Changeset<T> cast(Changeset<T> cs, Map<String, ?> params, CastOptions options, String... permitted) {
    Shape<T> shape = cs.shape();
    ChangesetState<T> s = cs.state();
    s.params().putAll(params);
    for (String name : permitted) {
      SchemaField field = shape.field(name);
      if (field == null) {
        throw new ArgumentException("unknown field '" + name + "' given to cast for " + shape.describe()
            + "; its fields are: " + shape.fieldNames());
      }
      if (field.embed() != null) {
        throw new ArgumentException("field '" + name + "' of " + shape.describe() + " is an embed: casting it with cast "
            + "is not supported (as in Ecto); use castEmbed(\"" + name + "\")");
      }
      if (!params.containsKey(name)) {
        continue;
      }
      Object raw = EmptyValues.filter(field, params.get(name), options);
      try {
        Object value = field.cast(raw);
        if (options.forceChanges() || !Values.same(field, value, shape.get(cs.data(), field))) {
          s.changes().put(name, value);
        } else {
          s.changes().remove(name);
        }
      } catch (IllegalArgumentException e) {
        s.changes().remove(name);
        s.errors().add(new ChangesetError(name, "is invalid", Map.of("type", field.typeName(), "validation", "cast")));
      }
    }
    return new Changeset<>(s);
  }

  static <T> Changeset<T> put(Changeset<T> cs, String field, Object value) {
    SchemaField f = typed(cs, field, value);
    ChangesetState<T> s = cs.state();
    if (Values.same(f, value, cs.shape().get(cs.data(), f))) {
      s.changes().remove(field);
    } else {
      s.changes().put(field, value);
    }
    return new Changeset<>(s);
  }

  static <T> Changeset<T> force(Changeset<T> cs, String field, Object value) {
    typed(cs, field, value);
    ChangesetState<T> s = cs.state();
    s.changes().put(field, value);
    return new Changeset<>(s);
  }

  private static SchemaField typed(Changeset<?> cs, String field, Object value) {
    SchemaField f = cs.field(field);
    Class<?> boxed = f.javaType().isPrimitive() ? f.type().javaType() : f.javaType();
    if (value != null && !boxed.isInstance(value)) {
      throw new ArgumentException("value " + value + " of type " + value.getClass().getName()
          + " cannot be put in field '" + field + "' of " + cs.describe() + ", which is "
          + f.typeName() + "; use cast for external input");
    }
    if (value == null && f.javaType().isPrimitive()) {
      throw new ArgumentException("field '" + field + "' of " + cs.describe()
          + " is a primitive " + f.javaType() + " and cannot be null");
    }
    return f;
  }
}
