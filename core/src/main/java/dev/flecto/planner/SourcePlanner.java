package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Assocs;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Join;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Source;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a query's FROM and JOINs into its scope's bindings (Ecto's sources): names each binding,
 * expands an association join into joins on its keys (through its join table or its chain of
 * associations), and plans a subquery or VALUES source. Kept apart from the clause planners
 * because every clause resolves names against what this builds.
 */
final class SourcePlanner {
  private SourcePlanner() {}

  /** Adds the source (already planned into {@code scope.source}) and each join to the scope, in order. */
  static void resolve(Scope scope) {
    scope.sources.add(SourceInfo.of(scope.source));
    if (scope.query.as() != null) {
      scope.bindings.put(scope.query.as(), 0);
    }
    for (Join j : scope.query.joins()) {
      if (scope.bindings.containsKey(j.as())) {
        throw new QueryException("binding '" + j.as() + "' is used twice in query " + scope.query
            + "; hint: give each source and join its own name");
      }
      if (j.source() instanceof Source.Assoc a) {
        assocJoin(scope, j, a);
        continue;
      }
      boolean lateral = j.kind() == JoinKind.INNER_LATERAL || j.kind() == JoinKind.LEFT_LATERAL;
      Source js = source(scope, j.source(), lateral ? scope : null, "join " + j.as());
      add(scope, j.kind(), js, j.as(), j.on());
    }
  }

  private static void add(Scope scope, JoinKind kind, Source js, String as, Expr on) {
    scope.bindings.put(as, scope.sources.size());
    scope.sources.add(SourceInfo.of(js));
    scope.joins.add(new Join(kind, js, as, on));
  }

  /** An association's target joined on its keys; a many-to-many through its join table first. */
  private static void assocJoin(Scope scope, Join j, Source.Assoc a) {
    String clause = "join " + j.as();
    int ownerIndex = scope.binding(a.owner(), clause);
    SchemaMeta<?> owner = scope.sources.get(ownerIndex).schema();
    Association assoc = owner == null ? null : owner.association(a.name());
    if (assoc == null) {
      throw new QueryException("association '" + a.name() + "' in " + clause + " does not exist in "
          + scope.sources.get(ownerIndex).describe() + ", in query " + scope.query + "; hint: its associations are "
          + (owner == null ? "none" : owner.associations().stream().map(Association::name).toList()));
    }
    String ownerBinding = a.owner() == null ? scope.query.as() : a.owner();
    if (assoc.isThrough()) {
      // Each step of the chain joins the one before; the steps between get their own bindings.
      String from = ownerBinding;
      List<String> steps = assoc.through();
      for (int i = 0; i < steps.size(); i++) {
        boolean last = i == steps.size() - 1;
        String as = last ? j.as() : j.as() + "_through" + (i + 1);
        assocJoin(scope, new Join(j.kind(), new Source.Assoc(from, steps.get(i)), as, last ? j.on() : null),
            new Source.Assoc(from, steps.get(i)));
        from = as;
      }
      return;
    }
    SchemaMeta<?> target = Schemas.of(assoc.target());
    FieldRef ownerKey;
    Expr on;
    switch (assoc.kind()) {
      case BELONGS_TO:
        on = new FieldRef(j.as(), key(target, assoc, clause)).eq(ref(ownerBinding, assoc.foreignKey()));
        break;
      case HAS_ONE:
      case HAS_MANY:
        on = new FieldRef(j.as(), assoc.foreignKey()).eq(ref(ownerBinding, key(owner, assoc, clause)));
        break;
      case MANY_TO_MANY:
        String through = j.as() + "_join";
        ownerKey = ref(ownerBinding, key(owner, assoc, clause));
        add(scope, j.kind(), Assocs.joinSource(assoc), through, new FieldRef(through, assoc.joinKey()).eq(ownerKey));
        on = new FieldRef(j.as(), key(target, assoc, clause)).eq(new FieldRef(through, assoc.relatedKey()));
        break;
      default:
        throw new AssertionError(assoc.kind());
    }
    Expr filter = Assocs.filter(assoc, j.as());
    on = filter == null ? on : on.and(filter);
    add(scope, j.kind(), new Source.Schema(assoc.target(), null), j.as(), j.on() == null ? on : on.and(j.on()));
  }

  // The source may have no binding name: refer to it as the source (binding null).
  private static FieldRef ref(String binding, String field) {
    return new FieldRef(binding, field);
  }

  private static String key(SchemaMeta<?> meta, Association assoc, String clause) {
    return meta.referencedKey(assoc, "an association join in " + clause).name();
  }

  /** A subquery source is planned in its own scope (a lateral one sees the bindings before it), see {@link NestedPlanner}. */
  static Source source(Scope scope, Source s, Scope visibleParent, String clause) {
    if (s instanceof Source.Subquery sub) {
      return new Source.Subquery(NestedPlanner.source(scope, sub.query(), visibleParent, clause));
    }
    if (s instanceof Source.Values v) {
      return values(scope, v);
    }
    if (s instanceof Source.Sql f) { // its arguments bound as any fragment's, in the order the SQL reads them
      return new Source.Sql((dev.flecto.query.Fragment) ExprPlanner.expr(scope, f.fragment(), clause), f.schema());
    }
    return s;
  }

  /** Each cell cast to its column's declared type and bound. */
  private static Source values(Scope scope, Source.Values v) {
    SourceInfo info = SourceInfo.of(v);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : v.rows()) {
      Map<String, Object> slots = new LinkedHashMap<>();
      for (Map.Entry<String, Object> cell : row.entrySet()) {
        SchemaField f = info.typedField(cell.getKey());
        try {
          slots.put(cell.getKey(), new Placeholder(scope.add(f.dump(f.cast(cell.getValue())))));
        } catch (IllegalArgumentException e) {
          throw new QueryException("values column '" + cell.getKey() + "' cannot cast " + dev.flecto.schema.ValueText.quoted(cell.getValue())
              + " to " + f.typeName() + ", in query " + scope.query);
        }
      }
      rows.add(slots);
    }
    return new Source.Values(rows, v.types());
  }
}
