package dev.flecto.repo;

import dev.flecto.ConstraintException;
import dev.flecto.adapter.Adapter;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.Constraint;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.planner.Planner;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * The Repo's writes: validity first, preparations in a transaction, declared constraints as field
 * errors (in a savepoint, so an enclosing transaction goes on), stale entries by the options.
 */
final class Writes {
  private final Adapter adapter;
  private final RepoOptions options;

  Writes(Adapter adapter, RepoOptions options) {
    this.adapter = adapter;
    this.options = options;
  }

  <T> Mono<T> insertRecord(T record) {
    return Mono.defer(() -> {
      SchemaMeta<T> meta = Schemas.ofRecord(record);
      WritePlan plan = WritePlan.insert(meta, record, options.clock());
      return adapter.insert(meta, plan.fields, plan.values).map(row -> meta.fromPersisted(row, record));
    }).onErrorMap(ConstraintException.class, e -> undeclared(e, List.of()));
  }

  <T> Mono<T> insert(Changeset<T> changeset) {
    return write("insert", changeset, cs -> insertRecord(cs.applyChanges()));
  }

  <T> Mono<T> update(Changeset<T> changeset, WriteOptions writeOptions) {
    return Mono.defer(() -> changeset.isValid() && changeset.changes().isEmpty()
        ? Mono.just(changeset.applyChanges()) // Ecto: no changes, no statement, no preparations
        : write("update", changeset, cs -> doUpdate(cs, writeOptions)));
  }

  <T> Mono<T> delete(Changeset<T> changeset, WriteOptions writeOptions) {
    boolean cascades = changeset.isValid() && changeset.schema().associations().stream()
        .anyMatch(a -> a.onDelete() != dev.flecto.schema.OnDelete.NOTHING);
    if (!cascades) {
      return write("delete", changeset, cs -> doDelete(cs, writeOptions));
    }
    // As Ecto: the associations' on_delete runs in the delete's transaction, before the parent goes.
    return adapter.transact(() -> onDelete(changeset).then(write("delete", changeset, cs -> doDelete(cs, writeOptions))));
  }

  private <T> Mono<Void> onDelete(Changeset<T> cs) {
    SchemaMeta<T> meta = cs.schema();
    Mono<Void> steps = Mono.empty();
    for (dev.flecto.schema.Association a : meta.associations()) {
      if (a.onDelete() == dev.flecto.schema.OnDelete.NOTHING || a.isThrough()) {
        continue;
      }
      SchemaField own = a.kind() == dev.flecto.schema.Association.Kind.MANY_TO_MANY || a.references().isEmpty()
          ? meta.requireSingleKey("on_delete of '" + a.name() + "'", "name the key in the association (references)")
          : meta.field(a.references());
      Object key = meta.get(cs.data(), own);
      Mono<Long> step;
      if (a.kind() == dev.flecto.schema.Association.Kind.MANY_TO_MANY) {
        // A schemaless query needs a select to plan; DELETE ignores it.
        step = adapter.deleteAll(Planner.plan(dev.flecto.query.Assocs.joinQuery(a)
            .where(dev.flecto.query.Exprs.field(a.joinKey()).eq(key)).select(dev.flecto.query.Exprs.field(a.joinKey()), Object.class)));
      } else if (a.onDelete() == dev.flecto.schema.OnDelete.DELETE_ALL) {
        step = adapter.deleteAll(Planner.plan(dev.flecto.query.Query.from(a.target()).where(a.foreignKey(), key)));
      } else {
        dev.flecto.query.Query<?> children = dev.flecto.query.Query.from(a.target()).where(a.foreignKey(), key);
        dev.flecto.planner.PlannedQuery<?> planned = Planner.plan(children);
        step = adapter.updateAll(planned, Planner.planUpdates(planned.schema(),
            dev.flecto.query.Updates.set(a.foreignKey(), null)));
      }
      steps = steps.then(step.then());
    }
    return steps;
  }

  private <T> Mono<T> write(String action, Changeset<T> changeset, Function<Changeset<T>, Mono<T>> op) {
    return Mono.defer(() -> {
      if (!changeset.isValid()) {
        return Mono.error(invalid(action, changeset));
      }
      if (!changeset.hasPreparations()) {
        return guarded(action, changeset, op);
      }
      return adapter.transact(() -> changeset.prepared().flatMap(cs -> cs.isValid()
          ? guarded(action, cs, op)
          : Mono.error(invalid(action, cs))));
    });
  }

