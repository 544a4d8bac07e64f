package dev.flecto.r2dbc;

import dev.flecto.adapter.Adapter;
import dev.flecto.adapter.AdapterProvider;
import dev.flecto.repo.RepoOptions;

/**
 * Lets {@code Repo.connect(url, options)} find this adapter through {@link java.util.ServiceLoader}
 * for PostgreSQL URLs.
 *
 * <pre>{@code Repo repo = Repo.connect("r2dbc:postgresql://localhost/app", RepoOptions.defaults()); }</pre>
 */
public final class R2dbcAdapterProvider implements AdapterProvider {
  /**
   * Created by the ServiceLoader.
   *
   * <pre>{@code ServiceLoader.load(AdapterProvider.class) }</pre>
   */
  public R2dbcAdapterProvider() {}

  /**
   * Accepts {@code r2dbc:postgresql:}, {@code postgres://} and {@code postgresql://} URLs.
   *
   * <pre>{@code new R2dbcAdapterProvider().accepts("postgres://localhost/app") // true }</pre>
   */
  @Override
  public boolean accepts(String url) {
    return R2dbcRepos.accepts(url);
  }

  /**
   * Creates the pooled adapter.
   *
   * <pre>{@code provider.create(url, RepoOptions.defaults()) }</pre>
   */
  @Override
  public Adapter create(String url, RepoOptions options) {
    return R2dbcRepos.adapter(url, options);
  }
}
