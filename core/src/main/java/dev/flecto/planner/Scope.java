package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Join;
import dev.flecto.query.Param;
import dev.flecto.query.ParentRef;
import dev.flecto.query.Query;
import dev.flecto.query.Source;
import dev.flecto.schema.SchemaField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planning state of one query (the top query, or one nested in it): its resolved sources and
 * binding names, and the parameter list shared by the whole statement. It owns name resolution
 * (binding → source → typed field) and parameter numbering, because every clause planner needs
 * both and they must agree; the clause planners themselves are stateless.
 */
final class Scope {
  final Query<?> query;
  // The scope a parentAs starts its lookup in: the enclosing query of a subquery (a lateral one's
  // too), and for a CTE or a combination the one enclosing the query that holds it. Null at the top.
  final Scope parent;
  final List<SourceInfo> sources = new ArrayList<>();
  final Source source;
  final List<Join> joins = new ArrayList<>();
  final Map<String, Integer> bindings = new LinkedHashMap<>();
  // One list for the whole statement: placeholders are numbered in the order values are met.
  final List<Object> params;
  final Set<String> selectedNames = new HashSet<>();
  // While a join's condition is planned, the bindings after that join are not visible yet.
  int visible = Integer.MAX_VALUE;
  // The query prefix reaches nested queries (subqueries, CTEs, combinations) that set none.
  final String prefix;

  Scope(Query<?> query, Scope parent, List<Object> params) {
    this(query, parent, params, null);
  }

  Scope(Query<?> query, Scope parent, List<Object> params, String outerPrefix) {
    this.query = query;
    this.parent = parent;
    this.params = params;
    this.prefix = query.prefix() != null ? query.prefix() : outerPrefix;
    this.source = SourcePlanner.source(this, query.source(), null, "from");
    SourcePlanner.resolve(this);
  }

  /** The query with every value a placeholder; a limit or offset holds its placeholder's index. */
  <T> Query<T> normalize() {
    return QueryPlanner.normalize(this);
  }

  /** Adds a dumped value to the statement's parameters. */
  int add(Object value) {
    params.add(value);
    return params.size() - 1;
  }

  /** A value with no field to take its type from, bound as it is (an enum as its name). */
  Param bind(Object value) {
    return placeholder(PlanValues.dumpRaw(value));
  }

  // A value cast to its field's type is dumped already: each value is dumped (times truncated) once.
  Param placeholder(Object dumped) {
    return new Param(new Placeholder(add(dumped)));
  }

  /** The field's typed definition, or null when its source does not type it (a table, an untyped subquery column). */
  SchemaField field(FieldRef f, String clause) {
    SourceInfo info = sources.get(binding(f.binding(), clause));
    if (!info.hasField(f.field())) {
      throw new QueryException("field '" + f.field() + "' in " + clause + " does not exist in "
          + (info.schema() != null ? "schema " : "") + info.describe() + " in query " + query
          + "; hint: the " + (info.schema() != null ? "schema's " : "") + "fields are " + info.fieldNames());
    }
    SchemaField field = info.typedField(f.field());
    if (field != null && field.virtual()) {
      throw new QueryException("field '" + f.field() + "' in " + clause + " of schema " + info.describe()
          + " is @Virtual and has no column, in query " + query);
    }
    return field;
  }

  /**
   * The field a parentAs names, in the nearest enclosing scope that has its binding: a subquery
   * nested in a subquery (or in a CTE or combination of one) reaches any query around it, as Ecto's
   * planner looks up the chain of parents.
   */
  SchemaField parentField(ParentRef r, String clause) {
    if (parent == null) {
      throw new QueryException("parentAs(\"" + r.binding() + "\", \"" + r.field() + "\") in " + clause
          + " is outside a subquery, in query " + query);
    }
    Scope s = parent;
    while (!s.has(r.binding()) && s.parent != null) {
      s = s.parent;
    }
    if (!s.has(r.binding())) {
      List<String> enclosing = new ArrayList<>();
      for (Scope e = parent; e != null; e = e.parent) {
        enclosing.addAll(e.bindings.keySet());
      }
      throw new QueryException("binding '" + r.binding() + "' of parentAs(\"" + r.binding() + "\", \"" + r.field() + "\") in "
          + clause + " does not exist in any enclosing query, in query " + query + "; hint: the enclosing queries' bindings are "
          + (enclosing.isEmpty() ? "none (name their sources with as(...))" : enclosing));
    }
    return s.field(new FieldRef(r.binding(), r.field()), clause);
  }

  // A position names a binding of the scope right around (as before the chain was walked).
  private boolean has(String binding) {
    return binding.startsWith(FieldRef.POSITION) || bindings.containsKey(binding);
  }

  int binding(String name, String clause) {
    if (name == null) {
      return 0;
    }
    Integer i = name.startsWith(FieldRef.POSITION) ? position(name, clause) : bindings.get(name);
    if (i != null && i > visible) {
      throw new QueryException("binding '" + name + "' in " + clause + " is joined later, in query " + query
          + "; hint: a join's condition can use the source and the joins before it");
    }
    if (i == null) {
      throw new QueryException("binding '" + name + "' in " + clause + " does not exist in query " + query
          + "; hint: the bindings are " + (bindings.isEmpty() ? "none (name the source with as(...))" : bindings.keySet()));
    }
    return i;
  }

  private Integer position(String name, String clause) {
    int p = Integer.parseInt(name.substring(1));
    if (p >= sources.size()) {
      throw new QueryException("binding position " + p + " in " + clause + " does not exist in query " + query
          + "; hint: 0 is the source and 1.." + (sources.size() - 1) + " the joins");
    }
    return p;
  }

  /** The source a typed field belongs to, for messages. */
  String owner(SchemaField field) {
    for (SourceInfo m : sources) {
      if (m.typedField(field.name()) == field) {
        return m.describe();
      }
    }
    return sources.get(0).describe();
  }
}
