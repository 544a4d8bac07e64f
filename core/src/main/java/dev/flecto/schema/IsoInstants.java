package dev.flecto.schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The common shape of an ISO-8601 timestamp with an offset, read straight into an {@code Instant}:
 * {@code yyyy-MM-ddTHH:mm:ss}, a fraction of 1 to 9 digits or none, then {@code Z} or
 * {@code ±HH:mm} (a space in place of the {@code T}, as Ecto takes). {@code OffsetDateTime.parse}
 * reads the same text through a {@code DateTimeFormatter}, which builds a map of fields for every
 * value (about 1.3 KB and a microsecond each), where casting a form's timestamp is a step of a
 * changeset on every request. Ecto's own cast reads it with a hand-written parser too.
 *
 * <p>Anything else (another shape, an out-of-range field, an offset with seconds) answers null, and
 * the caller parses it with {@code OffsetDateTime.parse}, which accepts or refuses it as before.
 */
final class IsoInstants {
  private IsoInstants() {}

  /** The instant the text names, or null when it is not the common shape (or not valid in it). */
  static Instant parse(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    char t = s.charAt(10);
    if (t != 'T' && t != 't' && t != ' ') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (s.charAt(at) == '.') {
      int from = ++at;
      while (at < n && at - from < 9 && isDigit(s.charAt(at))) {
        nanos = nanos * 10 + (s.charAt(at++) - '0');
      }
      int width = at - from;
      if (width == 0 || at < n && isDigit(s.charAt(at))) {
        return null;
      }
      for (int i = width; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (at == n - 1 && s.charAt(at) == 'Z') {
      offsetSeconds = 0;
    } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
      int oh = digits(s, at + 1, 2);
      int om = digits(s, at + 4, 2);
      if (oh < 0 || oh > 18 || om < 0 || om > 59 || oh == 18 && om != 0) {
        return null;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(at) == '-' ? -1 : 1);
    } else {
      return null;
    }
    if (day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds, nanos);
  }

  // The value of count decimal digits from the index, or -1 when one is not a digit.
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
