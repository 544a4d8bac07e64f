package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The rows of one query shape read through a SQL cursor inside a transaction: {@code DECLARE}
 * with the query's parameters when subscribed, then one {@code FETCH} of {@code maxRows} each time
 * a row past the last chunk is demanded; each chunk passes through a hook (per-chunk preloads)
 * before its rows are emitted. When the stream ends, fails or is cancelled, the cursor is closed
 * where the transaction goes on; else the stream's own transaction is committed or rolled back and
 * its connection released.
 */
final class CursorStream<T> {
  // Cursor names in use, over all connections: a name is unique on its connection while its cursor
  // is open, and the few names reused keep the number of distinct DECLARE texts (each a prepared
  // statement on the server) bounded by the shapes times the streams open at once.
  private static final BitSet NAMES_IN_USE = new BitSet();

  private final String select;
  private final List<Object> params;
  private final int maxRows;
  private final Function<Readable, T> decode;
  private final Function<List<T>, Mono<List<T>>> eachChunk;
  private final Duration statementTimeout;

  CursorStream(String select, List<Object> params, int maxRows, Function<Readable, T> decode,
      Function<List<T>, Mono<List<T>>> eachChunk, Duration statementTimeout) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
    }
    this.select = select;
    this.params = params;
    this.maxRows = maxRows;
    this.decode = decode;
    this.eachChunk = eachChunk;
    this.statementTimeout = statementTimeout;
  }

  /**
   * The rows, read on the connection {@code on} emits; the chunk hook sees that transaction under
   * {@code txKey} in its Context, so its statements run in the stream's transaction. The stream's
   * own BEGIN is sent inside the {@code usingWhen}, so a cancel while it is in flight still ends
   * the transaction it opens.
   */
  Flux<T> rows(Mono<StreamConnection> on, Object txKey) {
    return Flux.deferContextual(ctx -> Flux.usingWhen(on.map(c -> new Cursor(c, ctx)),
        cursor -> begin(cursor).then(declare(cursor)).thenMany(Flux.defer(() -> fetchAll(cursor)))
            .contextWrite(Context.of(txKey, cursor.on.tx())),
        cursor -> cursor.finish(true),
        (cursor, e) -> cursor.finish(false),
        cursor -> cursor.finish(false))).onErrorMap(Errors::unwrapCleanup);
  }

  /**
   * One subscription's cursor on its connection. Statements are sent under its lock, and none
   * after {@link #finish}: a cancel races with the rows' thread, which may be about to FETCH, and a
   * statement sent after CLOSE or ROLLBACK would fail the caller's transaction or run on a
   * connection already back in the pool.
   */
  private final class Cursor {
    final StreamConnection on;
    // The subscriber's Context, given to the statements sent from other threads (for telemetry's trace ids and table).
    final reactor.util.context.ContextView context;
    final int number = acquireName();
    final String name = "flecto_cursor_" + number;
    final String declare = "DECLARE " + name + " NO SCROLL CURSOR FOR " + select;
    final String fetch = "FETCH " + maxRows + " FROM " + name;
    volatile boolean exhausted;
    private boolean declared;
    private boolean ended;
    private CompletableFuture<Void> closing; // the CLOSE, once sent

    Cursor(StreamConnection on, reactor.util.context.ContextView context) {
      this.on = on;
      this.context = context;
      if (!on.joined()) {
        on.tx().openedIn(context); // the stream's own transaction: its COMMIT or ROLLBACK carries the subscriber's Context
      }
      on.tx().activity().start(); // an open stream keeps its transaction busy: its own idle bound watches it
    }

    Connection connection() {
      return on.connection();
    }

    /** Sends the statements (subscribes them, which queues them on the connection) unless the cursor ended; else completes empty. */
    synchronized <R> CompletableFuture<R> send(Supplier<Mono<R>> statements) {
      if (ended) {
        return CompletableFuture.completedFuture(null);
      }
      return on.tx().send(statements).singleOrEmpty().contextWrite(context).toFuture();
    }

    synchronized void declared() {
      declared = true;
    }

    /**
     * Ends the cursor: no statement is sent after this, and where the transaction goes on the
     * cursor's CLOSE is sent (once: later calls return the same answer). Null when there is nothing
     * to close (the cursor was never declared, or its transaction ends with the stream).
     */
    synchronized CompletableFuture<Void> close() {
      ended = true;
      if (closing == null && declared && on.joined()) {
        String sql = "CLOSE " + name;
        closing = on.tx().send(() -> Tx.plain(connection(), sql)).then().contextWrite(context).toFuture();
      }
      return closing;
    }

    /**
     * Closes the cursor where the transaction goes on, else ends the stream's own transaction. Both
     * are sent at once (on cancel, before the canceller's next statement), and queue on the
     * connection behind the statement in flight.
     */
    Mono<Void> finish(boolean completed) {
      return Mono.defer(() -> {
        CompletableFuture<Void> sent = close();
        if (!on.joined()) {
          return on.end().apply(completed);
        }
        Mono<Void> closing = sent == null ? Mono.<Void>empty() : whole(() -> sent, "CLOSE " + name);
        // After an error the transaction may be aborted, and CLOSE with it: the first error is the one to report.
        return completed ? closing : closing.onErrorResume(e -> Mono.empty());
      }).doFinally(s -> {
        releaseName(number);
        on.tx().activity().end();
      });
    }
  }

  private Mono<Void> begin(Cursor cursor) {
    return whole(() -> cursor.send(cursor.on::begin), "BEGIN").then();
  }

  private Mono<Void> declare(Cursor cursor) {
    return whole(() -> cursor.send(() -> {
      Statement st = cursor.connection().createStatement(cursor.declare);
      Binder.bindPlanned(st, params);
      cursor.declared();
      return Flux.from(st.execute()).concatMap(Result::getRowsUpdated).then();
    }), cursor.declare);
  }

  /**
   * One FETCH per tick; a tick is requested only when the previous chunk's inner publisher
   * completed (concatMap without prefetch), and {@link #emit} completes a full chunk only once
   * a row past it is demanded.
   */
  private Flux<T> fetchAll(Cursor cursor) {
    return Flux.<Boolean>generate(sink -> {
      if (cursor.exhausted) {
        sink.complete();
      } else {
        sink.next(Boolean.TRUE);
      }
    }).concatMap(tick -> chunk(cursor).flatMapMany(chunk -> emit(chunk, cursor)), 0);
  }

  /** A FETCH, then the hook on its rows (cancellable: after a cancel it sends nothing more). */
  private Mono<List<T>> chunk(Cursor cursor) {
    String sql = cursor.fetch + " of " + cursor.declare;
    Mono<List<T>> fetch = whole(() -> cursor.send(() -> Flux.from(cursor.connection().createStatement(cursor.fetch)
        .execute()).concatMap(r -> r.map(decode)).collectList()), sql);
    // Bounded as any statement: past the statement timeout the FETCH is stopped on the server before the stream fails.
    return Mono.fromDirect(new Bounded<>(fetch, sql, cursor.connection(), statementTimeout, null)).flatMap(eachChunk);
  }

  private Flux<T> emit(List<T> chunk, Cursor cursor) {
    if (chunk.size() < maxRows) {
      cursor.exhausted = true; // a short chunk is the last: no FETCH that would read nothing
      // CLOSE before the last rows go out. The stream completes after them, and its cleanup sends
      // CLOSE then; but a subscriber that cancels at that moment (take(Duration)) is no longer
      // waited for, and may send its next statement of the transaction first.
      cursor.close();
      return Flux.fromIterable(chunk);
    }
    return Flux.fromIterable(chunk).concatWith(onDemand());
  }

  /**
   * Completes, empty, only when one more item is requested: Mono.just emits only on request and
   * handle drops it. Appended to a full chunk, it holds back the next FETCH until a row past the
   * chunk is demanded, instead of reading ahead as soon as the chunk's last row went out.
   */
  private static <R> Mono<R> onDemand() {
    return Mono.just(Boolean.TRUE).handle((x, sink) -> { });
  }

  /**
   * Statements, sent by {@code sent}, that run to their end even when their subscriber cancels:
   * every Result is consumed (a Result dropped half-read can wedge the connection in
   * r2dbc-postgresql 1.1), and a CLOSE or ROLLBACK queued behind them finds them finished.
   */
  private static <R> Mono<R> whole(Supplier<CompletableFuture<R>> sent, String sql) {
    return Mono.fromFuture(sent, true).onErrorMap(e -> Errors.translate(e, sql));
  }

  private static int acquireName() {
    synchronized (NAMES_IN_USE) {
      int n = NAMES_IN_USE.nextClearBit(0);
      NAMES_IN_USE.set(n);
      return n;
    }
  }

  private static void releaseName(int n) {
    synchronized (NAMES_IN_USE) {
      NAMES_IN_USE.clear(n);
    }
  }
}
