package dev.flecto.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use over one measured interval: from a collected baseline, the peak the heap pools report
 * (which includes young garbage not yet collected) and the most heap any collection left behind
 * (what was really held). A stream that buffered its rows would show the second one growing.
 */
final class HeapWatch implements AutoCloseable {
  private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
  private final Set<String> heapPoolNames;
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;

  private HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool);
      }
    }
    heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  }

  /** Collects garbage, resets the pools' peaks to what is left, and starts listening to collections. */
  static HeapWatch start() {
    HeapWatch watch = new HeapWatch();
    System.gc();
    watch.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    watch.peakAfterGc.set(watch.heapPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(watch.listener, null, null);
        watch.emitters.add(emitter);
      }
    }
    return watch;
  }

  /** The sum of the heap pools' peaks since {@link #start()}: an upper bound of the heap in use at any moment. */
  long peakUsed() {
    return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** The most heap in use right after any collection since {@link #start()} (the baseline when none ran). */
  long peakAfterGc() {
    return peakAfterGc.get();
  }

  /** The names of the JVM's collectors, for a report. */
  static String collectors() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
        .collect(Collectors.joining(" + "));
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
        .getGcInfo().getMemoryUsageAfterGc();
    long used = after.entrySet().stream().filter(e -> heapPoolNames.contains(e.getKey()))
        .mapToLong(e -> e.getValue().getUsed()).sum();
    peakAfterGc.accumulateAndGet(used, Math::max);
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // added in start(): cannot happen, and nothing would be left to remove
      }
    }
  }
}
