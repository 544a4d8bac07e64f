package dev.flecto.r2dbc;

import dev.flecto.TransactionException;
import dev.flecto.adapter.TransactionOptions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * One transaction scope on a connection, as it travels in the Reactor Context: the outermost
 * transact's (the root, a real transaction or the sandbox's savepoint), or a savepoint scope of a
 * nested {@code transact} that asked for one.
 *
 * <p>It carries Ecto's rule for nested failures: a joined nested transact that fails (or calls
 * {@code rollback}) {@linkplain #abort aborts} the scope, and from then on no statement runs in it
 * and it cannot commit, even when the caller caught the error. Only a savepoint scope recovers.
 *
 * <p>The root also gates the connection: statements are sent under its lock, and none after its
 * end (COMMIT or ROLLBACK) was sent. A cancel can race with a thread about to send the next
 * statement; sent after the ROLLBACK, that statement would commit on its own.
 */
final class Tx {
  private final Connection connection;
  private final TransactionOptions options;
  private final Tx root;
  private final Tx parent;
  private final Activity activity;
  // A transaction begun outside Flecto (ExternalTransactions): told of an abort, as its manager commits or rolls back.
  private final ExternalTransactions.Joined external;
  private volatile Throwable abortedBy;
  private volatile boolean begun;
  private boolean ended; // the root's, guarded by the root
  // The Context of the code that opened the transaction, given to its COMMIT or ROLLBACK, which run
  // from cleanups and futures outside that code's chain (telemetry's trace ids and Repo name).
  private volatile reactor.util.context.ContextView context = reactor.util.context.Context.empty();

  private Tx(Connection connection, TransactionOptions options, Tx root, Tx parent, Activity activity,
      ExternalTransactions.Joined external) {
    this.connection = connection;
    this.external = external;
    this.options = options;
    this.root = root == null ? this : root;
    this.parent = parent;
    this.activity = activity;
  }

  /** The scope of an outermost transaction on a connection. */
  static Tx root(Connection connection, TransactionOptions options) {
    return root(connection, options, new Activity());
  }

  /** The scope of an outermost transaction whose statements count as the activity of what holds its connection (a checkout). */
  static Tx root(Connection connection, TransactionOptions options, Activity activity) {
    return new Tx(connection, options, null, null, activity, null);
  }

  /**
   * The scope of a transaction begun outside Flecto, which Flecto joins: begun already, never
   * ended by Flecto (its manager commits or rolls back, and is told when a nested transact aborts it).
   */
  static Tx joined(ExternalTransactions.Joined joined) {
    Tx tx = new Tx(joined.connection(), TransactionOptions.defaults(), null, null, new Activity(), joined);
    tx.begun = true;
    joined.beforeEnd(tx::closeGate);
    return tx;
  }

  /** The transaction's manager is about to end it: no statement of Flecto's is sent from now on. */
  private void closeGate() {
    synchronized (root) {
      root.ended = true;
    }
  }

  /** A savepoint scope inside this one: its failures stay in it. */
  Tx savepointScope(TransactionOptions nestedOptions) {
    return new Tx(connection, nestedOptions, root, this, activity, null);
  }

  boolean isRoot() {
    return root == this;
  }

  Connection connection() {
    return connection;
  }

  /** The outermost transact's options (its idle and statement bounds hold for the whole transaction). */
  TransactionOptions rootOptions() {
    return root.options;
  }

  Activity activity() {
    return activity;
  }

  /** Keeps the opener's Context for the transaction's last statement; returns this. */
  Tx openedIn(reactor.util.context.ContextView ctx) {
    this.context = ctx;
    return this;
  }

  boolean begun() {
    return begun;
  }

  void markBegun() {
    begun = true;
  }

  /** A nested transact of this scope failed: nothing more runs in it, and it cannot commit. */
  void abort(Throwable cause) {
    boolean first;
    synchronized (this) {
      first = abortedBy == null;
      if (first) {
        abortedBy = cause;
      }
    }
    if (first && external != null) {
      external.abort(cause);
    }
  }

  /** Why this scope (or one enclosing it) can no longer commit, or null. */
  Throwable abortedBy() {
    for (Tx t = this; t != null; t = t.parent) {
      if (t.abortedBy != null) {
        return t.abortedBy;
      }
    }
    return null;
  }

  /** The error of a statement or commit in an aborted scope, Ecto's "transaction rolling back". */
  static TransactionException aborted(Throwable cause, String what) {
    return new TransactionException("transaction rolling back: a nested transact failed (" + cause
        + "), so the transaction cannot go on or commit; " + what + " was not run. Catching a nested transact's "
        + "error does not undo what it did: give it TransactionOptions.withSavepoint(true) to recover from its failure",
        cause);
  }

  /**
   * Statements subscribed (and so queued on the connection, in order) under the root's lock,
   * unless the transaction ended; the work's statements count as activity while they run.
   */
  <T> Flux<T> send(Supplier<? extends Publisher<T>> statements) {
    return Flux.from(gate(c -> statements.get())).doOnSubscribe(s -> activity.start()).doFinally(s -> activity.end());
  }

  /**
   * The work's statements on this transaction's connection, subscribed under the root's lock,
   * unless the transaction ended, with no activity counted: for a caller that counts it itself
   * ({@link Bounded}). It takes the work itself, not a supplier of it: a Repo call sends one on
   * every statement of a transaction.
   */
  <T> Publisher<T> gate(java.util.function.Function<Connection, ? extends Publisher<T>> work) {
    return subscriber -> {
      synchronized (root) {
        if (root.ended) {
          Operators.error(subscriber, new TransactionException("the transaction has ended: a statement of it "
              + "arrived after its COMMIT or ROLLBACK (was it cancelled?), and was not sent", null));
          return;
        }
        work.apply(connection).subscribe(subscriber);
      }
    };
  }

  /**
   * Sends the transaction's last statement (COMMIT or ROLLBACK) under the lock, after which no
   * statement is sent; it runs to its end even when its subscriber cancels.
   */
  Mono<Void> end(Supplier<? extends Publisher<?>> last) {
    return ToTheEnd.started(subscriber -> {
      synchronized (root) {
        root.ended = true;
        Flux.from(last.get()).contextWrite(root.context).subscribe(subscriber);
      }
    });
  }

  /**
   * ROLLBACK sent as SQL, not through {@code Connection.rollbackTransaction()}: the driver skips that
   * when it has not yet seen the server's answer to BEGIN, which a cancel during BEGIN would leave
   * open on a pooled connection. Sent as a statement it queues behind the BEGIN; with no
   * transaction open the server only warns.
   */
  Mono<Void> rollback() {
    return end(() -> plain(connection, "ROLLBACK"));
  }

  /**
   * A statement without parameters (BEGIN, ROLLBACK, a savepoint, CLOSE of a cursor), its result
   * read to its end: sent as SQL, it queues behind whatever was sent on the connection.
   */
  static Flux<Long> plain(Connection connection, String sql) {
    return Flux.from(connection.createStatement(sql).execute()).concatMap(Result::getRowsUpdated);
  }

  Mono<Void> commit() {
    return end(connection::commitTransaction);
  }
}
