package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.NoResultsException;
import dev.flecto.query.Expr;
import dev.flecto.query.Exprs;
import dev.flecto.query.Query;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ecto's {@code Repo.reload(structs)}: many records of one schema read again in one query by
 * their primary keys, given back in the input's order with null for a row that is gone.
 *
 * <pre>{@code Reloads.reload(posts, "reload", repo::all) // [fresh post 1, null, fresh post 3] }</pre>
 */
final class Reloads {
  private Reloads() {}

  static <T> Mono<List<T>> reload(List<T> records, String operation, Function<Query<T>, Flux<T>> all) {
    RepoArgs.given(records, operation, "list of records");
    if (records.isEmpty()) {
      return Mono.just(List.of());
    }
    SchemaMeta<T> meta = schemaOfAll(records, operation);
    List<SchemaField> key = meta.requirePrimaryKey(operation);
    List<List<Object>> keys = new ArrayList<>(records.size());
    for (T r : records) {
      keys.add(Arrays.asList(WritePlan.keyValues(meta, r, operation)));
    }
    return all.apply(byKeys(meta, key, keys)).collectList().map(rows -> {
      Map<List<Object>, T> found = new HashMap<>();
      for (T row : rows) {
        found.put(Arrays.asList(WritePlan.keyValues(meta, row, operation)), row);
      }
      List<T> out = new ArrayList<>(keys.size());
      for (List<Object> k : keys) {
        out.add(found.get(k));
      }
      return Collections.unmodifiableList(out);
    });
  }

  /** Ecto's {@code reload!}: fails naming the keys of the rows that are gone. */
  static <T> Mono<List<T>> reloadOrFail(List<T> records, Function<Query<T>, Flux<T>> all) {
    return reload(records, "reloadOrFail", all).flatMap(fresh -> {
      List<Object> gone = new ArrayList<>();
      for (int i = 0; i < fresh.size(); i++) {
        if (fresh.get(i) == null) {
          SchemaMeta<T> meta = Schemas.ofRecord(records.get(i));
          gone.add(Arrays.asList(WritePlan.keyValues(meta, records.get(i), "reloadOrFail")));
        }
      }
      return gone.isEmpty() ? Mono.just(fresh) : Mono.error(new NoResultsException("could not reload " + gone.size()
          + " of " + records.size() + " " + Schemas.ofRecord(records.get(0)).describe() + " records: no row has the key(s) "
          + gone));
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> SchemaMeta<T> schemaOfAll(List<T> records, String operation) {
    Class<?> type = null;
    for (int i = 0; i < records.size(); i++) {
      T r = records.get(i);
      if (r == null) {
        throw new ArgumentException("Repo." + operation + " was given null as record #" + i
            + "; every record must be of one schema");
      }
      if (type == null) {
        type = r.getClass();
      } else if (r.getClass() != type) {
        throw new ArgumentException("Repo." + operation + " needs records of one schema, got a "
            + type.getSimpleName() + " and a " + r.getClass().getSimpleName() + " (record #" + i + ")");
      }
    }
    return (SchemaMeta<T>) Schemas.of(type);
  }

  private static <T> Query<T> byKeys(SchemaMeta<T> meta, List<SchemaField> key, List<List<Object>> keys) {
    if (key.size() == 1) {
      // One array parameter, whatever the number of records: = ANY($1).
      List<Object> values = new ArrayList<>(new LinkedHashSet<>(keys.stream().map(k -> k.get(0)).toList()));
      return Query.from(meta.type()).where(Exprs.field(key.get(0).name()).in(values));
    }
    Expr[] alternatives = new LinkedHashSet<>(keys).stream().map(k -> {
      Expr[] parts = new Expr[key.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = Exprs.field(key.get(i).name()).eq(k.get(i));
      }
      return Exprs.and(parts);
    }).toArray(Expr[]::new);
    return Query.from(meta.type()).where(Exprs.or(alternatives));
  }
}
