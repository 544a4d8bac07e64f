package dev.flecto.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FieldTypeTest {
  enum Color { RED, GREEN }

  @Test
  void mapsEveryDeclaredClass() {
    assertThat(FieldType.of(int.class)).isEqualTo(FieldType.INTEGER);
    assertThat(FieldType.of(Long.class)).isEqualTo(FieldType.LONG);
    assertThat(FieldType.of(short.class)).isEqualTo(FieldType.SHORT);
    assertThat(FieldType.of(boolean.class)).isEqualTo(FieldType.BOOLEAN);
    assertThat(FieldType.of(float.class)).isEqualTo(FieldType.FLOAT);
    assertThat(FieldType.of(byte[].class)).isEqualTo(FieldType.BYTES);
    assertThat(FieldType.of(Color.class)).isEqualTo(FieldType.ENUM);
    assertThat(FieldType.of(java.util.List.class)).as("schemaless changesets only").isEqualTo(FieldType.LIST);
    assertThat(FieldType.of(Object.class)).isNull();
  }

  @Test
  void castsIntegersFromNumbersAndText() {
    assertThat(FieldType.INTEGER.cast("42", Integer.class)).isEqualTo(42);
    assertThat(FieldType.INTEGER.cast(42L, Integer.class)).isEqualTo(42);
    assertThat(FieldType.LONG.cast(new BigInteger("9000000000"), Long.class)).isEqualTo(9_000_000_000L);
    assertThat(FieldType.SHORT.cast("7", Short.class)).isEqualTo((short) 7);
    for (Object bad : new Object[] {"4.2", "x", "", 1.5d, 9_000_000_000L, true}) {
      assertThatThrownBy(() -> FieldType.INTEGER.cast(bad, Integer.class)).as("%s", bad).hasMessage("is invalid");
    }
    assertThatThrownBy(() -> FieldType.SHORT.cast(70000, Short.class)).hasMessage("is invalid");
  }

  @Test
  void castsFloatsDecimalsAndBooleans() {
    assertThat(FieldType.DOUBLE.cast("1.5", Double.class)).isEqualTo(1.5d);
    assertThat(FieldType.DOUBLE.cast(2, Double.class)).isEqualTo(2.0d);
    assertThat(FieldType.FLOAT.cast("0.25", Float.class)).isEqualTo(0.25f);
    assertThatThrownBy(() -> FieldType.DOUBLE.cast("NaN", Double.class)).hasMessage("is invalid");
    assertThat(FieldType.DECIMAL.cast("12.50", BigDecimal.class)).isEqualTo(new BigDecimal("12.50"));
    assertThat(FieldType.DECIMAL.cast(3, BigDecimal.class)).isEqualTo(BigDecimal.valueOf(3));
    assertThat(FieldType.DECIMAL.cast(0.1d, BigDecimal.class)).isEqualTo(new BigDecimal("0.1"));
    assertThatThrownBy(() -> FieldType.DECIMAL.cast("1,5", BigDecimal.class)).hasMessage("is invalid");
    assertThat(FieldType.BOOLEAN.cast("true", Boolean.class)).isEqualTo(true);
    assertThat(FieldType.BOOLEAN.cast("0", Boolean.class)).isEqualTo(false);
    assertThatThrownBy(() -> FieldType.BOOLEAN.cast("yes", Boolean.class)).hasMessage("is invalid");
    assertThatThrownBy(() -> FieldType.STRING.cast(5, String.class)).hasMessage("is invalid");
  }

  @Test
  void castsUuidsTimesAndEnums() {
    UUID u = UUID.randomUUID();
    assertThat(FieldType.UUID_TYPE.cast(u.toString(), UUID.class)).isEqualTo(u);
    assertThatThrownBy(() -> FieldType.UUID_TYPE.cast("1-2-3-4-5", UUID.class)).hasMessage("is invalid");
    assertThat(FieldType.INSTANT.cast("2024-01-02T03:04:05Z", Instant.class)).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(FieldType.INSTANT.cast("2024-01-02 03:04:05+01:00", Instant.class)).isEqualTo(Instant.parse("2024-01-02T02:04:05Z"));
    assertThat(FieldType.OFFSET_DATE_TIME.cast(Instant.EPOCH, OffsetDateTime.class)).isEqualTo(Instant.EPOCH.atOffset(ZoneOffset.UTC));
    assertThat(FieldType.LOCAL_DATE_TIME.cast("2024-01-02 03:04:05", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
    assertThat(FieldType.LOCAL_DATE.cast("2024-02-29", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThatThrownBy(() -> FieldType.LOCAL_DATE.cast("2023-02-29", LocalDate.class)).hasMessage("is invalid");
    assertThat(FieldType.LOCAL_TIME.cast("10:11", LocalTime.class)).isEqualTo(LocalTime.of(10, 11));
    assertThat(FieldType.ENUM.cast("GREEN", Color.class)).isEqualTo(Color.GREEN);
    assertThatThrownBy(() -> FieldType.ENUM.cast("green", Color.class)).hasMessage("is invalid");
    assertThat(FieldType.STRING.cast(null, String.class)).isNull();
  }

  @Test
  void loadsAndDumpsWhatTheDriverSpeaks() {
    assertThat(FieldType.ENUM.dump(Color.RED)).isEqualTo("RED");
    assertThat(FieldType.ENUM.load("GREEN", Color.class)).isEqualTo(Color.GREEN);
    assertThat((byte[]) FieldType.BYTES.load(ByteBuffer.wrap(new byte[] {1, 2}), byte[].class)).containsExactly(1, 2);
    assertThat(FieldType.BYTES.readType()).isEqualTo(ByteBuffer.class);
    Instant now = (Instant) FieldType.INSTANT.autogenerate(java.time.Clock.fixed(Instant.parse("2024-01-01T00:00:00.123456789Z"), ZoneOffset.UTC));
    assertThat(now).isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
    assertThatThrownBy(() -> FieldType.STRING.autogenerate(java.time.Clock.systemUTC())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void timesAreDumpedTruncatedToMicrosecondsNeverRounded() {
    // PostgreSQL would round the last nanosecond of a day up to the next day.
    assertThat(FieldType.INSTANT.dump(Instant.parse("2024-12-31T23:59:59.999999999Z")))
        .isEqualTo(Instant.parse("2024-12-31T23:59:59.999999Z"));
    assertThat(FieldType.OFFSET_DATE_TIME.dump(OffsetDateTime.parse("2024-12-31T23:59:59.999999999+02:00")))
        .isEqualTo(OffsetDateTime.parse("2024-12-31T23:59:59.999999+02:00"));
    assertThat(FieldType.LOCAL_DATE_TIME.dump(LocalDateTime.parse("2024-12-31T23:59:59.999999999")))
        .isEqualTo(LocalDateTime.parse("2024-12-31T23:59:59.999999"));
    assertThat(FieldType.LOCAL_TIME.dump(LocalTime.parse("23:59:59.999999999"))).isEqualTo(LocalTime.parse("23:59:59.999999"));
    assertThat(FieldType.INSTANT.dump(Instant.parse("1969-12-31T23:59:59.000000500Z")))
        .as("before the epoch too: toward the start of the second, not toward zero")
        .isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
    Instant micros = Instant.parse("2024-01-01T00:00:00.123456Z");
    assertThat(FieldType.INSTANT.dump(micros)).isSameAs(micros);
    assertThat(FieldType.LOCAL_TIME.dump(null)).isNull();
    assertThat(FieldType.LOCAL_DATE.dump(LocalDate.of(2024, 2, 29))).isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @Test
  void castTimesAreTruncatedToMicrosecondsAsEctoHoldsThem() {
    assertThat(FieldType.INSTANT.cast("2024-12-31T23:59:59.999999999Z", Instant.class))
        .isEqualTo(Instant.parse("2024-12-31T23:59:59.999999Z"));
    assertThat(FieldType.LOCAL_TIME.cast("23:59:59.999999999", LocalTime.class)).isEqualTo(LocalTime.parse("23:59:59.999999"));
    assertThat(FieldType.LOCAL_DATE_TIME.cast(LocalDateTime.parse("2024-01-01T00:00:00.000000500"), LocalDateTime.class))
        .isEqualTo(LocalDateTime.parse("2024-01-01T00:00"));
    assertThat(FieldType.OFFSET_DATE_TIME.cast("2024-01-01T00:00:00.1234567+02:00", OffsetDateTime.class))
        .isEqualTo(OffsetDateTime.parse("2024-01-01T00:00:00.123456+02:00"));
  }
}
