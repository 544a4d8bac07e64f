package dev.flecto.r2dbc.postgres;

import static dev.flecto.r2dbc.postgres.DdlCompiler.invalid;
import static dev.flecto.r2dbc.postgres.DdlCompiler.name;
import static dev.flecto.r2dbc.postgres.DdlCompiler.names;

import dev.flecto.migration.Column;
import dev.flecto.migration.ColumnType;
import dev.flecto.migration.Reference;
import dev.flecto.migration.Table;
import dev.flecto.migration.TableChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns in DDL, as ecto_sql writes them: a column's definition in {@code CREATE TABLE}
 * ({@code column_definition}), its change in {@code ALTER TABLE} ({@code column_change}), its
 * type ({@code column_type}, {@code ecto_to_db}) and its foreign key ({@code reference_expr}).
 * Defaults are {@link DdlDefaults}'.
 */
final class DdlColumns {
  private DdlColumns() {}

  /**
   * {@code "name" type [DEFAULT ...] [NOT NULL]}; a reference adds its foreign key as a table
   * constraint right after ({@code , CONSTRAINT ... FOREIGN KEY ...}), which is how ecto_sql can
   * name the constraint and give it composite columns.
   */
  static void definition(StringBuilder sb, Table table, Column c) {
    checkPrecision(c);
    name(sb, c.name()).append(' ');
    if (c.reference() != null) {
      referenceType(sb, c);
      options(sb, c, c.reference().type());
      reference(sb.append(", "), c.reference(), table, c.name());
    } else {
      type(sb, c.type(), c);
      options(sb, c, c.type());
    }
  }

  /** One change of {@code ALTER TABLE}; several are joined by commas into one statement. */
  static void change(StringBuilder sb, Table table, TableChange change) {
    if (change instanceof TableChange.Remove r) {
      remove(sb, table, r);
      return;
    }
    Column c = (Column) change;
    checkPrecision(c);
    if (c.kind() == Column.Kind.MODIFY) {
      modify(sb, table, c);
      return;
    }
    name(sb.append(c.kind() == Column.Kind.ADD ? "ADD COLUMN " : "ADD COLUMN IF NOT EXISTS "), c.name()).append(' ');
    if (c.reference() != null) {
      referenceType(sb, c);
      options(sb, c, c.reference().type());
      reference(sb.append(", ADD "), c.reference(), table, c.name());
    } else {
      type(sb, c.type(), c);
      options(sb, c, c.type());
    }
  }

  /**
   * ecto_sql's modify: the old foreign key dropped when {@code from} was a reference (so a
   * reference's options can change, or a reference become a plain column), the type changed
   * ({@code ALTER COLUMN ... TYPE}, always, even when only the nullability or the default
   * changes), a new foreign key added when the column is a reference, then NOT NULL and DEFAULT.
   */
  private static void modify(StringBuilder sb, Table table, Column c) {
    if (c.generated() != null) {
      // ecto_sql would write "TYPE ... GENERATED ALWAYS AS ...", which PostgreSQL rejects: ALTER
      // COLUMN cannot make a column generated.
      throw invalid("column " + c.name() + ": generated(\"" + c.generated() + "\") cannot be given to modify; "
          + "PostgreSQL cannot turn an existing column into a generated one");
    }
    Column from = c.from();
    if (from != null && from.reference() != null) {
      referenceName(sb.append("DROP CONSTRAINT "), from.reference(), table, c.name()).append(", ");
    }
    name(sb.append("ALTER COLUMN "), c.name()).append(" TYPE ");
    ColumnType defaultType;
    if (c.reference() != null) {
      referenceType(sb, c);
      reference(sb.append(", ADD "), c.reference(), table, c.name());
      defaultType = c.reference().type();
    } else {
      type(sb, c.type(), c);
      defaultType = c.type();
    }
    if (c.nullable() != null) {
      name(sb.append(", ALTER COLUMN "), c.name()).append(c.nullable() ? " DROP NOT NULL" : " SET NOT NULL");
    }
    if (c.hasDefault()) {
      // A default of null is written SET DEFAULT NULL (ecto_sql's way of dropping a default).
      DdlDefaults.expr(name(sb.append(", ALTER COLUMN "), c.name()).append(" SET"), c, defaultType);
    }
  }

