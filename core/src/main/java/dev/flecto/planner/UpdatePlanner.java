package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Updates;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plans the updates of an {@code updateAll} (Ecto's {@code update: [set: ..., inc: ...]}): each
 * field persisted and writable, each value cast to its field's type (a push or pull value to the
 * list's element type). Separate from query planning: the updates are not part of a query's scope
 * and their parameters come first in the statement.
 */
final class UpdatePlanner {
  private UpdatePlanner() {}

  static PlannedUpdate plan(SchemaMeta<?> meta, Updates updates) {
    if (updates.updates().isEmpty()) {
      throw new QueryException("updateAll on schema " + meta.describe() + " needs at least one update");
    }
    List<PlannedUpdate.UpdateShape> shape = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (Updates.Update u : updates.updates()) {
      SchemaField f = meta.findField(u.field());
      if (f == null || !f.updatable()) {
        throw new QueryException("field '" + u.field() + "' in updateAll " + (f == null ? "does not exist in" : "is not writable in")
            + " schema " + meta.describe() + "; hint: the schema's fields are " + meta.fieldNames());
      }
      boolean arrayOp = check(meta, u, f);
      params.add(value(meta, u, f, arrayOp));
      shape.add(new PlannedUpdate.UpdateShape(f, u.kind()));
    }
    return new PlannedUpdate(shape, params);
  }

  /**
   * The updates of an updateAll on a table without a schema (Ecto's {@code update_all} on
   * {@code "table"}): columns named as given, values bound as given (nothing to cast them to), a
   * push or pull element cast to the array's element type by the value's own type.
   */
  static PlannedUpdate schemaless(String table, Updates updates) {
    if (updates.updates().isEmpty()) {
      throw new QueryException("updateAll on table \"" + table + "\" needs at least one update");
    }
    List<PlannedUpdate.UpdateShape> shape = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (Updates.Update u : updates.updates()) {
      Object v = u.value();
      boolean arrayOp = u.kind() == Updates.Kind.PUSH || u.kind() == Updates.Kind.PULL;
      if ((u.kind() == Updates.Kind.INC && !(v instanceof Number)) || (arrayOp && (v == null || FieldType.of(v.getClass()) == null))) {
        throw new QueryException(u.kind().name().toLowerCase(Locale.ROOT) + " on column '" + u.field() + "' of table \"" + table
            + "\" needs " + (arrayOp ? "an element of a type Flecto binds (" + FieldType.supportedTypes() + ")" : "a number")
            + ", got " + dev.flecto.schema.ValueText.quoted(v));
      }
      Class<?> element = arrayOp ? v.getClass() : null;
      shape.add(new PlannedUpdate.UpdateShape(new SchemaField(u.field(), u.field(), -1, Object.class,
          arrayOp ? FieldType.LIST : FieldType.STRING, false, dev.flecto.schema.IdGeneration.NONE, null, null, false, false,
          element), u.kind()));
      params.add(arrayOp ? FieldType.of(element).dump(v) : v);
    }
    return new PlannedUpdate(shape, params);
  }

  /** Checks the kind fits the field; true for an array operation (push or pull). */
  private static boolean check(SchemaMeta<?> meta, Updates.Update u, SchemaField f) {
    boolean numeric = Number.class.isAssignableFrom(f.type().javaType());
    if (u.kind() == Updates.Kind.INC && !numeric) {
      throw new QueryException("inc on field '" + u.field() + "' of schema " + meta.describe() + " needs a number field, not "
          + f.typeName());
    }
    boolean arrayOp = u.kind() == Updates.Kind.PUSH || u.kind() == Updates.Kind.PULL;
    if (arrayOp && f.elementType() == null) {
      throw new QueryException(u.kind().name().toLowerCase(Locale.ROOT) + " on field '" + u.field() + "' of schema "
          + meta.describe() + " needs a list field, not " + f.typeName());
    }
    return arrayOp;
  }

  private static Object value(SchemaMeta<?> meta, Updates.Update u, SchemaField f, boolean arrayOp) {
    try {
      if (arrayOp) {
        return f.dumpElement(f.castElement(u.value()));
      }
      return f.dump(f.cast(u.value()));
    } catch (IllegalArgumentException e) {
      throw new QueryException("value " + dev.flecto.schema.ValueText.quoted(u.value()) + " in updateAll cannot be cast to "
          + (!arrayOp ? f.typeName() : f.custom() != null ? f.custom().name() : f.elementType().getSimpleName())
          + " for field '" + u.field() + "' of schema "
          + meta.describe() + ("is invalid".equals(e.getMessage()) ? "" : ": " + e.getMessage()));
    }
  }
}
