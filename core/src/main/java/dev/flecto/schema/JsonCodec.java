package dev.flecto.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson mapper of map (jsonb) fields and selected JSON paths: what it writes, it can read.
 *
 * <p>Jackson's {@link StreamReadConstraints} refuse, while reading, keys over 50,000 characters,
 * strings over 20,000,000, numbers over 1,000 digits and nesting over 1,000 levels; PostgreSQL
 * stores all of them. The writer checks each key, string, number and level against the very
 * constraints object the reader uses ({@link LimitedGenerator}), so the two cannot drift apart,
 * and a value the reader would refuse fails its write instead of making every later read of its
 * row fail. Raising the reader's limits instead was rejected: the limits guard against documents
 * that cost a reader quadratic time or unbounded memory, a row written by another program would
 * still be refused, and a value read back goes on to users' own Jackson mappers (a web response,
 * a request posted back), which keep the defaults.
 */
final class JsonCodec {
  /** Jackson's defaults, built here rather than taken from the JVM-wide overridable defaults, so they are fixed. */
  static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().build();

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(LIMITS)
          // The LimitedGenerator checks depth against LIMITS first; this only keeps the writer's own check no stricter.
          .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(LIMITS.getMaxNestingDepth()).build())
          .build())
      // java.time as ISO-8601 text (Ecto's Jason writes DateTime, Date, Time and NaiveDateTime so), not epoch numbers.
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .build();
  private static final ObjectWriter WRITER = MAPPER.writer();
  private static final ObjectReader MAP_READER = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {});
  private static final ObjectReader ANY_READER = MAPPER.readerFor(Object.class);

  private JsonCodec() {}

  /** The JSON text of a value; IllegalArgumentException saying why when Jackson cannot write it or could not read it back. */
  /** A JSON value (maps, lists, strings, numbers) read into a Java type, as Jackson reads it from JSON text. */
  static <T> T convert(Object json, Class<T> type) {
    return MAPPER.convertValue(json, type);
  }

  static String encode(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new LimitedGenerator(MAPPER.createGenerator(out), LIMITS)) {
      WRITER.writeValue(g, value);
    } catch (IOException e) {
      throw refused(e);
    }
    return out.toString();
  }

  /** A JSON object as an unmodifiable map. */
  static Map<String, Object> decodeObject(String json) {
    try {
      Map<String, Object> map = MAP_READER.readValue(json);
      return map == null ? null : Collections.unmodifiableMap(map);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot decode a JSON object: " + brief(e.getOriginalMessage()), e);
    }
  }

  /** Any JSON value as Jackson reads it untyped; a top-level map or list unmodifiable. */
  @SuppressWarnings("unchecked")
  static Object decode(String json) {
    try {
      Object value = ANY_READER.readValue(json);
      if (value instanceof Map<?, ?> m) {
        return Collections.unmodifiableMap((Map<String, Object>) m);
      }
      return value instanceof List<?> l ? Collections.unmodifiableList(l) : value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot decode JSON: " + brief(e.getOriginalMessage()), e);
    }
  }

  // A limit names only what is too long, never the value (a 50,000-character key) nor Jackson's path to it.
  private static IllegalArgumentException refused(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        return new IllegalArgumentException(limit.getOriginalMessage() + "; Jackson refuses that when reading JSON, so the "
            + "value could never be read back", e);
      }
    }
    return new IllegalArgumentException("cannot be encoded as JSON: " + brief(e.getMessage()) + " (a map field holds maps, "
        + "lists, strings, numbers, booleans, nulls, java.time values, written as ISO-8601 text, and records or beans with "
        + "properties, written as objects)", e);
  }

  private static String brief(String message) {
    return message == null || message.length() <= 500 ? message : message.substring(0, 500) + "...";
  }
}
