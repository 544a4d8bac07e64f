package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.Association;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ecto's {@code cast_assoc} ({@code Ecto.Changeset.Relation.cast}): an association's params,
 * taken from the parent's params, matched to the loaded records by primary key; each entry cast by
 * the options' function onto its record (or a blank one), the records left out replaced by the
 * association's onReplace. It builds the same {@link AssocChange} putAssoc does, so the Repo
 * writes both alike. Apart from {@link Changeset}, which documents the step.
 *
 * <pre>{@code AssocCasting.cast(cs, "comments", CastAssocOptions.with(Comment::changeset)) }</pre>
 */
final class AssocCasting {
  private AssocCasting() {}

  /** The outcome of casting the params: a change, nothing to do (Ecto's :ignore), or params of the wrong shape. */
  private record Outcome(AssocChange change, boolean invalid) {
    static final Outcome IGNORE = new Outcome(null, false);
    static final Outcome INVALID = new Outcome(null, true);
  }

  static <T> Changeset<T> cast(Changeset<T> cs, String name, CastAssocOptions<?> o) {
    SchemaMeta<T> meta = cs.schema();
    String where = "castAssoc(\"" + name + "\") on " + meta.describe();
    Association a = AssocChanges.writable(meta, name, where);
    boolean many = a.kind().many();
    check(cs, a, o, where);
    ChangesetState<T> s = cs.state();
    ChildKeys.Given given = ChildKeys.given(s, cs.params(), name, many, o.sortParam(), o.dropParam(), o.required());
    boolean invalid = false;
    if (given.present()) {
      Object value = given.value();
      List<Object> existing = AssocChanges.existing(meta, cs.data(), a, where);
      Entries entries = new Entries(a, Schemas.of(a.target()), function(a, o, where), where);
      Outcome out = many ? entries.many(value, existing) : entries.one(value, existing.isEmpty() ? null : existing.get(0));
      invalid = out.invalid();
      if (invalid) {
        s.errors().add(new ChangesetError(name, o.invalidMessage(), Map.of("validation", "assoc", "type", many ? "list" : "map")));
      } else if (out.change() != null) {
        s.assocChanges().put(name, out.change());
        if (out.change().entries().stream().anyMatch(e -> !e.changeset().isValid())) {
          s.errors().add(new ChangesetError(name, "is invalid", Map.of("assoc", a.kind().name().toLowerCase())));
        }
      }
    }
    // Ecto checks a required association unless the params were refused as invalid.
    if (o.required() && !invalid && empty(meta, cs.data(), a, s.assocChanges().get(name))) {
      s.errors().add(new ChangesetError(name, o.requiredMessage(), Map.of("validation", "required")));
    }
    return new Changeset<>(s);
  }

  private static void check(Changeset<?> cs, Association a, CastAssocOptions<?> o, String where) {
    if (cs.params() == null) {
      throw new ArgumentException(where + ": the changeset was never cast; call cast(params, ...) first (even with no "
          + "fields): castAssoc reads the association's params from the changeset's params, as Ecto's cast_assoc does");
    }
    if (!a.kind().many() && (o.sortParam() != null || o.dropParam() != null || o.positional())) {
      throw new ArgumentException(where + ": sortParam, dropParam and a function with positions are for has-many "
          + "associations only, and " + a.name() + " is " + a.kind().name().toLowerCase().replace('_', '-'));
    }
  }

