package dev.flecto.query;

import dev.flecto.QueryException;
import dev.flecto.schema.Association;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.reactivestreams.Publisher;

/**
 * What to preload: an association by name, the associations to preload in turn on what it loads,
 * and how: by its own query (the default; optionally with a query the associated records must also
 * match, whose conditions and order apply), by a function that loads by keys, or from a join of
 * the query being run (no second query).
 *
 * <pre>{@code
 * repo.preload(posts, Preload.of("author"), Preload.of("comments", Preload.of("author")))
 * repo.preload(posts, Preload.of("comments").query(Query.from(Comment.class).where(field("votes").gt(0)).orderBy("insertedAt")))
 * repo.preload(posts, Preload.of("comments").using(postIds -> commentCache.byPostIds(postIds)))
 * repo.all(Query.from(Post.class).as("p").joinAssoc(JoinKind.LEFT, "p", "comments", "c").preload(Preload.join("comments", "c")))
 * }</pre>
 *
 * @param name the association's name
 * @param nested what to preload on the loaded records
 * @param query a query over the associated schema whose conditions and order apply, or null
 * @param force whether records whose association is loaded already are loaded again
 * @param binding the join of the query whose columns hold the associated records (a join
 *     preload), or null
 * @param loader the function that loads the associated records by key, or null
 */
public record Preload(String name, List<Preload> nested, Query<?> query, boolean force, String binding,
    BiFunction<List<Object>, Association, ? extends Publisher<?>> loader) {
  /**
   * Copies the nested preloads and checks that at most one way of loading is chosen.
   *
   * <pre>{@code new Preload("comments", List.of(), null, false, null, null) }</pre>
   */
  public Preload {
    if (name == null || name.isBlank()) {
      throw new QueryException("a preload needs an association name");
    }
    nested = List.copyOf(nested);
    if ((query != null ? 1 : 0) + (binding != null ? 1 : 0) + (loader != null ? 1 : 0) > 1) {
      throw new QueryException("preload '" + name + "' takes one of a query, a join binding or a loader "
          + "function, not several");
    }
  }

  /**
   * A preload by the association's own query.
   *
   * <pre>{@code new Preload("comments", List.of(), null, false) }</pre>
   *
   * @param name the association's name
   * @param nested what to preload on the loaded records
   * @param query a query whose conditions and order apply, or null
   * @param force whether loaded associations are loaded again
   */
  public Preload(String name, List<Preload> nested, Query<?> query, boolean force) {
    this(name, nested, query, force, null, null);
  }

  /**
   * A join preload (Ecto's {@code preload: [comments: c]}): the associated records are read from
   * the columns of a join of the query being run, so no second query is sent. The binding must
   * join the association's schema (with {@code joinAssoc}, usually); nested join preloads read
   * further joins, and other nested preloads run as their own queries afterwards.
   *
   * <pre>{@code
   * Query.from(Post.class).as("p")
   *     .joinAssoc(JoinKind.LEFT, "p", "comments", "c")
   *     .joinAssoc(JoinKind.LEFT, "c", "author", "a")
   *     .preload(Preload.join("comments", "c", Preload.join("author", "a")))
   * }</pre>
   *
   * @param name the association's name
   * @param binding the join's binding name
   * @param nested the nested preloads
   * @return the preload
   */
  public static Preload join(String name, String binding, Preload... nested) {
    if (binding == null || binding.isBlank()) {
      throw new QueryException("join preload '" + name + "' needs the binding of a join of the query");
    }
    return new Preload(name, List.of(nested), null, false, binding, null);
  }

  /**
   * Preloads an association, and nested ones on what it loads.
   *
   * <pre>{@code Preload.of("comments", Preload.of("author")) }</pre>
   *
   * @param name the association's name
   * @param nested the nested preloads
   * @return the preload
   */
  public static Preload of(String name, Preload... nested) {
    return new Preload(name, List.of(nested), null, false);
  }

  /**
   * Preloads from a path of names, each nested in the one before: {@code "comments.author"}.
   *
   * <pre>{@code Preload.path("comments.author") }</pre>
   *
   * @param path dot-separated association names
   * @return the preload
   */
  public static Preload path(String path) {
    String[] names = path.split("\\.");
    Preload p = of(names[names.length - 1]);
    for (int i = names.length - 2; i >= 0; i--) {
      p = of(names[i], p);
    }
    return p;
  }

  /**
   * With a query whose conditions and order the associated records must match (Ecto's custom
   * preload query).
   *
   * <pre>{@code Preload.of("comments").query(Query.from(Comment.class).where("published", true)) }</pre>
   *
   * @param q a query over the associated schema
   * @return the new preload
   */
  public Preload query(Query<?> q) {
    return new Preload(name, nested, q, force, binding, loader);
  }

  /**
   * Loads with a function instead of a query (Ecto's preload function): it receives the distinct
   * keys and returns the associated records, which are stitched to their parents as a query's
   * would be. For a belongs-to the keys are the foreign key values and the records must carry the
   * referenced key; for a has-one or has-many the keys are the parents' keys and the records must
   * carry the foreign key; for a many-to-many the keys are the parents' keys and the function
   * returns {@code Map.Entry<parentKey, record>} pairs; for a through association it loads the
   * chain's last step.
   *
   * <pre>{@code Preload.of("comments").using(postIds -> repo.all(Query.from(Comment.class).where(field("postId").in(postIds)))) }</pre>
   *
   * @param fn the keys to the associated records
   * @return the new preload
   */
  public Preload using(Function<List<Object>, ? extends Publisher<?>> fn) {
    return new Preload(name, nested, query, force, binding, (keys, assoc) -> fn.apply(keys));
  }

  /**
   * {@link #using(Function)} with the association's metadata as a second argument, for a loader
   * shared by several associations (Ecto's 2-arity preload function).
   *
   * <pre>{@code Preload.of("comments").using((ids, assoc) -> newest(assoc.target(), assoc.foreignKey(), ids, 5)) }</pre>
   *
   * @param fn the keys and the association to the associated records
   * @return the new preload
   */
  public Preload using(BiFunction<List<Object>, Association, ? extends Publisher<?>> fn) {
    return new Preload(name, nested, query, force, binding, fn);
  }

  /**
   * Loading again what is loaded already.
   *
   * <pre>{@code Preload.of("comments").forced() }</pre>
   *
   * @return the new preload
   */
  public Preload forced() {
    return new Preload(name, nested, query, true, binding, loader);
  }

  /**
   * With more nested preloads.
   *
   * <pre>{@code Preload.of("comments").then(Preload.of("author")) }</pre>
   *
   * @param more the nested preloads to add
   * @return the new preload
   */
  public Preload then(Preload... more) {
    List<Preload> next = new ArrayList<>(nested);
    next.addAll(List.of(more));
    return new Preload(name, next, query, force, binding, loader);
  }
}
