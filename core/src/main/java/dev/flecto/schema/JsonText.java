package dev.flecto.schema;

import java.util.Map;

/**
 * JSON text to bind as jsonb: what a {@code Map} field dumps to, so an adapter can bind it with its
 * driver's JSON type rather than as a string. Encoding writes {@code java.time} values as ISO-8601
 * text, as Ecto's Jason does, and refuses what Jackson could not read back (see {@link #of}).
 *
 * <pre>{@code JsonText.of(Map.of("theme", "dark")).text() // {"theme":"dark"} }</pre>
 *
 * @param text the JSON
 */
public record JsonText(String text) {
  /**
   * Encodes a value as JSON. A {@code java.time} value becomes its ISO-8601 text
   * ({@code Instant} {@code "2024-05-01T10:00:00Z"}, {@code LocalDate} {@code "2024-05-01"},
   * {@code Duration} {@code "PT1H30M"}), which reads back as that string. A value Jackson's
   * {@code StreamReadConstraints} would refuse when reading it back (a key over 50,000 characters,
   * a string over 20,000,000, a number over 1,000 digits as PostgreSQL prints it, nesting over
   * 1,000 levels, such as a map that contains itself) is refused here, naming the limit.
   *
   * <pre>{@code
   * JsonText.of(Map.of("a", 1))                               // {"a":1}
   * JsonText.of(Map.of("at", LocalDate.parse("2024-05-01")))  // {"at":"2024-05-01"}
   * JsonText.of(Map.of("x", new Object()))                    // IllegalArgumentException: cannot be encoded as JSON: ...
   * }</pre>
   *
   * @param value a map, list, string, number, boolean, {@code java.time} value, a record or bean, or null
   * @return the JSON text
   * @throws IllegalArgumentException when the value cannot be encoded, or could not be read back
   */
  public static JsonText of(Object value) {
    return new JsonText(JsonCodec.encode(value));
  }

  /**
   * Decodes a JSON object into an unmodifiable map.
   *
   * <pre>{@code JsonText.parse("{\"a\":1}") // {a=1} }</pre>
   *
   * @param json the JSON object text
   * @return the map
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  public static Map<String, Object> parse(String json) {
    return JsonCodec.decodeObject(json);
  }

  /**
   * Decodes any JSON value as Jackson reads it untyped: an object as an unmodifiable
   * {@code Map<String, Object>}, an array as an unmodifiable {@code List<Object>}, a string as a
   * {@code String}, a number as an {@code Integer}, {@code Long}, {@code BigInteger} or
   * {@code Double}, {@code true}/{@code false} as a {@code Boolean}, {@code null} as null. A
   * selected {@link dev.flecto.query.JsonPath} reads so.
   *
   * <pre>{@code
   * JsonText.decode("{\"a\":[1,2]}")  // {a=[1, 2]}
   * JsonText.decode("12")             // 12
   * JsonText.decode("\"dark\"")       // "dark"
   * }</pre>
   *
   * @param json JSON text
   * @return the value
   * @throws IllegalArgumentException when the text is not JSON, or exceeds Jackson's limits
   */
  public static Object decode(String json) {
    return JsonCodec.decode(json);
  }
}
