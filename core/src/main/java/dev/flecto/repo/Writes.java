package dev.flecto.repo;

import dev.flecto.ConstraintException;
import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.Upsert;
import dev.flecto.changeset.AssocChange;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.Constraint;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.planner.Planner;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Repo's writes: validity first, preparations in a transaction, declared constraints as field
 * errors (in a savepoint, so an enclosing transaction goes on), stale entries by the options.
 */
final class Writes {
  private final Adapter adapter;
  private final RepoOptions options;
  private final JoinRows joins;

  Writes(Adapter adapter, RepoOptions options) {
    this.adapter = adapter;
    this.options = options;
    // A join row's changeset declares nothing: its violations go to JoinRows raw, to be told against the parent's.
    this.joins = new JoinRows(adapter, cs -> insertRow(cs.schema(), cs.data(), cs.changes(), cs.applyChanges()));
  }

  /** As Ecto: a record whose associations are loaded is inserted as a tree (see {@link #tree}). */
  <T> Mono<T> insertRecord(T record) {
    return Mono.defer(() -> {
      SchemaMeta<T> meta = Schemas.ofRecord(record);
      if (meta.associations().isEmpty()) {
        return insertRow(meta, record, Map.of(), record); // no tree to surface: no changeset per insert
      }
      Changeset<T> tree = tree(Changeset.change(record));
      return tree.assocChanges().isEmpty() ? insertRow(meta, record, Map.of(), record) : insert(tree);
    }).onErrorMap(ConstraintException.class, e -> undeclared(e, List.of()));
  }

  /** Ecto's surface_changes: the loaded associations of the data, as changes, so an insert writes the whole tree. */
  private static <T> Changeset<T> tree(Changeset<T> changeset) {
    return !changeset.isValid() || changeset.schema().associations().isEmpty() ? changeset : changeset.putLoadedAssocs();
  }

  // The changeset paths map a violation through guarded(...), once. Only the changes say which nulls
  // were meant (written as NULL); a null the data merely has is left to the column's default.
  private <T> Mono<T> insertRow(SchemaMeta<T> meta, T data, Map<String, Object> changes, T applied) {
    WritePlan plan = WritePlan.insert(meta, data, changes, options.clock());
    return adapter.insert(meta, plan.fields, plan.bound).map(row -> plan.inserted(meta, applied, row));
  }

  /** An insert with options (Ecto's on_conflict, conflict_target, returning, stale options); they are checked first. */
  <T> Mono<T> insertRecord(T record, InsertOptions o) {
    return Mono.defer(() -> {
      SchemaMeta<T> meta = Schemas.ofRecord(record);
      Upsert upsert = UpsertPlanner.plan(meta, o);
      if (!meta.associations().isEmpty()) {
        Changeset<T> tree = tree(Changeset.change(record));
        if (!tree.assocChanges().isEmpty()) {
          return insert(tree, o);
        }
      }
      return upsertRow(meta, record, Map.of(), record, upsert, o, () -> Changeset.change(record));
    }).onErrorMap(ConstraintException.class, e -> undeclared(e, List.of()));
  }

  /** Called inside the Repo's {@code Mono.defer}, as {@link #insert(Changeset)}. */
  <T> Mono<T> insert(Changeset<T> given, InsertOptions o) {
    Upsert upsert = UpsertPlanner.plan(given.schema(), o);
    Changeset<T> changeset = tree(given);
    Function<Changeset<T>, Mono<T>> op =
        cs -> upsertRow(cs.schema(), cs.data(), cs.changes(), cs.applyChanges(), upsert, o, () -> cs);
    return changeset.assocChanges().isEmpty() ? writing("insert", changeset, op) : withAssocs("insert", changeset, op);
  }

  /**
   * As Ecto's insert: no row back means the conflict was skipped ({@code NOTHING}: the record as
   * given, with what the plan generated and no database key), or the update's conditions filtered
   * the existing row out (stale, as the options say).
   */
  private <T> Mono<T> upsertRow(SchemaMeta<T> meta, T data, Map<String, Object> changes, T applied, Upsert upsert,
      InsertOptions o, java.util.function.Supplier<Changeset<T>> cs) {
    WritePlan plan = WritePlan.insert(meta, data, changes, options.clock());
    List<SchemaField> returning = upsert.shape().returning();
    boolean all = returning.equals(meta.persistedFields());
    return adapter.insert(meta, plan.fields, plan.bound, upsert)
        .map(row -> all ? meta.fromPersisted(row, applied) : plan.merged(meta, applied, returning, row))
        .switchIfEmpty(Mono.defer(() -> {
          T given = plan.merged(meta, applied, List.of(), new Object[0]);
          if (upsert.shape().conflict() == dev.flecto.adapter.BulkInsert.Conflict.NOTHING || o.stale().allowStale()) {
            return Mono.just(given);
          }
          if (o.stale().staleErrorField() != null) {
            return Mono.error(invalid("insert", cs.get().addError(o.stale().staleErrorField(), o.stale().staleErrorMessage(),
                Map.of("stale", true))));
          }
          return Mono.error(new dev.flecto.StaleEntryException("attempted to insert a stale " + meta.describe()
              + ": it conflicted with an existing row that its onConflict update's conditions filtered out, so "
              + "nothing was written; use InsertOptions.withStaleErrorField for a changeset error instead"));
        }));
  }

