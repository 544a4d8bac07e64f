package dev.flecto.repo;

import static dev.flecto.query.Exprs.field;

import dev.flecto.PreloadException;
import dev.flecto.adapter.Adapter;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.Planner;
import dev.flecto.query.Assocs;
import dev.flecto.query.Expr;
import dev.flecto.query.Order;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Preloads associations: one query per association level over the parents' distinct keys, after
 * the parents are complete; siblings run concurrently on separate pooled connections outside a
 * transaction and one after another inside one (one connection runs one statement at a time).
 *
 * <p>Each level reads from the prefix (PostgreSQL schema) its parents were read from, as Ecto's
 * preloader takes the parents' {@code __meta__.prefix}: records do not carry it here, so it is
 * passed along with them, and each level's query gives the prefix its own records came from.
 */
final class Preloader {
  private final Repo repo;

  Preloader(Repo repo) {
    this.repo = repo;
  }

  /**
   * Preloads on records read from a prefix (null: none, the connection's search path).
   */
  <T> Mono<List<T>> preload(List<T> records, List<Preload> preloads, String prefix) {
    if (records.isEmpty() || preloads.isEmpty()) {
      return Mono.just(records);
    }
    if (hasNull(records)) {
      return aroundNulls(records, preloads, prefix);
    }
    SchemaMeta<T> meta = Schemas.ofRecord(records.get(0));
    int concurrency = repo.options().preloadConcurrency();
    return repo.inTransaction().flatMap(inTx -> Flux.fromIterable(preloads)
        .flatMapSequential(p -> load(meta, records, p, prefix), inTx ? 1 : concurrency)
        .collectList()
        .map(loads -> apply(meta, records, loads)));
  }

  /**
   * Ecto: {@code Repo.preload([nil, post], ...)} keeps each nil in its place. The records between
   * them are preloaded together, then the nulls put back.
   */
  private <T> Mono<List<T>> aroundNulls(List<T> records, List<Preload> preloads, String prefix) {
    List<T> present = new ArrayList<>(records.size());
    for (T r : records) {
      if (r != null) {
        present.add(r);
      }
    }
    return preload(present, preloads, prefix).map(done -> {
      List<T> out = new ArrayList<>(records.size());
      java.util.Iterator<T> next = done.iterator();
      for (T r : records) {
        out.add(r == null ? null : next.next());
      }
      return out;
    });
  }

  // A loop rather than contains(null): List.of(...) throws on contains(null).
  private static boolean hasNull(List<?> records) {
    for (Object r : records) {
      if (r == null) {
        return true;
      }
    }
    return false;
  }

  /** The value each parent's association component takes; loaded in the same order as the parents. */
  private record Loaded(String name, Object[] values) {}

