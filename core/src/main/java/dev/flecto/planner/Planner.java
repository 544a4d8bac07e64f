package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.SchemaException;
import dev.flecto.query.BinaryOp;
import dev.flecto.query.Call;
import dev.flecto.query.CastExpr;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Fragment;
import dev.flecto.query.InExpr;
import dev.flecto.query.Join;
import dev.flecto.query.Fragment;
import dev.flecto.query.Operator;
import dev.flecto.query.Order;
import dev.flecto.query.Param;
import dev.flecto.query.Query;
import dev.flecto.query.Selection;
import dev.flecto.query.UnaryOp;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a query against its schemas and casts its values (Ecto's planner): an unknown binding
 * or field, a value that cannot be cast to the type it is compared with, a comparison with null,
 * or a bad lock fails with a {@link QueryException} naming the query, the clause and a hint. Each
 * value becomes a numbered parameter; the query without its values is the {@link QueryShape},
 * by which SQL and row plans are cached.
 *
 * <pre>{@code
 * Planner.plan(Query.from(Person.class).where("age", "abc"))
 * // QueryException: value "abc" in where cannot be cast to Integer for field 'age' of schema Person (table people) ...
 * }</pre>
 */
public final class Planner {
  private static final Pattern LOCK =
      Pattern.compile("(?i)FOR (UPDATE|NO KEY UPDATE|SHARE|KEY SHARE)( NOWAIT| SKIP LOCKED)?");

  private Planner() {}

  /**
   * Plans a query.
   *
   * <pre>{@code PlannedQuery<Person> planned = Planner.plan(Query.from(Person.class).limit(5)); }</pre>
   *
   * @param query the query
   * @param <T> the result type
   * @return the planned query
   * @throws QueryException when the query does not fit its schemas
   * @throws SchemaException when a source is not a valid schema
   */
  public static <T> PlannedQuery<T> plan(Query<T> query) {
    Walk w = new Walk(query, null, new ArrayList<>());
    Query<T> normalized = w.normalize();
    QueryShape shape = new QueryShape(normalized, w.sources,
        normalized.limit() == null ? -1 : normalized.limit(), normalized.offset() == null ? -1 : normalized.offset());
    RowSpecs.Spec<T> spec = RowSpecs.of(shape);
    return new PlannedQuery<>(query, shape, w.params, spec.columns(), spec.assemble());
  }

  /**
   * Plans the updates of an {@code updateAll}: every field must be persisted and writable, every
   * value castable to its field's type, and an increment's field numeric.
   *
   * <pre>{@code Planner.planUpdates(Schemas.of(Post.class), Updates.set("published", "true")) // params [true] }</pre>
   *
   * @param meta the schema
   * @param updates the updates
   * @return the planned updates
   * @throws QueryException naming the field at fault
   */
  public static PlannedUpdate planUpdates(SchemaMeta<?> meta, dev.flecto.query.Updates updates) {
    if (updates.updates().isEmpty()) {
      throw new QueryException("updateAll on schema " + meta.describe() + " needs at least one update");
    }
    List<PlannedUpdate.UpdateShape> shape = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (dev.flecto.query.Updates.Update u : updates.updates()) {
      SchemaField f = meta.findField(u.field());
      if (f == null || !f.updatable()) {
        throw new QueryException("field '" + u.field() + "' in updateAll " + (f == null ? "does not exist in" : "is not writable in")
            + " schema " + meta.describe() + "; hint: the schema's fields are " + meta.fieldNames());
      }
      boolean numeric = Number.class.isAssignableFrom(f.type().javaType());
      if (u.kind() == dev.flecto.query.Updates.Kind.INC && !numeric) {
        throw new QueryException("inc on field '" + u.field() + "' of schema " + meta.describe() + " needs a number field, not "
            + f.typeName());
      }
      boolean arrayOp = u.kind() == dev.flecto.query.Updates.Kind.PUSH || u.kind() == dev.flecto.query.Updates.Kind.PULL;
      if (arrayOp && f.elementType() == null) {
        throw new QueryException(u.kind().name().toLowerCase(java.util.Locale.ROOT) + " on field '" + u.field() + "' of schema "
            + meta.describe() + " needs a list field, not " + f.typeName());
      }
      try {
        if (arrayOp) {
          FieldType element = FieldType.of(f.elementType());
          params.add(element.dump(element.cast(u.value(), f.elementType())));
        } else {
          params.add(f.dump(f.cast(u.value())));
        }
      } catch (IllegalArgumentException e) {
        throw new QueryException("value " + quoted(u.value()) + " in updateAll cannot be cast to "
            + (arrayOp ? f.elementType().getSimpleName() : f.typeName()) + " for field '" + u.field() + "' of schema " + meta.describe());
      }
      shape.add(new PlannedUpdate.UpdateShape(f, u.kind()));
    }
    return new PlannedUpdate(shape, params);
  }

  /** One pass over a query: resolves bindings, checks fields, casts and collects values in placeholder order. */
  private static final class Walk {
    final Query<?> query;
    final Walk parent;
    final List<SourceInfo> sources = new ArrayList<>();
    final dev.flecto.query.Source source;
    final List<Join> joins = new ArrayList<>();
    final Map<String, Integer> bindings = new LinkedHashMap<>();
    final List<Object> params;
    final java.util.Set<String> selectedNames = new java.util.HashSet<>();
    int visible = Integer.MAX_VALUE;

    // The query prefix reaches nested queries (subqueries, CTEs, combinations) that set none.
    final String prefix;

    Walk(Query<?> query, Walk parent, List<Object> params) {
      this(query, parent, params, null);
    }

    Walk(Query<?> query, Walk parent, List<Object> params, String outerPrefix) {
      this.query = query;
      this.parent = parent;
      this.params = params;
      this.prefix = query.prefix() != null ? query.prefix() : outerPrefix;
      this.source = source(query.source(), null, "from");
      sources.add(SourceInfo.of(source));
      if (query.as() != null) {
        bindings.put(query.as(), 0);
      }
      for (Join j : query.joins()) {
        if (bindings.containsKey(j.as())) {
          throw new QueryException("binding '" + j.as() + "' is used twice in query " + query
              + "; hint: give each source and join its own name");
        }
        if (j.source() instanceof dev.flecto.query.Source.Assoc a) {
          assocJoin(j, a);
          continue;
        }
        boolean lateral = j.kind() == dev.flecto.query.JoinKind.INNER_LATERAL || j.kind() == dev.flecto.query.JoinKind.LEFT_LATERAL;
        dev.flecto.query.Source js = source(j.source(), lateral ? this : null, "join " + j.as());
        add(j.kind(), js, j.as(), j.on());
      }
    }

    private void add(dev.flecto.query.JoinKind kind, dev.flecto.query.Source js, String as, Expr on) {
      bindings.put(as, sources.size());
      sources.add(SourceInfo.of(js));
      joins.add(new Join(kind, js, as, on));
    }

    /** An association's target joined on its keys; a many-to-many through its join table first. */
    private void assocJoin(Join j, dev.flecto.query.Source.Assoc a) {
      String clause = "join " + j.as();
      int ownerIndex = binding(a.owner(), clause);
      SchemaMeta<?> owner = sources.get(ownerIndex).schema();
      dev.flecto.schema.Association assoc = owner == null ? null : owner.association(a.name());
      if (assoc == null) {
        throw new QueryException("association '" + a.name() + "' in " + clause + " does not exist in "
            + sources.get(ownerIndex).describe() + ", in query " + query + "; hint: its associations are "
            + (owner == null ? "none" : owner.associations().stream().map(dev.flecto.schema.Association::name).toList()));
      }
      String ownerBinding = a.owner() == null ? query.as() : a.owner();
      if (assoc.isThrough()) {
        // Each step of the chain joins the one before; the steps between get their own bindings.
        String from = ownerBinding;
        List<String> steps = assoc.through();
        for (int i = 0; i < steps.size(); i++) {
          boolean last = i == steps.size() - 1;
          String as = last ? j.as() : j.as() + "_through" + (i + 1);
          assocJoin(new Join(j.kind(), new dev.flecto.query.Source.Assoc(from, steps.get(i)), as, last ? j.on() : null),
              new dev.flecto.query.Source.Assoc(from, steps.get(i)));
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
          add(j.kind(), dev.flecto.query.Assocs.joinSource(assoc), through, new FieldRef(through, assoc.joinKey()).eq(ownerKey));
          on = new FieldRef(j.as(), key(target, assoc, clause)).eq(new FieldRef(through, assoc.relatedKey()));
          break;
        default:
          throw new AssertionError(assoc.kind());
      }
      Expr filter = dev.flecto.query.Assocs.filter(assoc, j.as());
      on = filter == null ? on : on.and(filter);
      add(j.kind(), new dev.flecto.query.Source.Schema(assoc.target(), null), j.as(), j.on() == null ? on : on.and(j.on()));
    }

    // The source may have no binding name: refer to it as the source (binding null).
    private static FieldRef ref(String binding, String field) {
      return new FieldRef(binding, field);
    }

    private static String key(SchemaMeta<?> meta, dev.flecto.schema.Association assoc, String clause) {
      return meta.referencedKey(assoc, "an association join in " + clause).name();
    }


    /** A subquery source is planned in its own scope (a lateral one sees the bindings before it). */
    private dev.flecto.query.Source source(dev.flecto.query.Source s, Walk scope, String clause) {
      if (s instanceof dev.flecto.query.Source.Subquery sub) {
        return new dev.flecto.query.Source.Subquery(new Walk(sub.query(), scope, params, prefix).normalize());
      }
      if (s instanceof dev.flecto.query.Source.Values v) {
        SourceInfo info = SourceInfo.of(v);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : v.rows()) {
          Map<String, Object> slots = new LinkedHashMap<>();
          for (Map.Entry<String, Object> cell : row.entrySet()) {
            SchemaField f = info.typedField(cell.getKey());
            try {
              slots.put(cell.getKey(), new Placeholder(add(f.dump(f.cast(cell.getValue())))));
            } catch (IllegalArgumentException e) {
              throw new QueryException("values column '" + cell.getKey() + "' cannot cast " + quoted(cell.getValue()) + " to "
                  + f.typeName() + ", in query " + query);
            }
          }
          rows.add(slots);
        }
        return new dev.flecto.query.Source.Values(rows, v.types());
      }
      return s;
    }

    /** The query with every value a placeholder; a limit or offset holds its placeholder's index. */
    @SuppressWarnings("unchecked")
    <T> Query<T> normalize() {
      Query<T> q = (Query<T>) query;
      collectSelectedNames(q.select());
      List<dev.flecto.query.Cte> ctes = q.ctes().isEmpty() ? List.of() : new ArrayList<>();
      for (dev.flecto.query.Cte c : q.ctes()) {
        ctes.add(new dev.flecto.query.Cte(c.name(), new Walk(c.query(), null, params, prefix).normalize()));
      }
      List<Join> joins = this.joins.isEmpty() ? List.of() : new ArrayList<>();
      for (int i = 0; i < this.joins.size(); i++) {
        Join j = this.joins.get(i);
        visible = i + 1; // a join's condition sees the source and the joins up to itself
        joins.add(new Join(j.kind(), j.source(), j.as(), j.on() == null ? null : expr(j.on(), "join on " + j.as())));
      }
      visible = Integer.MAX_VALUE;
      Expr where = q.where() == null ? null : expr(q.where(), "where");
      List<Expr> groupBy = exprs(q.groupBy(), "group by");
      Expr having = q.having() == null ? null : expr(q.having(), "having");
      Map<String, dev.flecto.query.Window> windows = q.windows().isEmpty() ? Map.of() : new LinkedHashMap<>();
      q.windows().forEach((name, w) -> windows.put(name, window(w, "window " + name)));
      Selection<T> select = selection(q.select());
      List<dev.flecto.query.Combination> combinations = q.combinations().isEmpty() ? List.of() : new ArrayList<>();
      for (dev.flecto.query.Combination c : q.combinations()) {
        combinations.add(new dev.flecto.query.Combination(c.kind(), new Walk(c.query(), null, params, prefix).normalize()));
      }
      List<Order> orderBy = orders(q.orderBy(), "order by");
      List<Expr> distinctOn = exprs(q.distinctOn(), "distinct on");
      if (!distinctOn.isEmpty() && !orderBy.isEmpty()) {
        // Ecto prepends the DISTINCT ON expressions to a non-empty ORDER BY: PostgreSQL refuses an
        // ORDER BY that does not begin with them ("SELECT DISTINCT ON expressions must match initial
        // ORDER BY expressions"), and which row of each group is kept is then the ORDER BY's first.
        // ecto_sql's order_by_concat: an ORDER BY that already begins with them is left as it is.
        List<Order> prefixed = new ArrayList<>(distinctOn.size() + orderBy.size());
        int same = 0;
        for (Expr e : distinctOn) {
          Order asc = new Order(e, dev.flecto.query.Direction.ASC, Order.Nulls.DEFAULT);
          if (same == prefixed.size() && same < orderBy.size() && orderBy.get(same).equals(asc)) {
            same++;
          }
          prefixed.add(asc);
        }
        prefixed.addAll(orderBy.subList(same, orderBy.size()));
        orderBy = prefixed;
      }
      Integer limit = q.limit() == null ? null : add((long) nonNegative(q, "limit", q.limit()));
      Integer offset = q.offset() == null ? null : add((long) nonNegative(q, "offset", q.offset()));
      if (q.lock() != null && !LOCK.matcher(q.lock()).matches()) {
        throw new QueryException("lock \"" + q.lock() + "\" is not a PostgreSQL lock clause, in query " + q
            + "; hint: FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE or FOR KEY SHARE, optionally NOWAIT or SKIP LOCKED");
      }
      String lock = q.lock() == null ? null : q.lock().toUpperCase(java.util.Locale.ROOT);
      return new Query<>(source, q.as(), joins, where, orderBy, groupBy, having, limit, offset, q.distinctRows(),
          distinctOn, lock, select, combinations, windows, prefix, ctes, q.recursiveCtes(), List.of());
    }

    private void collectSelectedNames(Selection<?> s) {
      List<Expr> top = new ArrayList<>();
      if (s instanceof Selection.Single<?> single) {
        top.add(single.expr());
      } else if (s instanceof Selection.Named named) {
        top.addAll(named.exprs().values());
      } else if (s instanceof Selection.Constructed<?> c) {
        top.addAll(c.exprs());
      }
      for (Expr e : top) {
        if (e instanceof dev.flecto.query.SelectedAs a) {
          selectedNames.add(a.name());
        }
      }
    }

    private List<Order> orders(List<Order> in, String clause) {
      if (in.isEmpty()) {
        return List.of();
      }
      List<Order> out = new ArrayList<>(in.size());
      for (Order o : in) {
        out.add(new Order(expr(o.expr(), clause), o.direction(), o.nulls()));
      }
      return out;
    }

    private dev.flecto.query.Window window(dev.flecto.query.Window w, String clause) {
      Fragment frame = w.frame() == null ? null : (Fragment) expr(w.frame(), clause);
      return new dev.flecto.query.Window(exprs(w.partitionBy(), clause), orders(w.order(), clause), frame);
    }

    int add(Object value) {
      params.add(value);
      return params.size() - 1;
    }

    List<Expr> exprs(List<Expr> in, String clause) {
      if (in.isEmpty()) {
        return List.of();
      }
      List<Expr> out = new ArrayList<>(in.size());
      for (Expr e : in) {
        out.add(expr(e, clause));
      }
      return out;
    }

    <T> Selection<T> selection(Selection<T> s) {
      if (s instanceof Selection.Binding<T> b) {
        SourceInfo info = sources.get(binding(b.binding(), "select"));
        if (info.source() instanceof dev.flecto.query.Source.Table) {
          throw new QueryException("a query over table " + info.describe() + " has no schema, so it needs a select, in query "
              + query + "; hint: .select(field(\"column\"), Type.class) or .select(Map.of(...))");
        }
        if (info.schema() != null && info.schema().type() != b.type()) {
          throw new QueryException("select of binding '" + b.binding() + "' reads " + info.schema().type().getSimpleName()
              + " records, not " + b.type().getSimpleName() + ", in query " + query);
        }
        if (b.merged().isEmpty()) {
          return s;
        }
        if (info.schema() == null) {
          throw new QueryException("selectMerge into a record needs a schema source, in query " + query);
        }
        Map<String, Expr> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Expr> e : b.merged().entrySet()) {
          if (info.schema().findField(e.getKey()) == null) {
            throw new QueryException("selectMerge names '" + e.getKey() + "', which is not a component of "
                + info.schema().describe() + ", in query " + query + "; hint: its components are " + info.schema().fieldNames());
          }
          merged.put(e.getKey(), expr(e.getValue(), "select"));
        }
        return new Selection.Binding<>(b.binding(), b.type(), merged);
      }
      if (s instanceof Selection.Single<T> single) {
        return new Selection.Single<>(expr(single.expr(), "select"), single.type());
      }
      if (s instanceof Selection.Named named) {
        Map<String, Expr> out = new LinkedHashMap<>();
        named.exprs().forEach((k, v) -> out.put(k, expr(v, "select")));
        @SuppressWarnings("unchecked")
        Selection<T> typed = (Selection<T>) new Selection.Named(out);
        return typed;
      }
      if (s instanceof Selection.Constructed<T> c) {
        return new Selection.Constructed<>(c.type(), exprs(c.exprs(), "select"));
      }
      throw new AssertionError(s);
    }

    Expr expr(Expr e, String clause) {
      if (e instanceof FieldRef f) {
        field(f, clause);
        return f;
      }
      if (e instanceof Param p) {
        return bind(p.value());
      }
      if (e instanceof BinaryOp b) {
        return binary(b, clause);
      }
      if (e instanceof UnaryOp u) {
        return new UnaryOp(u.kind(), expr(u.operand(), clause));
      }
      if (e instanceof Call c) {
        if (c.fn().windowOnly()) {
          throw new QueryException(c.fn().sql() + "() in " + clause + " needs a window, in query " + query
              + "; hint: Exprs.over(" + c.fn().sql() + "..., Window...) or over(..., \"name\")");
        }
        return new Call(c.fn(), exprs(c.args(), clause), c.distinct(), c.filter() == null ? null : expr(c.filter(), clause));
      }
      if (e instanceof dev.flecto.query.ParentRef r) {
        if (parent == null) {
          throw new QueryException("parentAs(\"" + r.binding() + "\", \"" + r.field() + "\") in " + clause
              + " is outside a subquery, in query " + query);
        }
        parent.field(new FieldRef(r.binding(), r.field()), clause);
        return r;
      }
      if (e instanceof dev.flecto.query.SubqueryExpr q) {
        return new dev.flecto.query.SubqueryExpr(subquery(q.query(), clause, true));
      }
      if (e instanceof dev.flecto.query.ExistsExpr x) {
        return new dev.flecto.query.ExistsExpr(subquery(x.query(), clause, false));
      }
      if (e instanceof dev.flecto.query.JsonPath j) {
        return new dev.flecto.query.JsonPath(expr(j.base(), clause), expr(j.path(), clause), j.asText());
      }
      if (e instanceof dev.flecto.query.DateAdd d) {
        return new dev.flecto.query.DateAdd(expr(d.base(), clause), expr(d.amount(), clause), d.unit(), d.dateOnly());
      }
      if (e instanceof dev.flecto.query.SelectedAs a) {
        if (!clause.equals("select")) {
          throw new QueryException("selectedAs(\"" + a.name() + "\") in " + clause + " belongs in select, in query " + query);
        }
        return new dev.flecto.query.SelectedAs(expr(a.expr(), clause), a.name());
      }
      if (e instanceof dev.flecto.query.SelectedRef r) {
        if (!selectedNames.contains(r.name())) {
          throw new QueryException("selected(\"" + r.name() + "\") in " + clause + " names nothing the select names, in query "
              + query + "; hint: select selectedAs(expr, \"" + r.name() + "\")");
        }
        return r;
      }
      if (e instanceof dev.flecto.query.Splice sp) {
        return new dev.flecto.query.Splice(exprs(sp.values(), clause));
      }
      if (e instanceof dev.flecto.query.Over o) {
        if (o.windowName() != null && !query.windows().containsKey(o.windowName())) {
          throw new QueryException("window '" + o.windowName() + "' in " + clause + " is not defined in query " + query
              + "; hint: query.window(\"" + o.windowName() + "\", Window...)");
        }
        Call fn = new Call(o.function().fn(), exprs(o.function().args(), clause), o.function().distinct(),
            o.function().filter() == null ? null : expr(o.function().filter(), clause));
        return new dev.flecto.query.Over(fn, o.windowName(), o.window() == null ? null : window(o.window(), clause));
      }
      if (e instanceof Fragment f) {
        return new Fragment(f.sql(), exprs(f.args(), clause));
      }
      if (e instanceof InExpr in) {
        return in(in, clause);
      }
      if (e instanceof CastExpr c) {
        FieldType castType = FieldType.of(c.type());
        if (castType == null || castType == FieldType.LIST || castType == FieldType.ASSOC) {
          throw new QueryException("type(…, " + c.type().getSimpleName() + ") in " + clause + " is not a field type, in query "
              + query + "; hint: " + FieldType.supportedTypes());
        }
        return new CastExpr(expr(c.operand(), clause), c.type());
      }
      throw new AssertionError(e);
    }

    private Expr binary(BinaryOp b, String clause) {
      if (b.op() == Operator.AND || b.op() == Operator.OR) {
        return new BinaryOp(b.op(), expr(b.left(), clause), expr(b.right(), clause));
      }
      SchemaField leftType = typeOf(b.left(), clause);
      SchemaField rightType = typeOf(b.right(), clause);
      Expr left = b.left() instanceof Param p ? typed(p, rightType, b, clause) : expr(b.left(), clause);
      Expr right = b.right() instanceof Param p ? typed(p, leftType, b, clause) : expr(b.right(), clause);
      return new BinaryOp(b.op(), left, right);
    }

    private Expr typed(Param p, SchemaField against, BinaryOp b, String clause) {
      if (p.value() == null && b.op().comparison()) {
        String name = against == null ? "an expression" : "field '" + against.name() + "'";
        throw new QueryException("comparing " + name + " with null is forbidden as it is unsafe, in " + clause
            + " of query " + query + "; hint: use " + (against == null ? "isNull()" : "whereNull(\"" + against.name()
            + "\") or field(\"" + against.name() + "\").isNull()") + " to match NULL");
      }
      if (b.op() == Operator.LIKE || b.op() == Operator.ILIKE) {
        if (!(p.value() instanceof CharSequence)) {
          throw new QueryException(b.op() + " in " + clause + " needs a string pattern, got " + quoted(p.value())
              + ", in query " + query);
        }
        return bind(p.value().toString());
      }
      Expr other = b.left() instanceof Param ? b.right() : b.left();
      if (other instanceof dev.flecto.query.JsonPath j && !j.asText()) {
        return bind(dev.flecto.schema.JsonText.of(p.value())); // jsonb compares with jsonb, as Ecto encodes it
      }
      if (against == null && isCount(other)) {
        try {
          return bind(FieldType.LONG.cast(p.value(), Long.class)); // count(...) is a bigint, as Ecto types it
        } catch (IllegalArgumentException e) {
          throw new QueryException("value " + quoted(p.value()) + " in " + clause + " cannot be compared with a count, in query "
              + query + "; hint: pass a whole number");
        }
      }
      return against == null ? bind(p.value()) : placeholder(castTo(against, p.value(), clause));
    }

    private boolean isCount(Expr e) {
      return e instanceof Call c && c.fn() == Call.Fn.COUNT
          || e instanceof dev.flecto.query.Over o && o.function().fn() == Call.Fn.COUNT;
    }

    private Query<?> subquery(Query<?> sub, String clause, boolean oneColumn) {
      if (oneColumn && !(sub.select() instanceof Selection.Single<?>)) {
        throw new QueryException("a subquery used as a value in " + clause + " must select one expression, "
            + "query.select(expr, Type.class), in query " + query);
      }
      return new Walk(sub, this, params, prefix).normalize();
    }

    private Expr in(InExpr in, String clause) {
      if (in.values() instanceof dev.flecto.query.SubqueryExpr q) {
        return new InExpr(expr(in.operand(), clause), new dev.flecto.query.SubqueryExpr(subquery(q.query(), clause, true)),
            in.negated());
      }
      if (!(in.values() instanceof Param p) || !(p.value() instanceof Collection<?> values)) {
        throw new QueryException("in(...) in " + clause + " takes a list of values, in query " + query);
      }
      SchemaField type = typeOf(in.operand(), clause);
      Expr operand = expr(in.operand(), clause);
      List<Object> cast = new ArrayList<>(values.size());
      Class<?> element = null;
      for (Object v : values) {
        if (v == null) {
          throw new QueryException("in(...) in " + clause + " holds null, which never matches, in query " + query
              + "; hint: combine with isNull()");
        }
        Object c = type == null ? dumpRaw(v) : castTo(type, v, clause);
        element = element == null ? c.getClass() : element;
        cast.add(c);
      }
      Class<?> component = element == null ? (type == null ? String.class : bindClass(type)) : element;
      Object array = java.lang.reflect.Array.newInstance(component, cast.size());
      if (array instanceof Object[] boxed) {
        cast.toArray(boxed); // one copy, no reflective store per element (a preload binds thousands of keys)
      } else {
        for (int i = 0; i < cast.size(); i++) {
          java.lang.reflect.Array.set(array, i, cast.get(i));
        }
      }
      return new InExpr(operand, placeholder(array), in.negated());
    }

    private Param bind(Object value) {
      return placeholder(dumpRaw(value));
    }

    // A value cast to its field's type is dumped already: each value is dumped (times truncated) once.
    private Param placeholder(Object dumped) {
      return new Param(new Placeholder(add(dumped)));
    }

    private Object castTo(SchemaField field, Object value, String clause) {
      try {
        return field.dump(field.cast(value));
      } catch (IllegalArgumentException e) {
        throw new QueryException("value " + quoted(value) + " in " + clause + " cannot be cast to " + field.typeName()
            + " for field '" + field.name() + "' of schema " + owner(field) + " in query " + query
            + "; hint: pass a " + field.typeName() + " or text it can be cast from");
      }
    }

    /** The field whose type an expression has, when it has one: a field, or arithmetic over one. */
    private SchemaField typeOf(Expr e, String clause) {
      if (e instanceof FieldRef f) {
        return field(f, clause);
      }
      if (e instanceof dev.flecto.query.ParentRef r && parent != null) {
        return parent.field(new FieldRef(r.binding(), r.field()), clause);
      }
      if (e instanceof BinaryOp b && !b.op().comparison() && b.op() != Operator.AND && b.op() != Operator.OR) {
        SchemaField left = typeOf(b.left(), clause);
        return left != null ? left : typeOf(b.right(), clause);
      }
      if (e instanceof Call c && c.fn() != Call.Fn.COUNT && !c.args().isEmpty()) {
        return typeOf(c.args().get(0), clause);
      }
      return null;
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

    private String owner(SchemaField field) {
      for (SourceInfo m : sources) {
        if (m.typedField(field.name()) == field) {
          return m.describe();
        }
      }
      return sources.get(0).describe();
    }
  }

  // A value with no field to take its type from is bound as it is; an enum as its name.
  private static Object dumpRaw(Object value) {
    if (value == null) {
      return null;
    }
    FieldType t = FieldType.of(value.getClass());
    return t == null ? value : t.dump(value);
  }

  private static Class<?> bindClass(SchemaField f) {
    return f.type() == FieldType.ENUM ? String.class : f.type().javaType();
  }

  private static int nonNegative(Query<?> query, String what, int n) {
    if (n < 0) {
      throw new QueryException(what + " must not be negative, got " + n + " in query " + query);
    }
    return n;
  }

  private static String quoted(Object v) {
    return v instanceof CharSequence ? "\"" + v + "\"" : String.valueOf(v);
  }
}