  /**
   * Called inside the Repo's {@code Mono.defer} (which turns a throw of the checks into the
   * Mono's error), so it builds the write at once: a Repo write is on every hot write path, and a
   * defer here and in {@link #write} again were two more objects a call.
   */
  <T> Mono<T> insert(Changeset<T> given) {
    Changeset<T> changeset = tree(given);
    Function<Changeset<T>, Mono<T>> op = cs -> insertRow(cs.schema(), cs.data(), cs.changes(), cs.applyChanges());
    return changeset.assocChanges().isEmpty() ? writing("insert", changeset, op) : withAssocs("insert", changeset, op);
  }

  /** Called inside the Repo's {@code Mono.defer}, as {@link #insert(Changeset)}. */
  <T> Mono<T> update(Changeset<T> changeset, WriteOptions writeOptions) {
    if (!changeset.assocChanges().isEmpty()) {
      return withAssocs("update", changeset, cs -> doUpdate(cs, writeOptions));
    }
    return changeset.isValid() && changeset.changes().isEmpty()
        ? Mono.just(changeset.applyChanges()) // Ecto: no changes, no statement, no preparations
        : writing("update", changeset, cs -> doUpdate(cs, writeOptions));
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
      SchemaField own = meta.referencedKey(a, "on_delete of '" + a.name() + "'");
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
    return Mono.defer(() -> writing(action, changeset, op));
  }

  /** {@link #write}, built at once: for callers already inside a defer or an operator's function. */
  private <T> Mono<T> writing(String action, Changeset<T> changeset, Function<Changeset<T>, Mono<T>> op) {
    if (!changeset.isValid()) {
      return Mono.error(invalid(action, changeset));
    }
    if (!changeset.hasPreparations()) {
      return guarded(action, changeset, op);
    }
    return adapter.transact(() -> changeset.prepared().flatMap(cs -> cs.isValid()
        ? guarded(action, cs, op)
        : Mono.error(invalid(action, cs))));
  }

