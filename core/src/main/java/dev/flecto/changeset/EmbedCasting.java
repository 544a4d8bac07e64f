package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Embed;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ecto's {@code cast_embed} and {@code put_embed}: an embed's params (or new value) matched to the
 * current embedded records by primary key, each entry made a changeset of its record (or of a
 * blank one, given a generated id), the records left out replaced by the embed's onReplace. The
 * result is an {@link EmbedChange} and, as the field's change, the records it applies to, which
 * the Repo writes as a whole. Apart from {@link Changeset}, which documents the steps.
 *
 * <pre>{@code EmbedCasting.cast(cs, "addresses", CastEmbedOptions.with(Address::changeset)) }</pre>
 */
final class EmbedCasting {
  private EmbedCasting() {}

  /** The outcome: the new changesets, nothing to do (Ecto's skip), or params of the wrong shape. */
  private record Outcome(List<Changeset<?>> changesets, boolean invalid) {
    static final Outcome IGNORE = new Outcome(null, false);
    static final Outcome INVALID = new Outcome(null, true);
  }

  static <T> Changeset<T> cast(Changeset<T> cs, String name, CastEmbedOptions<?> o) {
    SchemaMeta<T> meta = cs.schema();
    String where = "castEmbed(\"" + name + "\") on " + meta.describe();
    SchemaField f = embedField(meta, name, where);
    Embed e = f.embed();
    if (cs.params() == null) {
      throw new ArgumentException(where + ": the changeset was never cast; call cast(params, ...) first (even with no "
          + "fields): castEmbed reads the embed's params from the changeset's params, as Ecto's cast_embed does");
    }
    if (!e.many() && (o.sortParam() != null || o.dropParam() != null || o.positional())) {
      throw new ArgumentException(where + ": sortParam, dropParam and a function with positions are for embeds-many "
          + "only, and " + name + " is an embeds-one");
    }
    ChangesetState<T> s = cs.state();
    ChildKeys.Given given = ChildKeys.given(s, cs.params(), name, e.many(), o.sortParam(), o.dropParam(), o.required());
    boolean invalid = false;
    if (given.present()) {
      Object value = given.value();
      Entries entries = new Entries(e, function(e, o, where), where);
      Object current = meta.get(cs.data(), f);
      Outcome out = e.many() ? entries.castMany(value, (List<?>) current) : entries.castOne(value, current);
      invalid = out.invalid();
      if (invalid) {
        s.changes().remove(name);
        s.errors().add(new ChangesetError(name, o.invalidMessage(), Map.of("validation", "embed", "type", e.many() ? "list" : "map")));
      } else if (out.changesets() != null) {
        record(s, f, new EmbedChange(f, out.changesets()), current);
      }
    }
    if (o.required() && !invalid && empty(s, meta, cs.data(), f)) {
      s.errors().add(new ChangesetError(name, o.requiredMessage(), Map.of("validation", "required")));
    }
    return new Changeset<>(s);
  }

  static <T> Changeset<T> put(Changeset<T> cs, String name, Object value) {
    SchemaMeta<T> meta = cs.schema();
    String where = "putEmbed(\"" + name + "\") on " + meta.describe();
    SchemaField f = embedField(meta, name, where);
    Embed e = f.embed();
    Entries entries = new Entries(e, null, where);
    Object current = meta.get(cs.data(), f);
    Outcome out = e.many() ? entries.putMany(value, (List<?>) current) : entries.putOne(value, current);
    ChangesetState<T> s = cs.state();
    if (out.invalid()) {
      s.errors().add(new ChangesetError(name, "is invalid", Map.of("validation", "embed", "type", e.many() ? "list" : "map")));
    } else if (out.changesets() != null) {
      record(s, f, new EmbedChange(f, out.changesets()), current);
    } else {
      s.changes().remove(name);
      s.embedChanges().remove(name);
    }
    return new Changeset<>(s);
  }

  private static void record(ChangesetState<?> s, SchemaField f, EmbedChange change, Object current) {
    Object applied = change.applied();
    s.embedChanges().put(f.name(), change);
    if (Values.same(applied, current)) {
      s.changes().remove(f.name());
    } else {
      s.changes().put(f.name(), applied);
    }
    if (!change.valid()) {
      s.errors().add(new ChangesetError(f.name(), "is invalid", Map.of("embed", f.embed().many() ? "many" : "one")));
    }
  }

  static SchemaField embedField(SchemaMeta<?> meta, String name, String where) {
    SchemaField f = meta.findField(name);
    if (f == null || f.embed() == null) {
      throw new ArgumentException(where + ": " + (f == null ? "there is no field '" + name + "'" : "field '" + name
          + "' is not an embed (use cast or putChange for fields, castAssoc or putAssoc for associations)")
          + "; the embeds of " + meta.describe() + " are " + meta.fields().stream().filter(x -> x.embed() != null)
          .map(SchemaField::name).toList());
    }
    return f;
  }