  /** {@code DROP COLUMN}; a column removed as a reference drops its foreign key first. */
  private static void remove(StringBuilder sb, Table table, TableChange.Remove r) {
    String ifExists = r.ifExists() ? "IF EXISTS " : "";
    if (r.previous() != null && r.previous().reference() != null) {
      referenceName(sb.append("DROP CONSTRAINT ").append(ifExists), r.previous().reference(), table, r.name()).append(", ");
    }
    name(sb.append("DROP COLUMN ").append(ifExists), r.name());
  }

  private static void options(StringBuilder sb, Column c, ColumnType type) {
    DdlDefaults.expr(sb, c, type);
    if (c.nullable() != null) {
      sb.append(c.nullable() ? " NULL" : " NOT NULL");
    }
  }

  // Ecto's add/modify raise for a scale without a precision (validate_precision_opts!).
  private static void checkPrecision(Column c) {
    if (c.scale() != null && c.precision() == null) {
      throw invalid("column " + c.name() + ": scale(" + c.scale() + ") needs precision(...) (missing precision option)");
    }
  }

  // --- types ---------------------------------------------------------------------------------------

  /** ecto_sql's column_type: the type's name, then an identity or a generated expression. */
  static void type(StringBuilder sb, ColumnType type, Column c) {
    typeName(sb, type, c);
    if (c.generated() != null) {
      sb.append(" GENERATED ALWAYS AS (").append(c.generated()).append(") STORED");
    } else if (is(type, "identity")) {
      sb.append(" GENERATED BY DEFAULT AS IDENTITY");
    }
  }

  /**
   * A foreign key column's type: the referenced key's, but a serial key is referenced by a plain
   * integer (the referencing column must not get a sequence of its own).
   */
  private static void referenceType(StringBuilder sb, Column c) {
    ColumnType type = c.reference().type();
    if (is(type, "serial")) {
      sb.append("integer");
    } else if (is(type, "bigserial") || is(type, "identity")) {
      sb.append("bigint");
    } else {
      type(sb, type, c);
    }
  }

  /** ecto_sql's column_type_name: the database type with its size, precision or scale. */
  private static void typeName(StringBuilder sb, ColumnType type, Column c) {
    if (is(type, "array")) {
      typeName(sb, element(type), c); // options size the element: {:array, :string} is varchar(255)[]
      sb.append("[]");
      return;
    }
    String db = dbType(type);
    if (!type.raw()) {
      switch (type.name()) {
        case "time", "utc_datetime", "naive_datetime":
          // Second precision, whatever the precision option says: these types drop microseconds.
          sb.append(db).append("(0)");
          return;
        case "time_usec", "utc_datetime_usec", "naive_datetime_usec", "duration":
          sb.append(db);
          if (c.precision() != null) {
            sb.append('(').append(c.precision()).append(')');
          }
          return;
        default:
          break;
      }
    }
    if (c.size() != null) {
      sb.append(db).append('(').append(c.size()).append(')');
    } else if (c.precision() != null) {
      sb.append(db).append('(').append(c.precision()).append(',').append(c.scale() != null ? c.scale() : 0).append(')');
    } else if (is(type, "string")) {
      sb.append(db).append("(255)");
    } else {
      sb.append(db);
    }
  }

