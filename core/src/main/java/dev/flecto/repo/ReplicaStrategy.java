package dev.flecto.repo;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a Repo with replicas chooses one for a read ({@link Repo#replica(ReplicaStrategy)}, and the
 * reads it routes by itself): given the names of the replicas that are healthy now (up, and not
 * lagging beyond their bound), in their configured order, it returns the index of one. It is
 * asked only when at least one is healthy; with none, reads go to the primary.
 *
 * <pre>{@code
 * Repo reads = repo.replica(ReplicaStrategy.random());
 * ReplicaStrategy sameZone = healthy -> Math.max(0, healthy.indexOf("replica-eu-1")); // prefer one, else the first
 * }</pre>
 */
@FunctionalInterface
public interface ReplicaStrategy {
  /**
   * Chooses one of the healthy replicas.
   *
   * <pre>{@code int i = strategy.choose(List.of("replica-1", "replica-2")); // 0 or 1 }</pre>
   *
   * @param healthy the names of the healthy replicas, never empty
   * @return an index into {@code healthy}
   */
  int choose(List<String> healthy);

  /**
   * Each choice the next replica in turn (a counter of its own, so two round-robins do not share turns).
   *
   * <pre>{@code ReplicaStrategy.roundRobin() }</pre>
   *
   * @return a new round-robin strategy
   */
  static ReplicaStrategy roundRobin() {
    AtomicInteger next = new AtomicInteger();
    return healthy -> Math.floorMod(next.getAndIncrement(), healthy.size());
  }

  /**
   * A replica at random, as Ecto's guide does ({@code Enum.random(@replicas)}).
   *
   * <pre>{@code ReplicaStrategy.random() }</pre>
   *
   * @return the random strategy
   */
  static ReplicaStrategy random() {
    return healthy -> ThreadLocalRandom.current().nextInt(healthy.size());
  }
}
