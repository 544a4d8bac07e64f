package dev.flecto.it;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Statement;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps the driver's connection factory (below the pool) and holds the next BEGIN, COMMIT or
 * ROLLBACK (sent through the SPI or as SQL) until the test releases it, so a cancel lands exactly
 * while it is "in flight": the caller has asked for it and cannot take it back (as with a message
 * written to the socket), and it reaches the server only on release, whatever the caller did since.
 * Every later operation on that connection waits behind it, as on a real connection, whose
 * statements run in the order they were sent.
 */
final class HoldingConnectionFactory implements ConnectionFactory {
  enum Op { BEGIN, COMMIT, ROLLBACK }

  /** One held operation: {@link #awaitArrival()} until the caller sent it, then {@link #release()}. */
  static final class Hold {
    private final Op op;
    private final CompletableFuture<Void> arrived = new CompletableFuture<>();
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    private Hold(Op op) {
      this.op = op;
    }

    void awaitArrival() throws Exception {
      arrived.get(10, TimeUnit.SECONDS);
    }

    void release() {
      released.complete(null);
    }
  }

  /**
   * One stalled operation: the thread that is about to send it stops before it reaches the
   * driver (as a thread descheduled between deciding to COMMIT and sending it), until {@link
   * #release()} or its time bound; unlike a {@link Hold}, nothing sent on the connection in the
   * meantime waits for it.
   */
  static final class Stall {
    private final Op op;
    private final Duration bound;
    private final CompletableFuture<Void> arrived = new CompletableFuture<>();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final CompletableFuture<Void> sent = new CompletableFuture<>();

    private Stall(Op op, Duration bound) {
      this.op = op;
      this.bound = bound;
    }

    void awaitArrival() throws Exception {
      arrived.get(10, TimeUnit.SECONDS);
    }

    void release() {
      released.complete(null);
    }

    /** Completes once the stalled operation was handed to the driver (queued on the connection). */
    CompletableFuture<Void> sent() {
      return sent;
    }

    private void stall() {
      arrived.complete(null);
      try {
        released.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // its bound: go on, as the descheduled thread eventually does
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private Publisher<?> sending(Publisher<?> real) {
      return Flux.from(subscriber -> {
        real.subscribe(subscriber);
        sent.complete(null);
      });
    }
  }

  private final ConnectionFactory delegate;
  private final Queue<Hold> armed = new ConcurrentLinkedQueue<>();
  private final Queue<Stall> stalls = new ConcurrentLinkedQueue<>();

  HoldingConnectionFactory(ConnectionFactory delegate) {
    this.delegate = delegate;
  }

  /** Holds the next operation of this kind on any connection. */
  Hold holdNext(Op op) {
    Hold hold = new Hold(op);
    armed.add(hold);
    return hold;
  }

  /** Stalls the thread that next sends this operation (on any connection) for at most {@code bound}. */
  Stall stallNext(Op op, Duration bound) {
    Stall stall = new Stall(op, bound);
    stalls.add(stall);
    return stall;
  }

  private Publisher<?> maybeStalled(Op op, java.util.function.Supplier<Publisher<?>> send) {
    Stall stall = null;
    for (Stall s : stalls) {
      if (s.op == op && stalls.remove(s)) {
        stall = s;
        break;
      }
    }
    if (stall == null) {
      return send.get();
    }
    stall.stall();
    return stall.sending(send.get());
  }

  @Override
  public Publisher<? extends Connection> create() {
    return Mono.<Connection>from(delegate.create()).map(this::holding);
  }

  @Override
  public ConnectionFactoryMetadata getMetadata() {
    return delegate.getMetadata();
  }

  private Hold take(Op op) {
    for (Hold h : armed) {
      if (h.op == op && armed.remove(h)) {
        return h;
      }
    }
    return null;
  }

  private Connection holding(Connection real) {
    Wire wire = new Wire();
    InvocationHandler handler = (proxy, method, args) -> {
      switch (method.getName()) {
        case "beginTransaction":
          return wire.send(Op.BEGIN, () -> (Publisher<?>) call(real, method, args));
        case "commitTransaction":
          return maybeStalled(Op.COMMIT, () -> wire.send(Op.COMMIT, () -> (Publisher<?>) call(real, method, args)));
        case "rollbackTransaction":
          return maybeStalled(Op.ROLLBACK, () -> wire.send(Op.ROLLBACK, () -> (Publisher<?>) call(real, method, args)));
        case "createSavepoint":
        case "releaseSavepoint":
        case "rollbackTransactionToSavepoint":
          return wire.send(null, () -> (Publisher<?>) call(real, method, args));
        case "createStatement":
          return statement((Statement) call(real, method, args), (String) args[0], wire);
        case "unwrap":
          // unwrap() gives the driver's connection, so Flecto can reach it for a server-side cancel;
          // unwrap(Class) answers only for a class the driver's connection is (the pool asks it for
          // Lifecycle, and a wrong answer there stalls every acquire).
          if (args == null || args.length == 0) {
            return real;
          }
          return ((Class<?>) args[0]).isInstance(real) ? real : null;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return call(real, method, args);
      }
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class, io.r2dbc.spi.Wrapped.class}, handler);
  }

  private Statement statement(Statement real, String sql, Wire wire) {
    String text = sql.trim().toUpperCase(Locale.ROOT);
    Op op = text.equals("BEGIN") ? Op.BEGIN : text.equals("COMMIT") ? Op.COMMIT : text.equals("ROLLBACK") ? Op.ROLLBACK : null;
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("execute")) {
        return op == null ? wire.send(null, () -> (Publisher<?>) call(real, method, args))
            : maybeStalled(op, () -> wire.send(op, () -> (Publisher<?>) call(real, method, args)));
      }
      Object out = call(real, method, args);
      return out == real ? proxy : out; // builder steps return the statement
    };
    return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class}, handler);
  }

  private static Object call(Object target, Method method, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connection's order of operations: everything after a held operation waits for it. */
  private final class Wire {
    private CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    synchronized Publisher<?> send(Op op, java.util.function.Supplier<Publisher<?>> real) {
      Hold hold = op == null ? null : take(op);
      CompletableFuture<Void> before = gate;
      if (hold == null) {
        return before.isDone() ? real.get() : Mono.fromFuture(before).thenMany(Flux.defer(real::get));
      }
      hold.arrived.complete(null);
      // Sent once released, whether or not the caller still listens: it was already on its way.
      CompletableFuture<Void> sent = before.thenCompose(x -> hold.released)
          .thenCompose(x -> Flux.from(real.get()).flatMap(r -> r instanceof io.r2dbc.spi.Result res
              ? Flux.from(res.getRowsUpdated()) : Mono.empty()).then().toFuture());
      gate = sent.handle((x, e) -> null);
      return Mono.fromFuture(sent, true);
    }
  }
}
