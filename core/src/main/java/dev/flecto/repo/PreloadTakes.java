package dev.flecto.repo;

import static dev.flecto.query.Exprs.recordOf;

import dev.flecto.QueryException;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.query.RecordOf;
import dev.flecto.query.Selection;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ecto's {@code struct(city, [:country_id, :name, country: [:id, :population]])} with
 * {@code preload: :country}: the association fields a query's {@code recordOf} names
 * ({@code "country.id", "country.population"}, and deeper, {@code "country.region.name"}) restrict
 * what the query's preload of that association reads. Each such preload gets a query selecting
 * those fields. Ecto asks the user to include the keys the records are matched by and finds
 * nothing when they are missing; Flecto refuses the query instead, naming the key.
 */
final class PreloadTakes {
  private PreloadTakes() {}

  /**
   * The query's preloads, each restricted as its select's recordOf says; the same list when it
   * names no association's field.
   */
  static List<Preload> of(Query<?> query) {
    List<Preload> preloads = query.preloads();
    if (preloads.isEmpty() || !(query.select() instanceof Selection.Single<?> single)
        || !(single.expr() instanceof RecordOf r) || r.fields().stream().noneMatch(f -> f.indexOf('.') >= 0)) {
      return preloads;
    }
    // The planner has checked the rest: a recordOf of the root binding, its own fields those of its schema.
    return restrict(Schemas.of(query.schemaType()), r.fields(), preloads, r, query);
  }

  private static List<Preload> restrict(SchemaMeta<?> meta, List<String> fields, List<Preload> preloads, RecordOf r,
      Query<?> query) {
    List<String> own = new ArrayList<>();
    Map<String, List<String>> byAssoc = new LinkedHashMap<>();
    for (String f : fields) {
      int dot = f.indexOf('.');
      if (dot < 0) {
        own.add(f);
      } else {
        byAssoc.computeIfAbsent(f.substring(0, dot), k -> new ArrayList<>()).add(f.substring(dot + 1));
      }
    }
    if (byAssoc.isEmpty()) {
      return preloads;
    }
    List<String> selected = own.isEmpty() ? meta.loadedFields().stream().map(SchemaField::name).toList() : own;
    List<Preload> out = new ArrayList<>(preloads);
    for (Map.Entry<String, List<String>> e : byAssoc.entrySet()) {
      String name = e.getKey();
      Association a = meta.association(name);
      if (a == null) {
        throw refused(r, query, "names '" + name + "." + e.getValue().get(0) + "', but schema " + meta.describe()
            + " has no association '" + name + "'; its associations are "
            + meta.associations().stream().map(Association::name).toList());
      }
      boolean found = false;
      for (int i = 0; i < out.size(); i++) {
        Preload p = out.get(i);
        if (p.name().equals(name)) {
          out.set(i, restricted(meta, a, p, selected, e.getValue(), r, query));
          found = true;
        }
      }
      if (!found) {
        throw refused(r, query, "names fields of association '" + name + "' of schema " + meta.describe()
            + ", which the query does not preload; hint: .preload(\"" + name + "\")");
      }
    }
    return out;
  }

  private static Preload restricted(SchemaMeta<?> meta, Association a, Preload p, List<String> parentFields,
      List<String> fields, RecordOf r, Query<?> query) {
    String what = "association '" + a.name() + "' of schema " + meta.describe();
    if (p.binding() != null || p.loader() != null || a.isThrough()) {
      throw refused(r, query, "names fields of " + what + ", which " + (p.binding() != null
          ? "is a join preload: name its fields in a recordOf of its binding '" + p.binding() + "'"
          : p.loader() != null ? "is preloaded by a function, which reads what it reads"
          : "is a through association: name the fields of its steps' associations"));
    }
    SchemaMeta<?> target = Schemas.of(a.target());
    String parentKey;
    String childKey;
    switch (a.kind()) {
      case BELONGS_TO -> {
        parentKey = a.foreignKey();
        childKey = target.referencedKey(a, "preload").name();
      }
      case HAS_ONE, HAS_MANY -> {
        parentKey = meta.referencedKey(a, "preload").name();
        childKey = a.foreignKey();
      }
      default -> { // many-to-many: the join rows hold both keys
        parentKey = meta.referencedKey(a, "preload").name();
        childKey = target.referencedKey(a, "preload").name();
      }
    }
    if (!parentFields.contains(parentKey)) {
      throw refused(r, query, "reads " + what + " but not its key '" + parentKey + "', by which its records are matched "
          + "(Ecto: you must include the foreign keys); hint: add \"" + parentKey + "\"");
    }
    List<String> own = fields.stream().filter(f -> f.indexOf('.') < 0).toList();
    List<String> childFields = own.isEmpty() ? target.loadedFields().stream().map(SchemaField::name).toList() : own;
    if (!childFields.contains(childKey)) {
      throw refused(r, query, "reads " + what + " without its field '" + childKey + "', by which its records are "
          + "matched (Ecto: you must include the foreign keys); hint: add \"" + a.name() + "." + childKey + "\"");
    }
    for (String f : own) {
      if (target.findField(f) == null || target.association(f) != null) {
        throw refused(r, query, "names '" + a.name() + "." + f + "', but schema " + target.describe()
            + " has no such field; its fields are " + target.fieldNames());
      }
    }
    Query<?> base = p.query() != null ? p.query() : Query.from(a.target());
    if (base.as() == null) {
      base = base.as("take");
    }
    Query<?> selecting = own.isEmpty() ? base : select(base, own, target.type());
    List<Preload> nested = restrict(target, fields, p.nested(), r, query);
    return new Preload(p.name(), nested, selecting, p.force());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Query<?> select(Query<?> base, List<String> fields, Class<?> type) {
    return ((Query) base).select(recordOf(base.as(), fields.toArray(String[]::new)), type);
  }

  private static QueryException refused(RecordOf r, Query<?> query, String why) {
    return new QueryException("recordOf(\"" + r.binding() + "\", " + r.fields() + ") in select " + why + ", in query " + query);
  }
}
