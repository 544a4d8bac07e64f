package dev.flecto.query;

import dev.flecto.FlectoException;
import dev.flecto.QueryException;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
      throw new QueryException("assoc needs at least one record");
    }
    SchemaMeta meta = Schemas.ofRecord(records.get(0));
    Association a = association(meta, name);
    if (!a.isThrough()) {
      return (Query<R>) (a.kind() == Association.Kind.MANY_TO_MANY
          ? manyToMany(meta, a, values(meta, records, meta.referencedKey(a, "assoc").name()))
          : hop(meta, a, field -> values(meta, records, field)));
    }
    return (Query<R>) chained(meta, records, meta.chain(a));
  }

  /**
   * The query for the records at the end of a path of associations from one record (Ecto's
   * {@code assoc(post, [:comments, :author])}): each record once, however many ways it is reached.
   *
   * <pre>{@code Assocs.<User>assoc(post, List.of("comments", "author")) // the authors of the post's comments }</pre>
   *
   * @param record a schema record
   * @param path association names, each of the schema the one before reaches
   * @param <R> the record type at the end of the path
   * @return the query
   * @throws FlectoException when the path is empty (a QueryException) or names an association its schema does not have
   */
  public static <R> Query<R> assoc(Object record, List<String> path) {
    return assoc(List.of(record), path);
  }

  /**
   * The query for the records at the end of a path of associations from any of the records.
   *
   * <pre>{@code Assocs.<Tag>assoc(authors, List.of("posts", "tags")) // the tags of these authors' posts }</pre>
   *
   * @param records schema records of one schema
   * @param path association names, each of the schema the one before reaches
   * @param <R> the record type at the end of the path
   * @return the query
   * @throws FlectoException when the path is empty (a QueryException) or names an association its schema does not have
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <R> Query<R> assoc(List<?> records, List<String> path) {
    if (path == null || path.isEmpty()) {
      throw new QueryException("assoc needs a path of at least one association name, got " + path);
    }
    if (records.isEmpty()) {
      throw new QueryException("assoc needs at least one record");
    }
    if (path.size() == 1) {
      return assoc(records, path.get(0));
    }
    SchemaMeta meta = Schemas.ofRecord(records.get(0));
    List<Association> chain = new ArrayList<>();
    SchemaMeta<?> at = meta;
    for (String name : path) {
      Association a = association(at, name);
      chain.addAll(a.isThrough() ? at.chain(a) : List.of(a));
      at = Schemas.of(chain.get(chain.size() - 1).target());
    }
    return (Query<R>) chained(meta, records, chain);
  }

  /**
   * A chain of direct associations as one query: each step's keys are a subquery over the step
   * before, so each record at the end comes once (through associations and paths alike).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Query<?> chained(SchemaMeta meta, List<?> records, List<Association> chain) {
    Query<?> q = hop(meta, chain.get(0), field -> values(meta, records, field));
    SchemaMeta<?> at = Schemas.of(chain.get(0).target());
    for (Association step : chain.subList(1, chain.size())) {
      Query<?> previous = q;
      q = hop(at, step, field -> previous.select(Exprs.field(field), Object.class));
      at = Schemas.of(step.target());
    }
    return q;
  }

  /**
   * The records one direct association step reaches from some owners, whose key values are given
   * by {@code keys} (a list of values, or a subquery selecting them), with the association's filter.
   */
  private static Query<?> hop(SchemaMeta<?> owner, Association a, Function<String, Object> keys) {
    SchemaMeta<?> target = Schemas.of(a.target());
    Query<?> q;
    switch (a.kind()) {
      case BELONGS_TO:
        q = Query.from(a.target()).where(in(Exprs.field(target.referencedKey(a, "assoc").name()),
            keys.apply(a.foreignKey())));
        break;
      case HAS_ONE:
      case HAS_MANY:
        q = Query.from(a.target()).where(in(Exprs.field(a.foreignKey()),
            keys.apply(owner.referencedKey(a, "assoc").name())));
        break;
      case MANY_TO_MANY:
        Query<?> links = joinQuery(a).where(in(Exprs.field(a.joinKey()), keys.apply(owner.referencedKey(a, "assoc").name())))
            .select(Exprs.field(a.relatedKey()), Object.class);
        q = Query.from(a.target()).where(Exprs.field(target.referencedKey(a, "assoc").name()).in(links));
        break;
      default:
        throw new AssertionError(a.kind());
    }
    Expr filter = filter(a, null);
    return filter == null ? q : q.where(filter);
  }

  /**
   * A many-to-many's records joined to its join rows, as Ecto's {@code assoc} builds it: a record
   * linked to two of the owners comes twice, once per join row (through chains keep their
   * subqueries: each record once).
   */
  private static Query<?> manyToMany(SchemaMeta<?> owner, Association a, List<?> keys) {
    SchemaMeta<?> target = Schemas.of(a.target());
    String link = "assoc_link";
    Query<?> q = Query.from(a.target())
        .join(JoinKind.INNER, joinSource(a), link,
            Exprs.field(link, a.relatedKey()).eq(Exprs.field(target.referencedKey(a, "assoc").name())))
        .where(Exprs.field(link, a.joinKey()).in(keys));
    Expr filter = filter(a, null);
    return filter == null ? q : q.where(filter);
  }

  private static Expr in(Expr field, Object keys) {
    return keys instanceof Query<?> sub ? field.in(sub) : field.in((List<?>) keys);
  }

  /**
   * The association's filter (its {@code @Where} conditions, ANDed) over a binding, or null when it
   * has none. Values are text; the query planner casts them to the fields' types.
   *
   * <pre>{@code Assocs.filter(Schemas.of(Post.class).association("publicComments"), "c") // c.public = 'true' }</pre>
   *
   * @param a the association
   * @param binding the binding of the associated records, or null for a query's source
   * @return the condition, or null
   */
  public static Expr filter(Association a, String binding) {
    Expr out = null;
    for (Association.Filter f : a.where()) {
      FieldRef field = new FieldRef(binding, f.field());
      Expr e;
      switch (f.kind()) {
        case EQUAL:
          e = field.eq(f.values().get(0));
          break;
        case IN:
          e = field.in(f.values());
          break;
        case IS_NULL:
          e = field.isNull();
          break;
        case NOT_NULL:
          e = field.isNotNull();
          break;
        default:
          throw new AssertionError(f.kind());
      }
      out = out == null ? e : out.and(e);
    }
    return out;
  }

  /**
   * The source of a many-to-many's join rows: its join schema when it has one, else its join table.
   *
   * <pre>{@code Assocs.joinSource(Schemas.of(Post.class).association("tags")) // Source.Table("posts_tags") }</pre>
   *
   * @param a a many-to-many association
   * @return the source
   */
  public static Source joinSource(Association a) {
    return a.joinSchema() != null ? new Source.Schema(a.joinSchema(), null, null) : new Source.Table(a.joinTable());
  }

  /**
   * A query over a many-to-many's join rows, whose fields are its join schema's or its join
   * table's columns ({@link Association#joinKey()}, {@link Association#relatedKey()}).
   *
   * <pre>{@code Assocs.joinQuery(tags).where(field(tags.joinKey()).eq(postId)) }</pre>
   *
   * @param a a many-to-many association
   * @return the query, selecting nothing yet
   */
  public static Query<?> joinQuery(Association a) {
    return a.joinSchema() != null ? Query.from(a.joinSchema()) : Query.fromTable(a.joinTable());
  }

  /**
   * The association's {@code preloadOrder} as query orders, or an empty list.
   *
   * <pre>{@code Assocs.preloadOrder(comments) // [votes desc, id asc] }</pre>
   *
   * @param a the association
   * @return the orders
   */
  public static List<Order> preloadOrder(Association a) {
    List<Order> out = new ArrayList<>();
    for (String o : a.preloadOrder()) {
      String[] parts = o.trim().split("\\s+");
      out.add(parts.length == 2 && parts[1].equalsIgnoreCase("desc") ? Order.desc(parts[0]) : Order.asc(parts[0]));
    }
    return out;
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
    SchemaField own = meta.referencedKey(a, "buildAssoc");
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

}