  /** Ecto's missing_relation: no record, or no kept entry (the current content when the params left it alone). */
  private static <T> boolean empty(SchemaMeta<T> meta, T data, Association a, AssocChange change) {
    if (change != null) {
      return change.entries().stream().noneMatch(e -> e.op().kept());
    }
    Assoc<?> current = (Assoc<?>) meta.get(data, meta.field(a.name()));
    if (current == null || !current.isLoaded()) {
      return true; // Ecto: a not loaded association counts as empty
    }
    Object v = current.get();
    return v == null || v instanceof List<?> l && l.isEmpty();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CastAssocOptions.PositionalCast<Object> function(Association a, CastAssocOptions<?> o, String where) {
    if (o.function() != null) {
      return (CastAssocOptions.PositionalCast) o.function();
    }
    return SchemaChangesetFunction.of(a.target(), where);
  }

  /** Builds the entries of one cast: the params in order, then the records they replace. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class Entries {
    private final Association a;
    private final SchemaMeta target;
    private final CastAssocOptions.PositionalCast<Object> function;
    private final String where;

    Entries(Association a, SchemaMeta target, CastAssocOptions.PositionalCast<Object> function, String where) {
      this.a = a;
      this.target = target;
      this.function = function;
      this.where = where;
    }

    /** Ecto's map_changes: matched entries update their record, others insert; duplicates of a key are errors. */
    Outcome many(Object value, List<Object> existing) {
      if (!(value instanceof List<?> list)) {
        return Outcome.INVALID;
      }
      Map<List<Object>, Object> remaining = new LinkedHashMap<>();
      existing.forEach(r -> remaining.put(AssocChanges.key(target, r), r));
      List<AssocChange.Entry> entries = new ArrayList<>();
      Set<List<Object>> seen = new HashSet<>();
      boolean skip = true;
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> params)) {
          return Outcome.INVALID;
        }
        List<Object> k = ChildKeys.paramKey(target, (Map<String, Object>) params);
        Object current = AssocChanges.blank(k) ? null : remaining.remove(k);
        Changeset child = apply(current, (Map<String, Object>) params, i);
        if ("ignore".equals(child.action())) {
          continue;
        }
        child = a.unique() ? unique(child, seen) : child;
        skip &= current != null && ChildKeys.unchanged(child);
        entries.add(new AssocChange.Entry(op(child, current), child));
      }
      if (!remaining.isEmpty() && !replaced(remaining.values(), entries)) {
        return Outcome.INVALID;
      }
      return skip && remaining.isEmpty() ? Outcome.IGNORE : new Outcome(new AssocChange(a, entries), false);
    }

    /**
     * Ecto's single_change: params with the record's key, or any params when onReplace is UPDATE,
     * update the record; other params replace it with a new one; null replaces it with nothing.
     */
    Outcome one(Object value, Object current) {
      List<AssocChange.Entry> entries = new ArrayList<>();
      if (value == null) {
        return current == null ? Outcome.IGNORE
            : replaced(List.of(current), entries) ? new Outcome(new AssocChange(a, entries), false) : Outcome.INVALID;
      }
      if (!(value instanceof Map<?, ?> params)) {
        return Outcome.INVALID;
      }
      List<Object> k = ChildKeys.paramKey(target, (Map<String, Object>) params);
      boolean inPlace = current != null && (a.onReplace() == OnReplace.UPDATE
          || !AssocChanges.blank(k) && k.equals(AssocChanges.key(target, current)));
      if (current != null && !inPlace && !replaced(List.of(current), entries)) {
        return Outcome.INVALID;
      }
      Changeset child = apply(inPlace ? current : null, (Map<String, Object>) params, -1);
      if ("ignore".equals(child.action()) || inPlace && ChildKeys.unchanged(child)) {
        return Outcome.IGNORE;
      }
      entries.add(0, new AssocChange.Entry(op(child, inPlace ? current : null), child));
      return new Outcome(new AssocChange(a, entries), false);
    }

    private Changeset apply(Object current, Map<String, Object> params, int position) {
      return ChildKeys.applied(function, target, current, params, position, where);
    }

    /** The entry's operation; a function may mark a loaded record's changeset "delete" (Ecto's action: :delete). */
    private AssocChange.Op op(Changeset child, Object current) {
      if ("delete".equals(child.action())) {
        if (current == null) {
          throw new ArgumentException(where + ": cannot delete a new " + target.describe() + " entry: only a record "
              + "the association holds (matched by its primary key) can be deleted through its changeset's action");
        }
        return AssocChange.Op.DELETE;
      }
      return current == null ? AssocChange.Op.INSERT : AssocChange.Op.UPDATE;
    }

    /** The records the params left out, by onReplace; false for MARK_AS_INVALID (Ecto: the cast is invalid). */
    private boolean replaced(Collection<Object> records, List<AssocChange.Entry> entries) {
      if (a.onReplace() == OnReplace.RAISE) {
        throw AssocChanges.raising(a, where, records.size());
      }
      if (a.onReplace() == OnReplace.MARK_AS_INVALID) {
        return false;
      }
      AssocChanges.replace(a, records, entries);
      return true;
    }


    /** Ecto (a has-many is unique, a many-to-many when declared so): a second entry with the same key gets "has already been taken" on its key. */
    private Changeset unique(Changeset child, Set<List<Object>> seen) {
      List<Object> k = new ArrayList<>();
      for (Object f : target.primaryKey()) {
        k.add(child.getField(((SchemaField) f).name()));
      }
      if (k.isEmpty() || k.contains(null) || seen.add(k)) {
        return child;
      }
      for (Object f : target.primaryKey()) {
        child = child.addError(((SchemaField) f).name(), "has already been taken");
      }
      return child;
    }

  }
}
