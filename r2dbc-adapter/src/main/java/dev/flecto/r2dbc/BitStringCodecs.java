package dev.flecto.r2dbc;

import dev.flecto.schema.BitString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Registers, with every r2dbc-postgresql connection factory that detects extensions (the
 * driver's default, through {@code META-INF/services}), a codec for {@code varbit} and
 * {@code bit(n)}: a {@link BitString} parameter is sent as its text ({@code "0101"}) typed
 * {@code varbit} (a {@code BitString[]}, an {@code in(...)} list, as a {@code varbit[]}), and a
 * {@code varbit} or {@code bit} column is read as a {@link BitString}. The
 * driver has no codec for bit strings: it would send a string as {@code varchar}, which PostgreSQL
 * does not compare with or assign to {@code varbit} without a cast in the SQL, and it refuses to
 * read a {@code varbit} column at all. Typing the parameter {@code varbit} here means the SQL stays
 * as for any other type, and raw queries read and bind bit strings too. With extension detection
 * turned off, add it yourself: {@code PostgresqlConnectionConfiguration.builder().codecRegistrar(new BitStringCodecs())}.
 *
 * <pre>{@code PostgresqlConnectionConfiguration.builder().codecRegistrar(new BitStringCodecs()) }</pre>
 */
public final class BitStringCodecs implements CodecRegistrar {
  private static final int VARBIT = PostgresqlObjectId.VARBIT.getObjectId();
  private static final int BIT = PostgresqlObjectId.BIT.getObjectId();
  private static final int VARBIT_ARRAY = PostgresqlObjectId.VARBIT_ARRAY.getObjectId();

  /**
   * The registrar, as the driver's service loader makes it.
   *
   * <pre>{@code new BitStringCodecs() }</pre>
   */
  public BitStringCodecs() {}

  @Override
  public Publisher<Void> register(PostgresqlConnection connection, ByteBufAllocator allocator, CodecRegistry registry) {
    return Mono.fromRunnable(() -> registry.addFirst(new BitStringCodec(allocator)));
  }

  /** Only varbit and bit to BitString, and BitString to varbit: every other type is the driver's. */
  private static final class BitStringCodec implements Codec<Object> {
    private final ByteBufAllocator allocator;

    BitStringCodec(ByteBufAllocator allocator) {
      this.allocator = allocator;
    }

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
      return (dataType == VARBIT || dataType == BIT) && type.isAssignableFrom(BitString.class);
    }

    // A BitString[] is an in(...) list's parameter (= ANY($1)).
    @Override
    public boolean canEncode(Object value) {
      return value instanceof BitString || value instanceof BitString[];
    }

    @Override
    public boolean canEncodeNull(Class<?> type) {
      return type == BitString.class; // encodeNull is told no type: a null is a varbit
    }

    @Override
    public Object decode(ByteBuf buffer, int dataType, Format format, Class<?> type) {
      return buffer == null ? null : format == Format.FORMAT_BINARY ? binary(buffer)
          : BitString.of(buffer.toString(StandardCharsets.US_ASCII));
    }

    // Text, not binary: the server reads it with varbit's input function, into a bit(n) column as well (which
    // then checks the length), and the text is what BitString holds.
    @Override
    public EncodedParameter encode(Object value) {
      boolean array = value instanceof BitString[];
      byte[] text = (array ? literal((BitString[]) value) : value.toString()).getBytes(StandardCharsets.US_ASCII);
      return new EncodedParameter(Format.FORMAT_TEXT, array ? VARBIT_ARRAY : VARBIT,
          Mono.fromSupplier(() -> allocator.buffer(text.length).writeBytes(text)));
    }

    @Override
    public EncodedParameter encode(Object value, int dataType) {
      return encode(value);
    }

    @Override
    public EncodedParameter encodeNull() {
      return new EncodedParameter(Format.FORMAT_TEXT, VARBIT, EncodedParameter.NULL_VALUE);
    }
  }

  /** A varbit[] literal, each element quoted (an empty bit string would otherwise be no element), NULL unquoted. */
  static String literal(BitString[] elements) {
    StringBuilder sb = new StringBuilder(2 + elements.length * 8).append('{');
    for (int i = 0; i < elements.length; i++) {
      sb.append(i == 0 ? "" : ",");
      if (elements[i] == null) {
        sb.append("NULL");
      } else {
        sb.append('"').append(elements[i]).append('"');
      }
    }
    return sb.append('}').toString();
  }

  /** The binary form: the length in bits, then the bits packed into bytes, most significant first. */
  static BitString binary(ByteBuf b) {
    int length = b.readInt();
    StringBuilder bits = new StringBuilder(length);
    int current = 0;
    for (int i = 0; i < length; i++) {
      if (i % 8 == 0) {
        current = b.readUnsignedByte();
      }
      bits.append((current & (0x80 >>> (i % 8))) != 0 ? '1' : '0');
    }
    return BitString.of(bits.toString());
  }
}
