package dev.flecto.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A string of bits of any length, the value of a PostgreSQL {@code varbit} (or {@code bit(n)})
 * column (Ecto's {@code :bitstring}). Immutable; its text is its bits, most significant first, as
 * PostgreSQL writes them ({@code "0101"}), and that text is how it is cast from params, written
 * inside embeds and map fields, and copied. A {@code java.util.BitSet} would not do: it forgets
 * trailing zero bits, so {@code 0100} and {@code 01} would be the same value.
 *
 * <pre>{@code
 * @Schema("devices")
 * record Device(@Id Long id, BitString flags) {}      // flags varbit
 *
 * BitString flags = BitString.of("0101");
 * flags.length()      // 4
 * flags.get(1)        // true
 * flags.toString()    // "0101"
 * repo.all(Query.from(Device.class).where(field("flags").eq(flags)));
 * }</pre>
 */
public final class BitString {
  private static final BitString EMPTY = new BitString("");

  // The bits as text: one byte each in a compact (Latin-1) string, and the form every path writes.
  private final String bits;

  private BitString(String bits) {
    this.bits = bits;
  }

  /**
   * The bit string of a text of {@code 0}s and {@code 1}s; the empty text is the empty bit string.
   *
   * <pre>{@code
   * BitString.of("0101")   // 4 bits
   * BitString.of("01x")    // IllegalArgumentException
   * }</pre>
   *
   * @param bits the bits, most significant first
   * @return the bit string
   * @throws IllegalArgumentException when the text is null or holds anything but {@code 0} and {@code 1}
   */
  @JsonCreator
  public static BitString of(String bits) {
    if (bits == null) {
      throw new IllegalArgumentException("a bit string needs a text of 0s and 1s, got null");
    }
    for (int i = 0; i < bits.length(); i++) {
      char c = bits.charAt(i);
      if (c != '0' && c != '1') {
        throw new IllegalArgumentException("a bit string holds only 0s and 1s, got " + ValueText.quoted(bits));
      }
    }
    return bits.isEmpty() ? EMPTY : new BitString(bits);
  }

  /**
   * How many bits it has.
   *
   * <pre>{@code BitString.of("0100").length() // 4 }</pre>
   *
   * @return the length in bits
   */
  public int length() {
    return bits.length();
  }

  /**
   * One bit, counted from the left (PostgreSQL's {@code get_bit} order).
   *
   * <pre>{@code BitString.of("0100").get(1) // true }</pre>
   *
   * @param index from 0 to {@code length() - 1}
   * @return whether the bit is set
   * @throws IndexOutOfBoundsException when the index is outside the bit string
   */
  public boolean get(int index) {
    return bits.charAt(java.util.Objects.checkIndex(index, bits.length())) == '1';
  }

  /**
   * The bits as text, as PostgreSQL writes a {@code varbit}.
   *
   * <pre>{@code BitString.of("0101").toString() // "0101" }</pre>
   *
   * @return the text
   */
  @JsonValue
  @Override
  public String toString() {
    return bits;
  }

  /**
   * Equal when both have the same bits in the same order (so the same length).
   *
   * <pre>{@code BitString.of("01").equals(BitString.of("010")) // false }</pre>
   *
   * @param other another object
   * @return whether it is the same bit string
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof BitString b && b.bits.equals(bits);
  }

  /**
   * A hash of the bits and the length.
   *
   * <pre>{@code BitString.of("01").hashCode() == BitString.of("01").hashCode() // true }</pre>
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return bits.hashCode();
  }
}
