package dev.flecto.r2dbc;

import dev.flecto.ArgumentException;
import dev.flecto.DatabaseException;
import dev.flecto.repo.ReplicaStrategy;
import dev.flecto.repo.RepoOptions;
import dev.flecto.r2dbc.postgres.PostgresDialect;
import dev.flecto.telemetry.ReplicaEvent;
import dev.flecto.telemetry.Telemetry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A primary's replicas: their pools, which are healthy now, the choice among them, and the
 * periodic health check (one short query per replica per interval, never two at once, on a
 * timer stopped by {@link #close()}).
 */
final class ReplicaSet {
  /** Who is healthy now, listed once per change so a choice costs no filtering. */
  private record Healthy(List<ReplicaNode> nodes, List<String> names) {}

  private final List<ReplicaNode> nodes;
  private final ReplicaStrategy strategy;
  private final Telemetry telemetry;
  private final Disposable checks;
  private volatile Healthy healthy = new Healthy(List.of(), List.of());

  ReplicaSet(Replicas replicas, RepoOptions options, PostgresDialect dialect) {
    this.strategy = replicas.strategy();
    this.telemetry = options.telemetry();
    List<ReplicaNode> all = new ArrayList<>();
    Observed observed = Observed.of(options.telemetry());
    for (String url : replicas.replicaUrls()) {
      String name = "replica-" + (all.size() + 1);
      ConnectionPool pool = R2dbcRepos.pool(url, options, "flecto-" + name);
      all.add(new ReplicaNode(name + hostPort(url), new R2dbcAdapter(new PooledSource(pool, true, observed), dialect, options),
          pool, this));
    }
    for (ConnectionFactory factory : replicas.replicaFactories()) {
      all.add(new ReplicaNode("replica-" + (all.size() + 1),
          new R2dbcAdapter(new PooledSource(factory, false, observed), dialect, options), factory, this));
    }
    this.nodes = List.copyOf(all);
    Duration interval = replicas.healthInterval();
    // A check may take a while on a busy replica or machine without it being down; a dead one is
    // found sooner by the read that meets it.
    Duration timeout = interval.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : interval;
    this.checks = Flux.interval(Duration.ZERO, interval, Schedulers.parallel())
        .onBackpressureDrop() // a slow round skips ticks instead of queueing them
        .concatMap(tick -> Flux.fromIterable(nodes).flatMap(n -> n.check(timeout, replicas.maxLag())).then(), 1)
        .subscribe();
  }

  private static String hostPort(String url) {
    try {
      ConnectionFactoryOptions o = ConnectionFactoryOptions.parse(R2dbcRepos.r2dbcUrl(url));
      Object host = o.getValue(ConnectionFactoryOptions.HOST);
      Object port = o.getValue(ConnectionFactoryOptions.PORT);
      return host == null ? "" : " (" + host + (port == null ? "" : ":" + port) + ")";
    } catch (IllegalArgumentException e) {
      return ""; // the pool's own parse names what is wrong
    }
  }

  List<ReplicaNode> nodes() {
    return nodes;
  }

  /** A healthy replica chosen by the strategy (null: the configured one), or null when none is healthy. */
  ReplicaNode pick(ReplicaStrategy given) {
    Healthy now = healthy;
    if (now.nodes.isEmpty()) {
      return null;
    }
    ReplicaStrategy s = given != null ? given : strategy;
    int i = s.choose(now.names);
    if (i < 0 || i >= now.nodes.size()) {
      throw new ArgumentException("the ReplicaStrategy chose index " + i + " of " + now.names
          + ": it must return an index into the healthy replicas it is given");
    }
    return now.nodes.get(i);
  }

  /** A replica went into or out of use: list who is healthy again, and tell the listeners. */
  void changed(ReplicaNode node, boolean up, Duration lag, String reason, Throwable error) {
    synchronized (this) {
      List<ReplicaNode> in = nodes.stream().filter(ReplicaNode::up).toList();
      healthy = new Healthy(in, in.stream().map(n -> n.name).toList());
    }
    telemetry.publish(new ReplicaEvent(telemetry.repo(), node.name, up, lag, reason, error));
  }

  /**
   * Whether a read failed for want of the replica (it refused or dropped the connection, was
   * shutting down, had no connection slot, or its pool gave none in time): the read is then
   * tried on the primary and the replica put out of use. A query's own errors (bad SQL, a
   * constraint, its timeout) would fail on the primary too, and are not.
   */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof R2dbcNonTransientResourceException || t instanceof R2dbcTransientResourceException
          || t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
      String state = t instanceof R2dbcException r ? r.getSqlState() : t instanceof DatabaseException d ? d.sqlState() : null;
      if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a standby cancelled the read because replaying the primary's changes needed what it
   * read (SQLSTATE 40001, "conflict with recovery"): tried on the primary, the replica kept in use.
   */
  static boolean recoveryConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof R2dbcException r && "40001".equals(r.getSqlState()) && r.getMessage() != null
          && r.getMessage().contains("conflict with recovery")) {
        return true;
      }
    }
    return false;
  }

  Mono<Void> close() {
    checks.dispose();
    return Flux.fromIterable(nodes).concatMap(n -> n.adapter.close()).then();
  }
}
