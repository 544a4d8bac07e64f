package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.Association;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ecto's put_assoc diff: the new content of an association against what the record holds, by primary key. */
final class AssocChanges {
  private AssocChanges() {}

  static <T> AssocChange diff(SchemaMeta<T> meta, T data, String name, Object value, List<ChangesetError> errors) {
    String where = "putAssoc(\"" + name + "\") on " + meta.describe();
    Association a = writable(meta, name, where);
    return change(a, value, existing(meta, data, a, where), errors, where);
  }

  /**
   * Ecto's surface_changes on insert: each loaded association of the data that the changeset does
   * not change already becomes a change against nothing (its records inserted, or associated when
   * they have a key); through, not-loaded and empty associations are left alone.
   */
  static <T> Changeset<T> surface(Changeset<T> cs) {
    SchemaMeta<T> meta = cs.schema();
    Changeset<T> out = cs;
    for (Association a : meta.associations()) {
      Assoc<?> current = (Assoc<?>) meta.get(cs.data(), meta.field(a.name()));
      if (a.isThrough() || cs.assocChanges().containsKey(a.name()) || current == null || !current.isLoaded()
          || current.get() == null || current.get() instanceof List<?> l && l.isEmpty()) {
        continue;
      }
      List<ChangesetError> errors = new ArrayList<>();
      String where = "inserting the loaded association '" + a.name() + "' of " + meta.describe();
      out = out.withAssocChange(change(a, current.get(), List.of(), errors, where));
      for (ChangesetError e : errors) {
        out = out.addError(e.field(), e.message(), e.keys());
      }
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static AssocChange change(Association a, Object value, List<Object> existing, List<ChangesetError> errors,
      String where) {
    String name = a.name();
    boolean many = a.kind().many();
    if (many && !(value instanceof List<?>)) {
      throw new ArgumentException(where + ": a " + kind(a) + " association takes a list (empty to remove all), not "
          + value);
    }
    List<?> given = many ? (List<?>) value : value == null ? List.of() : List.of(value);
    SchemaMeta target = Schemas.of(a.target());
    Map<List<Object>, Object> remaining = new LinkedHashMap<>();
    existing.forEach(r -> remaining.put(key(target, r), r));

    List<AssocChange.Entry> entries = new ArrayList<>();
    for (Object g : given) {
      boolean inPlace = a.onReplace() == OnReplace.UPDATE && !remaining.isEmpty(); // has-one or belongs-to: one at most
      entries.add(inPlace ? inPlace(a, target, g, remaining, where) : entry(target, g, remaining, where));
    }
    if (many && a.unique()) {
      unique(target, entries);
    }
    if (entries.stream().anyMatch(e -> !e.changeset().isValid())) {
      errors.add(new ChangesetError(name, "is invalid", Map.of("assoc", a.kind().name().toLowerCase())));
    }
    if (!remaining.isEmpty()) {
      if (a.onReplace() == OnReplace.RAISE) {
        throw raising(a, where, remaining.size());
      }
      if (a.onReplace() == OnReplace.MARK_AS_INVALID) {
        errors.add(new ChangesetError(name, "is invalid", Map.of("on_replace", "mark_as_invalid")));
      } else {
        replace(a, remaining.values(), entries);
      }
    }
    return new AssocChange(a, entries);
  }

  /**
   * Ecto's unique relation check ({@code maybe_add_error_on_pk}): an entry whose primary key an
   * earlier entry has gets "has already been taken" on each key field; entries with no key pass.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void unique(SchemaMeta target, List<AssocChange.Entry> entries) {
    java.util.Set<List<Object>> seen = new java.util.HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Changeset child = entries.get(i).changeset();
      List<Object> k = new ArrayList<>();
      for (Object f : target.primaryKey()) {
        k.add(child.getField(((SchemaField) f).name()));
      }
      if (k.isEmpty() || k.contains(null) || seen.add(k)) {
        continue;
      }
      for (Object f : target.primaryKey()) {
        child = child.addError(((SchemaField) f).name(), "has already been taken");
      }
      entries.set(i, new AssocChange.Entry(entries.get(i).op(), child));
    }
  }

  private static String kind(Association a) {
    return a.kind().name().toLowerCase().replace('_', '-');
  }

  /** The association of that name, when a changeset may write it (not a through association). */
  static Association writable(SchemaMeta<?> meta, String name, String where) {
    Association a = meta.association(name);
    if (a == null) {
      throw new ArgumentException(where + ": no such association; its associations are "
          + meta.associations().stream().map(Association::name).toList());
    }
    if (a.isThrough()) {
      throw new ArgumentException(where + ": a through association is read-only; put the associations of its "
          + "chain " + a.through() + " instead");
    }
    return a;
  }

  static ArgumentException raising(Association a, String where, int replaced) {
    return new ArgumentException(where + ": the new value replaces " + replaced + " associated record(s) "
        + "and the association's onReplace is RAISE (Ecto's default); keep them in the value, or declare onReplace "
        + (a.kind() == Association.Kind.MANY_TO_MANY
            ? "(MARK_AS_INVALID, or DELETE to delete their join rows; the records themselves stay)"
            : "(MARK_AS_INVALID, NILIFY, DELETE, DELETE_IF_EXISTS" + (a.kind().many() ? "" : ", UPDATE") + ")"));
  }

  /**
   * Adds what happens to the records a new value replaces, by an onReplace other than RAISE and
   * MARK_AS_INVALID (which the callers report their own way).
   */
  static void replace(Association a, Collection<Object> replaced, List<AssocChange.Entry> entries) {
    if (a.onReplace() == OnReplace.UPDATE) {
      // Ecto: null replaces the record as an update that clears its foreign key (has-one: the
      // record keeps its row, unlinked); a belongs-to parent stays as it is and the record's own
      // foreign key is cleared, as for NILIFY.
      if (a.kind() != Association.Kind.BELONGS_TO) {
        replaced.forEach(r -> entries.add(new AssocChange.Entry(AssocChange.Op.NILIFY, Changeset.change(r))));
      }
      return;
    }
    AssocChange.Op op = AssocChange.Op.valueOf(a.onReplace().name());
    if (a.kind() == Association.Kind.BELONGS_TO && op == AssocChange.Op.NILIFY) {
      return; // the record's foreign key points elsewhere now; the old parent stays as it is
    }
    replaced.forEach(r -> entries.add(new AssocChange.Entry(op, Changeset.change(r))));
  }

  /** What the record holds now: the loaded value, or nothing for a record not yet stored. */
  static <T> List<Object> existing(SchemaMeta<T> meta, T data, Association a, String where) {
    Assoc<?> current = (Assoc<?>) meta.get(data, meta.field(a.name()));
    if (current != null && current.isLoaded()) {
      Object v = current.get();
      return v == null ? List.of() : v instanceof List<?> l ? new ArrayList<>(l) : List.of(v);
    }
    boolean stored = !meta.primaryKey().isEmpty() && meta.primaryKey().stream().allMatch(f -> meta.get(data, f) != null);
    if (stored) {
      throw new ArgumentException(where + ": the association is not loaded; preload it first (repo.preload(record, \""
          + a.name() + "\")): the whole association is replaced, so the changeset must know what the record holds");
    }
    return List.of();
  }

  /**
   * The value of an UPDATE association that holds a record, as Ecto's {@code single_change} takes
   * it: fields (a map) update that record in place, including a primary key they give (Ecto: "will
   * update all the fields given to the changeset including the id"); the record itself or a
   * changeset of it is an update as for any onReplace; any other record or changeset is refused
   * ({@code raise_if_updating_with_struct!}), since updating in place cannot associate another.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static AssocChange.Entry inPlace(Association a, SchemaMeta target, Object g, Map<List<Object>, Object> remaining,
      String where) {
    Object current = remaining.values().iterator().next();
    Object data = g instanceof Changeset<?> cs ? cs.data() : g;
    if (target.type().isInstance(data) && key(target, data).equals(key(target, current))) {
      return entry(target, g, remaining, where);
    }
    if (g instanceof Map<?, ?> m) {
      Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) m);
      // A key the map leaves null is not given: the record keeps its own.
      target.primaryKey().forEach(f -> fields.remove(((SchemaField) f).name(), null));
      remaining.clear();
      return new AssocChange.Entry(AssocChange.Op.UPDATE, Changeset.change(current, fields));
    }
    if (target.type().isInstance(data)) {
      String fix = a.kind() == Association.Kind.BELONGS_TO
          ? "change the foreign key " + a.foreignKey() + " instead"
          : "update the other record's foreign key " + a.foreignKey() + " with the Repo instead";
      throw new ArgumentException(where + ": onReplace is UPDATE, so the associated " + target.describe()
          + " can only be updated in place: give a map of its fields, or null; not another record or changeset ("
          + describe(target, data) + "). To associate another record, " + fix + " (Ecto's on_replace: :update)");
    }
    return entry(target, g, remaining, where); // refuses it, naming what an entry must be here
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String describe(SchemaMeta target, Object record) {
    List<Object> k = key(target, record);
    return blank(k) ? "a new one" : "primary key " + (k.size() == 1 ? k.get(0) : k);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static AssocChange.Entry entry(SchemaMeta target, Object g, Map<List<Object>, Object> remaining, String where) {
    if (g instanceof Changeset<?> cs) {
      if (cs.data().getClass() != target.type()) {
        throw new ArgumentException(where + ": a changeset of " + cs.data().getClass().getSimpleName()
            + " given where " + target.describe() + " is expected");
      }
      List<Object> k = key(target, cs.data());
      boolean associated = remaining.remove(k) != null;
      return new AssocChange.Entry(associated || !blank(k) ? AssocChange.Op.UPDATE : AssocChange.Op.INSERT, cs);
    }
    if (target.type().isInstance(g)) {
      List<Object> k = key(target, g);
      if (remaining.remove(k) != null) {
        return new AssocChange.Entry(AssocChange.Op.KEEP, Changeset.change(g));
      }
      // In the database but not associated: associating it writes its foreign key.
      return new AssocChange.Entry(blank(k) ? AssocChange.Op.INSERT : AssocChange.Op.UPDATE, Changeset.change(g));
    }
    if (g instanceof Map<?, ?> m) {
      List<Object> k = new ArrayList<>();
      for (Object f : target.primaryKey()) {
        k.add(m.get(((SchemaField) f).name()));
      }
      Object current = blank(k) ? null : remaining.remove(castKey(target, k));
      Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) m);
      if (current != null) {
        target.primaryKey().forEach(f -> fields.remove(((SchemaField) f).name()));
        return new AssocChange.Entry(AssocChange.Op.UPDATE, Changeset.change(current, fields));
      }
      return new AssocChange.Entry(AssocChange.Op.INSERT, Changeset.change(target.blank(), fields));
    }
    throw new ArgumentException(where + ": an entry must be a " + target.describe()
        + " record, a changeset of one, or a map of its fields, not " + g);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<Object> key(SchemaMeta target, Object record) {
    List<Object> k = new ArrayList<>();
    for (Object f : target.primaryKey()) {
      k.add(target.get(record, (SchemaField) f));
    }
    return k.isEmpty() ? Arrays.asList(record) : k; // no primary key: records match by value
  }

  // A map's key may be text or another integral type; compare as the field's type.
  private static List<Object> castKey(SchemaMeta<?> target, List<Object> k) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < k.size(); i++) {
      out.add(target.primaryKey().get(i).cast(k.get(i)));
    }
    return out;
  }

  static boolean blank(List<Object> k) {
    return k.stream().allMatch(v -> v == null);
  }
}
