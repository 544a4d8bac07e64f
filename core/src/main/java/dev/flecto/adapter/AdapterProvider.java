package dev.flecto.adapter;

import dev.flecto.repo.RepoOptions;

/**
 * Creates adapters from URLs; found with {@link java.util.ServiceLoader}, so {@code Repo.connect}
 * works with whichever adapter is on the classpath (as R2DBC's {@code ConnectionFactories}).
 *
 * <pre>{@code
 * // META-INF/services/dev.flecto.adapter.AdapterProvider lists the implementation
 * public final class MyProvider implements AdapterProvider { ... }
 * }</pre>
 */
public interface AdapterProvider {
  /**
   * Whether this provider handles the URL.
   *
   * <pre>{@code provider.accepts("r2dbc:postgresql://localhost/app") }</pre>
   *
   * @param url the database URL
   * @return true when it does
   */
  boolean accepts(String url);

  /**
   * Creates an adapter for the URL, with a connection pool configured from the options.
   *
   * <pre>{@code provider.create("r2dbc:postgresql://localhost/app", RepoOptions.defaults()) }</pre>
   *
   * @param url the database URL
   * @param options pool and cache settings
   * @return the adapter
   */
  Adapter create(String url, RepoOptions options);
}
