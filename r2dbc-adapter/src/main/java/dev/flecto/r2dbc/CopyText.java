package dev.flecto.r2dbc;

import dev.flecto.DumpException;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.JsonText;
import dev.flecto.schema.SchemaField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Rows in COPY's text format, one writer a column chosen once per shape. Text, not binary: the
 * server parses each value with its column's input function, as it types a bound parameter, so a
 * field whose Java type differs from its column's (an Integer into bigint, an enum into a
 * PostgreSQL enum, a Double into numeric) loads as it does through VALUES, where binary would need
 * each column's exact wire type. Times are written to the microsecond with an explicit UTC offset
 * and era, so neither the session's time zone nor DateStyle enters into it.
 */
final class CopyText {
  /** A value's text, unescaped (the text PostgreSQL's input function reads); never given null. */
  interface Text {
    void append(StringBuilder sb, Object value);
  }

  private final SchemaField[] fields;
  private final int[] positions;
  private final Text[] texts;
  // Whether a column's text can hold a tab, newline, carriage return or backslash, which COPY escapes.
  private final boolean[] escaped;
  private final String source;

  private CopyText(SchemaField[] fields, int[] positions, Text[] texts, boolean[] escaped, String source) {
    this.fields = fields;
    this.positions = positions;
    this.texts = texts;
    this.escaped = escaped;
    this.source = source;
  }

  /**
   * The plan for these fields, read at these positions of each row; null when a field has no text
   * form here (an untyped list): such rows go through VALUES, which reports it.
   */
  static CopyText plan(List<SchemaField> fields, int[] positions, String source) {
    Text[] texts = new Text[fields.size()];
    boolean[] escaped = new boolean[fields.size()];
    for (int i = 0; i < texts.length; i++) {
      SchemaField f = fields.get(i);
      // A list of a custom type (an Ecto.Enum array) is dumped first, to an array of its stored class.
      texts[i] = f.elementType() == null ? scalar(f.type())
          : array(FieldType.of(f.custom() != null ? f.elementBindClass() : f.elementType()));
      if (texts[i] == null) {
        return null;
      }
      escaped[i] = f.elementType() != null || mayNeedEscapes(f.type());
    }
    return new CopyText(fields.toArray(new SchemaField[0]), positions, texts, escaped, source);
  }

  /** One row, as a line: values separated by tabs, {@code \N} for NULL. */
  void row(StringBuilder sb, Object[] row, int index) {
    for (int i = 0; i < texts.length; i++) {
      if (i > 0) {
        sb.append('\t');
      }
      Object v = row[positions[i]];
      if (v != null && fields[i].custom() != null) {
        v = fields[i].dump(v); // a custom type's value is written as it is stored
      }
      if (v == null) {
        sb.append("\\N");
      } else if (!escaped[i]) {
        write(sb, i, v, index);
      } else if (v instanceof String text) {
        escape(sb, text); // a string is escaped as it is copied, without a copy of its own
      } else {
        StringBuilder raw = new StringBuilder(32);
        write(raw, i, v, index);
        escape(sb, raw);
      }
    }
    sb.append('\n');
  }

  private void write(StringBuilder sb, int column, Object v, int index) {
    try {
      texts[column].append(sb, v);
    } catch (RuntimeException e) {
      throw new DumpException("cannot write value " + v + " of field '" + fields[column].name() + "' in entry " + index
          + " given to insertAll for " + source + " as COPY text: " + e + "; nothing was written", e);
    }
  }

  private static boolean mayNeedEscapes(FieldType t) {
    return t == FieldType.STRING || t == FieldType.MAP || t == FieldType.BYTES || t == FieldType.ENUM;
  }

