package dev.flecto.r2dbc.postgres;

import static dev.flecto.r2dbc.postgres.DdlCompiler.invalid;
import static dev.flecto.r2dbc.postgres.DdlCompiler.literal;

import dev.flecto.migration.Column;
import dev.flecto.migration.ColumnType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * A column's default in DDL, as ecto_sql's {@code default_expr} writes it. DDL takes no bound
 * parameters, so the value is written as a literal: a string quoted (quotes doubled), a number
 * or boolean as it prints, a list as {@code ARRAY[...]::type[]} for an array column, a map as
 * its JSON for a map column; a fragment is written as given.
 */
final class DdlDefaults {
  private DdlDefaults() {}

  /** {@code  DEFAULT ...} when the column has a default, else nothing. */
  static void expr(StringBuilder sb, Column c, ColumnType type) {
    if (!c.hasDefault()) {
      return;
    }
    if (c.defaultFragment() != null) {
      sb.append(" DEFAULT ").append(c.defaultFragment());
    } else if (c.defaultValue() == null) {
      sb.append(" DEFAULT NULL");
    } else {
      value(sb.append(" DEFAULT "), c.defaultValue(), type, c);
    }
  }

  private static void value(StringBuilder sb, Object value, ColumnType type, Column c) {
    if (value instanceof Collection<?> list && DdlColumns.is(type, "array") && type.element() != null) {
      // The cast names the element type without its size (ARRAY['pt','es']::varchar[]), as
      // ecto_sql's ecto_to_db does; it also types an empty ARRAY[].
      sb.append("ARRAY[");
      int i = 0;
      for (Object element : list) {
        if (element == null) {
          sb.append(i++ > 0 ? ",NULL" : "NULL");
          continue;
        }
        value(i++ > 0 ? sb.append(',') : sb, element, type.element(), c);
      }
      sb.append("]::").append(DdlColumns.dbType(type));
    } else if (value instanceof CharSequence text) {
      if (text.toString().indexOf('\0') >= 0) {
        // PostgreSQL text cannot hold a NUL; a bytea default is written as its hex string.
        throw invalid("column " + c.name() + ": defaultValue(...) is written as a string literal and cannot contain "
            + "a null byte; for a binary value write its hex form (\"\\\\x00\") or use defaultFragment(...)");
      }
      literal(sb, text.toString());
    } else if (value instanceof byte[] bytes) {
      StringBuilder hex = new StringBuilder("\\x");
      for (byte b : bytes) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      literal(sb, hex.toString()); // bytea's hex input form
    } else if (value instanceof Boolean || value instanceof Number) {
      sb.append(number(value, c));
    } else if (value instanceof Map<?, ?> map && DdlColumns.is(type, "map") && type.element() == null) {
      StringBuilder json = new StringBuilder();
      json(json, map, c);
      literal(sb, json.toString());
    } else {
      throw invalid("column " + c.name() + ": unknown default " + describe(value) + " for type " + type
          + "; defaultValue may be a string, number, boolean, byte[], a list (for an array type), a map (for a map "
          + "type) or null; else give the SQL with defaultFragment(...)");
    }
  }

  private static String number(Object value, Column c) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if ((value instanceof Double d && !Double.isFinite(d)) || (value instanceof Float f && !Float.isFinite(f))) {
      throw invalid("column " + c.name() + ": defaultValue(" + value + ") is not a finite number; write it with "
          + "defaultFragment(\"'" + value + "'\")");
    }
    return value.toString();
  }

  /** A map default's JSON, as Ecto encodes it with its JSON library (keys as strings). */
  private static void json(StringBuilder sb, Object value, Column c) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        jsonString(i++ > 0 ? sb.append(',') : sb, String.valueOf(e.getKey()));
        json(sb.append(':'), e.getValue(), c);
      }
      sb.append('}');
    } else if (value instanceof Collection<?> list) {
      sb.append('[');
      int i = 0;
      for (Object element : list) {
        json(i++ > 0 ? sb.append(',') : sb, element, c);
      }
      sb.append(']');
    } else if (value instanceof CharSequence text) {
      jsonString(sb, text.toString());
    } else if (value instanceof Boolean || value instanceof Number) {
      sb.append(number(value, c));
    } else {
      throw invalid("column " + c.name() + ": the map default holds " + describe(value) + ", which has no JSON form");
    }
  }

  private static void jsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }

  private static String describe(Object value) {
    return value.getClass().getSimpleName() + " " + value;
  }
}
