package dev.flecto.query;

import java.util.ArrayList;
import java.util.List;

/**
 * What to preload: an association by name, the associations to preload in turn on what it loads,
 * and optionally a query the associated records must also match (its conditions and order apply).
 *
 * <pre>{@code
 * repo.preload(posts, Preload.of("author"), Preload.of("comments", Preload.of("author")))
 * repo.preload(posts, Preload.of("comments").query(Query.from(Comment.class).where(field("votes").gt(0)).orderBy("insertedAt")))
 * repo.preload(post, "comments", "tags")
 * }</pre>
 *
 * @param name the association's name
 * @param nested what to preload on the loaded records
 * @param query a query over the associated schema whose conditions and order apply, or null
 * @param force whether records whose association is loaded already are loaded again
 */
public record Preload(String name, List<Preload> nested, Query<?> query, boolean force) {
  /**
   * Copies the nested preloads.
   *
   * <pre>{@code new Preload("comments", List.of(), null, false) }</pre>
   */
  public Preload {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a preload needs an association name");
    }
    nested = List.copyOf(nested);
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
    return new Preload(name, nested, q, force);
  }

  /**
   * Loading again what is loaded already.
   *
   * <pre>{@code Preload.of("comments").forced() }</pre>
   *
   * @return the new preload
   */
  public Preload forced() {
    return new Preload(name, nested, query, true);
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
    return new Preload(name, next, query, force);
  }
}
