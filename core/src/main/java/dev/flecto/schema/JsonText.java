package dev.flecto.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * JSON text to bind as jsonb: what a {@code Map} field dumps to, so an adapter can bind it with its
 * driver's JSON type rather than as a string.
 *
 * <pre>{@code JsonText.of(Map.of("theme", "dark")).text() // {"theme":"dark"} }</pre>
 *
 * @param text the JSON
 */
public record JsonText(String text) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /**
   * Encodes a value as JSON.
   *
   * <pre>{@code JsonText.of(Map.of("a", 1)) }</pre>
   *
   * @param value a map, list, string, number, boolean or null
   * @return the JSON text
   * @throws IllegalArgumentException when the value cannot be encoded
   */
  public static JsonText of(Object value) {
    try {
      return new JsonText(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value + " as JSON: " + e.getOriginalMessage(), e);
    }
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
    try {
      return java.util.Collections.unmodifiableMap(MAPPER.readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot decode a JSON object from " + json + ": " + e.getOriginalMessage(), e);
    }
  }
}
