package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.Planner;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * The conflict handling of an insertAll, checked against the schema as Ecto's
 * {@code Ecto.Repo.Schema.on_conflict/7} checks it, with {@link UpsertPlanner}'s target and
 * update-query checks: what the {@link BulkInsert.Shape} says of it, and the update's parameters.
 */
record InsertAllConflict(BulkInsert.Conflict kind, List<SchemaField> targetFields, String targetConstraint,
    String targetFragment, List<SchemaField> replace, PlannedQuery<?> where, PlannedUpdate updates) {
  private static final String OWNER = "InsertAllOptions.";

  static InsertAllConflict plan(SchemaMeta<?> meta, InsertAllOptions o) {
    InsertOptions.ConflictTarget t = o.target();
    List<SchemaField> target = InsertAllPlanner.named(meta, t.fields(), OWNER, "conflictTarget");
    if (o.conflict() instanceof InsertOptions.Update u) {
      UpsertPlanner.requireTarget(meta, t, "an update", OWNER);
      PlannedQuery<?> where = UpsertPlanner.where(meta, u.where(), OWNER);
      PlannedUpdate updates = Planner.planUpdates(meta, u.updates());
      return new InsertAllConflict(BulkInsert.Conflict.REPLACE, target, t.constraint(), t.unsafeFragment(), List.of(),
          where, updates);
    }
    InsertOptions.Standard s = (InsertOptions.Standard) o.conflict();
    if (s.kind() == InsertAllOptions.OnConflict.RAISE && !t.isEmpty()) {
      throw new ArgumentException(OWNER + "conflictTarget is forbidden when onConflict is RAISE (the default), as "
          + "in Ecto: choose an onConflict such as NOTHING or REPLACE, or leave the target out");
    }
    return switch (s.kind()) {
      case RAISE -> standard(BulkInsert.Conflict.RAISE, target, t, List.of());
      case NOTHING -> standard(BulkInsert.Conflict.NOTHING, target, t, List.of());
      case REPLACE -> {
        UpsertPlanner.requireTarget(meta, t, "REPLACE", OWNER);
        yield standard(BulkInsert.Conflict.REPLACE, target, t, writable(meta, s.fields()));
      }
      case REPLACE_ALL, REPLACE_ALL_EXCEPT -> standard(BulkInsert.Conflict.REPLACE, target, t, replaceAll(meta, s, t));
      case UPDATE -> throw new AssertionError(s.kind()); // InsertOptions.Standard refuses it
    };
  }

  // Every writable field but those kept, as Ecto's replace_all_fields! for insert_all (the target's too).
  private static List<SchemaField> replaceAll(SchemaMeta<?> meta, InsertOptions.Standard s, InsertOptions.ConflictTarget t) {
    UpsertPlanner.requireTarget(meta, t, s.kind().name(), OWNER);
    List<SchemaField> kept = writable(meta, s.fields());
    List<SchemaField> replace = meta.fields().stream().filter(f -> f.updatable() && !kept.contains(f)).toList();
    if (replace.isEmpty()) {
      throw new ArgumentException(OWNER + "onConflict " + s.kind() + " " + s.fields() + " on schema " + meta.describe()
          + " would replace no field; use OnConflict.NOTHING to skip conflicting rows");
    }
    return replace;
  }

  private static InsertAllConflict standard(BulkInsert.Conflict kind, List<SchemaField> target,
      InsertOptions.ConflictTarget t, List<SchemaField> replace) {
    return new InsertAllConflict(kind, target, t.constraint(), t.unsafeFragment(), replace, null, null);
  }

  /** The update's parameters, bound first: its conditions', then its updates'. */
  List<Object> params() {
    if (updates == null) {
      return List.of();
    }
    List<Object> params = new ArrayList<>(where.params());
    params.addAll(updates.params());
    return params;
  }

  BulkInsert.Shape shape(SchemaMeta<?> meta, String prefix, String table, List<SchemaField> fields,
      List<SchemaField> returning, int placeholders, dev.flecto.planner.QueryShape select) {
    return new BulkInsert.Shape(meta, prefix, fields, kind, targetFields, replace, returning, table, targetConstraint,
        targetFragment, where == null ? null : where.shape(), updates == null ? List.of() : updates.shape(),
        where == null ? 0 : where.params().size(), placeholders, select);
  }

  private static List<SchemaField> writable(SchemaMeta<?> meta, List<String> names) {
    return UpsertPlanner.replaceable(meta, names, OWNER, "onConflictFields");
  }
}
