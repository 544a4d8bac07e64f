package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * castAssoc's default function, as Ecto's is the associated module's {@code changeset/2}: the
 * schema's {@code static Changeset<C> changeset(C record, Map<String, Object> params)}, found once
 * per call by reflection and invoked for each entry.
 *
 * <pre>{@code SchemaChangesetFunction.of(Comment.class, "castAssoc(\"comments\") on Post").apply(blank, params, 0) }</pre>
 */
final class SchemaChangesetFunction {
  private SchemaChangesetFunction() {}

  // Looked up once per schema class: a form casts its associations on every request.
  private static final ClassValue<java.util.Optional<Method>> FOUND = new ClassValue<>() {
    @Override
    protected java.util.Optional<Method> computeValue(Class<?> type) {
      return java.util.Optional.ofNullable(find(type));
    }
  };

  static CastAssocOptions.PositionalCast<Object> of(Class<?> type, String where) {
    return of(type, where, "castAssoc", "CastAssocOptions");
  }

  /** The same for another step (castEmbed), named in the message with its options class. */
  static CastAssocOptions.PositionalCast<Object> of(Class<?> type, String where, String step, String options) {
    Method method = FOUND.get(type).orElse(null);
    if (method == null) {
      throw new ArgumentException(where + ": " + type.getSimpleName() + " has no static method changeset("
          + type.getSimpleName() + " record, Map<String, Object> params) returning a Changeset, which " + step + " uses "
          + "by default (Ecto's changeset/2); declare one, or give the function: " + options + ".with(...)");
    }
    return (record, params, position) -> invoke(method, record, params, where);
  }

  private static Method find(Class<?> type) {
    for (Method m : type.getDeclaredMethods()) {
      Class<?>[] p = m.getParameterTypes();
      if (m.getName().equals("changeset") && Modifier.isStatic(m.getModifiers()) && p.length == 2
          && p[0].isAssignableFrom(type) && p[1].isAssignableFrom(Map.class)
          && Changeset.class.isAssignableFrom(m.getReturnType())) {
        try {
          m.setAccessible(true); // a schema nested in a package-private class is still the user's to call
        } catch (RuntimeException e) {
          return null;
        }
        return m;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Changeset<Object> invoke(Method method, Object record, Map<String, Object> params, String where) {
    try {
      return (Changeset<Object>) method.invoke(null, record, params);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new ArgumentException(where + ": " + method + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new ArgumentException(where + ": cannot call " + method + "; make it public or give the function", e);
    }
  }
}
