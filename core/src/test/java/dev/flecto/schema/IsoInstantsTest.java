package dev.flecto.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written reading of the common ISO-8601 shape agrees with {@code OffsetDateTime.parse}
 * on every text it reads, and leaves every other text to it (answering null).
 */
class IsoInstantsTest {
  private static final long SEED = 20261206L;

  @Test
  void theCommonShapesReadAsOffsetDateTimeParseReadsThem() {
    for (String s : List.of("2024-01-02T03:04:05Z", "2024-01-02 03:04:05+01:00", "2024-01-02t03:04:05-05:30",
        "1969-12-31T23:59:59.000000500Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+18:00",
        "2024-02-29T12:00:00.1-18:00", "2024-06-30T00:00:00.123456-00:00")) {
      assertThat(IsoInstants.parse(s)).as(s).isNotNull().isEqualTo(slow(s));
    }
  }

  @Test
  void otherShapesAndInvalidFieldsAreLeftToTheFormatter() {
    for (String s : List.of("2024-01-02T03:04Z", "2024-01-02T03:04:05", "2024-01-02T03:04:05z", "2024-01-02T03:04:05+0100",
        "2024-01-02T03:04:05+01:00:30", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05.1234567891Z", "+12024-01-02T03:04:05Z",
        "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-02T24:00:00Z", "2024-01-02T23:60:00Z",
        "2024-01-02T23:59:60Z", "2024-01-02T03:04:05+18:01", "2024-01-02T03:04:05+19:00", "2024-01-0xT03:04:05Z",
        "2024-01-02X03:04:05Z", "2024-01-02T03:04:05Z ", "")) {
      assertThat(IsoInstants.parse(s)).as(s).isNull();
    }
  }

  @Test
  void randomTextsAgreeWithTheFormatter() {
    Random random = new Random(SEED);
    String alphabet = "0123456789-:.+TtZz ";
    List<String> read = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder(valid(random));
      for (int m = random.nextInt(3); m > 0; m--) { // zero to two characters changed
        sb.setCharAt(random.nextInt(sb.length()), alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      Instant fast = IsoInstants.parse(s);
      if (fast != null) {
        read.add(s);
        assertThat(fast).as("%s (seed %d)", s, SEED).isEqualTo(slow(s));
      }
    }
    assertThat(read.size()).as("texts read by the common shape").isGreaterThan(50_000);
  }

  @Test
  void theCastGivesTheSameInstantsAndTheSameErrorAsBefore() {
    assertThat(FieldType.INSTANT.cast("2024-01-02T03:04:05.5+02:00", Instant.class)).isEqualTo(Instant.parse("2024-01-02T01:04:05.500Z"));
    assertThat(FieldType.INSTANT.cast("2024-01-02T03:04Z", Instant.class)).isEqualTo(Instant.parse("2024-01-02T03:04:00Z"));
    assertThatThrownBy(() -> FieldType.INSTANT.cast("2023-02-29T00:00:00Z", Instant.class)).isInstanceOf(IllegalArgumentException.class).hasMessage("is invalid");
    assertThatThrownBy(() -> FieldType.INSTANT.cast("2024-01-02T03:04:05", Instant.class)).isInstanceOf(IllegalArgumentException.class).hasMessage("is invalid");
  }

  private static String valid(Random random) {
    long seconds = random.nextLong(-62_167_219_200L, 253_402_300_799L); // years 0000 to 9999
    int nanos = random.nextInt(1_000_000_000);
    int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
    OffsetDateTime t = Instant.ofEpochSecond(seconds, nanos).atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    int digits = random.nextInt(10);
    String fraction = digits == 0 ? "" : "." + String.format("%09d", t.getNano()).substring(0, digits);
    String offset = offsetMinutes == 0 && random.nextBoolean() ? "Z" : t.getOffset().getId().equals("Z") ? "+00:00" : t.getOffset().getId();
    char separator = "TTt ".charAt(random.nextInt(4));
    return String.format("%04d-%02d-%02d%c%02d:%02d:%02d%s%s", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), separator,
        t.getHour(), t.getMinute(), t.getSecond(), fraction, offset);
  }

  private static Instant slow(String s) {
    String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    return OffsetDateTime.parse(iso).toInstant();
  }
}
