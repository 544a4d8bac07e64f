package dev.flecto.r2dbc;

import dev.flecto.adapter.QueryResult;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Raw SQL's results read whole (every segment consumed, so the connection is left clean): rows
 * with their column names, and update counts, gathered into a {@link QueryResult}.
 */
final class RawRows {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flecto.r2dbc");

  private RawRows() {}

  /** One row (columns and values) or one update count. */
  record Piece(List<String> columns, List<Object> values, long count) {}

  /**
   * Binds raw SQL's parameters. Query parameters were cast by the planner; these come as the
   * caller gave them, so a value the driver has no codec for fails naming its placeholder.
   */
  static void bind(io.r2dbc.spi.Statement st, List<Object> params, String sql) {
    for (int i = 0; i < params.size(); i++) {
      Object value = params.get(i);
      try {
        Binder.bindPlanned(st, i, value);
      } catch (IllegalArgumentException e) {
        throw new dev.flecto.QueryException("repo.query parameter $" + (i + 1) + " (a " + value.getClass().getName()
            + ") cannot be sent to PostgreSQL: " + e.getMessage() + ", in SQL: " + sql
            + "; hint: bind strings, numbers, booleans, java.time values, UUIDs, byte[] or arrays of them", e);
      }
    }
  }

  static Publisher<Piece> read(Result result) {
    return result.flatMap(segment -> {
      if (segment instanceof Result.RowSegment rows) {
        Row row = rows.row();
        List<? extends ColumnMetadata> meta = row.getMetadata().getColumnMetadatas();
        List<String> columns = new ArrayList<>(meta.size());
        List<Object> values = new ArrayList<>(meta.size());
        for (int i = 0; i < meta.size(); i++) {
          columns.add(meta.get(i).getName());
          Object value = row.get(i);
          // jsonb and json as Java values (maps, lists, strings, numbers), as Postgrex decodes them, not the driver's Json.
          values.add(value instanceof io.r2dbc.postgresql.codec.Json json ? dev.flecto.schema.JsonText.decode(json.asString()) : value);
        }
        return Mono.just(new Piece(columns, values, 0));
      }
      if (segment instanceof Result.UpdateCount count) {
        return Mono.just(new Piece(null, null, count.value()));
      }
      if (segment instanceof Result.Message message) {
        R2dbcException e = message.exception();
        return notice(e) ? Mono.empty() : Mono.error(e);
      }
      return Mono.empty();
    });
  }

  /**
   * The driver reports a server's notice ({@code CREATE TABLE IF NOT EXISTS} on a table that
   * exists: "relation ... already exists, skipping") as a message segment, like an error; a notice
   * is logged, as ecto_sql's ddl_logs does, and the statement succeeds.
   */
  private static boolean notice(R2dbcException e) {
    if (!(e instanceof PostgresqlException p)) {
      return false;
    }
    String severity = p.getErrorDetails().getSeverityNonLocalized();
    if (severity == null) {
      return false;
    }
    switch (severity) {
      case "WARNING" -> LOG.warn("{}", p.getErrorDetails().getMessage());
      case "NOTICE", "INFO", "LOG" -> LOG.info("{}", p.getErrorDetails().getMessage());
      case "DEBUG" -> LOG.debug("{}", p.getErrorDetails().getMessage());
      default -> {
        return false; // ERROR, FATAL, PANIC
      }
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
