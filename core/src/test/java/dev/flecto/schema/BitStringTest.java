package dev.flecto.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BitString values, their cast as a field type, and their JSON (BitStringIT runs them on PostgreSQL). */
class BitStringTest {
  @Schema("devices")
  record Device(@Id Long id, BitString flags) {}

  @Schema("devices")
  record Many(@Id Long id, List<BitString> flags) {}

  @Test
  void aValueKeepsItsLengthAndItsBits() {
    BitString b = BitString.of("0100");
    assertThat(b.length()).isEqualTo(4);
    assertThat(b.get(0)).isFalse();
    assertThat(b.get(1)).isTrue();
    assertThat(b.toString()).isEqualTo("0100");
    assertThat(b).isEqualTo(BitString.of("0100")).hasSameHashCodeAs(BitString.of("0100"))
        .as("trailing zeros count, as a BitSet would not").isNotEqualTo(BitString.of("01"));
    assertThat(BitString.of("").length()).isZero();
    assertThatThrownBy(() -> b.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> b.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    for (String bad : new String[] {"012", "B0101", " 01", "x"}) {
      assertThatThrownBy(() -> BitString.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("only 0s and 1s");
    }
    assertThatThrownBy(() -> BitString.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFieldCastsItsTextAndNothingElse() {
    SchemaField flags = Schemas.of(Device.class).field("flags");
    assertThat(flags.type()).isEqualTo(FieldType.BITSTRING);
    assertThat(FieldType.of(BitString.class)).isEqualTo(FieldType.BITSTRING);
    assertThat(flags.cast("0101")).isEqualTo(BitString.of("0101"));
    assertThat(flags.cast(BitString.of("1"))).isEqualTo(BitString.of("1"));
    assertThat(flags.readType()).isEqualTo(BitString.class);
    for (Object bad : new Object[] {"0102", 5, 5L, new byte[] {1}, true}) {
      assertThatThrownBy(() -> flags.cast(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class).hasMessage("is invalid");
    }
  }

  @Test
  void jsonHoldsTheBitsAsText() {
    assertThat(JsonText.of(Map.of("f", BitString.of("0101"))).text()).isEqualTo("{\"f\":\"0101\"}");
    assertThat(JsonCodec.convert("0011", BitString.class)).isEqualTo(BitString.of("0011"));
  }

  @Test
  void aListOfBitStringsIsRefused() {
    assertThatThrownBy(() -> Schemas.of(Many.class)).isInstanceOf(dev.flecto.SchemaException.class)
        .hasMessageContaining("'flags'").hasMessageContaining("List<dev.flecto.schema.BitString> is not supported");
  }
}
