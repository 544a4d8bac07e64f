package dev.flecto.repo;

import static dev.flecto.query.Exprs.field;

import dev.flecto.FlectoException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 */
final class Preloader {
  /** How many sibling preloads run at once outside a transaction. */
  static final int CONCURRENCY = 4;

  private final Repo repo;

  Preloader(Repo repo) {
    this.repo = repo;
  }

  <T> Mono<List<T>> preload(List<T> records, List<Preload> preloads) {
    if (records.isEmpty() || preloads.isEmpty()) {
      return Mono.just(records);
    }
    SchemaMeta<T> meta = Schemas.ofRecord(records.get(0));
    return repo.inTransaction().flatMap(inTx -> Flux.fromIterable(preloads)
        .flatMapSequential(p -> load(meta, records, p), inTx ? 1 : CONCURRENCY)
        .collectList()
        .map(loads -> apply(meta, records, loads)));
  }

  private record Loaded(String name, Object[] values) {}

  /** One association for every parent: the value each parent's component takes. */
  private <T> Mono<Loaded> load(SchemaMeta<T> meta, List<T> parents, Preload p) {
    Association a = meta.association(p.name());
    if (a == null) {
      return Mono.error(new FlectoException("association '" + p.name() + "' does not exist in schema " + meta.describe()
          + "; its associations are " + meta.associations().stream().map(Association::name).toList()));
    }
    SchemaField component = meta.field(a.name());
    if (!p.force() && parents.stream().allMatch(r -> ((Assoc<?>) meta.get(r, component)).isLoaded())) {
      Object[] kept = parents.stream().map(r -> meta.get(r, component)).toArray();
      return Mono.just(new Loaded(a.name(), kept)); // already loaded: kept, unless forced
    }
    SchemaMeta<?> target = Schemas.of(a.target());
    switch (a.kind()) {
      case BELONGS_TO:
        return belongsTo(meta, parents, p, a, target);
      case HAS_ONE:
      case HAS_MANY:
        return hasMany(meta, parents, p, a, target);
      case MANY_TO_MANY:
        return manyToMany(meta, parents, p, a, target);
      default:
        return Mono.error(new AssertionError(a.kind()));
    }
  }

  private <T> Mono<Loaded> belongsTo(SchemaMeta<T> meta, List<T> parents, Preload p, Association a, SchemaMeta<?> target) {
    SchemaField fk = meta.field(a.foreignKey());
    String ref = a.references().isEmpty() ? singleKey(target) : a.references();
    SchemaField refField = target.field(ref);
    List<Object> keys = distinct(parents, meta, fk);
    return children(target, p, field(ref), keys).map(children -> {
      Map<Object, Object> byKey = new HashMap<>();
      children.forEach(c -> byKey.put(norm(get(target, c, refField)), c));
      Object[] values = new Object[parents.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = Assoc.loaded(byKey.get(norm(meta.get(parents.get(i), fk))));
      }
      return new Loaded(a.name(), values);
    });
  }

  private <T> Mono<Loaded> hasMany(SchemaMeta<T> meta, List<T> parents, Preload p, Association a, SchemaMeta<?> target) {
    SchemaField own = meta.field(a.references().isEmpty() ? singleKey(meta) : a.references());
    SchemaField fk = target.field(a.foreignKey());
    List<Object> keys = distinct(parents, meta, own);
    return children(target, p, field(a.foreignKey()), keys).map(children -> {
      Map<Object, List<Object>> byParent = new HashMap<>();
      children.forEach(c -> byParent.computeIfAbsent(norm(get(target, c, fk)), k -> new ArrayList<>()).add(c));
      Object[] values = new Object[parents.size()];
      for (int i = 0; i < values.length; i++) {
        List<Object> mine = byParent.getOrDefault(norm(meta.get(parents.get(i), own)), List.of());
        values[i] = a.kind().many() ? Assoc.loaded(List.copyOf(mine)) : Assoc.loaded(mine.isEmpty() ? null : mine.get(0));
      }
      return new Loaded(a.name(), values);
    });
  }

  /** Two queries: the join table's links for the parents, then the targets they point at. */
  private <T> Mono<Loaded> manyToMany(SchemaMeta<T> meta, List<T> parents, Preload p, Association a, SchemaMeta<?> target) {
    SchemaField own = meta.field(singleKey(meta));
    String targetKey = singleKey(target);
    SchemaField targetKeyField = target.field(targetKey);
    List<Object> keys = distinct(parents, meta, own);
    if (keys.isEmpty()) {
      return Mono.just(empty(a, parents.size(), true));
    }
    Map<String, Expr> link = new LinkedHashMap<>();
    link.put("owner", field(a.joinKey()));
    link.put("related", field(a.relatedKey()));
    Query<Map<String, Object>> links = Query.fromTable(a.joinTable()).where(field(a.joinKey()).in(keys)).select(link);
    return repo.all(links).collectList().flatMap(rows -> {
      List<Object> related = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(r -> r.get("related")).toList()));
      return children(target, p, field(targetKey), related).map(children -> {
        Map<Object, Object> byKey = new HashMap<>();
        children.forEach(c -> byKey.put(norm(get(target, c, targetKeyField)), c));
        Map<Object, List<Object>> byOwner = new HashMap<>();
        for (Map<String, Object> r : rows) {
          Object child = byKey.get(norm(r.get("related")));
          if (child != null) {
            byOwner.computeIfAbsent(norm(r.get("owner")), k -> new ArrayList<>()).add(child);
          }
        }
        Object[] values = new Object[parents.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = Assoc.loaded(List.copyOf(byOwner.getOrDefault(norm(meta.get(parents.get(i), own)), List.of())));
        }
        return new Loaded(a.name(), values);
      });
    });
  }

  /** The associated records whose key is one of the keys, with the preload's query and nested preloads applied. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Mono<List<Object>> children(SchemaMeta<?> target, Preload p, Expr key, List<Object> keys) {
    if (keys.isEmpty()) {
      return Mono.just(List.of());
    }
    Query base;
    if (p.query() != null) {
      if (p.query().schemaType() != target.type()) {
        return Mono.error(new FlectoException("the query of preload '" + p.name() + "' must be over " + target.describe()
            + ", not " + p.query()));
      }
      base = p.query();
    } else {
      base = Query.from(target.type()).orderBy(Order.asc(singleKeyOrFirst(target)));
    }
    Flux<Object> rows = repo.all((Query<Object>) base.where(key.in(keys)));
    return rows.collectList().flatMap(children -> preload(children, p.nested()));
  }

  private static <T> List<T> apply(SchemaMeta<T> meta, List<T> records, List<Loaded> loads) {
    List<T> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      Map<String, Object> changes = new HashMap<>();
      for (Loaded l : loads) {
        changes.put(l.name(), l.values()[i]);
      }
      out.add(meta.with(records.get(i), changes));
    }
    return out;
  }

  private static Loaded empty(Association a, int n, boolean many) {
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      values[i] = Assoc.loaded(many ? List.of() : null);
    }
    return new Loaded(a.name(), values);
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
    return key instanceof Integer || key instanceof Short || key instanceof Long ? ((Number) key).longValue() : key;
  }

  private static String singleKey(SchemaMeta<?> meta) {
    return meta.requireSingleKey("preload", "name the key in the association (references)").name();
  }

  private static String singleKeyOrFirst(SchemaMeta<?> meta) {
    return meta.primaryKey().isEmpty() ? meta.persistedFields().get(0).name() : meta.primaryKey().get(0).name();
  }
}
