package dev.flecto.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of map fields: java.time as ISO-8601 text, and nothing written that Jackson would refuse to read back. */
class JsonTextTest {
  @Test
  void javaTimeValuesAreWrittenAsIso8601TextAsJasonWritesThem() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instant", Instant.parse("2024-12-31T23:59:59.999999999Z"));
    m.put("date", LocalDate.parse("2024-05-01"));
    m.put("naive", LocalDateTime.parse("2024-05-01T10:00:00.5"));
    m.put("offset", OffsetDateTime.parse("2024-05-01T10:00:00+02:00"));
    m.put("time", LocalTime.parse("10:15:30"));
    m.put("duration", Duration.ofMinutes(90));
    assertThat(JsonText.of(m).text()).isEqualTo("{\"instant\":\"2024-12-31T23:59:59.999999999Z\",\"date\":\"2024-05-01\","
        + "\"naive\":\"2024-05-01T10:00:00.5\",\"offset\":\"2024-05-01T10:00:00+02:00\",\"time\":\"10:15:30\","
        + "\"duration\":\"PT1H30M\"}");
    assertThat(JsonText.parse(JsonText.of(m).text())).as("read back as the strings, as Ecto reads a map back")
        .containsEntry("date", "2024-05-01").containsEntry("duration", "PT1H30M");
  }

  @Test
  void decodeGivesPlainJavaValues() {
    assertThat(JsonText.decode("{\"a\":[1,2.5,\"x\",true,null],\"b\":{\"c\":12345678901}}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1, 2.5, "x", true, null), "b", Map.of("c", 12345678901L)));
    assertThat(JsonText.decode("12")).isEqualTo(12);
    assertThat(JsonText.decode("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(JsonText.decode("\"dark\"")).isEqualTo("dark");
    assertThat(JsonText.decode("null")).isNull();
    assertThat(JsonText.decode("[1]")).isInstanceOf(List.class);
    assertThatThrownBy(() -> ((List<Object>) JsonText.decode("[1]")).add(2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> JsonText.decode("{")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot decode JSON");
  }

  @Test
  void aKeyTheReaderWouldRefuseIsRefusedWhenWrittenNamingTheLimit() {
    int max = JsonCodec.LIMITS.getMaxNameLength();
    String ok = "k".repeat(max);
    assertThat(JsonText.parse(JsonText.of(Map.of(ok, 1)).text())).containsKey(ok);
    assertThatThrownBy(() -> JsonText.of(Map.of("k".repeat(max + 1), 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a key of " + (max + 1) + " characters")
        .hasMessageContaining("getMaxNameLength()")
        .hasMessageContaining("could never be read back")
        .satisfies(e -> assertThat(e.getMessage()).as("the key itself is not in the message").hasSizeLessThan(400));
    assertThatThrownBy(() -> JsonText.parse("{\"" + "k".repeat(max + 1) + "\":1}")).as("the reader's own limit, the same")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Name length (" + (max + 1) + ")");
  }

  @Test
  void aStringTheReaderWouldRefuseIsRefused() {
    int max = JsonCodec.LIMITS.getMaxStringLength();
    assertThatThrownBy(() -> JsonText.of(Map.of("s", "x".repeat(max + 1)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a string of " + (max + 1) + " characters").hasMessageContaining("getMaxStringLength()");
  }

  @Test
  void numbersAreMeasuredAsPostgresPrintsThemWithoutExponent() {
    int max = JsonCodec.LIMITS.getMaxNumberLength();
    assertThat(JsonText.of(Map.of("n", new BigDecimal("1E+" + (max - 1)))).text()).as("1 and 999 zeros: 1000 digits")
        .isEqualTo("{\"n\":1E+" + (max - 1) + "}");
    for (BigDecimal tooLong : List.of(new BigDecimal("1E+" + max), new BigDecimal("1E-" + max), new BigDecimal("-1.5E+" + max))) {
      assertThatThrownBy(() -> JsonText.of(Map.of("n", tooLong))).as(tooLong.toString())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without exponent")
          .hasMessageContaining("getMaxNumberLength()");
    }
    BigInteger huge = BigInteger.TEN.pow(max); // 1001 digits
    assertThatThrownBy(() -> JsonText.of(List.of(huge))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Number value length (" + (max + 1) + ")");
    assertThat(JsonText.of(List.of(BigInteger.TEN.pow(max - 1), Double.MIN_VALUE, Double.MAX_VALUE, Long.MIN_VALUE)).text())
        .as("a double or long is never too long").startsWith("[1000");
  }

  @Test
  void nestingTheReaderWouldRefuseIsRefusedAndSoIsAMapThatContainsItself() {
    int max = JsonCodec.LIMITS.getMaxNestingDepth();
    assertThat(JsonText.parse(JsonText.of(nested(max)).text())).containsKey("a");
    assertThatThrownBy(() -> JsonText.of(nested(max + 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested " + (max + 1) + " deep").hasMessageContaining("getMaxNestingDepth()");
    Map<String, Object> self = new HashMap<>();
    self.put("self", self);
    List<Object> list = new ArrayList<>();
    list.add(list);
    for (Object cyclic : List.of(self, Map.of("l", list))) {
      assertThatThrownBy(() -> JsonText.of(cyclic)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("contains itself");
    }
  }

  @Test
  void aValueJacksonCannotWriteSaysWhy() {
    assertThatThrownBy(() -> JsonText.of(Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot be encoded as JSON: No serializer found for class java.lang.Object")
        .hasMessageContaining("[\"x\"]");
  }

  // Depth 1 is the outermost map.
  private static Map<String, Object> nested(int depth) {
    Map<String, Object> m = Map.of("leaf", 1);
    for (int i = 1; i < depth; i++) {
      m = Map.of("a", m);
    }
    return m;
  }
}
