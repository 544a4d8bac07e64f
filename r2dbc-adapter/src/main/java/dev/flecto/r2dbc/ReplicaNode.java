package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One replica: its adapter (its own pool, the primary's dialect) and its health. It is out of use
 * until its first health check finds it up and caught up; it goes out of use at once when it
 * fails to give a connection or answer, and when two checks in a row find its replay lag beyond
 * the bound (one alone may fall in the instant a standby received a write after an idle spell
 * but has not replayed it, when its last replay time is still the old one).
 */
final class ReplicaNode {
  /**
   * Zero lag for a standby that replayed all it received from a primary it streams from (an idle
   * primary leaves the last replay time old; a restarted standby's receive position starts at the
   * beginning of a WAL segment, behind what it already replayed); else the time since the last
   * replayed commit. A server that is not in recovery (a promoted standby, or the primary itself
   * in development) has none.
   */
  static final String HEALTH_SQL = "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0::float8 "
      + "WHEN pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) "
      + "THEN 0::float8 "
      + "ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8, 'Infinity'::float8) END";

  final String name;
  final R2dbcAdapter adapter;
  private final ConnectionFactory pool;
  private final ReplicaSet set;
  private final AtomicBoolean up = new AtomicBoolean();
  private int lagging; // checks in a row beyond the bound; only the checker touches it, one check at a time

  ReplicaNode(String name, R2dbcAdapter adapter, ConnectionFactory pool, ReplicaSet set) {
    this.name = name;
    this.adapter = adapter;
    this.pool = pool;
    this.set = set;
  }

  boolean up() {
    return up.get();
  }

  /** Out of use after a read failed for want of the replica; the next good check brings it back. */
  void failed(Throwable error) {
    down(null, "a read failed: " + error, error);
  }

  /**
   * One health check on the replica's own pool (no telemetry of its statement: it would drown
   * the application's), bounded by the timeout; it never fails, it records what it found.
   */
  Mono<Void> check(Duration timeout, Duration maxLag) {
    Mono<Double> lag = Mono.usingWhen(Acquire.once(pool.create()),
        c -> Flux.from(c.createStatement(HEALTH_SQL).execute())
            .concatMap(r -> r.map((Readable row) -> row.get(0, Double.class)))
            .collectList().map(rows -> rows.get(0)),
        Connection::close, (c, err) -> c.close(), Connection::close);
    return lag.timeout(timeout)
        .doOnNext(seconds -> found(seconds, maxLag))
        .onErrorResume(e -> {
          down(null, "its health check failed: " + e, e);
          return Mono.empty();
        })
        .then();
  }

  private void found(double seconds, Duration maxLag) {
    Duration lag = Double.isInfinite(seconds) ? null : Duration.ofNanos((long) (Math.max(0, seconds) * 1e9));
    boolean within = lag != null && lag.compareTo(maxLag) <= 0;
    if (within) {
      lagging = 0;
      if (up.compareAndSet(false, true)) {
        set.changed(this, true, lag, "up and caught up (replay lag " + lag + ")", null);
      }
      return;
    }
    lagging++;
    if (lagging >= 2) {
      down(lag, (lag == null ? "replay lag unknown (no transaction replayed and not streaming)" : "replay lag " + lag)
          + " beyond the bound " + maxLag, null);
    }
  }

  private void down(Duration lag, String reason, Throwable error) {
    if (up.compareAndSet(true, false)) {
      set.changed(this, false, lag, reason, error);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
