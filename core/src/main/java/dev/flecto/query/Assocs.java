package dev.flecto.query;

import dev.flecto.FlectoException;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ecto's {@code assoc/2} and {@code build_assoc/3}: a composable query for the records associated
 * with some records, and a new child with its foreign key set.
 *
 * <pre>{@code
 * Flux<Comment> comments = repo.all(Assocs.<Comment>assoc(post, "comments").where(field("votes").gt(0)));
 * Comment draft = Assocs.buildAssoc(post, "comments", Map.of("body", "first!"));
 * }</pre>
 */
public final class Assocs {
  private Assocs() {}

  /**
   * The query for the records associated with one record.
   *
   * <pre>{@code Assocs.<Comment>assoc(post, "comments") }</pre>
   *
   * @param record a schema record
   * @param name the association's name
   * @param <R> the associated record type
   * @return the query
   */
  public static <R> Query<R> assoc(Object record, String name) {
    return assoc(List.of(record), name);
  }

  /**
   * The query for the records associated with any of the records (one query, Ecto's
   * {@code assoc(list, name)}).
   *
   * <pre>{@code Assocs.<Comment>assoc(posts, "comments") }</pre>
   *
   * @param records schema records of one schema
   * @param name the association's name
   * @param <R> the associated record type
   * @return the query
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <R> Query<R> assoc(List<?> records, String name) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("assoc needs at least one record");
    }
    SchemaMeta meta = Schemas.ofRecord(records.get(0));
    Association a = association(meta, name);
    SchemaMeta<?> target = Schemas.of(a.target());
    switch (a.kind()) {
      case BELONGS_TO: {
        String ref = a.references().isEmpty() ? key(target) : a.references();
        return (Query<R>) Query.from(a.target()).where(Exprs.field(ref).in(values(meta, records, a.foreignKey())));
      }
      case HAS_ONE:
      case HAS_MANY: {
        String own = a.references().isEmpty() ? key(meta) : a.references();
        return (Query<R>) Query.from(a.target()).where(Exprs.field(a.foreignKey()).in(values(meta, records, own)));
      }
      case MANY_TO_MANY: {
        String joined = "assoc_join";
        return (Query<R>) Query.from(a.target()).as("assoc")
            .join(JoinKind.INNER, new Source.Table(a.joinTable()), joined, Exprs.field(joined, a.relatedKey()).eq(Exprs.field("assoc", key(target))))
            .where(Exprs.field(joined, a.joinKey()).in(values(meta, records, key(meta))))
            .distinct();
      }
      default:
        throw new AssertionError(a.kind());
    }
  }

  /**
   * A new record of a has-one or has-many association with its foreign key set from the parent,
   * and the given attributes (typed, as {@code Changeset.change} takes them).
   *
   * <pre>{@code Assocs.buildAssoc(post, "comments", Map.of("body", "first!")) }</pre>
   *
   * @param parent the parent record
   * @param name the association's name
   * @param attributes field name to value
   * @param <R> the child record type
   * @return the child, not inserted
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <R> R buildAssoc(Object parent, String name, Map<String, ?> attributes) {
    SchemaMeta meta = Schemas.ofRecord(parent);
    Association a = association(meta, name);
    if (a.kind() != Association.Kind.HAS_ONE && a.kind() != Association.Kind.HAS_MANY) {
      throw new FlectoException("buildAssoc builds the child of a has-one or has-many association; '" + name + "' of "
          + meta.describe() + " is " + a.kind());
    }
    SchemaMeta<R> target = (SchemaMeta<R>) Schemas.of(a.target());
    Map<String, Object> values = new LinkedHashMap<>(attributes);
    SchemaField own = meta.field(a.references().isEmpty() ? key(meta) : a.references());
    values.put(a.foreignKey(), meta.get(parent, own));
    return dev.flecto.changeset.Changeset.change(target.blank(), values).applyChanges();
  }

  private static Association association(SchemaMeta<?> meta, String name) {
    Association a = meta.association(name);
    if (a == null) {
      throw new FlectoException("association '" + name + "' does not exist in schema " + meta.describe()
          + "; its associations are " + meta.associations().stream().map(Association::name).toList());
    }
    return a;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Object> values(SchemaMeta meta, List<?> records, String field) {
    SchemaField f = meta.field(field);
    List<Object> out = new ArrayList<>();
    for (Object r : records) {
      Object v = meta.get(r, f);
      if (v != null && !out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static String key(SchemaMeta<?> meta) {
    return meta.requireSingleKey("assoc", "name the key in the association (references)").name();
  }
}
