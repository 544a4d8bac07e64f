package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What castAssoc and castEmbed share about the children they cast: keys from params, and which children changed nothing. */
final class ChildKeys {
  private ChildKeys() {}

  /** The primary key the params give, cast to the key's type (a form's "5" is the record 5); uncastable values match nothing. */
  @SuppressWarnings("rawtypes")
  static List<Object> paramKey(SchemaMeta target, Map<String, Object> params) {
    List<Object> k = new ArrayList<>();
    for (Object f : target.primaryKey()) {
      Object raw = params.get(((SchemaField) f).name());
      try {
        k.add(raw == null ? null : ((SchemaField) f).cast(raw));
      } catch (IllegalArgumentException e) {
        k.add(raw);
      }
    }
    return k;
  }

  /** What the params give a cast child field: whether they give it anything, and its entries in order. */
  record Given(boolean present, Object value) {}

  /**
   * The params of a castAssoc or castEmbed field (its key, or Ecto's sort_param and drop_param
   * lists reordering and dropping its entries), marking it required when the options ask.
   */
  static Given given(ChangesetState<?> s, Map<String, Object> params, String name, boolean many, String sortParam,
      String dropParam, boolean required) {
    Object sort = sortParam == null ? null : params.get(sortParam);
    Object drop = dropParam == null ? null : params.get(dropParam);
    if (required && !s.required().contains(name)) {
      s.required().add(name);
    }
    if (!params.containsKey(name) && !(sort instanceof List<?>) && !(drop instanceof List<?>)) {
      return new Given(false, null);
    }
    return new Given(true, many ? AssocParams.ordered(params.get(name), sort, drop) : params.get(name));
  }

  /**
   * The child changeset the cast function makes of the current record (or a blank one) and its
   * params, refused unless it is a changeset of the target schema: cast_assoc's and cast_embed's
   * {@code :with}.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Changeset applied(CastAssocOptions.PositionalCast<Object> function, SchemaMeta target, Object current,
      Map<String, Object> params, int position, String where) {
    Changeset child = function.apply(current == null ? target.blank() : current, params, position);
    if (child == null || child.data().getClass() != target.type()) {
      throw new ArgumentException(where + ": the changeset function must return a changeset of " + target.describe()
          + ", got " + (child == null ? "null" : "a changeset of " + child.data().getClass().getSimpleName()));
    }
    return child;
  }

  /**
   * A child whose changeset is valid and changes nothing (no field, association or embed change,
   * no action asked): Ecto leaves it out of the parent's changes.
   */
  static boolean unchanged(Changeset<?> child) {
    return child.isValid() && child.changes().isEmpty() && child.assocChanges().isEmpty() && child.embedChanges().isEmpty()
        && child.action() == null;
  }
}
