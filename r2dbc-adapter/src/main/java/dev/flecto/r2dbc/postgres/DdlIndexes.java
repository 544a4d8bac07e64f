package dev.flecto.r2dbc.postgres;

import static dev.flecto.r2dbc.postgres.DdlCompiler.comment;
import static dev.flecto.r2dbc.postgres.DdlCompiler.invalid;
import static dev.flecto.r2dbc.postgres.DdlCompiler.name;
import static dev.flecto.r2dbc.postgres.DdlCompiler.table;

import dev.flecto.migration.Constraint;
import dev.flecto.migration.Index;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Indexes and check or exclusion constraints in DDL, as ecto_sql's execute_ddl writes them. */
final class DdlIndexes {
  /** A column's plain name; anything else in an index's column list is an expression. */
  private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");
  /** Index options that already are a clause ({@code WITH (...)}), not just storage parameters. */
  private static final Pattern WITH_CLAUSE = Pattern.compile("(?i)WITH\\b.*", Pattern.DOTALL);

  private DdlIndexes() {}

  /**
   * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] table [USING m]
   * (columns) [INCLUDE (...)] [NULLS [NOT] DISTINCT] [WITH (...)] [WHERE ...]}, then its comment.
   * The index's name is not prefixed: PostgreSQL puts an index in its table's schema.
   */
  static List<String> createIndex(Index index, boolean ifNotExists) {
    if (index.columns().isEmpty()) {
      throw invalid("index " + index.name() + " has no columns");
    }
    if (index.nullsDistinct() != null && !index.isUnique()) {
      // Ecto's index/3 raises the same: the option means nothing for a non-unique index.
      throw invalid("index " + index.name() + ": nullsDistinct(" + index.nullsDistinct() + ") can only be used with "
          + "unique indexes");
    }
    StringBuilder sb = new StringBuilder("CREATE ").append(index.isUnique() ? "UNIQUE " : "").append("INDEX ")
        .append(index.isConcurrent() ? "CONCURRENTLY " : "").append(ifNotExists ? "IF NOT EXISTS " : "");
    name(sb, index.name()).append(" ON ").append(index.onlyParent() ? "ONLY " : "");
    table(sb, index.prefix(), index.table());
    if (index.using() != null) {
      sb.append(" USING ").append(index.using());
    }
    columns(sb.append(" ("), index.columns(), ", ").append(')');
    if (!index.include().isEmpty()) {
      columns(sb.append(" INCLUDE ("), index.include(), ", ").append(')');
    }
    if (index.nullsDistinct() != null) {
      sb.append(index.nullsDistinct() ? " NULLS DISTINCT" : " NULLS NOT DISTINCT");
    }
    if (index.options() != null) {
      // ecto_sql's :options are storage parameters it wraps in WITH (...); Flecto's Index#options
      // documents the whole clause ("WITH (fillfactor = 70)"): both are taken.
      String options = index.options().strip();
      sb.append(WITH_CLAUSE.matcher(options).matches() ? " " + options : " WITH (" + options + ")");
    }
    if (index.where() != null) {
      sb.append(" WHERE ").append(index.where());
    }
    List<String> statements = new ArrayList<>();
    statements.add(sb.toString());
    if (index.comment() != null) {
      statements.add(comment(table(new StringBuilder("COMMENT ON INDEX "), index.prefix(), index.name()), index.comment()));
    }
    return statements;
  }

  /**
   * A column's name is quoted; anything else ({@code lower(email)}, {@code title DESC}) is an
   * expression, written as given, as ecto_sql writes a string where it quotes an atom.
   */
  private static StringBuilder columns(StringBuilder sb, List<String> columns, String separator) {
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      if (i > 0) {
        sb.append(separator);
      }
      if (IDENTIFIER.matcher(column).matches()) {
        name(sb, column);
      } else {
        sb.append(column);
      }
    }
    return sb;
  }

  /** {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] prefix.name [CASCADE]}. */
  static List<String> dropIndex(Index index, boolean ifExists, boolean cascade) {
    StringBuilder sb = new StringBuilder("DROP INDEX ").append(index.isConcurrent() ? "CONCURRENTLY " : "")
        .append(ifExists ? "IF EXISTS " : "");
    return List.of(table(sb, index.prefix(), index.name()).append(cascade ? " CASCADE" : "").toString());
  }

  /** {@code ALTER INDEX prefix.name RENAME TO new}. */
  static List<String> renameIndex(Index index, String newName) {
    StringBuilder sb = table(new StringBuilder("ALTER INDEX "), index.prefix(), index.name()).append(" RENAME TO ");
    return List.of(name(sb, newName).toString());
  }

  /** {@code ALTER TABLE t ADD CONSTRAINT name CHECK (...) | EXCLUDE USING ... [NOT VALID]}, then its comment. */
  static List<String> createConstraint(Constraint constraint) {
    String tableName = table(new StringBuilder(), constraint.prefix(), constraint.table()).toString();
    StringBuilder sb = name(new StringBuilder("ALTER TABLE ").append(tableName).append(" ADD CONSTRAINT "), constraint.name());
    if (constraint.check() != null) {
      sb.append(" CHECK (").append(constraint.check()).append(')');
    } else {
      sb.append(" EXCLUDE USING ").append(constraint.exclude());
    }
    if (!constraint.validate()) {
      sb.append(" NOT VALID");
    }
    List<String> statements = new ArrayList<>();
    statements.add(sb.toString());
    if (constraint.comment() != null) {
      StringBuilder on = name(new StringBuilder("COMMENT ON CONSTRAINT "), constraint.name()).append(" ON ").append(tableName);
      statements.add(comment(on, constraint.comment()));
    }
    return statements;
  }

  /** {@code ALTER TABLE t DROP CONSTRAINT [IF EXISTS] name}. */
  static List<String> dropConstraint(Constraint constraint, boolean ifExists) {
    StringBuilder sb = table(new StringBuilder("ALTER TABLE "), constraint.prefix(), constraint.table())
        .append(" DROP CONSTRAINT ").append(ifExists ? "IF EXISTS " : "");
    return List.of(name(sb, constraint.name()).toString());
  }

  /** {@code ALTER TABLE t VALIDATE CONSTRAINT name}: checks the rows a NOT VALID constraint skipped. */
  static List<String> validateConstraint(Constraint constraint) {
    StringBuilder sb = table(new StringBuilder("ALTER TABLE "), constraint.prefix(), constraint.table())
        .append(" VALIDATE CONSTRAINT ");
    return List.of(name(sb, constraint.name()).toString());
  }
}
