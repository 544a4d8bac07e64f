package dev.flecto.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the client side of a benchmark spends: CPU time and bytes allocated, summed over the JVM's
 * Java threads (the benchmark's own thread, the driver's event loops, the schedulers, JDBC's
 * workers, the pools' housekeepers). The database is another process, so this is everything the
 * stacks under test do, and nothing the server does.
 *
 * <p>Why thread CPU rather than the process's: the JVM's GC workers and JIT compilers are native
 * threads, not Java threads, so they are left out. Their work is real but noisy (a young
 * collection lands in whichever slice happens to fill the heap, and compilation trails off over
 * the rounds); the allocation that causes the GC work is counted exactly, in bytes. A thread that
 * ends inside a measured slice takes its counters with it unless it calls {@link #retire()} as its
 * last act (W8's JDBC workers do); the threads of the other workloads live as long as the stacks.
 *
 * <pre>{@code
 * ClientMeter.Reading before = ClientMeter.read();
 * work();
 * ClientMeter.Usage used = ClientMeter.read().since(before);
 * }</pre>
 */
final class ClientMeter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  // The last counters of threads that retired, by thread id (never reused by the JVM).
  private static final Map<Long, long[]> RETIRED = new ConcurrentHashMap<>();

  static {
    THREADS.setThreadCpuTimeEnabled(true);
    THREADS.setThreadAllocatedMemoryEnabled(true);
  }

  private ClientMeter() {}

  /**
   * The counters of every thread at one moment, by thread id: {cpu ns, bytes}.
   *
   * <pre>{@code ClientMeter.read().since(before).cpuNanos() }</pre>
   *
   * @param threads the counters by thread id
   */
  record Reading(Map<Long, long[]> threads) {
    /**
     * What the threads spent since {@code before}: a thread born since counts from zero.
     *
     * <pre>{@code ClientMeter.read().since(before) }</pre>
     *
     * @param before the earlier reading
     * @return the CPU time and bytes in between
     */
    Usage since(Reading before) {
      long cpu = 0;
      long bytes = 0;
      for (Map.Entry<Long, long[]> e : threads.entrySet()) {
        long[] was = before.threads.getOrDefault(e.getKey(), new long[2]);
        cpu += Math.max(0, e.getValue()[0] - was[0]);
        bytes += Math.max(0, e.getValue()[1] - was[1]);
      }
      return new Usage(cpu, bytes);
    }
  }

  /**
   * CPU time and allocation of an interval.
   *
   * <pre>{@code new ClientMeter.Usage(1_000, 2_048).plus(used) }</pre>
   *
   * @param cpuNanos CPU time of the Java threads, in nanoseconds
   * @param bytes bytes allocated by them
   */
  record Usage(long cpuNanos, long bytes) {
    /** Nothing spent. */
    static final Usage NONE = new Usage(0, 0);

    /** The sum of two intervals. */
    Usage plus(Usage o) {
      return new Usage(cpuNanos + o.cpuNanos, bytes + o.bytes);
    }
  }

  /**
   * Reads every live Java thread's counters, and the last ones of the retired threads.
   *
   * <pre>{@code ClientMeter.Reading r = ClientMeter.read(); }</pre>
   *
   * @return the reading
   */
  static Reading read() {
    long[] ids = THREADS.getAllThreadIds();
    long[] cpu = THREADS.getThreadCpuTime(ids);
    long[] bytes = THREADS.getThreadAllocatedBytes(ids);
    Map<Long, long[]> m = new HashMap<>(RETIRED);
    for (int i = 0; i < ids.length; i++) {
      if (cpu[i] >= 0 && bytes[i] >= 0) { // -1: the thread ended between the two calls
        m.merge(ids[i], new long[] {cpu[i], bytes[i]}, (a, b) -> new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1])});
      }
    }
    return new Reading(m);
  }

  /**
   * Keeps the calling thread's counters after it ends; call it as the thread's last act.
   *
   * <pre>{@code new Thread(() -> { work(); ClientMeter.retire(); }).start(); }</pre>
   */
  static void retire() {
    RETIRED.put(Thread.currentThread().getId(),
        new long[] {THREADS.getCurrentThreadCpuTime(), THREADS.getCurrentThreadAllocatedBytes()});
  }
}
