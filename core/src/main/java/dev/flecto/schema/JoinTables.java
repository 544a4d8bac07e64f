package dev.flecto.schema;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The join table of a many-to-many declared with {@code joinTable} (Ecto's {@code join_through:
 * "posts_tags"}), as a schema of its two key columns, so join rows are written through the same
 * adapter calls as any schema's rows. One per association: the adapter's SQL caches compare schemas by identity.
 */
final class JoinTables {
  /** A join row: the owner's key, then the associated record's key. */
  record JoinRow(Object owner, Object related) {}

  private static final Map<List<Object>, SchemaMeta<JoinRow>> CACHE = new ConcurrentHashMap<>();

  private JoinTables() {}

  static SchemaMeta<JoinRow> of(SchemaMeta<?> owner, Association a) {
    if (a.kind() != Association.Kind.MANY_TO_MANY || a.joinSchema() != null) {
      throw new dev.flecto.ArgumentException("association '" + a.name() + "' of " + owner.describe()
          + " has no join table of its own: it is not a many-to-many declared with joinTable");
    }
    return CACHE.computeIfAbsent(List.of(owner.type(), a.name()), k -> build(owner, a));
  }

  private static SchemaMeta<JoinRow> build(SchemaMeta<?> owner, Association a) {
    String use = "writing the join rows of '" + a.name() + "'";
    SchemaField ownerKey = owner.referencedKey(a, use);
    SchemaField relatedKey = Schemas.of(a.target()).referencedKey(a, use);
    List<SchemaField> fields = List.of(column(a.joinKey(), 0, ownerKey), column(a.relatedKey(), 1, relatedKey));
    java.lang.reflect.RecordComponent[] components = JoinRow.class.getRecordComponents();
    return new SchemaMeta<>(JoinRow.class, a.joinTable(), null, fields,
        SchemaReader.constructor(JoinRow.class, components), SchemaReader.accessors(JoinRow.class), List.of());
  }

  private static SchemaField column(String column, int index, SchemaField key) {
    return new SchemaField(column, column, index, key.javaType(), key.type(), false, IdGeneration.NONE, null, null,
        false, false);
  }
}
