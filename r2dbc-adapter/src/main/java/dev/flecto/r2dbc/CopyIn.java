package dev.flecto.r2dbc;

import dev.flecto.adapter.BulkInsert;
import dev.flecto.r2dbc.postgres.PostgresDialect;
import dev.flecto.schema.SchemaField;
import dev.flecto.telemetry.QueryEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * insertAll through {@code COPY ... FROM STDIN}: rows that leave out the same fields form a run
 * (COPY has no per-row DEFAULT: a left-out field is a column the run does not name), each run one
 * COPY, its rows encoded frame by frame as the driver asks for them, so memory stays flat however
 * many rows there are.
 */
final class CopyIn {
  /** About this many characters a CopyData frame: large enough to amortize a frame, small enough to overlap encoding and sending. */
  static final int FRAME_CHARS = 128 * 1024;
  // Rows encoded to estimate a run's row size, hence its rows a frame.
  private static final int SAMPLE_ROWS = 32;

  /** Rows {@code from..to} of the insert, which give the same fields: one COPY. */
  record Run(int from, int to, String sql, CopyText text, int columns) {}

  /** Stands for a connection that is not r2dbc-postgresql's: COPY is not possible on it. */
  static final class NotPostgres extends RuntimeException {
    NotPostgres(Connection c) {
      super("COPY needs an r2dbc-postgresql connection, and " + c + " does not unwrap (io.r2dbc.spi.Wrapped) to one", null,
          false, false);
    }
  }

  private CopyIn() {}

