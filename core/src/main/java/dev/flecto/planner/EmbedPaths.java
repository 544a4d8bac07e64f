package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Fragment;
import dev.flecto.query.JsonPath;
import dev.flecto.query.Param;
import dev.flecto.schema.Embed;
import dev.flecto.schema.JsonText;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.ValueText;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON paths into embed fields, as Ecto's planner checks {@code p.profile["visibility"]}: each key
 * an embedded field, written as its stored (column) name, each step into an embeds-many an index;
 * a value compared with a path ending at an embedded field is cast and written as that field
 * stores it. Paths into map fields pass as they are.
 *
 * <pre>{@code EmbedPaths.leaf(scope, jsonText(field("profile"), "visibility"), "where") // the field visibility }</pre>
 */
final class EmbedPaths {
  private EmbedPaths() {}

  /** The keys resolved: the path with stored names, and the field it ends at (null beyond the embeds). */
  private record Resolved(List<Object> keys, SchemaField leaf) {}

  /** The path with each embedded field name turned into its stored name; the path as it is when the base is no embed. */
  static Expr path(Scope scope, JsonPath j, String clause) {
    SchemaField base = embedBase(scope, j, clause);
    if (base == null) {
      return j.path();
    }
    Resolved r = resolve(scope, base, j, clause);
    if (j.path() instanceof Param) {
      return new Param(r.keys().stream().map(String::valueOf).toArray(String[]::new));
    }
    Fragment f = (Fragment) j.path();
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < f.args().size(); i++) {
      args.add(r.keys().get(i) instanceof Expr e ? e : new Param(String.valueOf(r.keys().get(i))));
    }
    return new Fragment(f.sql(), args);
  }

  /** The embedded field a path ends at, or null (no embed base, or a path beyond the embeds). */
  static SchemaField leaf(Scope scope, JsonPath j, String clause) {
    SchemaField base = embedBase(scope, j, clause);
    return base == null ? null : resolve(scope, base, j, clause).leaf();
  }

  /** The bound value of a param compared with a path ending at an embedded field: jsonb, or the text {@code #>>} gives. */
  static Object compared(Scope scope, JsonPath j, SchemaField leaf, Object value, String clause) {
    Object json;
    try {
      json = Embed.json(leaf, value);
    } catch (IllegalArgumentException e) {
      throw new QueryException("value " + ValueText.quoted(value) + " in " + clause + " cannot be cast to " + leaf.typeName()
          + " for embedded field '" + leaf.name() + "' at the end of a JSON path, in query " + scope.query
          + "; hint: pass a " + leaf.typeName() + " or text it can be cast from");
    }
    if (!j.asText()) {
      return JsonText.of(json);
    }
    return json instanceof String s ? s : JsonText.of(json).text(); // #>> prints a number or boolean as its JSON text
  }

  private static SchemaField embedBase(Scope scope, JsonPath j, String clause) {
    if (!(j.base() instanceof FieldRef f)) {
      return null;
    }
    SchemaField base = scope.field(f, clause);
    if (base != null && base.embed() != null && base.embed().array()) {
      throw new QueryException("JSON path into field '" + base.name() + "' in " + clause + ": it is stored as jsonb[] "
          + "(@EmbedsMany(array = true)), and JSON paths apply to jsonb, in query " + scope.query
          + "; hint: store it in a jsonb column (the default) to query into it");
    }
    boolean known = j.path() instanceof Param p && p.value() instanceof String[]
        || j.path() instanceof Fragment fr && fr.sql().startsWith("ARRAY[?::text") && fr.sql().endsWith("]::text[]");
    return base != null && base.embed() != null && known ? base : null;
  }

  private static Resolved resolve(Scope scope, SchemaField base, JsonPath j, String clause) {
    List<Object> keys = new ArrayList<>();
    if (j.path() instanceof Param p) {
      keys.addAll(List.of((String[]) p.value()));
    } else {
      for (Expr a : ((Fragment) j.path()).args()) {
        keys.add(a instanceof Param p && p.value() instanceof String s ? s : a);
      }
    }
    SchemaMeta<?> at = base.embed().schema();
    boolean many = base.embed().many();
    SchemaField leaf = null;
    String where = "field '" + base.name() + "'";
    List<Object> out = new ArrayList<>();
    for (Object key : keys) {
      if (at == null || !(key instanceof String k)) {
        out.add(key); // beyond the embeds (a map's keys, a list's indexes), or a key known only when the query runs
        at = null;
        leaf = null;
        continue;
      }
      if (many) {
        if (!k.matches("-?\\d+")) {
          throw new QueryException("JSON path into " + where + " in " + clause + ": '" + k + "' must be an index into its list "
              + "of embedded " + at.type().getSimpleName() + ", in query " + scope.query);
        }
        out.add(k);
        many = false;
        leaf = null;
        continue;
      }
      SchemaField f = at.findField(k);
      if (f == null || f.virtual()) {
        throw new QueryException("JSON path into " + where + " in " + clause + ": '" + k + "' is not a stored field of embedded "
            + at.describe() + ", in query " + scope.query + "; hint: its fields are " + at.fieldNames());
      }
      out.add(f.column());
      leaf = f;
      where = "field '" + f.name() + "' of embedded " + at.type().getSimpleName();
      many = f.embed() != null && f.embed().many();
      at = f.embed() != null ? f.embed().schema() : null;
    }
    return new Resolved(out, leaf == null || leaf.embed() != null || leaf.elementType() != null ? null : leaf);
  }
}