  // A declared constraint's violation becomes a field error; the savepoint keeps an enclosing transaction usable.
  private <T> Mono<T> guarded(String action, Changeset<T> cs, Function<Changeset<T>, Mono<T>> op) {
    Mono<T> attempt = cs.constraints().isEmpty() ? op.apply(cs) : adapter.savepoint(() -> op.apply(cs));
    return attempt.onErrorMap(ConstraintException.class, e -> cs.withConstraintViolation(e.sqlState(), e.constraint())
        .<Throwable>map(withError -> invalid(action, withError))
        .orElseGet(() -> undeclared(e, cs.constraints())));
  }

  private <T> Mono<T> doUpdate(Changeset<T> cs, WriteOptions writeOptions) {
    SchemaMeta<T> meta = cs.schema();
    WritePlan plan = WritePlan.update(cs, options.clock());
    if (plan.isEmpty()) {
      return Mono.just(cs.applyChanges());
    }
    Filters f = filters(cs, "update");
    return adapter.update(meta, plan.fields, plan.values, f.fields, f.values)
        .map(row -> meta.fromPersisted(row, cs.applyChanges()))
        .switchIfEmpty(Mono.defer(() -> stale("update", cs, writeOptions, f, cs.applyChanges())));
  }

  private <T> Mono<T> doDelete(Changeset<T> cs, WriteOptions writeOptions) {
    SchemaMeta<T> meta = cs.schema();
    Filters f = filters(cs, "delete");
    return adapter.delete(meta, f.fields, f.values)
        .flatMap(n -> n == 0 ? stale("delete", cs, writeOptions, f, cs.data()) : Mono.just(cs.data()));
  }

  private <T> Mono<T> stale(String action, Changeset<T> cs, WriteOptions o, Filters f, T accepted) {
    if (o.allowStale()) {
      return Mono.just(accepted);
    }
    if (o.staleErrorField() != null) {
      return Mono.error(invalid(action, cs.addError(o.staleErrorField(), o.staleErrorMessage(), Map.of("stale", true))));
    }
    return Mono.error(WritePlan.stale(action, cs.schema(), f.describe()));
  }

  /** The primary key of the data, and the lock filters, as the row to match. */
  private static <T> Filters filters(Changeset<T> cs, String action) {
    SchemaMeta<T> meta = cs.schema();
    Object[] key = WritePlan.keyValues(meta, cs.data(), action);
    List<SchemaField> fields = new ArrayList<>(meta.primaryKey());
    List<Object> values = new ArrayList<>(List.of(key));
    cs.filters().forEach((name, value) -> {
      fields.add(meta.field(name));
      values.add(value);
    });
    return new Filters(fields, values.toArray());
  }

  private static InvalidChangesetException invalid(String action, Changeset<?> cs) {
    return new InvalidChangesetException(action, cs.withAction(action));
  }

  private static ConstraintException undeclared(ConstraintException e, List<Constraint> declared) {
    String declaredText = declared.isEmpty() ? "none" : declared.stream()
        .map(c -> c.type() + " " + c.name() + " (" + c.match() + ") on " + c.field())
        .collect(Collectors.joining(", "));
    String message = e.getMessage() + ". To get an error on the changeset instead of this exception, declare the "
        + "constraint on it, such as " + suggestion(e) + "; the changeset declared: " + declaredText;
    return new ConstraintException(message, e.sqlState(), e.constraint(), e.table(), e.sql(), e.getCause());
  }

  private static String suggestion(ConstraintException e) {
    String named = "ConstraintOptions.named(\"" + e.constraint() + "\")";
    switch (e.sqlState() == null ? "" : e.sqlState()) {
      case "23505":
        return "uniqueConstraint(List.of(\"field\"), " + named + ")";
      case "23503":
        return "foreignKeyConstraint(\"field\", " + named + ") or noAssocConstraint(\"assoc\", " + named + ")";
      case "23514":
        return "checkConstraint(\"field\", " + named + ")";
      case "23P01":
        return "exclusionConstraint(\"field\", " + named + ")";
      default:
        return "validateRequired(...) for a not-null column";
    }
  }

  private record Filters(List<SchemaField> fields, Object[] values) {
    String describe() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < fields.size(); i++) {
        sb.append(i == 0 ? "" : " and ").append(fields.get(i).name()).append(" = ").append(values[i]);
      }
      return sb.toString();
    }
  }
}