  /** Ecto's missing_relation: no record, or an empty list, after the change. */
  private static <T> boolean empty(ChangesetState<T> s, SchemaMeta<T> meta, T data, SchemaField f) {
    Object v = s.changes().containsKey(f.name()) ? s.changes().get(f.name()) : meta.get(data, f);
    return v == null || v instanceof List<?> l && l.isEmpty();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CastAssocOptions.PositionalCast<Object> function(Embed e, CastEmbedOptions<?> o, String where) {
    if (o.function() != null) {
      return (CastAssocOptions.PositionalCast) o.function();
    }
    return SchemaChangesetFunction.of(e.type(), where, "castEmbed", "CastEmbedOptions");
  }

  /** Builds the changesets of one cast or put: the entries in order, each matched to a current record by key. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class Entries {
    private final Embed embed;
    private final SchemaMeta target;
    private final CastAssocOptions.PositionalCast<Object> function;
    private final String where;

    Entries(Embed embed, CastAssocOptions.PositionalCast<Object> function, String where) {
      this.embed = embed;
      this.target = embed.schema();
      this.function = function;
      this.where = where;
    }

    Outcome castMany(Object value, List<?> current) {
      if (!(value instanceof List<?> list) || list.stream().anyMatch(p -> !(p instanceof Map<?, ?>))) {
        return Outcome.INVALID;
      }
      Map<List<Object>, Object> remaining = byKey(current);
      List<Changeset<?>> out = new ArrayList<>();
      boolean skip = true;
      for (int i = 0; i < list.size(); i++) {
        Map<String, Object> params = (Map<String, Object>) list.get(i);
        List<Object> k = ChildKeys.paramKey(target, params);
        Object matched = blank(k) ? null : remaining.remove(k);
        Changeset child = apply(matched, params, i);
        if ("ignore".equals(child.action())) {
          continue;
        }
        if ("delete".equals(child.action())) {
          deletable(matched);
          skip = false;
          continue; // Ecto: an entry whose changeset's action is delete leaves the list
        }
        skip &= matched != null && ChildKeys.unchanged(child);
        out.add(matched == null ? withId(child) : child);
      }
      if (!remaining.isEmpty() && !replaced(remaining.size())) {
        return Outcome.INVALID;
      }
      return skip && remaining.isEmpty() ? Outcome.IGNORE : new Outcome(out, false);
    }

    Outcome castOne(Object value, Object current) {
      if (value == null) {
        return current == null ? Outcome.IGNORE : replaced(1) ? new Outcome(List.of(), false) : Outcome.INVALID;
      }
      if (!(value instanceof Map<?, ?>)) {
        return Outcome.INVALID;
      }
      Map<String, Object> params = (Map<String, Object>) value;
      List<Object> k = ChildKeys.paramKey(target, params);
      boolean inPlace = current != null && (embed.onReplace() == OnReplace.UPDATE || same(k, current));
      if (current != null && !inPlace && !replaced(1)) {
        return Outcome.INVALID;
      }
      Changeset child = apply(inPlace ? current : null, params, -1);
      if ("ignore".equals(child.action()) || inPlace && ChildKeys.unchanged(child)) {
        return Outcome.IGNORE;
      }
      if ("delete".equals(child.action())) {
        deletable(inPlace ? current : null);
        return new Outcome(List.of(), false);
      }
      return new Outcome(List.of(inPlace ? child : withId(child)), false);
    }

    Outcome putMany(Object value, List<?> current) {
      if (!(value instanceof List<?> list)) {
        throw new ArgumentException(where + ": an embeds-many takes a list, got " + describe(value));
      }
      Map<List<Object>, Object> remaining = byKey(current);
      List<Changeset<?>> out = new ArrayList<>();
      boolean skip = true;
      for (Object entry : list) {
        Object matched = remaining.remove(entryKey(entry));
        Changeset child = changeset(entry, matched);
        skip &= matched != null && ChildKeys.unchanged(child) && child.data().equals(matched);
        out.add(child);
      }
      if (!remaining.isEmpty() && !replaced(remaining.size())) {
        return Outcome.INVALID;
      }
      return skip && remaining.isEmpty() && list.size() == current.size() ? Outcome.IGNORE : new Outcome(out, false);
    }

    Outcome putOne(Object value, Object current) {
      if (value == null) {
        return current == null ? Outcome.IGNORE : replaced(1) ? new Outcome(List.of(), false) : Outcome.INVALID;
      }
      List<Object> k = entryKey(value);
      boolean same = current != null && same(k, current);
      boolean inPlace = current != null && (same || embed.onReplace() == OnReplace.UPDATE && value instanceof Map<?, ?>);
      if (current != null && !inPlace && embed.onReplace() != OnReplace.UPDATE && !replaced(1)) {
        return Outcome.INVALID;
      }
      Changeset child = changeset(value, inPlace ? current : null);
      if (inPlace && ChildKeys.unchanged(child) && child.data().equals(current)) {
        return Outcome.IGNORE;
      }
      return new Outcome(List.of(child), false);
    }

    /** A put entry as a changeset: a changeset as it is, a record as a change of itself, a map as changes of the matched record or a blank one. */
    private Changeset changeset(Object entry, Object matched) {
      Changeset child;
      if (entry instanceof Changeset<?> c) {
        if (!target.type().isInstance(c.data())) {
          throw new ArgumentException(where + ": expected a changeset of " + target.describe() + ", got " + describe(entry));
        }
        child = c;
      } else if (target.type().isInstance(entry)) {
        child = Changeset.change(entry);
      } else if (entry instanceof Map<?, ?> m) {
        child = Changeset.change(matched != null ? matched : target.blank(), (Map<String, ?>) m);
      } else {
        throw new ArgumentException(where + ": an entry must be a " + target.type().getSimpleName() + " record, a "
            + "changeset of one, or a map of its fields, got " + describe(entry));
      }
      return matched == null ? withId(child) : child;
    }

    private Changeset apply(Object current, Map<String, Object> params, int position) {
      return ChildKeys.applied(function, target, current, params, position, where);
    }

    private void deletable(Object matched) {
      if (matched == null) {
        throw new ArgumentException(where + ": cannot delete a new " + target.describe() + " entry: only a current "
            + "embedded record (matched by its primary key) can be deleted through its changeset's action");
      }
    }

    /** A new entry gets its generated id now, when its schema has one and it has none (Ecto's autogenerated binary_id). */
    private Changeset withId(Changeset child) {
      List<SchemaField> pk = target.primaryKey();
      if (pk.size() == 1 && pk.get(0).idGeneration() == IdGeneration.CLIENT_UUID && child.getField(pk.get(0).name()) == null) {
        return child.forceChange(pk.get(0).name(), UUID.randomUUID());
      }
      return child;
    }

    /** False for MARK_AS_INVALID (the change is invalid); RAISE throws; DELETE and UPDATE drop the replaced records. */
    private boolean replaced(int count) {
      if (embed.onReplace() == OnReplace.RAISE) {
        throw new ArgumentException(where + ": the new value replaces " + count + " embedded record(s) and the embed's "
            + "onReplace is RAISE (Ecto's default); keep them in the value (with their id), or declare onReplace "
            + "(MARK_AS_INVALID, DELETE" + (embed.many() ? "" : ", UPDATE") + ")");
      }
      return embed.onReplace() != OnReplace.MARK_AS_INVALID;
    }

    private Map<List<Object>, Object> byKey(List<?> current) {
      Map<List<Object>, Object> out = new LinkedHashMap<>();
      int unkeyed = 0;
      for (Object r : current == null ? List.of() : current) {
        List<Object> k = key(r);
        out.put(blank(k) ? List.of("unkeyed", unkeyed++) : k, r); // records with no key match nothing, yet are replaced
      }
      return out;
    }

    private List<Object> key(Object record) {
      List<Object> k = new ArrayList<>();
      for (Object f : target.primaryKey()) {
        k.add(target.get(record, (SchemaField) f));
      }
      return k;
    }

    private List<Object> entryKey(Object entry) {
      if (entry instanceof Changeset<?> c && target.type().isInstance(c.data())) {
        return key(c.data());
      }
      if (target.type().isInstance(entry)) {
        return key(entry);
      }
      return entry instanceof Map<?, ?> m ? ChildKeys.paramKey(target, (Map<String, Object>) m) : List.of();
    }


    /**
     * Whether a key names the current record. A default record (defaultsToStruct) has no key yet,
     * and Ecto matches its nil key with the nil key of the params, so they update it in place.
     */
    private boolean same(List<Object> k, Object current) {
      return (!blank(k) || embed.defaultsToStruct() && !k.isEmpty()) && k.equals(key(current));
    }

    private static boolean blank(List<Object> k) {
      return k.isEmpty() || k.contains(null);
    }


    private static String describe(Object value) {
      return value == null ? "null" : value.getClass().getSimpleName() + " " + dev.flecto.schema.ValueText.quoted(value);
    }
  }
}
