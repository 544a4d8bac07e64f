package dev.flecto.repo;

import dev.flecto.FlectoException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The open repos of a {@link DynamicRepos}, least recently used first, each with a count of the
 * operations running on it. A repo leaves when the bound is passed or it idled too long; its pool
 * is closed once its count is zero, so no running statement, stream or transaction loses its
 * connection. One lock guards it: every step under it is a map operation, and the factory, which
 * only builds a Repo (a pool connects on first use).
 */
final class RepoLeases {
  private static final Logger LOG = LoggerFactory.getLogger(DynamicRepos.class);

  /** An open repo and who uses it. Guarded by the leases' lock. */
  static final class Lease {
    final String key;
    final Repo repo;
    int users;
    long lastUsed;
    boolean retired;

    Lease(String key, Repo repo, long now) {
      this.key = key;
      this.repo = repo;
      this.lastUsed = now;
    }
  }

  private final Function<String, Repo> factory;
  private final int maxOpen;
  private final long idleNanos;
  private final LinkedHashMap<String, Lease> open = new LinkedHashMap<>(16, 0.75f, true); // access order: LRU first
  private final java.util.Set<Mono<Void>> closing = new java.util.HashSet<>(); // pools still closing
  private boolean closed;

  RepoLeases(Function<String, Repo> factory, int maxOpen, Duration idleTimeout) {
    this.factory = factory;
    this.maxOpen = maxOpen;
    this.idleNanos = idleTimeout.toNanos();
  }

  synchronized Lease acquire(String key) {
    if (closed) {
      throw new FlectoException("dynamic repo '" + key + "' was asked for after its DynamicRepos was closed");
    }
    Lease lease = open.get(key);
    boolean added = lease == null;
    if (added) {
      lease = new Lease(key, created(key), System.nanoTime());
      open.put(key, lease);
    }
    lease.users++; // counted before the bound is enforced, so the new one is never its victim
    lease.lastUsed = System.nanoTime();
    if (added) {
      evictBeyondBound();
    }
    return lease;
  }

  private Repo created(String key) {
    Repo repo;
    try {
      repo = factory.apply(key);
    } catch (RuntimeException e) {
      throw new FlectoException("dynamic repo '" + key + "' could not be created: " + e.getMessage(), e);
    }
    if (repo == null) {
      throw new FlectoException("dynamic repo '" + key + "' could not be created: the factory returned null");
    }
    return repo;
  }

  /** One more user of a lease an enclosing operation holds, evicted or not. */
  synchronized Lease retain(Lease lease) {
    lease.users++;
    lease.lastUsed = System.nanoTime();
    return lease;
  }

  synchronized void release(Lease lease) {
    lease.users--;
    lease.lastUsed = System.nanoTime();
    if (lease.retired && lease.users == 0) {
      close(lease, "its last operation ended after it was evicted");
    }
  }

  /** Past the bound, the least recently used idle repo leaves; when all are busy, the least recently used. */
  private void evictBeyondBound() {
    while (open.size() > maxOpen) {
      Lease victim = null;
      for (Lease l : open.values()) {
        if (l.users == 0) {
          victim = l;
          break;
        }
      }
      if (victim == null) {
        victim = open.values().iterator().next();
      }
      retire(victim, "more than " + maxOpen + " repos were open");
    }
  }

  synchronized void closeIdle() {
    long now = System.nanoTime();
    for (Iterator<Lease> it = open.values().iterator(); it.hasNext();) {
      Lease l = it.next();
      if (l.users == 0 && now - l.lastUsed > idleNanos) {
        it.remove();
        l.retired = true;
        close(l, "it was unused for longer than the idle timeout");
      }
    }
  }

  private void retire(Lease lease, String why) {
    open.remove(lease.key);
    lease.retired = true;
    if (lease.users == 0) {
      close(lease, why);
    } else {
      LOG.debug("dynamic repo '{}' evicted ({}); it closes when its {} running operations end", lease.key, why, lease.users);
    }
  }

  private void close(Lease lease, String why) {
    LOG.debug("closing dynamic repo '{}': {}", lease.key, why);
    Mono<Void> done = lease.repo.closeAsync()
        .doOnError(e -> LOG.warn("closing dynamic repo '{}' failed", lease.key, e))
        .onErrorResume(e -> Mono.empty())
        .cache();
    closing.add(done);
    done.doFinally(s -> {
      synchronized (this) {
        closing.remove(done);
      }
    }).subscribe();
  }

  synchronized List<String> keys() {
    return List.copyOf(open.keySet());
  }

  /** Closes every repo now, in use or not, and completes when their pools are closed. */
  Mono<Void> closeAll() {
    List<Mono<Void>> all;
    synchronized (this) {
      closed = true;
      for (Lease l : List.copyOf(open.values())) {
        open.remove(l.key);
        l.retired = true;
        close(l, "its DynamicRepos was closed");
      }
      all = List.copyOf(closing);
    }
    return Flux.fromIterable(all).flatMap(m -> m).then();
  }
}