  /** ecto_sql's ecto_to_db: an Ecto type's PostgreSQL name; a raw type as given. */
  static String dbType(ColumnType type) {
    if (type.raw()) {
      return type.name();
    }
    if (type.element() != null || type.name().equals("array")) {
      if (type.name().equals("array")) {
        return dbType(element(type)) + "[]";
      }
      if (type.name().equals("map")) {
        return "jsonb"; // {:map, t} is a map too
      }
      throw invalid("unsupported type " + type + ": a type with an element is an array or a map");
    }
    return switch (type.name()) {
      // ecto_sql maps :id to integer; Flecto's ids are Longs (and ColumnType.ID is documented as
      // bigint), so an :id column is a bigint, as a reference to a bigserial key is.
      case "id", "identity" -> "bigint";
      case "binary_id" -> "uuid";
      case "string" -> "varchar";
      case "bitstring" -> "varbit";
      case "binary" -> "bytea";
      case "map" -> "jsonb";
      case "time_usec" -> "time";
      case "utc_datetime", "utc_datetime_usec", "naive_datetime", "naive_datetime_usec" -> "timestamp";
      case "duration" -> "interval";
      case "datetime" -> throw invalid("the datetime type in migrations is not supported, please use "
          + "utc_datetime or naive_datetime instead");
      default -> type.name();
    };
  }

  private static ColumnType element(ColumnType array) {
    if (array.element() == null) {
      throw invalid("unsupported type " + array + ": an array needs its element type (ColumnType.arrayOf)");
    }
    return array.element();
  }

  /** Whether the type is Ecto's type of that name (a raw type never is). */
  static boolean is(ColumnType type, String ectoName) {
    return !type.raw() && type.name().equals(ectoName);
  }

  // --- foreign keys --------------------------------------------------------------------------------

  /**
   * {@code CONSTRAINT name FOREIGN KEY (column, with...) REFERENCES prefix.table(column, with...)
   * [MATCH] [ON DELETE] [ON UPDATE] [NOT VALID]}; the referenced table is in the reference's
   * prefix, else the referencing table's.
   */
  static void reference(StringBuilder sb, Reference ref, Table table, String column) {
    List<String> here = new ArrayList<>();
    List<String> there = new ArrayList<>();
    here.add(column);
    there.add(ref.column());
    ref.with().forEach((mine, theirs) -> {
      here.add(mine);
      there.add(theirs);
    });
    referenceName(sb.append("CONSTRAINT "), ref, table, column);
    names(sb.append(" FOREIGN KEY ("), here).append(") REFERENCES ");
    DdlCompiler.table(sb, ref.prefix() != null ? ref.prefix() : table.prefix(), ref.table());
    names(sb.append('('), there).append(')');
    if (ref.match() != null) {
      sb.append(" MATCH ").append(ref.match().name());
    }
    switch (ref.onDelete()) {
      case DELETE_ALL -> sb.append(" ON DELETE CASCADE");
      case NILIFY_ALL -> sb.append(" ON DELETE SET NULL");
      case NILIFY_COLUMNS -> {
        if (ref.nilifyColumns().isEmpty()) {
          throw invalid("column " + column + ": onDelete(NILIFY_COLUMNS) needs the columns, given by onDeleteNilify(...)");
        }
        names(sb.append(" ON DELETE SET NULL ("), ref.nilifyColumns()).append(')');
      }
      case DEFAULT_ALL -> sb.append(" ON DELETE SET DEFAULT");
      case RESTRICT -> sb.append(" ON DELETE RESTRICT");
      case NOTHING -> { }
    }
    switch (ref.onUpdate()) {
      case UPDATE_ALL -> sb.append(" ON UPDATE CASCADE");
      case NILIFY_ALL -> sb.append(" ON UPDATE SET NULL");
      case RESTRICT -> sb.append(" ON UPDATE RESTRICT");
      case NOTHING -> { }
    }
    if (!ref.validate()) {
      sb.append(" NOT VALID");
    }
  }

  /** The reference's name, else PostgreSQL's own default for it: {@code <table>_<column>_fkey}. */
  private static StringBuilder referenceName(StringBuilder sb, Reference ref, Table table, String column) {
    return name(sb, ref.name() != null ? ref.name() : table.name() + "_" + column + "_fkey");
  }
}
