package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.schema.JsonText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jsonb[] texts and binary frames JsonbArrayCodecs reads and writes (the IT reads what PostgreSQL sends as text). */
class JsonbArrayCodecsTest {
  @Test
  void theLiteralQuotesEveryElementAndReadsBackAsTheSameTexts() {
    JsonText hostile = JsonText.of(Map.of("t", "q\"uote \\back {b}, NULL"));
    JsonbArray array = new JsonbArray(new JsonText[] {hostile, null, JsonText.of("NULL")});
    assertThat(array.literal()).isEqualTo("{\"{\\\"t\\\":\\\"q\\\\\\\"uote \\\\\\\\back {b}, NULL\\\"}\",NULL,\"\\\"NULL\\\"\"}");
    assertThat(JsonbArrayCodecs.text(array.literal())).containsExactly(hostile.text(), null, "\"NULL\"");
    assertThat(JsonbArrayCodecs.text("{}")).isEmpty();
    assertThat(JsonbArrayCodecs.text("{1,\"null\"}")).containsExactly("1", "null");
  }

  @Test
  void theBinaryFrameIsReadElementByElement() {
    ByteBuf b = Unpooled.buffer();
    b.writeInt(1).writeInt(1).writeInt(3802).writeInt(2).writeInt(1);
    byte[] json = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    b.writeInt(json.length + 1).writeByte(1).writeBytes(json);
    b.writeInt(-1);
    assertThat(JsonbArrayCodecs.binary(b)).containsExactly("{\"a\": 1}", null);
    ByteBuf empty = Unpooled.buffer().writeInt(0).writeInt(0).writeInt(3802);
    assertThat(JsonbArrayCodecs.binary(empty)).isEmpty();
  }
}
