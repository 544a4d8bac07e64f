package dev.flecto.r2dbc;

import dev.flecto.ArgumentException;
import dev.flecto.repo.ReplicaStrategy;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The read replicas of a Repo (Ecto's guide "Replicas and dynamic repositories"), given to
 * {@link R2dbcRepos#connect(String, dev.flecto.repo.RepoOptions, Replicas)}: each a URL (a pool of
 * its own, sized as the primary's) or a connection factory (used as it is, closed by its owner),
 * how to choose one, how far one may lag behind the primary before it is skipped, how often
 * their health is checked, and whether reads outside transactions go to them by themselves.
 *
 * <pre>{@code
 * Replicas replicas = Replicas.urls("postgres://app@db-replica-1/app", "postgres://app@db-replica-2/app")
 *     .withMaxLag(Duration.ofSeconds(5))
 *     .withStrategy(ReplicaStrategy.random());
 * Repo repo = R2dbcRepos.connect("postgres://app@db-primary/app", RepoOptions.defaults(), replicas);
 * repo.replica().all(Query.from(Post.class));   // a replica; repo.insert(...) the primary
 * }</pre>
 *
 * @param replicaUrls the replicas' URLs, in the forms {@link R2dbcRepos#accepts(String)} takes
 * @param replicaFactories the replicas' connection factories (pools), after the URLs
 * @param strategy how {@link dev.flecto.repo.Repo#replica()} and routed reads choose a healthy
 *     replica (default {@link ReplicaStrategy#roundRobin()})
 * @param maxLag the replay lag beyond which a replica is skipped, measured as
 *     {@code now() - pg_last_xact_replay_timestamp()} unless it replayed all it received from a
 *     primary it is streaming from (then zero, however idle the primary was); default 5 seconds
 * @param healthInterval how often each replica's health and lag are checked (one short query on
 *     its pool); default 1 second
 * @param autoRoute whether the Repo itself sends reads outside transactions and checkouts
 *     ({@code all}, {@code get}, {@code one}, {@code exists}, {@code aggregate}, preloads,
 *     {@code stream}) to replicas; off by default, as a replica lags: a read after a write may not
 *     see it ({@link dev.flecto.repo.Repo#primary()} is the escape)
 */
public record Replicas(List<String> replicaUrls, List<ConnectionFactory> replicaFactories, ReplicaStrategy strategy,
    Duration maxLag, Duration healthInterval, boolean autoRoute) {
  /**
   * Checks every value.
   *
   * <pre>{@code new Replicas(List.of(url), List.of(), ReplicaStrategy.roundRobin(), Duration.ofSeconds(5), Duration.ofSeconds(1), false) }</pre>
   *
   * @throws ArgumentException naming the field at fault
   */
  public Replicas {
    if (replicaUrls == null || replicaUrls.stream().anyMatch(Objects::isNull)) {
      throw new ArgumentException("Replicas.replicaUrls must not be or hold null");
    }
    if (replicaFactories == null || replicaFactories.stream().anyMatch(Objects::isNull)) {
      throw new ArgumentException("Replicas.replicaFactories must not be or hold null");
    }
    if (replicaUrls.isEmpty() && replicaFactories.isEmpty()) {
      throw new ArgumentException("Replicas needs at least one replica URL or connection factory");
    }
    for (String url : replicaUrls) {
      if (!R2dbcRepos.accepts(url)) {
        throw new ArgumentException("Replicas.replicaUrls: '" + redact(url)
            + "' is not a PostgreSQL URL (r2dbc:postgresql://, postgres:// or postgresql://)");
      }
    }
    if (strategy == null) {
      throw new ArgumentException("Replicas.strategy must not be null (ReplicaStrategy.roundRobin() is the default)");
    }
    positive(maxLag, "maxLag");
    positive(healthInterval, "healthInterval");
    replicaUrls = List.copyOf(replicaUrls);
    replicaFactories = List.copyOf(replicaFactories);
  }

  /**
   * The replicas with their URLs' passwords hidden, as a record's own form would print them.
   *
   * <pre>{@code Replicas.urls("postgres://app:secret@db/app").toString() // ...postgres://app:***@db/app... }</pre>
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "Replicas[replicaUrls=" + replicaUrls.stream().map(Replicas::redact).toList() + ", replicaFactories="
        + replicaFactories.size() + ", strategy=" + strategy + ", maxLag=" + maxLag + ", healthInterval="
        + healthInterval + ", autoRoute=" + autoRoute + "]";
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
  }

  private static void positive(Duration d, String field) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new ArgumentException("Replicas." + field + " must be a positive duration, got " + d);
    }
  }

  /**
   * Replicas at these URLs, with the defaults.
   *
   * <pre>{@code Replicas.urls("postgres://app@db-replica-1/app") }</pre>
   *
   * @param urls the URLs, at least one
   * @return the value
   */
  public static Replicas urls(String... urls) {
    return new Replicas(urls == null ? null : nullable(urls), List.of(), ReplicaStrategy.roundRobin(),
        Duration.ofSeconds(5), Duration.ofSeconds(1), false);
  }

  /**
   * Replicas over these connection factories (pools the application made), with the defaults.
   *
   * <pre>{@code Replicas.factories(new ConnectionPool(replicaConfig)) }</pre>
   *
   * @param factories the factories, at least one
   * @return the value
   */
  public static Replicas factories(ConnectionFactory... factories) {
    return new Replicas(List.of(), factories == null ? null : nullable(factories), ReplicaStrategy.roundRobin(),
        Duration.ofSeconds(5), Duration.ofSeconds(1), false);
  }

  // List.of would throw its own NullPointerException; the constructor names the field instead.
  private static <T> List<T> nullable(T[] values) {
    return new ArrayList<>(java.util.Arrays.asList(values));
  }

  /**
   * With another strategy.
   *
   * <pre>{@code replicas.withStrategy(ReplicaStrategy.random()) }</pre>
   *
   * @param strategy the strategy
   * @return the new value
   */
  public Replicas withStrategy(ReplicaStrategy strategy) {
    return new Replicas(replicaUrls, replicaFactories, strategy, maxLag, healthInterval, autoRoute);
  }

  /**
   * With another lag bound.
   *
   * <pre>{@code replicas.withMaxLag(Duration.ofSeconds(30)) }</pre>
   *
   * @param maxLag the bound, positive
   * @return the new value
   */
  public Replicas withMaxLag(Duration maxLag) {
    return new Replicas(replicaUrls, replicaFactories, strategy, maxLag, healthInterval, autoRoute);
  }

  /**
   * With another health-check interval.
   *
   * <pre>{@code replicas.withHealthInterval(Duration.ofMillis(500)) }</pre>
   *
   * @param interval the interval, positive
   * @return the new value
   */
  public Replicas withHealthInterval(Duration interval) {
    return new Replicas(replicaUrls, replicaFactories, strategy, maxLag, interval, autoRoute);
  }

  /**
   * With automatic routing of reads outside transactions to replicas on or off.
   *
   * <pre>{@code replicas.withAutoRoute(true) }</pre>
   *
   * @param on whether the Repo routes reads to replicas itself
   * @return the new value
   */
  public Replicas withAutoRoute(boolean on) {
    return new Replicas(replicaUrls, replicaFactories, strategy, maxLag, healthInterval, on);
  }
}
