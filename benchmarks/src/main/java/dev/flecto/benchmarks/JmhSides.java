package dev.flecto.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The sides of a JMH workload ({@link StacksBenchmark}) for the interleaved method: its trial set
 * up once (tables created, seeded and checked equal), then one {@link Interleaved.Side} per
 * {@code @Benchmark} method, whose implementation id is the method's name as the suite spells it
 * ({@code rawCopy} is {@code raw-copy}). A new method on a workload (another implementation or a
 * variant of one) is a new side with nothing else to change. A {@code @Setup(Level.Invocation)}
 * method runs before every operation, unmeasured, as under JMH.
 *
 * <pre>{@code
 * try (JmhSides w = JmhSides.open(W2All.class, Map.of("rows", "100"))) {
 *   Interleaved.run(w.sides(), plan);
 * }
 * }</pre>
 */
final class JmhSides implements AutoCloseable {
  private final StacksBenchmark bench;
  private final List<Interleaved.Side> sides;

  private JmhSides(StacksBenchmark bench, List<Interleaved.Side> sides) {
    this.bench = bench;
    this.sides = sides;
  }

  /**
   * Sets up a trial of the workload with the given {@code @Param} values (the others at their
   * defaults) and makes its sides.
   *
   * <pre>{@code JmhSides.open(W1GetById.class, Map.of()) }</pre>
   *
   * @param type the workload
   * @param params {@code @Param} field values by name
   * @return the trial's sides, raw first
   */
  static JmhSides open(Class<? extends StacksBenchmark> type, Map<String, String> params) {
    StacksBenchmark bench;
    try {
      bench = type.getDeclaredConstructor().newInstance();
      for (Map.Entry<String, String> p : params.entrySet()) {
        Field f = type.getField(p.getKey());
        if (f.getAnnotation(Param.class) == null) {
          throw new IllegalArgumentException(type.getSimpleName() + "." + p.getKey() + " is not a @Param");
        }
        f.set(bench, convert(f.getType(), p.getValue()));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot set up " + type.getSimpleName() + " with " + params + ": " + e, e);
    }
    Runnable beforeEach = null;
    List<Method> methods = new ArrayList<>();
    for (Method m : type.getMethods()) {
      Setup setup = m.getAnnotation(Setup.class);
      TearDown tearDown = m.getAnnotation(TearDown.class);
      if (setup != null && setup.value() == Level.Invocation) {
        beforeEach = () -> invoke(m, bench);
      } else if ((setup != null || tearDown != null) && (setup != null ? setup.value() : tearDown.value()) != Level.Trial) {
        // An iteration-level fixture has no counterpart here: refuse rather than measure something else.
        throw new IllegalArgumentException(type.getSimpleName() + "." + m.getName() + " is a fixture the rounds do not run");
      }
      if (m.getAnnotation(Benchmark.class) != null) {
        methods.add(m);
      }
    }
    methods.sort(Comparator.comparingInt((Method m) -> rank(Suite.implementation(m.getName())))
        .thenComparing(Method::getName));
    bench.setup();
    List<Interleaved.Side> sides = new ArrayList<>();
    try {
      for (Method m : methods) {
        sides.add(Interleaved.operations(Suite.implementation(m.getName()), callable(m, bench), beforeEach));
      }
    } catch (RuntimeException e) {
      bench.tearDown();
      throw e;
    }
    return new JmhSides(bench, List.copyOf(sides));
  }

  /** The sides, raw first, then the other known implementations, then variants by name. */
  List<Interleaved.Side> sides() {
    return sides;
  }

  /** Ends the trial: drops the tables and closes the stacks. */
  @Override
  public void close() {
    bench.tearDown();
  }

  private static int rank(String id) {
    int i = List.copyOf(Report.LABELS.keySet()).indexOf(id);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static java.util.concurrent.Callable<Object> callable(Method m, StacksBenchmark bench) {
    if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0) {
      throw new IllegalArgumentException(m + ": a benchmark method here takes no arguments");
    }
    MethodHandle h;
    try {
      // A bound method handle: no argument array and no boxing a call, unlike Method.invoke.
      h = MethodHandles.publicLookup().unreflect(m).bindTo(bench).asType(MethodType.methodType(Object.class));
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(m + " is not accessible", e);
    }
    MethodHandle handle = h;
    return () -> {
      try {
        return (Object) handle.invokeExact();
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    };
  }

  private static void invoke(Method m, Object target) {
    try {
      m.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(m.getName() + " failed: " + e.getCause(), e);
    }
  }

  private static Object convert(Class<?> type, String value) {
    if (type == int.class) {
      return Integer.parseInt(value);
    } else if (type == long.class) {
      return Long.parseLong(value);
    } else if (type == boolean.class) {
      return Boolean.parseBoolean(value);
    }
    return value;
  }
}
