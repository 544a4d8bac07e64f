package dev.flecto.telemetry;

import java.time.Duration;

/**
 * A replica of a Repo went out of use or back into use, told to every {@link QueryListener}
 * ({@link QueryListener#onReplica}) once per change: out of use when it failed to give a
 * connection or answer its health check, or lagged beyond its bound (its reads then go to the
 * primary); back into use when a health check found it up and caught up.
 *
 * <pre>{@code
 * RepoOptions options = RepoOptions.defaults().withListener(new QueryListener() {
 *   public void onQuery(QueryEvent e) {}
 *   public void onReplica(ReplicaEvent e) {
 *     metrics.gauge("replica.up", e.up() ? 1 : 0, "replica", e.replica());
 *   }
 * });
 * }</pre>
 *
 * @param repo the Repo's name ({@link Telemetry#repo()})
 * @param replica the replica's name, such as {@code replica-1 (db-replica-1:5432)}
 * @param up true when it went back into use, false when out of use
 * @param lag its replay lag at the check, or null when not known (it did not answer)
 * @param reason why, in words: "caught up", "replay lag PT12S beyond the bound PT5S", or the failure
 * @param error the failure that put it out of use, or null
 */
public record ReplicaEvent(String repo, String replica, boolean up, Duration lag, String reason, Throwable error) {}
