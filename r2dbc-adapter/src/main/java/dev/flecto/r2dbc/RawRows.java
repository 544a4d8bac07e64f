package dev.flecto.r2dbc;

import dev.flecto.adapter.QueryResult;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Raw SQL's results read whole (every segment consumed, so the connection is left clean): rows
 * with their column names, and update counts, gathered into a {@link QueryResult}.
 */
final class RawRows {
  private RawRows() {}

  /** One row (columns and values) or one update count. */
  record Piece(List<String> columns, List<Object> values, long count) {}

  static Publisher<Piece> read(Result result) {
    return result.flatMap(segment -> {
      if (segment instanceof Result.RowSegment rows) {
        Row row = rows.row();
        List<? extends ColumnMetadata> meta = row.getMetadata().getColumnMetadatas();
        List<String> columns = new ArrayList<>(meta.size());
        List<Object> values = new ArrayList<>(meta.size());
        for (int i = 0; i < meta.size(); i++) {
          columns.add(meta.get(i).getName());
          values.add(row.get(i));
        }
        return Mono.just(new Piece(columns, values, 0));
      }
      if (segment instanceof Result.UpdateCount count) {
        return Mono.just(new Piece(null, null, count.value()));
      }
      if (segment instanceof Result.Message message && isError(message)) {
        return Mono.error(message.exception());
      }
      return Mono.empty();
    });
  }

  // A NOTICE or WARNING ("relation already exists, skipping") is a message too, but no failure.
  private static boolean isError(Result.Message message) {
    if (message.exception() instanceof io.r2dbc.postgresql.api.PostgresqlException pg) {
      String severity = pg.getErrorDetails().getSeverityNonLocalized();
      return severity == null || "ERROR".equals(severity) || "FATAL".equals(severity) || "PANIC".equals(severity);
    }
    return true;
  }

  static QueryResult result(List<Piece> pieces) {
    List<String> columns = List.of();
    List<List<Object>> rows = new ArrayList<>();
    long counted = 0;
    for (Piece p : pieces) {
      if (p.values() != null) {
        columns = p.columns();
        rows.add(p.values());
      } else {
        counted += p.count();
      }
    }
    // A SELECT's count is its rows; an INSERT/UPDATE/DELETE without RETURNING reports what it changed.
    return new QueryResult(columns, rows, rows.isEmpty() ? counted : rows.size());
  }
}
