package dev.flecto.repo;

import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.changeset.Changeset;
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

  /** Links the owner's key to the associated record's key. */
  @SuppressWarnings("unchecked")
  Mono<Void> link(SchemaMeta<?> owner, Association a, Object ownerKey, Object relatedKey) {
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
    });
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
