package dev.flecto.repo;

import dev.flecto.ArgumentException;
import java.time.Duration;

/**
 * Bounds of a {@link DynamicRepos} registry: how many repos (each with its connection pool) may be
 * open at once, and how long one may stay unused before it is closed; and the options of the
 * Repo it hands out (its clock, timeouts and telemetry; each chosen repo keeps its own pool and
 * statement settings).
 *
 * <pre>{@code
 * DynamicReposOptions.defaults().withMaxOpen(50).withIdleTimeout(Duration.ofMinutes(5))
 * }</pre>
 *
 * @param maxOpen open repos at most, at least 1 (default 16); opening one more closes the least
 *     recently used, as soon as nothing runs on it
 * @param idleTimeout how long an open repo may go unused before it is closed (default 10 minutes)
 * @param repoOptions the options of the Repo {@link DynamicRepos#repo()} hands out
 */
public record DynamicReposOptions(int maxOpen, Duration idleTimeout, RepoOptions repoOptions) {
  /**
   * Checks the bounds.
   *
   * <pre>{@code new DynamicReposOptions(16, Duration.ofMinutes(10), RepoOptions.defaults()) }</pre>
   *
   * @throws ArgumentException naming the option at fault
   */
  public DynamicReposOptions {
    if (maxOpen < 1) {
      throw new ArgumentException("DynamicReposOptions.maxOpen must be at least 1 (open repos at most), got " + maxOpen);
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new ArgumentException("DynamicReposOptions.idleTimeout must be positive, got " + idleTimeout);
    }
    if (repoOptions == null) {
      throw new ArgumentException("DynamicReposOptions.repoOptions must not be null; use RepoOptions.defaults()");
    }
  }

  /**
   * At most 16 open repos, each closed after 10 minutes unused.
   *
   * <pre>{@code DynamicRepos.create(factory, DynamicReposOptions.defaults()) }</pre>
   *
   * @return the defaults
   */
  public static DynamicReposOptions defaults() {
    return new DynamicReposOptions(16, Duration.ofMinutes(10), RepoOptions.defaults());
  }

  /**
   * Another bound on open repos.
   *
   * <pre>{@code DynamicReposOptions.defaults().withMaxOpen(50) }</pre>
   *
   * @param max open repos at most, at least 1
   * @return the options
   */
  public DynamicReposOptions withMaxOpen(int max) {
    return new DynamicReposOptions(max, idleTimeout, repoOptions);
  }

  /**
   * Another idle bound.
   *
   * <pre>{@code DynamicReposOptions.defaults().withIdleTimeout(Duration.ofMinutes(1)) }</pre>
   *
   * @param timeout how long an open repo may go unused, positive
   * @return the options
   */
  public DynamicReposOptions withIdleTimeout(Duration timeout) {
    return new DynamicReposOptions(maxOpen, timeout, repoOptions);
  }

  /**
   * Other options for the Repo the registry hands out.
   *
   * <pre>{@code DynamicReposOptions.defaults().withRepoOptions(RepoOptions.defaults().withStatementTimeout(Duration.ofSeconds(5))) }</pre>
   *
   * @param options the Repo's options
   * @return the options
   */
  public DynamicReposOptions withRepoOptions(RepoOptions options) {
    return new DynamicReposOptions(maxOpen, idleTimeout, options);
  }
}
