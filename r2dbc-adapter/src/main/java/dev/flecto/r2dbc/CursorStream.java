package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rows of one query shape read through a SQL cursor on a connection already in a transaction:
 * {@code DECLARE} with the query's parameters when subscribed, then one {@code FETCH} of
 * {@code maxRows} each time a row past the last chunk is demanded; each chunk passes through a
 * hook (per-chunk preloads) before its rows are emitted. Where the transaction outlives the
 * stream, the cursor is closed when the stream ends, fails or is cancelled; where the transaction
 * is the stream's own, its COMMIT or ROLLBACK ends the cursor.
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

  CursorStream(String select, List<Object> params, int maxRows, Function<Readable, T> decode,
      Function<List<T>, Mono<List<T>>> eachChunk) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
    }
    this.select = select;
    this.params = params;
    this.maxRows = maxRows;
    this.decode = decode;
    this.eachChunk = eachChunk;
  }

  /** One subscription's cursor: its name, its statements, and how far it got. */
  private final class Cursor {
    final int number = acquireName();
    final String name = "flecto_cursor_" + number;
    final String declare = "DECLARE " + name + " NO SCROLL CURSOR FOR " + select;
    final String fetch = "FETCH " + maxRows + " FROM " + name;
    volatile boolean declared;
    volatile boolean exhausted;

    void release() {
      synchronized (NAMES_IN_USE) {
        NAMES_IN_USE.clear(number);
      }
    }
  }

  /**
   * The rows, read on {@code c}; {@code closeWhenDone} when the transaction goes on after the
   * stream, so the cursor must be closed.
   */
  Flux<T> rows(Connection c, boolean closeWhenDone) {
    return Flux.usingWhen(Mono.fromSupplier(Cursor::new),
        cursor -> declare(c, cursor).thenMany(Flux.defer(() -> fetchAll(c, cursor))),
        cursor -> end(c, cursor, closeWhenDone, false),
        (cursor, e) -> end(c, cursor, closeWhenDone, true),
        cursor -> end(c, cursor, closeWhenDone, true));
  }

  private Mono<Void> declare(Connection c, Cursor cursor) {
    return whole(() -> {
      Statement st = c.createStatement(cursor.declare);
      Binder.bindPlanned(st, params);
      cursor.declared = true;
      return Flux.from(st.execute()).concatMap(Result::getRowsUpdated).then();
    }, cursor.declare);
  }

  /**
   * One FETCH per tick; a tick is requested only when the previous chunk's inner publisher
   * completed (concatMap without prefetch), and {@link #emit} completes a full chunk only once
   * a row past it is demanded.
   */
  private Flux<T> fetchAll(Connection c, Cursor cursor) {
    return Flux.<Boolean>generate(sink -> {
      if (cursor.exhausted) {
        sink.complete();
      } else {
        sink.next(Boolean.TRUE);
      }
    }).concatMap(tick -> fetch(c, cursor).flatMapMany(chunk -> emit(chunk, cursor)), 0);
  }

  private Mono<List<T>> fetch(Connection c, Cursor cursor) {
    Mono<List<T>> chunk = whole(() -> Flux.from(c.createStatement(cursor.fetch).execute())
        .concatMap(r -> r.map(decode)).collectList(), cursor.fetch + " of " + cursor.declare);
    return chunk.flatMap(eachChunk);
  }

  private Flux<T> emit(List<T> chunk, Cursor cursor) {
    if (chunk.size() < maxRows) {
      cursor.exhausted = true; // a short chunk is the last: no FETCH that would read nothing
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

  private Mono<Void> end(Connection c, Cursor cursor, boolean close, boolean quietly) {
    Mono<Void> closing = Mono.defer(() -> close && cursor.declared
        ? whole(() -> Flux.from(c.createStatement("CLOSE " + cursor.name).execute()).concatMap(Result::getRowsUpdated).then(),
            "CLOSE " + cursor.name)
        : Mono.<Void>empty());
    // After an error the transaction may be aborted, and CLOSE with it: the first error is the one to report.
    return (quietly ? closing.onErrorResume(e -> Mono.empty()) : closing).doFinally(s -> cursor.release());
  }

  /**
   * A statement that runs to its end even when its subscriber cancels: its Result is always
   * consumed (a Result dropped half-read can wedge the connection in r2dbc-postgresql 1.1), and a
   * CLOSE, ROLLBACK or next statement queued behind it on the connection finds it finished.
   */
  private static <R> Mono<R> whole(Supplier<Mono<R>> statement, String sql) {
    return Mono.fromFuture(() -> statement.get().toFuture(), true).onErrorMap(e -> Errors.translate(e, sql));
  }

  private static int acquireName() {
    synchronized (NAMES_IN_USE) {
      int n = NAMES_IN_USE.nextClearBit(0);
      NAMES_IN_USE.set(n);
      return n;
    }
  }
}