  /** COPY's escapes: backslash, tab, newline and carriage return; everything else as it is. */
  static void escape(StringBuilder sb, CharSequence s) {
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : null;
      if (esc != null) {
        sb.append(s, start, i).append(esc);
        start = i + 1;
      }
    }
    sb.append(s, start, s.length());
  }

  private static Text scalar(FieldType type) {
    switch (type) {
      case STRING:
        return (sb, v) -> sb.append((String) v);
      case INTEGER: case LONG: case SHORT:
        return (sb, v) -> sb.append(((Number) v).longValue());
      case BOOLEAN:
        return (sb, v) -> sb.append((Boolean) v ? 't' : 'f');
      case DOUBLE:
        return (sb, v) -> sb.append(((Double) v).doubleValue());
      case FLOAT:
        // As its double: the text of the float's exact value, which a real column reads back as the same float and
        // a double precision column as the driver's float4 parameter widened (the float's text would read as 1.1 exactly).
        return (sb, v) -> sb.append(((Float) v).doubleValue());
      case DECIMAL:
        return (sb, v) -> sb.append(((BigDecimal) v).toPlainString());
      case UUID_TYPE:
        return (sb, v) -> sb.append(v);
      case INSTANT:
        return (sb, v) -> CopyTimes.timestamptz(sb, (Instant) v);
      case OFFSET_DATE_TIME:
        return (sb, v) -> CopyTimes.timestamptz(sb, ((OffsetDateTime) v).toInstant());
      case LOCAL_DATE_TIME:
        return (sb, v) -> CopyTimes.timestamp(sb, (LocalDateTime) v, "");
      case LOCAL_DATE:
        return (sb, v) -> CopyTimes.date(sb, (LocalDate) v);
      case LOCAL_TIME:
        return (sb, v) -> CopyTimes.time(sb, (LocalTime) v);
      case PERIOD: // ISO-8601, which interval input reads ("P1Y2M3D")
        return (sb, v) -> sb.append(v);
      case DURATION: // ISO-8601, which interval input reads ("PT1H30M0.000001S")
        return (sb, v) -> sb.append(((java.time.Duration) v).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      case BITSTRING: // its bits, which varbit input reads ("0101")
        return (sb, v) -> sb.append(v);
      case BYTES:
        return (sb, v) -> hex(sb.append("\\x"), (byte[]) v);
      case ENUM:
        return (sb, v) -> sb.append(((Enum<?>) v).name());
      case MAP:
        return (sb, v) -> sb.append(v instanceof JsonText j ? j.text()
            : v instanceof JsonText[] elements ? new JsonbArray(elements).literal() : JsonText.of(v).text());
      case LIST: case ASSOC:
        return null;
      default:
        throw new AssertionError(type);
    }
  }

  // An array literal: every element double-quoted (so spaces, commas and braces need nothing), NULL unquoted.
  private static Text array(FieldType element) {
    Text text = element == null || element == FieldType.MAP ? null : scalar(element);
    if (text == null) {
      return null;
    }
    return (sb, v) -> {
      sb.append('{');
      StringBuilder item = new StringBuilder(16);
      boolean first = true;
      for (Object e : v instanceof Object[] dumped ? java.util.Arrays.asList(dumped) : (List<?>) v) {
        sb.append(first ? "" : ",");
        first = false;
        if (e == null) {
          sb.append("NULL");
          continue;
        }
        item.setLength(0);
        text.append(item, e);
        sb.append('"');
        for (int i = 0; i < item.length(); i++) {
          char c = item.charAt(i);
          sb.append(c == '"' || c == '\\' ? "\\" : "").append(c);
        }
        sb.append('"');
      }
      sb.append('}');
    };
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void hex(StringBuilder sb, byte[] bytes) {
    for (byte b : bytes) {
      sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
  }

  /** The java.time texts: ISO dates with a 4-digit (or longer) year and BC for years before 1, microseconds. */
  static final class CopyTimes {
    private CopyTimes() {}

    static void timestamptz(StringBuilder sb, Instant i) {
      timestamp(sb, LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC), "+00");
    }

    static void timestamp(StringBuilder sb, LocalDateTime t, String zone) {
      boolean bc = ymd(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth());
      time(sb.append(' '), t.toLocalTime());
      sb.append(zone).append(bc ? " BC" : "");
    }

    static void date(StringBuilder sb, LocalDate d) {
      boolean bc = ymd(sb, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
      sb.append(bc ? " BC" : "");
    }

    // Truncated to the microsecond, as FieldType.dump does: PostgreSQL would round, perhaps into the next day.
    static void time(StringBuilder sb, LocalTime t) {
      two(sb, t.getHour()).append(':');
      two(sb, t.getMinute()).append(':');
      two(sb, t.getSecond());
      int micros = t.getNano() / 1_000;
      if (micros != 0) {
        String digits = Integer.toString(micros);
        sb.append('.').append("000000", 0, 6 - digits.length()).append(digits);
      }
    }

    // Year 0 is 1 BC, year -1 is 2 BC (ISO proleptic years against PostgreSQL's eras).
    private static boolean ymd(StringBuilder sb, int year, int month, int day) {
      boolean bc = year <= 0;
      String y = Integer.toString(bc ? 1 - year : year);
      sb.append("0000", 0, Math.max(0, 4 - y.length())).append(y).append('-');
      two(sb, month).append('-');
      two(sb, day);
      return bc;
    }

    private static StringBuilder two(StringBuilder sb, int n) {
      return sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
  }
}
