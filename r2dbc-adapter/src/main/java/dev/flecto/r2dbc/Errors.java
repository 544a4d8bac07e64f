package dev.flecto.r2dbc;

import dev.flecto.ConstraintException;
import dev.flecto.DatabaseException;
import dev.flecto.FlectoException;
import dev.flecto.TransactionException;
import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcException;
import java.util.concurrent.TimeoutException;

/** Translates driver errors into Flecto's hierarchy, once, at the adapter's edge; the driver's exception stays the cause. */
final class Errors {
  private Errors() {}

  static Throwable translate(Throwable e, String sql) {
    if (e instanceof FlectoException) {
      return e;
    }
    if (!(e instanceof R2dbcException r)) {
      return e; // not the database's: a bug or a cancellation signal, left as it is
    }
    ErrorDetails details = e instanceof PostgresqlException p ? p.getErrorDetails() : null;
    String state = r.getSqlState();
    String message = details != null ? details.getMessage() : r.getMessage();
    if (state != null && state.startsWith("23")) {
      return constraint(r, details, state, message, sql);
    }
    return new DatabaseException(message + " (SQLSTATE " + state + ") in SQL: " + sql, state, sql, e);
  }

  private static ConstraintException constraint(R2dbcException e, ErrorDetails d, String state, String message, String sql) {
    String constraint = d == null ? null : d.getConstraintName().orElse(null);
    String table = d == null ? null : d.getTableName().orElse(null);
    String column = d == null ? null : d.getColumnName().orElse(null);
    String detail = d == null ? null : d.getDetail().orElse(null);
    StringBuilder sb = new StringBuilder(kind(state)).append(" constraint ");
    sb.append(constraint != null ? "\"" + constraint + "\"" : "(unnamed)").append(" violated");
    if (table != null) {
      sb.append(" on table ").append(table);
    }
    if (column != null) {
      sb.append(", column ").append(column);
    }
    sb.append(": ").append(message);
    if (detail != null) {
      sb.append(" (").append(detail).append(')');
    }
    sb.append(" [SQLSTATE ").append(state).append("] in SQL: ").append(sql);
    return new ConstraintException(sb.toString(), state, constraint, table, sql, e);
  }

  private static String kind(String state) {
    switch (state) {
      case "23505":
        return "unique";
      case "23503":
        return "foreign key";
      case "23514":
        return "check";
      case "23502":
        return "not null";
      case "23P01":
        return "exclusion";
      default:
        return "integrity";
    }
  }

  /**
   * usingWhen reports a failed commit as "Async resource cleanup failed after onComplete" with the
   * real error as cause; callers should see the commit's own error.
   */
  static Throwable unwrapCleanup(Throwable e) {
    if (e.getCause() instanceof FlectoException cause && e.getMessage() != null
        && e.getMessage().startsWith("Async resource cleanup failed")) {
      return cause;
    }
    return e;
  }

  static Throwable acquire(Throwable e) {
    if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
      return new DatabaseException("could not acquire a database connection in time: the pool is exhausted or "
          + "the server does not answer (raise RepoOptions.poolMaxSize or acquireTimeout)", null, null, e);
    }
    if (e instanceof R2dbcException r) {
      return new DatabaseException("could not connect to the database: " + r.getMessage(), r.getSqlState(), null, e);
    }
    return e;
  }

  static Throwable transaction(String step, Throwable e) {
    if (e instanceof FlectoException) {
      return e;
    }
    // The cause is translated too, so a deferred constraint failing at COMMIT names its constraint.
    Throwable cause = translate(e, step);
    return new TransactionException(step + " failed: " + cause.getMessage(), cause);
  }
}
