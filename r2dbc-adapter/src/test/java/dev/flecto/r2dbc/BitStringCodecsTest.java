package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.schema.BitString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.message.Format;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The varbit texts and binary frames BitStringCodecs reads and writes (BitStringIT runs them against PostgreSQL). */
class BitStringCodecsTest {
  private static final int VARBIT = 1562;
  private static final int BIT = 1560;

  @SuppressWarnings("unchecked")
  private static Codec<Object> codec() {
    List<Codec<?>> codecs = new ArrayList<>();
    CodecRegistry registry = new CodecRegistry() {
      @Override
      public void addFirst(Codec<?> codec) {
        codecs.add(0, codec);
      }

      @Override
      public void addLast(Codec<?> codec) {
        codecs.add(codec);
      }

      @Override
      public Iterator<Codec<?>> iterator() {
        return codecs.iterator();
      }
    };
    Mono.from(new BitStringCodecs().register(null, ByteBufAllocator.DEFAULT, registry)).block();
    assertThat(codecs).hasSize(1);
    return (Codec<Object>) codecs.get(0);
  }

  @Test
  void aBitStringIsSentAsItsTextTypedVarbit() {
    Codec<Object> codec = codec();
    assertThat(codec.canEncode(BitString.of("0101"))).isTrue();
    assertThat(codec.canEncode("0101")).as("a String stays the driver's").isFalse();
    assertThat(codec.canEncodeNull(BitString.class)).isTrue();
    assertThat(codec.canEncodeNull(String.class)).isFalse();
    // The parameter's parts are the driver's package-private: its text names them (the IT checks what the server stores).
    EncodedParameter p = codec.encode(BitString.of("0101"));
    assertThat(p.toString()).contains("FORMAT_TEXT").contains("type=" + VARBIT);
    assertThat(codec.encodeNull().toString()).contains("type=" + VARBIT);
    assertThat(codec.canEncode(new BitString[0])).as("an in(...) list").isTrue();
    assertThat(codec.encode(new BitString[] {BitString.of("01"), null}).toString()).contains("type=1563");
    assertThat(BitStringCodecs.literal(new BitString[] {BitString.of("01"), null, BitString.of("")})).isEqualTo("{\"01\",NULL,\"\"}");
  }

  @Test
  void varbitAndBitColumnsAreReadAsBitStringsInTextAndBinary() {
    Codec<Object> codec = codec();
    assertThat(codec.canDecode(VARBIT, Format.FORMAT_TEXT, BitString.class)).isTrue();
    assertThat(codec.canDecode(BIT, Format.FORMAT_BINARY, Object.class)).as("raw queries read Object").isTrue();
    assertThat(codec.canDecode(VARBIT, Format.FORMAT_TEXT, String.class)).isFalse();
    assertThat(codec.canDecode(25, Format.FORMAT_TEXT, BitString.class)).as("text is the driver's").isFalse();
    ByteBuf text = Unpooled.copiedBuffer("0100", StandardCharsets.US_ASCII);
    assertThat(codec.decode(text, VARBIT, Format.FORMAT_TEXT, BitString.class)).isEqualTo(BitString.of("0100"));
    assertThat(codec.decode(null, VARBIT, Format.FORMAT_TEXT, BitString.class)).isNull();
    // 11 bits, 10110011 101(00000): the length, then the bits packed from the most significant, as PostgreSQL's
    // varbit_send(B'10110011101') gives them: \x0000000bb3a0.
    ByteBuf binary = Unpooled.buffer().writeInt(11).writeByte(0b1011_0011).writeByte(0b1010_0000);
    assertThat(codec.decode(binary, VARBIT, Format.FORMAT_BINARY, BitString.class)).isEqualTo(BitString.of("10110011101"));
    assertThat(BitStringCodecs.binary(Unpooled.buffer().writeInt(0))).isEqualTo(BitString.of(""));
  }
}
