package dev.flecto.repo;

import dev.flecto.ArgumentException;

/**
 * Options of {@link Repo#preload(java.util.List, PreloadOptions, dev.flecto.query.Preload...)}
 * (Ecto's {@code Repo.preload} options): the PostgreSQL schema the records were read from, which
 * their associations are read from too. Ecto finds it in each struct's {@code __meta__.prefix};
 * a Flecto record does not carry one, so the caller says it. Immutable: each {@code with} step
 * returns a new value.
 *
 * <pre>{@code
 * List<Post> posts = repo.all(Query.from(Post.class).prefix("tenant_42")).collectList().block();
 * repo.preload(posts, PreloadOptions.defaults().withPrefix("tenant_42"), Preload.of("comments"))
 * }</pre>
 *
 * @param prefix the PostgreSQL schema the records were read from, or null for none (the
 *     schemas' own {@code @Schema(prefix)}, else the connection's search path)
 */
public record PreloadOptions(String prefix) {
  /**
   * Checks the prefix.
   *
   * <pre>{@code new PreloadOptions("tenant_42") }</pre>
   *
   * @throws ArgumentException when the prefix is blank
   */
  public PreloadOptions {
    if (prefix != null && prefix.isBlank()) {
      throw new ArgumentException("PreloadOptions.prefix must name a PostgreSQL schema, or be null for none; got a "
          + "blank one");
    }
  }

  /**
   * No prefix: each association is read from its schema's own prefix or the search path.
   *
   * <pre>{@code repo.preload(posts, PreloadOptions.defaults(), Preload.of("comments")) }</pre>
   *
   * @return the defaults
   */
  public static PreloadOptions defaults() {
    return new PreloadOptions(null);
  }

  /**
   * The records were read from this PostgreSQL schema (a tenant's).
   *
   * <pre>{@code PreloadOptions.defaults().withPrefix("tenant_42") }</pre>
   *
   * @param schemaName the PostgreSQL schema, or null for none
   * @return the new options
   * @throws ArgumentException when the name is blank
   */
  public PreloadOptions withPrefix(String schemaName) {
    return new PreloadOptions(schemaName);
  }
}