  /**
   * One association for every parent. Parents whose association is loaded already keep it (unless
   * forced) and get the nested preloads on what they hold; the others are loaded.
   */
  private <T> Flux<Loaded> load(SchemaMeta<T> meta, List<T> parents, Preload p, String prefix) {
    Association a = meta.association(p.name());
    if (a == null) {
      return Flux.error(new PreloadException("association '" + p.name() + "' does not exist in schema " + meta.describe()
          + "; its associations are " + meta.associations().stream().map(Association::name).toList()));
    }
    if (p.binding() != null) {
      return Flux.error(new PreloadException("join preload '" + p.name() + "' (binding '" + p.binding() + "') of schema "
          + meta.describe() + " reads the joins of the query it is given to; give it to query.preload(...), not to "
          + "repo.preload(...)"));
    }
    SchemaField component = meta.field(a.name());
    int loadedAlready = 0; // kept as they are unless forced
    for (int i = 0; i < parents.size() && !p.force(); i++) {
      loadedAlready += ((Assoc<?>) meta.get(parents.get(i), component)).isLoaded() ? 1 : 0;
    }
    if (a.isThrough() && loadedAlready < parents.size()) {
      // Ecto loads a through association by its chain, unless a join of the query loaded it
      // (preload_throughs' from_query?): then it is kept and only what is nested under it is loaded.
      return through(meta, parents, p, a, prefix);
    }
    if (loadedAlready == 0) { // every parent loads it afresh: no index lists to keep
      return direct(meta, parents, p, a, prefix).map(values -> new Loaded(a.name(), values)).flux();
    }
    List<Integer> todo = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < parents.size(); i++) {
      boolean loaded = ((Assoc<?>) meta.get(parents.get(i), component)).isLoaded();
      (loaded && !p.force() ? kept : todo).add(i);
    }
    Object[] values = new Object[parents.size()];
    Mono<Object[]> fresh = todo.isEmpty() ? Mono.just(new Object[0]) : direct(meta, pick(parents, todo), p, a, prefix);
    return fresh.flatMap(loaded -> {
      for (int k = 0; k < todo.size(); k++) {
        values[todo.get(k)] = loaded[k];
      }
      Object[] held = kept.stream().map(i -> meta.get(parents.get(i), component)).toArray();
      return within(held, a.kind().many(), p.nested(), PreloadPrefix.held(a, prefix));
    }).map(held -> {
      for (int k = 0; k < kept.size(); k++) {
        values[kept.get(k)] = held[k];
      }
      return new Loaded(a.name(), values);
    }).flux();
  }

  /**
   * Ecto: preloading a through association preloads each step of its chain too; the through
   * association holds what the last step reaches, each record once, in the order reached.
   */
  private <T> Flux<Loaded> through(SchemaMeta<T> meta, List<T> parents, Preload p, Association a, String prefix) {
    List<Association> chain = meta.chain(a);
    // The preload's query, loader and nested preloads apply to the last step (Ecto: the query
    // "customizes the last join of the association chain").
    Association lastStep = chain.get(chain.size() - 1);
    Preload steps = new Preload(lastStep.name(), p.nested(), p.query(), p.force(), null, p.loader());
    for (int i = chain.size() - 2; i >= 0; i--) {
      steps = new Preload(chain.get(i).name(), List.of(steps), null, p.force(), null, null);
    }
    return load(meta, parents, steps, prefix).single().flatMapMany(first -> { // the chain's first step is direct: one Loaded
      Object[] reached = new Object[parents.size()];
      for (int i = 0; i < parents.size(); i++) {
        List<Object> at = records(first.values()[i]);
        for (Association step : chain.subList(1, chain.size())) {
          List<Object> next = new ArrayList<>();
          for (Object r : at) {
            next.addAll(records(component(r, step.name())));
          }
          at = next;
        }
        List<Object> distinct = List.copyOf(new LinkedHashSet<>(at));
        reached[i] = a.kind().many() ? Assoc.loaded(distinct) : Assoc.loaded(distinct.isEmpty() ? null : distinct.get(0));
      }
      return Flux.just(first, new Loaded(a.name(), reached));
    });
  }

  private <T> Mono<Object[]> direct(SchemaMeta<T> meta, List<T> parents, Preload p, Association a, String prefix) {
    SchemaMeta<?> target = Schemas.of(a.target());
    // Checked before any key is read, so a wrong query fails whether or not the parents have keys.
    PreloadException wrongKind = p.query() == null ? null : PreloadChecks.query(meta, a, p.query(), target);
    if (wrongKind != null) {
      return Mono.error(wrongKind);
    }
    switch (a.kind()) {
      case BELONGS_TO:
        return belongsTo(meta, parents, p, a, target, prefix);
      case HAS_ONE:
      case HAS_MANY:
        return hasMany(meta, parents, p, a, target, prefix);
      case MANY_TO_MANY:
        return manyToMany(meta, parents, p, a, target, prefix);
      default:
        return Mono.error(new AssertionError(a.kind()));
    }
  }

  private <T> Mono<Object[]> belongsTo(SchemaMeta<T> meta, List<T> parents, Preload p, Association a, SchemaMeta<?> target,
      String prefix) {
    SchemaField fk = meta.field(a.foreignKey());
    SchemaField refField = target.referencedKey(a, "preload");
    String ref = refField.name();
    List<Object> keys = distinct(parents, meta, fk);
    return children(meta, target, p, a, field(ref), keys, prefix).map(children -> {
      Map<Object, Object> byKey = new HashMap<>();
      children.forEach(c -> byKey.put(norm(get(target, c, refField)), c));
      Object[] values = new Object[parents.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = Assoc.loaded(byKey.get(norm(meta.get(parents.get(i), fk))));
      }
      return values;
    });
  }

  private <T> Mono<Object[]> hasMany(SchemaMeta<T> meta, List<T> parents, Preload p, Association a, SchemaMeta<?> target,
      String prefix) {
    SchemaField own = meta.referencedKey(a, "preload");
    SchemaField fk = target.field(a.foreignKey());
    List<Object> keys = distinct(parents, meta, own);
    // With nothing to preload on the children, each goes into its parent's group as its row
    // arrives, as a hand-written load does; else the children are complete (and preloaded) first.
    Flux<Object> rows = p.loader() == null && p.nested().isEmpty() && !keys.isEmpty()
        ? repo.all(childQuery(target, p, a, field(a.foreignKey()), keys, prefix))
        : children(meta, target, p, a, field(a.foreignKey()), keys, prefix).flatMapIterable(all -> all);
    boolean many = a.kind().many();
    return rows.collect(() -> new HashMap<Object, List<Object>>(),
            (byParent, c) -> byParent.computeIfAbsent(norm(get(target, c, fk)), k -> new ArrayList<>()).add(c))
        .map(byParent -> {
          Object[] values = new Object[parents.size()];
          for (int i = 0; i < values.length; i++) {
            List<Object> mine = byParent.getOrDefault(norm(meta.get(parents.get(i), own)), List.of());
            values[i] = many ? Assoc.loaded(readOnly(mine)) : Assoc.loaded(mine.isEmpty() ? null : mine.get(0));
          }
          return values;
        });
  }

  /**
   * Two queries: the join rows for the parents, then the targets they point at. Each parent's
   * list follows the targets' query order (its preload order), not the join rows' order.
   */
  @SuppressWarnings("unchecked")
  private <T> Mono<Object[]> manyToMany(SchemaMeta<T> meta, List<T> parents, Preload p, Association a, SchemaMeta<?> target,
      String prefix) {
    SchemaField own = meta.referencedKey(a, "preload");
    SchemaField targetKeyField = target.referencedKey(a, "preload");
    String targetKey = targetKeyField.name();
    List<Object> keys = distinct(parents, meta, own);
    if (keys.isEmpty()) {
      return Mono.just(empty(parents.size(), true));
    }
    Mono<Map<Object, List<Object>>> byOwner;
    if (p.loader() != null) {
      byOwner = loaded(meta, p, a, target, keys, true).map(list -> {
        Map<Object, List<Object>> out = new HashMap<>();
        for (Object e : list) {
          Map.Entry<?, ?> pair = (Map.Entry<?, ?>) e;
          out.computeIfAbsent(norm(pair.getKey()), k -> new ArrayList<>()).add(pair.getValue());
        }
        return out;
      });
    } else {
      // The join rows live beside the parents (Ecto joins the join table into the query with the parents' prefix).
      // Each as a two-element list, not a map: a preload of 1,000 posts reads thousands of them.
      Query<List<Object>> links = PreloadPrefix.apply(Assocs.joinQuery(a), prefix)
          .where(field(a.joinKey()).in(keys)).selectList(field(a.joinKey()), field(a.relatedKey()));
      byOwner = repo.all(links).collectList().flatMap(rows -> {
        Map<Object, List<Object>> owners = new HashMap<>(); // related key -> the owners linking to it, in link order
        List<Object> related = new ArrayList<>();
        for (List<Object> r : rows) {
          Object relatedKey = r.get(1);
          Object normal = norm(relatedKey);
          List<Object> linking = owners.get(normal);
          if (linking == null) {
            owners.put(normal, linking = new ArrayList<>(2));
            related.add(relatedKey);
          }
          linking.add(r.get(0));
        }
        return children(meta, target, p, a, field(targetKey), related, prefix).map(children -> {
          Map<Object, List<Object>> out = new HashMap<>();
          for (Object c : children) {
            for (Object owner : owners.getOrDefault(norm(get(target, c, targetKeyField)), List.of())) {
              out.computeIfAbsent(norm(owner), k -> new ArrayList<>()).add(c);
            }
          }
          return out;
        });
      });
    }
    return byOwner.map(lists -> {
      Object[] values = new Object[parents.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = Assoc.loaded(readOnly(lists.getOrDefault(norm(meta.get(parents.get(i), own)), List.of())));
      }
      return values;
    });
  }

  /**
   * A query's rows, then its preloads on them (restricted as its select's recordOf says): the
   * parents complete before their associations are queried, as one connection runs one statement
   * at a time.
   */
  <T> Flux<T> allThenPreload(Adapter adapter, Query<T> query) {
    return Flux.defer(() -> {
      PlannedQuery<T> planned = Planner.plan(query);
      List<Preload> preloads = PreloadTakes.of(query); // recordOf("c", "country.name") restricts preload "country"
      return adapter.all(planned).collectList()
          .flatMap(rows -> preload(rows, preloads, PreloadPrefix.of(query, null)))
          .flatMapIterable(rows -> rows);
    });
  }

  /**
   * The associated records whose key is one of the keys: by the preload's loader function, or by
   * a query with the association's filter and the preload's query (or the association's preload
   * order); then the nested preloads on them.
   */
  private Mono<List<Object>> children(SchemaMeta<?> owner, SchemaMeta<?> target, Preload p, Association a, Expr key,
      List<Object> keys, String prefix) {
    if (keys.isEmpty()) {
      return Mono.just(List.of());
    }
    if (p.loader() != null) {
      String held = PreloadPrefix.held(a, prefix);
      return loaded(owner, p, a, target, keys, false).flatMap(children -> preload(children, p.nested(), held));
    }
    Query<Object> base = childQuery(target, p, a, key, keys, prefix);
    String childPrefix = PreloadPrefix.of(base, null);
    return repo.all(base).collectList().flatMap(children -> preload(children, p.nested(), childPrefix));
  }

  /**
   * The query of the associated records whose key is one of the keys: the association's filter
   * and the preload's query (or the association's preload order), from the parents' prefix.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Query<Object> childQuery(SchemaMeta<?> target, Preload p, Association a, Expr key, List<Object> keys,
      String prefix) {
    Query base;
    if (p.query() != null) {
      base = p.query();
      if (base.orderBy().isEmpty()) {
        base = base.orderBy(Assocs.preloadOrder(a).toArray(Order[]::new));
      }
    } else {
      List<Order> order = Assocs.preloadOrder(a);
      base = Query.from(target.type()).orderBy(order.isEmpty() ? new Order[] {Order.asc(singleKeyOrFirst(target))}
          : order.toArray(Order[]::new));
    }
    Expr filter = Assocs.filter(a, null);
    base = filter == null ? base.where(key.in(keys)) : base.where(key.in(keys)).where(filter);
    return (Query<Object>) PreloadPrefix.apply(base, prefix);
  }

  /**
   * What a preload function returns for the keys, checked: records of the target (or, for a
   * many-to-many, {@code Map.Entry<parentKey, record>} pairs).
   */
  private Mono<List<Object>> loaded(SchemaMeta<?> owner, Preload p, Association a, SchemaMeta<?> target, List<Object> keys,
      boolean pairs) {
    Flux<Object> records = Flux.from(p.loader().apply(List.copyOf(keys), a));
    return records.collectList().map(out -> PreloadChecks.loaded(owner, a, target, out, pairs));
  }

  /**
   * Nested preloads on the records some parents hold already: every held record is preloaded in
   * one go and put back where it was.
   */
  @SuppressWarnings("unchecked")
  private Mono<Object[]> within(Object[] held, boolean many, List<Preload> nested, String prefix) {
    if (nested.isEmpty() || held.length == 0) {
      return Mono.just(held);
    }
    List<Object> flat = new ArrayList<>();
    for (Object h : held) {
      flat.addAll(records(h));
    }
    return preload(flat, nested, prefix).map(done -> {
      Object[] out = new Object[held.length];
      int at = 0;
      for (int i = 0; i < held.length; i++) {
        int n = records(held[i]).size();
        List<Object> mine = done.subList(at, at + n);
        at += n;
        out[i] = many ? Assoc.loaded(List.copyOf(mine)) : Assoc.loaded(n == 0 ? null : mine.get(0));
      }
      return out;
    });
  }

  /** The records a loaded association value holds: none, one, or a list. */
  @SuppressWarnings("unchecked")
  private static List<Object> records(Object assoc) {
    Object v = ((Assoc<?>) assoc).get();
    return v == null ? List.of() : v instanceof List<?> l ? (List<Object>) l : List.of(v);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object component(Object record, String name) {
    SchemaMeta meta = Schemas.ofRecord(record);
    return meta.get(record, meta.field(name));
  }

  private static <T> List<T> apply(SchemaMeta<T> meta, List<T> records, List<Loaded> loads) {
    int[] at = new int[loads.size()];
    for (int j = 0; j < at.length; j++) {
      at[j] = meta.field(loads.get(j).name()).index();
    }
    List<T> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      Object[] values = meta.values(records.get(i));
      for (int j = 0; j < at.length; j++) {
        values[at[j]] = loads.get(j).values()[i];
      }
      out.add(meta.newInstance(values));
    }
    return out;
  }

  /**
   * A group built here for one parent, handed out read-only: nothing else holds it, so it needs
   * no copy (a preload of 1,000 posts would copy 1,000 lists).
   */
  private static List<Object> readOnly(List<Object> group) {
    return group.isEmpty() ? List.of() : Collections.unmodifiableList(group);
  }

  private static <T> List<T> pick(List<T> records, List<Integer> indexes) {
    List<T> out = new ArrayList<>(indexes.size());
    indexes.forEach(i -> out.add(records.get(i)));
    return out;
  }

  private static Object[] empty(int n, boolean many) {
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      values[i] = Assoc.loaded(many ? List.of() : null);
    }
    return values;
  }

  private static <T> List<Object> distinct(List<T> records, SchemaMeta<T> meta, SchemaField f) {
    Set<Object> keys = new LinkedHashSet<>();
    for (T r : records) {
      Object k = meta.get(r, f);
      if (k != null) {
        keys.add(k);
      }
    }
    return new ArrayList<>(keys);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object get(SchemaMeta target, Object record, SchemaField f) {
    return target.get(record, f);
  }

  // Keys compare by value across integral types: an int4 key and an int8 join column still match.
  private static Object norm(Object key) {
    // A Long stays as it is (re-boxing it would allocate a new Long per key above 127).
    return key instanceof Integer || key instanceof Short ? (Object) ((Number) key).longValue() : key;
  }

  private static String singleKeyOrFirst(SchemaMeta<?> meta) {
    return meta.primaryKey().isEmpty() ? meta.persistedFields().get(0).name() : meta.primaryKey().get(0).name();
  }
}
