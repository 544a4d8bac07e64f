package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.util.Map;

/**
 * One error of a changeset: the field, a message template and its metadata (Ecto's
 * {@code {field, {message, keys}}}), so that messages can be translated.
 *
 * <pre>{@code
 * new ChangesetError("age", "is invalid", Map.of("type", "Integer", "validation", "cast"))
 * new ChangesetError("name", "should be at least %{count} character(s)", Map.of("count", 3)).formatted()
 * // "should be at least 3 character(s)"
 * }</pre>
 *
 * @param field the field name
 * @param message the message template
 * @param keys the metadata: validation kind, count, type, ...
 */
public record ChangesetError(String field, String message, Map<String, Object> keys) {
  /**
   * Validates and copies the metadata.
   *
   * <pre>{@code new ChangesetError("age", "is invalid", Map.of()) }</pre>
   */
  public ChangesetError {
    if (field == null || message == null) {
      throw new ArgumentException("a changeset error needs a field and a message");
    }
    keys = Map.copyOf(keys);
  }

  /**
   * The message with each {@code %{key}} replaced by its metadata value.
   *
   * <pre>{@code error.formatted() // "should be at least 3 character(s)" }</pre>
   *
   * @return the formatted message
   */
  public String formatted() {
    String out = message;
    for (Map.Entry<String, Object> e : keys.entrySet()) {
      out = out.replace("%{" + e.getKey() + "}", String.valueOf(e.getValue()));
    }
    return out;
  }
}
