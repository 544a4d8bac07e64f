package dev.flecto.repo;

import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.Planner;
import dev.flecto.query.Query;
import dev.flecto.schema.SchemaField;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code get} by primary key planned once per schema: the query's shape, columns and assembly do
 * not depend on the key, only its bound value does, so later calls bind the key (cast and dumped
 * as the planner would) into the first plan instead of planning the same shape again. A key the
 * field cannot cast is planned in full, so the planner's error names it.
 */
final class KeyPlans {
  private static final ClassValue<Entry> PLANS = new ClassValue<>() {
    @Override
    protected Entry computeValue(Class<?> type) {
      // A schema without exactly one key fails here, and ClassValue keeps no value for it: every
      // get of it fails alike, with the error naming the schema.
      return new Entry(RepoQueries.singleKey(type));
    }
  };

  /** A schema's key field, found once (its error hint is a string built per call otherwise), and its first plan. */
  private static final class Entry extends AtomicReference<PlannedQuery<?>> {
    final SchemaField key;

    Entry(SchemaField key) {
      this.key = key;
    }
  }

  private KeyPlans() {}

  @SuppressWarnings("unchecked")
  static <T> PlannedQuery<T> byKey(Class<T> type, Object key) {
    Entry cached = PLANS.get(type);
    SchemaField field = cached.key;
    Query<T> query = Query.from(type).where(field.name(), key); // the value messages and telemetry show
    PlannedQuery<T> plan = (PlannedQuery<T>) cached.get();
    if (plan != null) {
      Object bound;
      try {
        bound = field.dump(field.cast(key));
      } catch (IllegalArgumentException e) {
        return Planner.plan(query);
      }
      if (bound != null) {
        return plan.withParams(query, List.of(bound));
      }
    }
    PlannedQuery<T> planned = Planner.plan(query);
    if (planned.params().size() == 1 && planned.params().get(0) != null) {
      cached.compareAndSet(null, planned);
    }
    return planned;
  }
}
