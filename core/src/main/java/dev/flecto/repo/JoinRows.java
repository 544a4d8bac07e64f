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
        return insert.apply(Changeset.change(join.blank(), Map.of(a.joinKey(), ownerKey, a.relatedKey(), relatedKey)))
            .then();
      }
      SchemaMeta<?> table = Schemas.joinTable(owner, a);
      BulkInsert.Shape shape = new BulkInsert.Shape(table, owner.prefix(), table.fields(), BulkInsert.Conflict.RAISE,
          List.of(), List.of(), List.of());
      return adapter.insertAll(new BulkInsert(shape, List.<Object[]>of(new Object[] {ownerKey, relatedKey}))).then();
    });
  }

  /** Deletes the join rows linking the owner's key to the associated record's key. */
  Mono<Void> unlink(Association a, Object ownerKey, Object relatedKey) {
    return Mono.defer(() -> adapter.deleteAll(Planner.plan(Assocs.joinQuery(a)
        .where(Exprs.field(a.joinKey()).eq(ownerKey))
        .where(Exprs.field(a.relatedKey()).eq(relatedKey))
        .select(Exprs.field(a.joinKey()), Object.class))).then()); // a schemaless query needs a select to plan
  }
}