  /**
   * A write with putAssoc changes, in one transaction as Ecto does: belongs-to parents first (the
   * record takes their key), then the record, then has-one and has-many children with the record's
   * key (replaced children first, so a unique foreign key of a has-one is free for the new one),
   * and many-to-many records with their join rows.
   */
  private <T> Mono<T> withAssocs(String action, Changeset<T> changeset, Function<Changeset<T>, Mono<T>> op) {
    return Mono.defer(() -> {
      if (!changeset.isValid()) {
        return Mono.error(invalid(action, changeset));
      }
      Map<String, Object> loaded = new java.util.LinkedHashMap<>();
      List<Mono<?>> afterwards = new ArrayList<>();
      return adapter.transact(() -> parents(action, changeset, loaded, afterwards)
          .flatMap(cs -> writing(action, cs, op))
          .flatMap(saved -> Flux.concat(afterwards).then(children(action, changeset, saved, loaded)))
          .map(saved -> changeset.schema().with(saved, loaded)));
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T> Mono<Changeset<T>> parents(String action, Changeset<T> changeset, Map<String, Object> loaded,
      List<Mono<?>> afterwards) {
    Mono<Changeset<T>> out = Mono.just(changeset);
    for (AssocChange change : changeset.assocChanges().values()) {
      Association a = change.association();
      if (a.kind() != Association.Kind.BELONGS_TO) {
        continue;
      }
      SchemaMeta target = Schemas.of(a.target());
      SchemaField ref = target.referencedKey(a, "putAssoc of '" + a.name() + "'");
      for (AssocChange.Entry e : change.entries()) {
        if (!e.op().kept()) {
          afterwards.add(reported(action, changeset, change, e, Mono.defer(() -> replaced(e, a))));
          continue;
        }
        out = out.flatMap(cs -> reported(action, changeset, change, e, write(e)).map(parent -> {
          loaded.put(a.name(), Assoc.loaded(parent));
          return cs.putChange(a.foreignKey(), target.get(parent, ref));
        }));
      }
      if (change.entries().stream().noneMatch(e -> e.op().kept())) {
        out = out.map(cs -> {
          loaded.put(a.name(), Assoc.loaded(null));
          return cs.putChange(a.foreignKey(), null);
        });
      }
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T> Mono<T> children(String action, Changeset<T> changeset, T saved, Map<String, Object> loaded) {
    SchemaMeta<T> meta = changeset.schema();
    Mono<Void> steps = Mono.empty();
    for (AssocChange change : changeset.assocChanges().values()) {
      Association a = change.association();
      if (a.kind() == Association.Kind.BELONGS_TO) {
        continue;
      }
      if (a.kind() == Association.Kind.MANY_TO_MANY) {
        steps = steps.then(manyToMany(action, changeset, saved, change, loaded));
        continue;
      }
      SchemaField own = meta.referencedKey(a, "putAssoc of '" + a.name() + "'");
      Object key = meta.get(saved, own);
      List<Object> written = new ArrayList<>();
      for (AssocChange.Entry e : change.entries()) {
        if (!e.op().kept()) {
          steps = steps.then(reported(action, changeset, change, e, Mono.defer(() -> replaced(e, a))).then());
        }
      }
      for (AssocChange.Entry e : change.entries()) {
        if (e.op().kept()) {
          AssocChange.Entry keyed = e.op() == AssocChange.Op.KEEP ? e
              : new AssocChange.Entry(e.op(), ((Changeset) e.changeset()).putChange(a.foreignKey(), key));
          steps = steps.then(reported(action, changeset, change, e, Mono.defer(() -> write(keyed)))
              .doOnNext(written::add).then());
        }
      }
      steps = steps.then(Mono.fromRunnable(() -> loaded.put(a.name(), a.kind().many() ? Assoc.loaded(List.copyOf(written))
          : Assoc.loaded(written.isEmpty() ? null : written.get(0)))));
    }
    return steps.thenReturn(saved);
  }

  /**
   * A many-to-many as Ecto writes it: the join rows of the replaced records deleted (never the
   * records), then each kept record written (inserted when new) and linked by a join row unless it
   * was linked already (on an insert every record is linked, as Ecto's {@code insert_join?}).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T> Mono<Void> manyToMany(String action, Changeset<T> changeset, T saved, AssocChange change,
      Map<String, Object> loaded) {
    SchemaMeta<T> meta = changeset.schema();
    Association a = change.association();
    String use = "putAssoc of '" + a.name() + "'";
    Object key = meta.get(saved, meta.referencedKey(a, use));
    SchemaMeta target = Schemas.of(a.target());
    SchemaField related = target.referencedKey(a, use);
    java.util.Set<Object> linked = new java.util.HashSet<>();
    Assoc<?> current = (Assoc<?>) meta.get(changeset.data(), meta.field(a.name()));
    if (!action.equals("insert") && current != null && current.isLoaded() && current.get() instanceof List<?> l) {
      l.forEach(r -> linked.add(target.get(r, related)));
    }
    Mono<Void> steps = Mono.empty();
    for (AssocChange.Entry e : change.entries()) {
      if (!e.op().kept()) {
        steps = steps.then(joins.unlink(a, key, target.get(e.changeset().data(), related)));
      }
    }
    List<Object> written = new ArrayList<>();
    for (AssocChange.Entry e : change.entries()) {
      if (e.op().kept()) {
        Changeset<?> child = e.changeset().withAction(e.op() == AssocChange.Op.INSERT ? "insert" : "update");
        Mono<Object> linkedRecord = Mono.defer(() -> write(e)).flatMap(r -> linked.contains(target.get(r, related))
            ? Mono.just(r) : joins.link(changeset, a, key, child, target.get(r, related)).thenReturn(r));
        steps = steps.then(reported(action, changeset, change, e, linkedRecord).doOnNext(written::add).then());
      }
    }
    return steps.then(Mono.fromRunnable(() -> loaded.put(a.name(), Assoc.loaded(List.copyOf(written)))));
  }

  /**
   * An associated record's refused write (a declared constraint it violated), reported as Ecto
   * does: the parent's changeset, with that record's changeset and its error in place of the
   * entry, and the association marked invalid. The error still rolls the whole write back.
   */
  private static <T, R> Mono<R> reported(String action, Changeset<T> parent, AssocChange change, AssocChange.Entry entry,
      Mono<R> write) {
    return write.onErrorMap(InvalidChangesetException.class, e -> {
      List<AssocChange.Entry> entries = new ArrayList<>(change.entries());
      entries.set(entries.indexOf(entry), new AssocChange.Entry(entry.op(), e.changeset()));
      Association a = change.association();
      return invalid(action, parent.withAssocChange(new AssocChange(a, entries))
          .addError(a.name(), "is invalid", Map.of("assoc", a.kind().name().toLowerCase())));
    });
  }

  /** An associated record the value keeps: inserted, updated, or as it is. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Mono<Object> write(AssocChange.Entry e) {
    Changeset cs = e.changeset();
    switch (e.op()) {
      case INSERT:
        return insert(cs);
      case UPDATE:
        return update(cs, WriteOptions.defaults());
      default:
        return Mono.just(cs.applyChanges());
    }
  }

  /** An associated record the value replaced, as the association's onReplace says. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Mono<Object> replaced(AssocChange.Entry e, Association a) {
    Changeset cs = e.changeset();
    switch (e.op()) {
      case NILIFY:
        return update(cs.putChange(a.foreignKey(), null), WriteOptions.defaults());
      case DELETE:
        return delete(cs, WriteOptions.defaults());
      case DELETE_IF_EXISTS:
        return delete(cs, WriteOptions.defaults().withAllowStale(true));
      default:
        return Mono.error(new AssertionError(e.op()));
    }
  }

  // A declared constraint's violation becomes a field error; the savepoint keeps an enclosing transaction usable.
  private <T> Mono<T> guarded(String action, Changeset<T> cs, Function<Changeset<T>, Mono<T>> op) {
    Mono<T> attempt = cs.constraints().isEmpty() ? op.apply(cs) : adapter.savepoint(() -> op.apply(cs));
    return attempt.onErrorMap(ConstraintException.class, e -> cs.withConstraintViolation(e.sqlState(), e.constraint())
        .<Throwable>map(withError -> invalid(action, withError))
        .orElseGet(() -> undeclared(e, cs.constraints())));
  }

  /**
   * As Ecto: the changed columns are sent, and the record returned is the data with its changes
   * (and the timestamps written); only the read-only fields, which the database fills, are read
   * back, not the whole row again.
   */
  private <T> Mono<T> doUpdate(Changeset<T> cs, WriteOptions writeOptions) {
    SchemaMeta<T> meta = cs.schema();
    WritePlan plan = WritePlan.update(cs, options.clock());
    T applied = cs.applyChanges();
    if (plan.isEmpty()) {
      return Mono.just(applied);
    }
    Filters f = filters(cs, "update");
    List<SchemaField> readBack = meta.readOnlyFields();
    return adapter.update(meta, plan.fields, plan.bound, f.fields, f.values, readBack)
        .map(row -> plan.merged(meta, applied, readBack, row))
        .switchIfEmpty(Mono.defer(() -> unchanged("update", cs, writeOptions, f, applied)));
  }

  private <T> Mono<T> doDelete(Changeset<T> cs, WriteOptions writeOptions) {
    SchemaMeta<T> meta = cs.schema();
    Filters f = filters(cs, "delete");
    return adapter.delete(meta, f.fields, f.values)
        .flatMap(n -> n == 0 ? unchanged("delete", cs, writeOptions, f, cs.data()) : Mono.just(cs.data()));
  }

  /**
   * A write by key that changed no row: the adapter touches a row only when its key (and lock
   * version) match it alone, so the row is gone or moved on (stale), or several rows share the key
   * (Ecto's MultiplePrimaryKeyError, raised whatever the stale options say, as Ecto's is). Counting
   * tells them apart; it costs a statement only on this path.
   */
  private <T> Mono<T> unchanged(String action, Changeset<T> cs, WriteOptions o, Filters f, T accepted) {
    SchemaMeta<T> meta = cs.schema();
    Query<T> matching = Query.from(meta.type());
    for (int i = 0; i < f.fields.size(); i++) {
      matching = matching.where(f.fields.get(i).name(), f.values[i]);
    }
    Object[] key = java.util.Arrays.copyOf(f.values, meta.primaryKey().size()); // the filters start with the key
    return adapter.aggregate(Planner.plan(matching), Aggregate.COUNT, null).map(Long.class::cast).defaultIfEmpty(0L)
        .flatMap(n -> n > 1
            ? Mono.error(WritePlan.multiple(action, meta, key, f.describe(), n))
            : stale(action, cs, o, f, accepted));
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
