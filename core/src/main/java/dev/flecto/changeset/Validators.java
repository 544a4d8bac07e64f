package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The checks behind the validations, with Ecto's messages and metadata. */
final class Validators {
  private static final java.util.regex.Pattern GRAPHEME = java.util.regex.Pattern.compile("\\X");

  private Validators() {}

  static Map<String, Object> lengthOptions(LengthRule rule) {
    Object[] pairs = new Object[10];
    int n = 0;
    if (rule.is() != null) {
      n = pair(pairs, n, "is", rule.is());
    }
    if (rule.min() != null) {
      n = pair(pairs, n, "min", rule.min());
    }
    if (rule.max() != null) {
      n = pair(pairs, n, "max", rule.max());
    }
    if (rule.count() != LengthRule.Count.GRAPHEMES) {
      n = pair(pairs, n, "count", rule.count().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (rule.message() != null) {
      n = pair(pairs, n, "message", rule.message());
    }
    return options(pairs, n);
  }

  /** Puts a key and its value at {@code n} (a key already there gets the new value); returns the new end. */
  static int pair(Object[] pairs, int n, String key, Object value) {
    for (int i = 0; i < n; i += 2) {
      if (pairs[i].equals(key)) {
        pairs[i + 1] = value;
        return n;
      }
    }
    pairs[n] = key;
    pairs[n + 1] = value;
    return n + 2;
  }

  /**
   * The first {@code n} entries of key, value pairs as an immutable map, which {@link Validation}
   * keeps as it is: a validation's options were built in a LinkedHashMap and then copied, twice
   * the garbage of a changeset step for the same map.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> options(Object[] pairs, int n) {
    switch (n) {
      case 0:
        return Map.of();
      case 2:
        return Map.of((String) pairs[0], pairs[1]);
      case 4:
        return Map.of((String) pairs[0], pairs[1], (String) pairs[2], pairs[3]);
      default:
        Map.Entry<String, Object>[] entries = new Map.Entry[n / 2];
        for (int i = 0; i < n; i += 2) {
          entries[i / 2] = Map.entry((String) pairs[i], pairs[i + 1]);
        }
        return Map.ofEntries(entries);
    }
  }

  /** Ecto checks is, then min, then max, and reports only the first that fails. */
  static List<ChangesetError> length(String field, Object value, LengthRule rule) {
    String type;
    int length;
    if (value instanceof String s) {
      type = rule.count() == LengthRule.Count.BYTES ? "binary" : "string";
      length = stringLength(s, rule.count());
    } else if (value instanceof byte[] b) {
      type = "binary";
      length = b.length;
    } else if (value instanceof Collection<?> c) {
      type = "list";
      length = c.size();
    } else {
      throw new ArgumentException("validateLength on field '" + field + "' needs a string, byte[] or list, got "
          + value.getClass().getName());
    }
    if (rule.is() != null && length != rule.is()) {
      return error(field, rule, type, "is", rule.is());
    }
    if (rule.min() != null && length < rule.min()) {
      return error(field, rule, type, "min", rule.min());
    }
    if (rule.max() != null && length > rule.max()) {
      return error(field, rule, type, "max", rule.max());
    }
    return List.of();
  }

  private static List<ChangesetError> error(String field, LengthRule rule, String type, String kind, int count) {
    String message = rule.message() != null ? rule.message() : lengthMessage(type, kind);
    return List.of(new ChangesetError(field, message,
        Map.of("count", count, "validation", "length", "kind", kind, "type", type)));
  }

  private static String lengthMessage(String type, String kind) {
    String bound = kind.equals("is") ? "" : kind.equals("min") ? "at least " : "at most ";
    switch (type) {
      case "string":
        return "should be " + bound + "%{count} character(s)";
      case "binary":
        return "should be " + bound + "%{count} byte(s)";
      default:
        return "should have " + bound + "%{count} item(s)";
    }
  }

  static int stringLength(String s, LengthRule.Count count) {
    switch (count) {
      case BYTES:
        return s.getBytes(StandardCharsets.UTF_8).length;
      case CODEPOINTS:
        return s.codePointCount(0, s.length());
      case GRAPHEMES:
        if (plainAscii(s)) {
          return s.length(); // every character its own grapheme: no regex a call for the common case
        }
        // \X is an extended grapheme cluster: emoji sequences and flags count once, as in Elixir.
        java.util.regex.Matcher m = GRAPHEME.matcher(s);
        int n = 0;
        while (m.find()) {
          n++;
        }
        return n;
      default:
        throw new AssertionError(count);
    }
  }

  static List<ChangesetError> number(String field, Object value, NumberRule[] rules) {
    if (!(value instanceof Number n)) {
      throw new ArgumentException("validateNumber on field '" + field + "' needs a number, got "
          + value.getClass().getName());
    }
    for (NumberRule r : rules) {
      if (!r.holdsFor(n)) {
        String message = r.message() != null ? r.message() : r.kind().defaultMessage();
        return List.of(new ChangesetError(field, message,
            Map.of("validation", "number", "kind", r.kind().ectoName(), "number", r.number())));
      }
    }
    return List.of();
  }

  // Numbers compare by value across types (1 and 1L and 1.0 are the same), as Elixir's ==.
  static boolean contains(Collection<?> values, Object value) {
    for (Object v : values) {
      if (Values.same(v, value)) {
        return true;
      }
      if (v instanceof Number a && value instanceof Number b
          && NumberRule.decimal(a).compareTo(NumberRule.decimal(b)) == 0) {
        return true;
      }
    }
    return false;
  }

  static boolean accepted(Object param) {
    return Boolean.TRUE.equals(param) || "true".equals(param) || "1".equals(param); // Ecto's boolean cast to true
  }

  /** ASCII with no CR: one grapheme a character (CR LF is the one ASCII pair that makes a single grapheme). */
  private static boolean plainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == '\r') {
        return false;
      }
    }
    return true;
  }
}
