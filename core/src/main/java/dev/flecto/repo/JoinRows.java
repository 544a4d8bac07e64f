package dev.flecto.repo;

import dev.flecto.ConstraintException;
import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.Constraint;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.planner.Planner;
import dev.flecto.query.Assocs;
import dev.flecto.query.Exprs;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A many-to-many's join rows, as Ecto's {@code ManyToMany.on_repo_change} writes them: one
 * inserted per newly linked record (through the join schema's own insert, so its timestamps and
 * defaults are written, or straight into a join table), one deleted per unlinked record; the
 * associated records themselves are never deleted here.
 */
final class JoinRows {
  private final Adapter adapter;
  private final Function<Changeset<Object>, Mono<Object>> insert;

  JoinRows(Adapter adapter, Function<Changeset<Object>, Mono<Object>> insert) {
    this.adapter = adapter;
    this.insert = insert;
  }

  /**
   * Links the owner's key to the associated record's key. A constraint the join row violates is
   * reported as Ecto's {@code insert_join} does: through a join schema, the parent changeset's
   * declared constraints apply to it and a match is an error on the associated record's changeset
   * (an {@link InvalidChangesetException} the caller places in the parent's); else, and always for a
   * plain join table (Ecto's {@code insert_all}), a {@link ConstraintException} naming the join table.
   */
  @SuppressWarnings("unchecked")
  Mono<Void> link(Changeset<?> parent, Association a, Object ownerKey, Changeset<?> related, Object relatedKey) {
    SchemaMeta<?> owner = parent.schema();
    return Mono.defer(() -> {
      if (ownerKey == null || relatedKey == null) {
        return Mono.error(new dev.flecto.ArgumentException("could not insert the join row of '" + a.name() + "' of "
            + owner.describe() + " because " + (ownerKey == null ? "the owner's" : "the associated record's")
            + " key is null"));
      }
      if (a.joinSchema() != null) {
        SchemaMeta<Object> join = (SchemaMeta<Object>) Schemas.of(a.joinSchema());
        Map<String, Object> values = new java.util.LinkedHashMap<>(joinDefaults(owner, a, join));
        values.put(a.joinKey(), ownerKey);
        values.put(a.relatedKey(), relatedKey);
        return insert.apply(Changeset.change(join.blank(), values)).then();
      }
      SchemaMeta<?> table = Schemas.joinTable(owner, a);
      BulkInsert.Shape shape = new BulkInsert.Shape(table, owner.prefix(), table.fields(), BulkInsert.Conflict.RAISE,
          List.of(), List.of(), List.of());
      return adapter.insertAll(new BulkInsert(shape, List.<Object[]>of(new Object[] {ownerKey, relatedKey}))).then();
    }).onErrorMap(ConstraintException.class, e -> violated(parent, a, related, e));
  }

  private static Throwable violated(Changeset<?> parent, Association a, Changeset<?> related, ConstraintException e) {
    String where = "inserting the join row of '" + a.name() + "' of " + parent.schema().describe() + " into "
        + (a.joinSchema() != null ? "join schema " + Schemas.of(a.joinSchema()).describe() : "join table " + a.joinTable());
    if (a.joinSchema() == null) {
      return new ConstraintException(e.getMessage() + ", " + where + ". As Ecto, a plain join table's violation is raised; "
          + "give the association a join schema (@ManyToMany(joinThrough = ...)) and declare the constraint on the parent's "
          + "changeset to get an error there", e.sqlState(), e.constraint(), e.table(), e.sql(), e.getCause());
    }
    // The parent's constraints, as Ecto gives them to the join row's changeset; the error goes where Ecto merges it.
    java.util.Optional<? extends Changeset<?>> matched = parent.withConstraintViolation(e.sqlState(), e.constraint());
    if (matched.isEmpty()) {
      return new ConstraintException(e.getMessage() + ", " + where + ". To get an error on the parent's changeset instead, "
          + "declare the constraint on it, such as " + declaration(a, e) + "; it declared: " + parent.constraints().stream()
          .map(Constraint::name).toList(), e.sqlState(), e.constraint(), e.table(), e.sql(), e.getCause());
    }
    List<ChangesetError> errors = matched.get().errors();
    ChangesetError error = errors.get(errors.size() - 1); // the one the violation added
    return new InvalidChangesetException(related.action(), related.addError(error.field(), error.message(), error.keys()));
  }

  private static String declaration(Association a, ConstraintException e) {
    String named = "ConstraintOptions.named(\"" + e.constraint() + "\")";
    switch (e.sqlState() == null ? "" : e.sqlState()) {
      case "23505":
        return "uniqueConstraint(List.of(\"" + a.name() + "\"), " + named + ")";
      case "23503":
        return "foreignKeyConstraint(\"" + a.name() + "\", " + named + ")";
      case "23514":
        return "checkConstraint(\"" + a.name() + "\", " + named + ")";
      default:
        return "exclusionConstraint(\"" + a.name() + "\", " + named + ")";
    }
  }

  /** Ecto's join_defaults, each cast to its join schema field's type (the join schema is read when used). */
  private static Map<String, Object> joinDefaults(SchemaMeta<?> owner, Association a, SchemaMeta<Object> join) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    a.joinDefaults().forEach((name, text) -> {
      dev.flecto.schema.SchemaField f = join.findField(name);
      if (f == null || !f.updatable()) {
        throw new dev.flecto.SchemaException("joinDefaults of '" + a.name() + "' of " + owner.describe() + " name field '"
            + name + "', which " + (f == null ? "does not exist in" : "is not writable in") + " join schema " + join.describe()
            + "; its fields are: " + join.fieldNames());
      }
      try {
        out.put(name, f.cast(text));
      } catch (IllegalArgumentException e) {
        throw new dev.flecto.SchemaException("joinDefaults of '" + a.name() + "' of " + owner.describe() + " give field '"
            + name + "' the value " + dev.flecto.schema.ValueText.quoted(text) + ", which cannot be cast to " + f.typeName(), e);
      }
    });
    return out;
  }

  /** Deletes the join rows linking the owner's key to the associated record's key. */
  Mono<Void> unlink(Association a, Object ownerKey, Object relatedKey) {
    return Mono.defer(() -> adapter.deleteAll(Planner.plan(Assocs.joinQuery(a)
        .where(Exprs.field(a.joinKey()).eq(ownerKey))
        .where(Exprs.field(a.relatedKey()).eq(relatedKey))
        .select(Exprs.field(a.joinKey()), Object.class))).then()); // a schemaless query needs a select to plan
  }
}
