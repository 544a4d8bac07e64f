package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.Upsert;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.Planner;
import dev.flecto.query.Query;
import dev.flecto.repo.InsertAllOptions.OnConflict;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a Repo.insert's {@link InsertOptions} against its schema and turns them into the
 * adapter's {@link Upsert}, refusing what Ecto's {@code Ecto.Repo.Schema.on_conflict/7} and
 * ecto_sql's PostgreSQL {@code conflict_target!/1} refuse, before any SQL.
 */
final class UpsertPlanner {
  private static final String OWNER = "InsertOptions.";

  private static final int CACHE_SIZE = 256;
  /**
   * Plans of options without values (every kind but an update), by schema and options, so a
   * repeated upsert is a lookup; an update's values are planned each time, as updateAll's are.
   */
  private static final java.util.Map<PlanKey, Upsert> PLANS = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<PlanKey, Upsert> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  private UpsertPlanner() {}

  static Upsert plan(SchemaMeta<?> meta, InsertOptions o) {
    if (!(o.onConflict() instanceof InsertOptions.Standard)) {
      return planned(meta, o);
    }
    PlanKey key = new PlanKey(meta, o);
    Upsert plan;
    synchronized (PLANS) {
      plan = PLANS.get(key);
    }
    if (plan == null) {
      plan = planned(meta, o); // a refusal throws and is not kept
      synchronized (PLANS) {
        PLANS.put(key, plan);
      }
    }
    return plan;
  }

  private static Upsert planned(SchemaMeta<?> meta, InsertOptions o) {
    List<SchemaField> returning = returning(meta, o.returning());
    InsertOptions.ConflictTarget t = o.conflictTarget();
    List<SchemaField> target = InsertAllPlanner.named(meta, t.fields(), OWNER, "conflictTarget");
    if (o.onConflict() instanceof InsertOptions.Standard s) {
      return standard(meta, s, t, target, returning);
    }
    if (o.onConflict() instanceof InsertOptions.Update u) {
      requireTarget(meta, t, "an update");
      PlannedQuery<?> where = where(meta, u.where(), OWNER);
      PlannedUpdate updates = Planner.planUpdates(meta, u.updates());
      List<Object> params = new ArrayList<>(where.params());
      params.addAll(updates.params());
      return new Upsert(shape(meta, BulkInsert.Conflict.REPLACE, t, target, List.of(), where, updates, returning), params);
    }
    throw new AssertionError(o.onConflict());
  }

  private static Upsert standard(SchemaMeta<?> meta, InsertOptions.Standard s, InsertOptions.ConflictTarget t,
      List<SchemaField> target, List<SchemaField> returning) {
    switch (s.kind()) {
      case RAISE:
        if (!t.isEmpty()) {
          throw new ArgumentException(OWNER + "conflictTarget is forbidden when onConflict is RAISE (the default): "
              + "choose an onConflict such as NOTHING or REPLACE, or leave the target out");
        }
        return new Upsert(shape(meta, BulkInsert.Conflict.RAISE, t, target, List.of(), null, null, returning), List.of());
      case NOTHING:
        return new Upsert(shape(meta, BulkInsert.Conflict.NOTHING, t, target, List.of(), null, null, returning), List.of());
      case REPLACE:
        requireTarget(meta, t, "REPLACE");
        return new Upsert(shape(meta, BulkInsert.Conflict.REPLACE, t, target, writable(meta, s.fields()), null, null,
            returning), List.of());
      case REPLACE_ALL:
      case REPLACE_ALL_EXCEPT:
        requireTarget(meta, t, s.kind().name());
        List<SchemaField> kept = writable(meta, s.fields());
        // As Ecto's replace_changed default: the target's columns keep their values, so PostgreSQL may use a HOT update.
        List<SchemaField> replace = meta.fields().stream()
            .filter(f -> f.updatable() && !kept.contains(f) && !target.contains(f)).toList();
        if (replace.isEmpty()) {
          throw new ArgumentException(OWNER + "onConflict " + s.kind() + " " + s.fields() + " on schema " + meta.describe()
              + " leaves no field to replace; use OnConflict.replace(fields) or NOTHING instead");
        }
        return new Upsert(shape(meta, BulkInsert.Conflict.REPLACE, t, target, replace, null, null, returning), List.of());
      default:
        throw new AssertionError(s.kind());
    }
  }

