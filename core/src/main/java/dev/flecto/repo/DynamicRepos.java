package dev.flecto.repo;

import dev.flecto.ArgumentException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Dynamic repositories (Ecto's {@code put_dynamic_repo}): one Repo whose every operation runs on
 * a database chosen per subscription by a key in the Reactor Context, so one service talks to many
 * databases (a database per tenant) with the same code. The repo of a key (its connection pool) is
 * made on first use by the factory given, from the key; at most {@code maxOpen} are open at once
 * (opening one more closes the least recently used); one unused for {@code idleTimeout} is closed;
 * a repo leaving closes its pool only after the operations running on it end (a statement, a
 * stream, a transaction).
 *
 * <pre>{@code
 * DynamicRepos tenants = DynamicRepos.create(
 *     key -> Repo.connect("r2dbc:postgresql://db-" + key + ".internal/app", RepoOptions.defaults().withPoolMaxSize(4)),
 *     DynamicReposOptions.defaults().withMaxOpen(50).withIdleTimeout(Duration.ofMinutes(5)));
 * Repo repo = tenants.repo();
 *
 * repo.transact(() -> repo.insert(order).flatMap(o -> repo.insert(Audit.of(o))))
 *     .contextWrite(DynamicRepos.use("acme"));      // the transaction, on acme's database
 * }</pre>
 *
 * <p>An operation with no key in its Context fails with a {@link dev.flecto.FlectoException}
 * saying so; a key the factory fails for fails the operation with the factory's error, wrapped with
 * the key. Inside a transaction of one key, an operation under another key runs on the other
 * database, outside that transaction. {@code toSql} and migrations need a Repo of one database.
 * Each operation costs a Context lookup and a lease (a short lock) over the chosen repo's own cost.
 */
public final class DynamicRepos implements AutoCloseable {
  private static final Object KEY = DynamicRepos.class.getName() + ".key";

  private final RepoLeases leases;
  private final Repo repo;
  private final Disposable sweeper;

  private DynamicRepos(Function<String, Repo> factory, DynamicReposOptions options) {
    this.leases = new RepoLeases(factory, options.maxOpen(), options.idleTimeout());
    this.repo = Repo.of(new DynamicAdapter(leases, null, this::closeAsync), options.repoOptions());
    long period = Math.max(10, Math.min(60_000, options.idleTimeout().toMillis() / 2));
    this.sweeper = Schedulers.parallel().schedulePeriodically(leases::closeIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * A registry that makes the repo of a key with {@code factory} when an operation first needs it.
   * The factory runs under the registry's lock: it should only build the Repo, as
   * {@link Repo#connect(String, RepoOptions)} does (its pool connects on first use).
   *
   * <pre>{@code DynamicRepos tenants = DynamicRepos.create(key -> Repo.connect(urls.get(key)), DynamicReposOptions.defaults()); }</pre>
   *
   * @param factory the repo of a key; an exception it throws fails the operation that asked
   * @param options the bounds
   * @return the registry; close it to close every open repo
   * @throws ArgumentException when the factory or the options are null
   */
  public static DynamicRepos create(Function<String, Repo> factory, DynamicReposOptions options) {
    if (factory == null || options == null) {
      throw new ArgumentException("DynamicRepos.create needs a factory (key -> Repo) and options "
          + "(DynamicReposOptions.defaults()), got " + (factory == null ? "a null factory" : "null options"));
    }
    return new DynamicRepos(factory, options);
  }

  /**
   * Chooses the repo of a key for everything the pipeline below it does, for {@code contextWrite}.
   *
   * <pre>{@code repo.all(Query.from(Order.class)).contextWrite(DynamicRepos.use("acme")) }</pre>
   *
   * @param key the key the factory makes the repo from, such as a tenant's id
   * @return the Context change
   * @throws ArgumentException when the key is null or blank
   */
  public static Function<Context, Context> use(String key) {
    if (key == null || key.isBlank()) {
      throw new ArgumentException("DynamicRepos.use needs the key of a repo, got " + (key == null ? "null" : "a blank string"));
    }
    return ctx -> ctx.put(KEY, key);
  }

  static String keyIn(ContextView ctx) {
    return ctx.getOrDefault(KEY, null);
  }

  /**
   * The Repo whose operations run on the repo the Context chooses. It is one value for the
   * registry's life; {@code withPrefix} and {@code withStatementTimeout} work on it as on any Repo.
   *
   * <pre>{@code tenants.repo().insert(order).contextWrite(DynamicRepos.use("acme")) }</pre>
   *
   * @return the Repo
   */
  public Repo repo() {
    return repo;
  }

  /**
   * The keys whose repo is open, least recently used first.
   *
   * <pre>{@code tenants.openKeys() // [globex, acme] }</pre>
   *
   * @return the keys
   */
  public List<String> openKeys() {
    return leases.keys();
  }

  /**
   * Closes every open repo (running operations lose their connections) and stops the idle sweep;
   * completes when the pools are closed. Operations after it fail. Closing {@link #repo()} does
   * the same.
   *
   * <pre>{@code tenants.closeAsync().block() }</pre>
   *
   * @return completes when closed
   */
  public Mono<Void> closeAsync() {
    return Mono.defer(() -> {
      sweeper.dispose();
      return leases.closeAll();
    });
  }

  /**
   * {@link #closeAsync()}, waiting.
   *
   * <pre>{@code try (DynamicRepos tenants = DynamicRepos.create(factory, DynamicReposOptions.defaults())) { ... } }</pre>
   */
  @Override
  public void close() {
    closeAsync().block();
  }
}
