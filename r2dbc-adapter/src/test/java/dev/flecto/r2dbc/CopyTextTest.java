package dev.flecto.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.schema.FieldType;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.SchemaField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The COPY text of each field type: escapes, NULL against the empty string, arrays, times with eras. */
class CopyTextTest {
  enum Color { RED }

  private static SchemaField field(Class<?> type, Class<?> element) {
    FieldType t = FieldType.of(type);
    return new SchemaField("f", "f", 0, type, t, false, IdGeneration.NONE, null, null, false, false, element);
  }

  private static String line(SchemaField f, Object... values) {
    int[] positions = new int[values.length];
    Arrays.setAll(positions, i -> i);
    CopyText text = CopyText.plan(java.util.Collections.nCopies(values.length, f), positions, "schema T");
    StringBuilder sb = new StringBuilder();
    text.row(sb, values, 0);
    return sb.toString();
  }

  @Test
  void stringsAreEscapedAndNullIsNotEmpty() {
    assertThat(line(field(String.class, null), "a\tb\nc\rd\\e", "", null, "\\N"))
        .isEqualTo("a\\tb\\nc\\rd\\\\e\t\t\\N\t\\\\N\n");
  }

  @Test
  void scalarsAreWrittenAsTheirColumnsReadThem() {
    assertThat(line(field(Long.class, null), Long.MIN_VALUE)).isEqualTo("-9223372036854775808\n");
    assertThat(line(field(Boolean.class, null), true, false)).isEqualTo("t\tf\n");
    assertThat(line(field(Double.class, null), Double.NaN, -0.0, 1e-300)).isEqualTo("NaN\t-0.0\t1.0E-300\n");
    assertThat(line(field(Float.class, null), 1.1f)).isEqualTo("1.100000023841858\n");
    assertThat(line(field(BigDecimal.class, null), new BigDecimal("1E+3"))).isEqualTo("1000\n");
    assertThat(line(field(UUID.class, null), new UUID(0, 1))).isEqualTo("00000000-0000-0000-0000-000000000001\n");
    assertThat(line(field(byte[].class, null), (Object) new byte[] {0, 10, (byte) 255})).isEqualTo("\\\\x000aff\n");
    assertThat(line(field(Color.class, null), Color.RED)).isEqualTo("RED\n");
    assertThat(line(field(dev.flecto.schema.BitString.class, null), dev.flecto.schema.BitString.of("0101"),
        dev.flecto.schema.BitString.of(""), null)).isEqualTo("0101\t\t\\N\n");
    assertThat(line(field(Map.class, null), dev.flecto.schema.JsonText.of(Map.of("k", "t\tb\\"))))
        .isEqualTo("{\"k\":\"t\\\\tb\\\\\\\\\"}\n");
  }

  @Test
  void timesAreUtcToTheMicrosecondWithTheirEra() {
    assertThat(line(field(Instant.class, null), Instant.parse("2024-01-01T10:00:00.123456789Z")))
        .isEqualTo("2024-01-01 10:00:00.123456+00\n");
    assertThat(line(field(OffsetDateTime.class, null), OffsetDateTime.parse("2024-01-01T10:00:00+05:30")))
        .isEqualTo("2024-01-01 04:30:00+00\n");
    assertThat(line(field(LocalDateTime.class, null), LocalDateTime.of(0, 1, 1, 0, 0, 0, 1_000)))
        .isEqualTo("0001-01-01 00:00:00.000001 BC\n");
    assertThat(line(field(LocalDate.class, null), LocalDate.of(-44, 3, 15), LocalDate.of(10_000, 1, 1)))
        .isEqualTo("0045-03-15 BC\t10000-01-01\n");
    assertThat(line(field(LocalTime.class, null), LocalTime.parse("23:59:59.999999999"))).isEqualTo("23:59:59.999999\n");
  }

  @Test
  void listsAreArrayLiteralsWithQuotedElements() {
    assertThat(line(field(List.class, String.class), Arrays.asList("a\"b", null, "", "c\\d", "t\tx"), List.of()))
        .isEqualTo("{\"a\\\\\"b\",NULL,\"\",\"c\\\\\\\\d\",\"t\\tx\"}\t{}\n");
    assertThat(line(field(List.class, Integer.class), List.of(1, 2))).isEqualTo("{\"1\",\"2\"}\n");
  }

  enum Role { ADMIN, EDITOR }

  @dev.flecto.schema.Schema("users")
  record User(@dev.flecto.schema.Id Long id,
      @dev.flecto.schema.Column(type = dev.flecto.schema.EnumType.class, params = {"ADMIN=1", "EDITOR=2"}) List<Role> roles,
      @dev.flecto.schema.Column(type = dev.flecto.schema.EnumType.class, params = {"ADMIN=a\tb", "EDITOR=ed"}) List<Role> labels) {}

  @Test
  void anEctoEnumListIsAnArrayOfItsStoredValues() {
    SchemaField roles = dev.flecto.schema.Schemas.of(User.class).field("roles");
    assertThat(line(roles, Arrays.asList(Role.EDITOR, null, Role.ADMIN), null)).isEqualTo("{\"2\",NULL,\"1\"}\t\\N\n");
    SchemaField labels = dev.flecto.schema.Schemas.of(User.class).field("labels");
    assertThat(line(labels, List.of(Role.ADMIN, Role.EDITOR))).isEqualTo("{\"a\\tb\",\"ed\"}\n");
  }

  @Test
  void anUntypedListHasNoTextForm() {
    assertThat(CopyText.plan(List.of(field(List.class, null)), new int[] {0}, "schema T")).isNull();
  }
}
