package dev.flecto.schema;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A generator that refuses, as it writes, what a parser with the same {@link StreamReadConstraints}
 * would refuse when reading the JSON back from PostgreSQL: keys, strings and numbers too long,
 * nesting too deep. A number is measured as jsonb prints it (without exponent, {@code 1E+1000} as
 * 1,001 digits), since that is what is read back.
 */
final class LimitedGenerator extends JsonGeneratorDelegate {
  // A long prints in at most 19 digits, a double (a float too) in at most 326 (Double.MIN_VALUE is
  // 0. and 325 fraction digits): only a limit below that needs each one measured.
  private final boolean measureLongs;
  private final boolean measureDoubles;
  private final StreamReadConstraints limits;

  // Not copying methods: writeObject and writeTree come back through this generator's checks.
  LimitedGenerator(JsonGenerator out, StreamReadConstraints limits) {
    super(out, false);
    this.limits = limits;
    this.measureLongs = limits.getMaxNumberLength() < 19;
    this.measureDoubles = limits.getMaxNumberLength() < 326;
  }

  @Override
  public void writeStartArray() throws IOException {
    deeper();
    super.writeStartArray();
  }

  @Override
  public void writeStartArray(int size) throws IOException {
    deeper();
    super.writeStartArray(size);
  }

  @Override
  public void writeStartArray(Object forValue) throws IOException {
    deeper();
    super.writeStartArray(forValue);
  }

  @Override
  public void writeStartArray(Object forValue, int size) throws IOException {
    deeper();
    super.writeStartArray(forValue, size);
  }

  @Override
  public void writeStartObject() throws IOException {
    deeper();
    super.writeStartObject();
  }

  @Override
  public void writeStartObject(Object forValue) throws IOException {
    deeper();
    super.writeStartObject(forValue);
  }

  @Override
  public void writeStartObject(Object forValue, int size) throws IOException {
    deeper();
    super.writeStartObject(forValue, size);
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    name(name.length());
    super.writeFieldName(name);
  }

  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    name(name.getValue().length());
    super.writeFieldName(name);
  }

  @Override
  public void writeString(String text) throws IOException {
    if (text != null) {
      string(text.length());
    }
    super.writeString(text);
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws IOException {
    string(len);
    super.writeString(text, offset, len);
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    string(text.getValue().length());
    super.writeString(text);
  }

  @Override
  public void writeString(Reader reader, int len) throws IOException {
    string(len); // -1 (unknown) passes: no serializer of map values streams a Reader
    super.writeString(reader, len);
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    string(new String(text, offset, length, StandardCharsets.UTF_8).length());
    super.writeRawUTF8String(text, offset, length);
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    string(new String(text, offset, length, StandardCharsets.UTF_8).length());
    super.writeUTF8String(text, offset, length);
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
    string((len + 2) / 3 * 4); // read back as its base64 text
    super.writeBinary(variant, data, offset, len);
  }

  @Override
  public void writeNumber(int v) throws IOException {
    if (measureLongs) {
      number(BigDecimal.valueOf(v));
    }
    super.writeNumber(v);
  }

  @Override
  public void writeNumber(long v) throws IOException {
    if (measureLongs) {
      number(BigDecimal.valueOf(v));
    }
    super.writeNumber(v);
  }

  @Override
  public void writeNumber(double v) throws IOException {
    if (measureDoubles && Double.isFinite(v)) {
      number(new BigDecimal(Double.toString(v)));
    }
    super.writeNumber(v);
  }

  @Override
  public void writeNumber(float v) throws IOException {
    if (measureDoubles && Float.isFinite(v)) {
      number(new BigDecimal(Float.toString(v)));
    }
    super.writeNumber(v);
  }

  @Override
  public void writeNumber(BigInteger v) throws IOException {
    // Digits are at most bitLength * log10(2) + 1: the exact count is needed only near the limit.
    if (v != null && (long) (v.bitLength() * 0.30103) + 1 > limits.getMaxNumberLength()) {
      number(new BigDecimal(v));
    }
    super.writeNumber(v);
  }

  @Override
  public void writeNumber(BigDecimal v) throws IOException {
    if (v != null) {
      number(v);
    }
    super.writeNumber(v);
  }

  @Override
  public void writeNumber(String encoded) throws IOException {
    encodedNumber(encoded);
    super.writeNumber(encoded);
  }

  @Override
  public void writeNumber(char[] encoded, int offset, int length) throws IOException {
    encodedNumber(new String(encoded, offset, length));
    super.writeNumber(encoded, offset, length);
  }

  // The reader counts the depth of the object or array it enters, the root being 1.
  private void deeper() throws StreamConstraintsException {
    int depth = getOutputContext().getNestingDepth() + 1;
    try {
      limits.validateNestingDepth(depth);
    } catch (StreamConstraintsException e) {
      throw refused("maps and lists nested " + depth + " deep (or a map or list that contains itself)", e);
    }
  }

  private void name(int length) throws StreamConstraintsException {
    try {
      limits.validateNameLength(length);
    } catch (StreamConstraintsException e) {
      throw refused("a key of " + length + " characters", e);
    }
  }

  private void string(int length) throws StreamConstraintsException {
    try {
      limits.validateStringLength(length);
    } catch (StreamConstraintsException e) {
      throw refused("a string of " + length + " characters", e);
    }
  }

  private void encodedNumber(String encoded) throws StreamConstraintsException {
    if (encoded == null) {
      return;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(encoded);
    } catch (NumberFormatException notANumber) {
      return; // NaN or Infinity: not a number token when read back
    }
    number(d);
  }

  /**
   * PostgreSQL's jsonb keeps a number as a numeric and prints it without exponent and with its
   * scale: {@code 1E+3} as {@code 1000} (an integer token of 4 digits), {@code 1.0E-5} as
   * {@code 0.000010} (1 integer and 6 fraction digits), which is what the reader measures.
   */
  private void number(BigDecimal d) throws StreamConstraintsException {
    long scale = d.scale();
    long digits = d.precision();
    try {
      if (scale <= 0) {
        limits.validateIntegerLength(clamp(d.signum() == 0 ? 1 : digits - scale));
      } else {
        limits.validateFPLength(clamp(Math.max(1, digits - scale) + scale));
      }
    } catch (StreamConstraintsException e) {
      throw refused("the number " + (d.precision() > 40 ? "of " + d.precision() + " significant digits" : d.toString())
          + ", as PostgreSQL stores and prints it (without exponent)", e);
    }
  }

  private static int clamp(long length) {
    return (int) Math.min(Integer.MAX_VALUE, length);
  }

  private static StreamConstraintsException refused(String what, StreamConstraintsException e) {
    return new StreamConstraintsException(what + ": " + e.getOriginalMessage());
  }
}