  private static Upsert.Shape shape(SchemaMeta<?> meta, BulkInsert.Conflict conflict, InsertOptions.ConflictTarget t,
      List<SchemaField> target, List<SchemaField> replace, PlannedQuery<?> where, PlannedUpdate updates,
      List<SchemaField> returning) {
    return new Upsert.Shape(meta, conflict, target, t.constraint(), t.unsafeFragment(), replace,
        where == null ? null : where.shape(), updates == null ? List.of() : updates.shape(), returning);
  }

  /** ecto_sql: "the :conflict_target option is required on upserts by PostgreSQL". */
  private static void requireTarget(SchemaMeta<?> meta, InsertOptions.ConflictTarget t, String kind) {
    requireTarget(meta, t, kind, OWNER);
  }

  static void requireTarget(SchemaMeta<?> meta, InsertOptions.ConflictTarget t, String kind, String owner) {
    if (t.isEmpty()) {
      throw new ArgumentException(owner + "onConflict " + kind + " on schema " + meta.describe() + " needs a "
          + "conflictTarget: PostgreSQL's ON CONFLICT DO UPDATE names the unique index, such as withConflictTarget(\"email\")");
    }
  }

  /** The conditions of an onConflict update query, refusing another schema, joins and CTEs ({@code owner} names the options). */
  static PlannedQuery<?> where(SchemaMeta<?> meta, Query<?> query, String owner) {
    if (query == null) {
      return Planner.plan(Query.from(meta.type()));
    }
    if (query.schemaType() != meta.type()) {
      throw new ArgumentException(owner + "onConflict update query is from " + (query.schemaType() == null
          ? String.valueOf(query.source()) : query.schemaType().getSimpleName()) + ", not from the inserted schema "
          + meta.describe() + " (Ecto: the query has a different {source, schema} pair)");
    }
    if (!query.joins().isEmpty() || !query.ctes().isEmpty()) {
      // ON CONFLICT DO UPDATE ... WHERE sees the existing row and EXCLUDED only.
      throw new dev.flecto.QueryException(owner + "onConflict update query takes conditions only (no joins or CTEs: "
          + "ON CONFLICT DO UPDATE's WHERE sees the existing row alone), got " + query);
    }
    return RepoQueries.conditionsOnly(query, owner + "onConflict update");
  }

  private static List<SchemaField> writable(SchemaMeta<?> meta, List<String> names) {
    return replaceable(meta, names, OWNER, "onConflict");
  }

  /** The named fields a conflict may replace, refusing an unknown or read-only one (insert's and insertAll's). */
  static List<SchemaField> replaceable(SchemaMeta<?> meta, List<String> names, String owner, String option) {
    List<SchemaField> out = InsertAllPlanner.named(meta, names, owner, option);
    for (SchemaField f : out) {
      if (!f.updatable()) {
        throw new ArgumentException(owner + option + " cannot replace field '" + f.name()
            + "', which is read-only in schema " + meta.describe());
      }
    }
    return out;
  }

  /**
   * By default what a whole-record query loads; every persisted field for {@code withReturningAll}
   * (Ecto's {@code returning: true}, which reads {@code load_in_query: false} fields too); else the
   * named ones, the key and the read-only fields (Ecto's read_after_writes).
   */
  private static List<SchemaField> returning(SchemaMeta<?> meta, List<String> names) {
    if (names == null) {
      return meta.loadedFields();
    }
    if (names.isEmpty()) {
      return meta.persistedFields();
    }
    List<SchemaField> named = InsertAllPlanner.named(meta, names, OWNER, "returning");
    return meta.persistedFields().stream()
        .filter(f -> named.contains(f) || f.primaryKey() || f.readOnly()).toList();
  }

  // SchemaMeta has identity equality (one per class); the options compare by value.
  private record PlanKey(SchemaMeta<?> meta, InsertOptions options) {}
}
