package dev.flecto.r2dbc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Registers, with every r2dbc-postgresql connection factory that detects extensions (the
 * driver's default, through {@code META-INF/services}), a codec for {@code jsonb[]}: a
 * {@link JsonbArray} parameter is sent as the array's text, and a {@code jsonb[]} column is read as
 * a {@code String[]} of its elements' JSON. The driver itself has no codec for JSON arrays;
 * Flecto's {@code @EmbedsMany(array = true)} fields need one. With extension detection turned off,
 * add it yourself: {@code PostgresqlConnectionConfiguration.builder().codecRegistrar(new JsonbArrayCodecs())}.
 *
 * <pre>{@code PostgresqlConnectionConfiguration.builder().codecRegistrar(new JsonbArrayCodecs()) }</pre>
 */
public final class JsonbArrayCodecs implements CodecRegistrar {
  /** PostgreSQL's OID of {@code jsonb[]}. */
  private static final int JSONB_ARRAY = 3807;

  /**
   * The registrar, as the driver's service loader makes it.
   *
   * <pre>{@code new JsonbArrayCodecs() }</pre>
   */
  public JsonbArrayCodecs() {}

  @Override
  public Publisher<Void> register(PostgresqlConnection connection, ByteBufAllocator allocator, CodecRegistry registry) {
    return Mono.fromRunnable(() -> registry.addFirst(new JsonbArrayCodec(allocator)));
  }

  /** Only jsonb[] to String[], and JsonbArray to jsonb[]: every other type is the driver's. */
  private static final class JsonbArrayCodec implements Codec<Object> {
    private final ByteBufAllocator allocator;

    JsonbArrayCodec(ByteBufAllocator allocator) {
      this.allocator = allocator;
    }

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
      return dataType == JSONB_ARRAY && type.isAssignableFrom(String[].class);
    }

    @Override
    public boolean canEncode(Object value) {
      return value instanceof JsonbArray;
    }

    @Override
    public boolean canEncodeNull(Class<?> type) {
      return type == JsonbArray.class;
    }

    @Override
    public Object decode(ByteBuf buffer, int dataType, Format format, Class<?> type) {
      return buffer == null ? null : format == Format.FORMAT_BINARY ? binary(buffer) : text(buffer.toString(StandardCharsets.UTF_8));
    }

    @Override
    public EncodedParameter encode(Object value) {
      byte[] text = ((JsonbArray) value).literal().getBytes(StandardCharsets.UTF_8);
      return new EncodedParameter(Format.FORMAT_TEXT, JSONB_ARRAY, Mono.fromSupplier(() -> allocator.buffer(text.length).writeBytes(text)));
    }

    @Override
    public EncodedParameter encode(Object value, int dataType) {
      return encode(value);
    }

    @Override
    public EncodedParameter encodeNull() {
      return new EncodedParameter(Format.FORMAT_TEXT, JSONB_ARRAY, EncodedParameter.NULL_VALUE);
    }

  }

  /** The binary array: dimensions, a null flag, the element type, each dimension's size and bound, then each element (jsonb: a version byte, then its text). */
  static String[] binary(ByteBuf b) {
    int dims = b.readInt();
    b.readInt();
    b.readInt();
    if (dims == 0) {
      return new String[0];
    }
    int n = 1;
    for (int d = 0; d < dims; d++) {
      n *= b.readInt();
      b.readInt();
    }
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      int length = b.readInt();
      if (length >= 0) {
        b.skipBytes(1);
        out[i] = b.readCharSequence(length - 1, StandardCharsets.UTF_8).toString();
      }
    }
    return out;
  }

  /** The text array: {@code {"{\"a\": 1}",NULL}}; PostgreSQL quotes any element that reads as NULL, so an unquoted NULL is one. */
  static String[] text(String s) {
    List<String> out = new ArrayList<>();
    int i = 1;
    while (i < s.length() - 1) {
      if (s.charAt(i) == '"') {
        StringBuilder e = new StringBuilder();
        for (i++; s.charAt(i) != '"'; i++) {
          e.append(s.charAt(i) == '\\' ? s.charAt(++i) : s.charAt(i));
        }
        out.add(e.toString());
        i++;
      } else {
        int end = i;
        while (end < s.length() - 1 && s.charAt(end) != ',') {
          end++;
        }
        String raw = s.substring(i, end);
        out.add(raw.equalsIgnoreCase("NULL") ? null : raw);
        i = end;
      }
      i++; // the comma
    }
    return out.toArray(new String[0]);
  }
}