  /**
   * The runs of the rows, at most {@code maxRuns} of them; null when that is not enough, or when a
   * run names no column or has a field without a text form.
   */
  static List<Run> runs(PostgresDialect dialect, BulkInsert.Shape shape, List<Object[]> rows, int maxRuns) {
    List<Run> runs = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= rows.size(); i++) {
      if (i < rows.size() && sameFields(rows.get(from), rows.get(i))) {
        continue;
      }
      if (runs.size() == maxRuns) {
        return null;
      }
      Run run = run(dialect, shape, rows.get(from), from, i);
      if (run == null) {
        return null;
      }
      runs.add(run);
      from = i;
    }
    return runs;
  }

  private static boolean sameFields(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if ((a[i] == BulkInsert.DEFAULT) != (b[i] == BulkInsert.DEFAULT)) {
        return false;
      }
    }
    return true;
  }

  private static Run run(PostgresDialect dialect, BulkInsert.Shape shape, Object[] first, int from, int to) {
    List<SchemaField> columns = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < first.length; i++) {
      if (first[i] != BulkInsert.DEFAULT) {
        columns.add(shape.fields().get(i));
        positions.add(i);
      }
    }
    if (columns.isEmpty()) {
      return null;
    }
    CopyText text = CopyText.plan(columns, positions.stream().mapToInt(Integer::intValue).toArray(),
        "schema " + shape.schema().describe());
    return text == null ? null : new Run(from, to, dialect.insertAllCopy(shape, columns), text, columns.size());
  }

  /** One run's COPY on a connection: the count of rows copied. */
  static Mono<Long> copy(Connection c, Run run, List<Object[]> rows) {
    PostgresqlConnection pg = postgres(c);
    if (pg == null) {
      return Mono.error(new NotPostgres(c));
    }
    // A row that fails to encode (an entry that changed since it was checked) ends the data with a
    // line the server refuses, so the server fails the COPY as it fails one on a bad value, and the
    // caller gets the encoding's own error. Not an error on the driver's stdin: r2dbc-postgresql 1.1
    // then sends CopyFail, and the pooled connection answered its next statement with 08006.
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    // r2dbc-postgresql (1.1) can go on asking for frames after a COPY failed or was cancelled, and
    // drops them unreleased: the rows left were encoded for nothing and each frame's direct buffer
    // leaked (CopyInsertAllIT cancels a COPY mid-encoding; under Netty's paranoid leak detection
    // the rest of its rows were encoded). So no frame is made once the server failed the COPY, and
    // a cancel ends the data as a row that fails to encode does: with the bad line, in the frame
    // being made or the next one, and no frame after it. Ending the data plainly instead would let
    // its CopyDone race the driver's CopyFail and commit the rows sent so far.
    // The frames are made where the driver asks for them, on the connection's event loop. Made on
    // Reactor's parallel scheduler (tried), a frame could be sent while the driver released it at
    // the COPY's end (IllegalReferenceCountException, which fails the connection); that release
    // can meet a frame still queued on the event loop too, more rarely, and is the driver's to fix.
    AtomicBoolean serverFailed = new AtomicBoolean();
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicBoolean cut = new AtomicBoolean(); // the bad line was made: the data ends with it
    int perFrame = rowsPerFrame(run, rows);
    int frames = (run.to() - run.from() + perFrame - 1) / perFrame;
    Flux<Mono<ByteBuf>> stdin = Flux.range(0, frames).takeWhile(f -> !cut.get() && !serverFailed.get())
        .map(f -> Mono.fromCallable(() -> {
          if (serverFailed.get()) { // between this frame's request and its making: nothing sent now matters
            return Unpooled.EMPTY_BUFFER;
          }
          StringBuilder sb = new StringBuilder(FRAME_CHARS + FRAME_CHARS / 4);
          if (!cancelled.get()) {
            int from = run.from() + f * perFrame;
            try {
              frame(sb, run, rows, from, Math.min(run.to(), from + perFrame));
            } catch (RuntimeException e) {
              failed.compareAndSet(null, e);
            }
          }
          if (failed.get() != null || cancelled.get()) {
            if (failed.get() == null) {
              sb.setLength(0); // cancelled: none of this frame's rows is wanted
            }
            cut.set(true);
            // On a line of its own (the failing row may be half written), one field more than the COPY names: 22P04, whatever the types.
            sb.append('\n').append("\t".repeat(run.columns())).append('\n');
          }
          return ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, sb); // released by the driver once sent
        }));
    Mono<Long> copied = pg.copyIn(run.sql()).fromMany(stdin).build()
        .doOnError(e -> serverFailed.set(true))
        .doOnCancel(() -> cancelled.set(true))
        .onErrorMap(e -> failed.get() != null ? failed.get() : e)
        .flatMap(n -> failed.get() != null ? Mono.error(failed.get()) : Mono.just(n));
    return observed(c, run.sql(), copied);
  }

  // Encoding every row would double the work: a sample's size is near enough to keep frames about FRAME_CHARS.
  private static int rowsPerFrame(Run run, List<Object[]> rows) {
    int n = Math.min(SAMPLE_ROWS, run.to() - run.from());
    StringBuilder sample = new StringBuilder(n * 64);
    for (int i = run.from(); i < run.from() + n; i++) {
      run.text().row(sample, rows.get(i), i);
    }
    return Math.max(1, FRAME_CHARS / Math.max(1, sample.length() / n));
  }

  private static void frame(StringBuilder sb, Run run, List<Object[]> rows, int from, int to) {
    for (int i = from; i < to; i++) {
      run.text().row(sb, rows.get(i), i);
    }
  }

  /** The driver's connection under the pool's (and Flecto's own) wrappers; null when there is none. */
  static PostgresqlConnection postgres(Connection c) {
    Object raw = c;
    while (!(raw instanceof PostgresqlConnection) && raw instanceof Wrapped<?> w && w.unwrap() != raw && w.unwrap() != null) {
      raw = w.unwrap();
    }
    return raw instanceof PostgresqlConnection pg ? pg : null;
  }

  // The COPY bypasses Statement, so the Repo's listeners are told of it here, as of any statement.
  private static Mono<Long> observed(Connection c, String sql, Mono<Long> copied) {
    Object raw = c;
    while (!(raw instanceof ObservedConnection) && raw instanceof Wrapped<?> w && w.unwrap() != raw && w.unwrap() != null) {
      raw = w.unwrap();
    }
    if (!(raw instanceof ObservedConnection observed)) {
      return copied;
    }
    return Mono.deferContextual(ctx -> {
      Observed.Probe p = observed.observed().probe(QueryEvent.Kind.QUERY, sql, List.of(), ctx, observed.takeQueueNanos());
      return copied.doOnNext(p::updated).doOnSuccess(n -> p.completed()).doOnError(p::failed).doOnCancel(p::cancelled);
    });
  }
}
