package dev.flecto.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The field types a schema component may have, with Ecto's casting rules for external input
 * (Ecto.Type.cast): strings from JSON or forms become the field's Java type, or the cast fails.
 *
 * <pre>{@code
 * FieldType.INTEGER.cast("42", Integer.class)     // 42
 * FieldType.BOOLEAN.cast("true", Boolean.class)   // true
 * FieldType.INTEGER.cast("4.2", Integer.class)    // IllegalArgumentException: is invalid
 * FieldType.of(Status.class)                      // ENUM, stored as text
 * }</pre>
 */
public enum FieldType {
  /** {@code String}, stored as text or varchar. */
  STRING(String.class, String.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof CharSequence s) {
        return s.toString();
      }
      throw invalid();
    }
  },
  /** {@code Integer} or {@code int}, stored as integer. */
  INTEGER(Integer.class, Integer.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      return Math.toIntExact(integral(v));
    }
  },
  /** {@code Long} or {@code long}, stored as bigint. */
  LONG(Long.class, Long.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      return integral(v);
    }
  },
  /** {@code Short} or {@code short}, stored as smallint. */
  SHORT(Short.class, Short.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      long l = integral(v);
      if (l < Short.MIN_VALUE || l > Short.MAX_VALUE) {
        throw invalid();
      }
      return (short) l;
    }
  },
  /** {@code Boolean} or {@code boolean}; casts {@code "true"}, {@code "false"}, {@code "1"}, {@code "0"}. */
  BOOLEAN(Boolean.class, Boolean.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof Boolean b) {
        return b;
      }
      if (v instanceof String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
          case "true", "1":
            return Boolean.TRUE;
          case "false", "0":
            return Boolean.FALSE;
          default:
            throw invalid();
        }
      }
      throw invalid();
    }
  },
  /** {@code Double} or {@code double}, stored as double precision. */
  DOUBLE(Double.class, Double.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      return floating(v);
    }
  },
  /** {@code Float} or {@code float}, stored as real. */
  FLOAT(Float.class, Float.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      return (float) floating(v);
    }
  },
  /** {@code BigDecimal}, stored as numeric, exactly. */
  DECIMAL(BigDecimal.class, BigDecimal.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof BigDecimal d) {
        return d;
      }
      if (v instanceof BigInteger i) {
        return new BigDecimal(i);
      }
      if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return BigDecimal.valueOf(((Number) v).longValue());
      }
      if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw invalid();
        }
        return BigDecimal.valueOf(d);
      }
      if (v instanceof String s) {
        try {
          return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
          throw invalid();
        }
      }
      throw invalid();
    }
  },
  /** {@code UUID}, stored as uuid; casts its canonical text form. */
  UUID_TYPE(UUID.class, UUID.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof UUID u) {
        return u;
      }
      if (v instanceof String s && s.length() == 36) {
        try {
          return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
          throw invalid();
        }
      }
      throw invalid();
    }
  },
  /**
   * {@code java.time.Duration}, stored as interval (Ecto's {@code :duration}) to the microsecond;
   * casts ISO-8601 text ({@code "PT1H30M"}). An interval with months or years has no exact
   * duration, and fails to load.
   */
  DURATION(java.time.Duration.class, Object.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof java.time.Duration d) {
        return d;
      }
      if (v instanceof String s) {
        return parse(() -> java.time.Duration.parse(s.trim()));
      }
      throw invalid();
    }

    @Override
    public Object dump(Object value) {
      return value == null ? null : ((java.time.Duration) value).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Object load(Object dbValue, Class<?> type) {
      if (dbValue == null || dbValue instanceof java.time.Duration) {
        return dbValue;
      }
      return Intervals.duration((java.time.temporal.TemporalAmount) dbValue);
    }
  },
  /**
   * {@code java.time.Period}, stored as interval: years, months and days (the calendar part of an
   * interval); casts ISO-8601 text ({@code "P1Y2M3D"}). An interval with a time part fails to load.
   */
  PERIOD(java.time.Period.class, Object.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof java.time.Period p) {
        return p;
      }
      if (v instanceof String s) {
        return parse(() -> java.time.Period.parse(s.trim()));
      }
      throw invalid();
    }

    @Override
    public Object load(Object dbValue, Class<?> type) {
      if (dbValue == null || dbValue instanceof java.time.Period) {
        return dbValue;
      }
      return Intervals.period((java.time.temporal.TemporalAmount) dbValue); // the driver's interval
    }
  },
  /** {@code Instant}, stored as timestamptz to the microsecond (finer is truncated); casts ISO-8601 text with an offset. */
  INSTANT(Instant.class, Instant.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof Instant i) {
        return i;
      }
      if (v instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      if (v instanceof ZonedDateTime z) {
        return z.toInstant();
      }
      if (v instanceof String s) {
        Instant common = IsoInstants.parse(s);
        return common != null ? common : parse(() -> OffsetDateTime.parse(isoSeparator(s)).toInstant());
      }
      throw invalid();
    }

    @Override
    public Object dump(Object value) {
      return value == null ? null : ((Instant) value).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Object autogenerate(java.time.Clock clock) {
      return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
  },
  /** {@code OffsetDateTime}, stored as timestamptz to the microsecond (read back in UTC). */
  OFFSET_DATE_TIME(OffsetDateTime.class, OffsetDateTime.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof OffsetDateTime o) {
        return o;
      }
      if (v instanceof Instant i) {
        return i.atOffset(ZoneOffset.UTC);
      }
      if (v instanceof ZonedDateTime z) {
        return z.toOffsetDateTime();
      }
      if (v instanceof String s) {
        return parse(() -> OffsetDateTime.parse(isoSeparator(s)));
      }
      throw invalid();
    }

    @Override
    public Object dump(Object value) {
      return value == null ? null : ((OffsetDateTime) value).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Object autogenerate(java.time.Clock clock) {
      return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
  },
  /** {@code LocalDateTime}, stored as timestamp without time zone to the microsecond (Ecto's naive_datetime_usec). */
  LOCAL_DATE_TIME(LocalDateTime.class, LocalDateTime.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof LocalDateTime l) {
        return l;
      }
      if (v instanceof String s) {
        return parse(() -> LocalDateTime.parse(isoSeparator(s)));
      }
      throw invalid();
    }

    @Override
    public Object dump(Object value) {
      return value == null ? null : ((LocalDateTime) value).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Object autogenerate(java.time.Clock clock) {
      return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
    }
  },
  /** {@code LocalDate}, stored as date. */
  LOCAL_DATE(LocalDate.class, LocalDate.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof LocalDate d) {
        return d;
      }
      if (v instanceof String s) {
        return parse(() -> LocalDate.parse(s));
      }
      throw invalid();
    }
  },
  /** {@code LocalTime}, stored as time to the microsecond (Ecto's time_usec). */
  LOCAL_TIME(LocalTime.class, LocalTime.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof LocalTime t) {
        return t;
      }
      if (v instanceof String s) {
        return parse(() -> LocalTime.parse(s));
      }
      throw invalid();
    }

    @Override
    public Object dump(Object value) {
      return value == null ? null : ((LocalTime) value).truncatedTo(ChronoUnit.MICROS);
    }
  },
  /**
   * {@link BitString}, stored as varbit (Ecto's {@code :bitstring}); casts its text of {@code 0}s
   * and {@code 1}s ({@code "0101"}).
   */
  BITSTRING(BitString.class, BitString.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof BitString b) {
        return b;
      }
      if (v instanceof String s) {
        return parse(() -> BitString.of(s));
      }
      throw invalid();
    }
  },
  /** {@code byte[]}, stored as bytea. */
  BYTES(byte[].class, ByteBuffer.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof byte[] b) {
        return b;
      }
      if (v instanceof ByteBuffer b) {
        return toBytes(b);
      }
      throw invalid();
    }

    @Override
    public Object load(Object dbValue, Class<?> type) {
      return dbValue instanceof ByteBuffer b ? toBytes(b) : dbValue;
    }
  },
  /**
   * A {@code java.util.List} of any values, for schemaless changesets only (Ecto's
   * {@code {:array, type}} without an element type); not yet a column type.
   */
  LIST(java.util.List.class, Object[].class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof java.util.List<?> l) {
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(l));
      }
      if (v instanceof Object[] a) {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(a.clone()));
      }
      throw invalid();
    }
  },
  /**
   * A {@code Map<String, Object>}, stored as jsonb (Ecto's {@code :map}); nested maps, lists,
   * strings, numbers, booleans and nulls, as JSON has them. {@code java.time} values are written as
   * ISO-8601 text, as Ecto's Jason writes them, and read back as those strings. A value Jackson
   * cannot write, or could not read back (see {@link JsonText#of}), fails the write.
   */
  MAP(java.util.Map.class, String.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (v instanceof java.util.Map<?, ?> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
      }
      throw invalid();
    }

    @Override
    public Object load(Object dbValue, Class<?> type) {
      return dbValue == null ? null : JsonText.parse(dbValue.toString());
    }

    @Override
    public Object dump(Object value) {
      return value == null || value instanceof JsonText ? value : JsonText.of(value);
    }
  },
  /** An association ({@link Assoc}): never a column; preloads fill it. */
  ASSOC(Assoc.class, Object.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      throw invalid();
    }
  },
  /** A Java enum, stored as text holding the constant's name (Ecto.Enum). */
  ENUM(Enum.class, String.class) {
    @Override
    Object castValue(Object v, Class<?> type) {
      if (type.isInstance(v)) {
        return v;
      }
      if (v instanceof String s) {
        return enumConstant(type, s);
      }
      throw invalid();
    }

    @Override
    public Object load(Object dbValue, Class<?> type) {
      return dbValue == null ? null : enumConstant(type, (String) dbValue);
    }

    @Override
    public Object dump(Object value) {
      return value == null ? null : ((Enum<?>) value).name();
    }
  };

  private static final Map<Class<?>, FieldType> BY_CLASS = Map.ofEntries(
      Map.entry(String.class, STRING),
      Map.entry(Integer.class, INTEGER), Map.entry(int.class, INTEGER),
      Map.entry(Long.class, LONG), Map.entry(long.class, LONG),
      Map.entry(Short.class, SHORT), Map.entry(short.class, SHORT),
      Map.entry(Boolean.class, BOOLEAN), Map.entry(boolean.class, BOOLEAN),
      Map.entry(Double.class, DOUBLE), Map.entry(double.class, DOUBLE),
      Map.entry(Float.class, FLOAT), Map.entry(float.class, FLOAT),
      Map.entry(BigDecimal.class, DECIMAL),
      Map.entry(UUID.class, UUID_TYPE),
      Map.entry(Instant.class, INSTANT),
      Map.entry(OffsetDateTime.class, OFFSET_DATE_TIME),
      Map.entry(LocalDateTime.class, LOCAL_DATE_TIME),
      Map.entry(LocalDate.class, LOCAL_DATE),
      Map.entry(LocalTime.class, LOCAL_TIME),
      Map.entry(java.time.Duration.class, DURATION),
      Map.entry(java.time.Period.class, PERIOD),
      Map.entry(BitString.class, BITSTRING),
      Map.entry(byte[].class, BYTES),
      Map.entry(java.util.List.class, LIST),
      Map.entry(java.util.Map.class, MAP),
      Map.entry(Assoc.class, ASSOC));

  private final Class<?> javaType;
  private final Class<?> readType;

  FieldType(Class<?> javaType, Class<?> readType) {
    this.javaType = javaType;
    this.readType = readType;
  }

  /**
   * The type of a Java class, or null when the class is not supported.
   *
   * <pre>{@code FieldType.of(long.class) // LONG }</pre>
   *
   * @param type a component's declared class
   * @return the field type, or null
   */
  public static FieldType of(Class<?> type) {
    if (type.isEnum()) {
      return ENUM;
    }
    return BY_CLASS.get(type);
  }

  /**
   * Every Java class a component may have, for error messages.
   *
   * <pre>{@code FieldType.supportedTypes() // "String, Integer/int, Long/long, ..." }</pre>
   *
   * @return a readable list
   */
  public static String supportedTypes() {
    return "String, Integer/int, Long/long, Short/short, Boolean/boolean, Double/double, Float/float, "
        + "BigDecimal, UUID, Instant, OffsetDateTime, LocalDateTime, LocalDate, LocalTime, Duration and Period (interval), BitString (varbit), byte[], "
        + "Java enums (stored as text), List<scalar> (arrays) and Map<String, Object> (jsonb)";
  }

  /**
   * The boxed Java type of values of this field type ({@code Enum.class} for enums).
   *
   * <pre>{@code FieldType.LONG.javaType() // Long.class }</pre>
   *
   * @return the boxed class
   */
  public Class<?> javaType() {
    return javaType;
  }

  /**
   * The class to ask the driver for when reading a column of this type.
   *
   * <pre>{@code row.get(i, FieldType.BYTES.readType()) // a ByteBuffer }</pre>
   *
   * @return the driver-side class
   */
  public Class<?> readType() {
    return readType;
  }

  /**
   * Casts external input to this type following Ecto's rules; null stays null. A time is
   * truncated to microseconds, as stored.
   *
   * <pre>{@code FieldType.DECIMAL.cast("12.50", BigDecimal.class) // 12.50 }</pre>
   *
   * @param value the input, typically a String or a JSON number
   * @param type the component's class (needed for enums)
   * @return the cast value
   * @throws IllegalArgumentException with the message "is invalid" when it cannot be cast
   */
  public Object cast(Object value, Class<?> type) {
    if (value == null) {
      return null;
    }
    try {
      Object out = castValue(value, type);
      // Ecto's time types hold microseconds, so a cast time is already what a reload will show.
      return this == INSTANT || this == OFFSET_DATE_TIME || this == LOCAL_DATE_TIME || this == LOCAL_TIME ? dump(out) : out;
    } catch (ArithmeticException e) {
      throw invalid();
    }
  }

  abstract Object castValue(Object value, Class<?> type);

  /**
   * Turns what the driver read into the component's value.
   *
   * <pre>{@code FieldType.ENUM.load("ACTIVE", Status.class) // Status.ACTIVE }</pre>
   *
   * @param dbValue the driver's value, of {@link #readType()}, or null
   * @param type the component's class
   * @return the component's value
   */
  public Object load(Object dbValue, Class<?> type) {
    return dbValue;
  }

  /**
   * Turns a component's value into what is bound as a statement parameter. Times are truncated to
   * microseconds, the precision PostgreSQL keeps (Ecto's {@code _usec} types): PostgreSQL would
   * round a finer value, so {@code 23:59:59.999999999} would be stored as the next day.
   *
   * <pre>{@code
   * FieldType.ENUM.dump(Status.ACTIVE)                                   // "ACTIVE"
   * FieldType.LOCAL_TIME.dump(LocalTime.parse("23:59:59.999999999"))     // 23:59:59.999999
   * }</pre>
   *
   * @param value the component's value, or null
   * @return the value to bind
   */
  public Object dump(Object value) {
    return value;
  }

  /**
   * A fresh value for a {@link Timestamp} component, truncated to microseconds.
   *
   * <pre>{@code FieldType.INSTANT.autogenerate(Clock.systemUTC()) }</pre>
   *
   * @param clock the clock to read
   * @return the timestamp
   * @throws UnsupportedOperationException for types that are not timestamps
   */
  public Object autogenerate(java.time.Clock clock) {
    throw new UnsupportedOperationException(this + " cannot be a timestamp");
  }

  /**
   * The value a component of a primitive type takes when the database gives NULL: false or zero;
   * null for a reference type.
   *
   * <pre>{@code FieldType.zeroOf(int.class) // 0 }</pre>
   *
   * @param type a Java type
   * @return its zero, or null
   */
  public static Object zeroOf(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return Boolean.FALSE;
    }
    if (type == char.class) {
      return (char) 0;
    }
    Object zero = PRIMITIVE_ZEROS.get(type);
    if (zero == null) {
      throw new AssertionError(type);
    }
    return zero;
  }

  // The types whose load returns the driver's value itself (they do not override it): found once,
  // so no new type can be wrongly listed here.
  private static final java.util.Set<FieldType> LOAD_AS_READ = java.util.Arrays.stream(values())
      .filter(t -> declaresLoad(t) == FieldType.class).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static Class<?> declaresLoad(FieldType t) {
    try {
      return t.getClass().getMethod("load", Object.class, Class.class).getDeclaringClass();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@link #load} returns the driver's value as it is read, so a row reader need not call it. */
  boolean loadsAsRead() {
    return LOAD_AS_READ.contains(this);
  }

  private static final Map<Class<?>, Object> PRIMITIVE_ZEROS = Map.of(
      long.class, 0L, int.class, 0, short.class, (short) 0, byte.class, (byte) 0, double.class, 0.0d, float.class, 0.0f);

  static IllegalArgumentException invalid() {
    return new IllegalArgumentException("is invalid");
  }

  private static long integral(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger i) {
      return i.longValueExact();
    }
    if (v instanceof BigDecimal d) {
      return d.longValueExact();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw invalid();
      }
    }
    throw invalid();
  }

  private static double floating(Object v) {
    if (v instanceof Number n && !(v instanceof BigDecimal)) {
      return n.doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof String s) {
      try {
        double d = Double.parseDouble(s.trim());
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw invalid();
        }
        return d;
      } catch (NumberFormatException e) {
        throw invalid();
      }
    }
    throw invalid();
  }

  private static Object parse(java.util.function.Supplier<Object> parser) {
    try {
      return parser.get();
    } catch (DateTimeParseException | IllegalArgumentException e) { // a date's text, a bit string's
      throw invalid();
    }
  }

  // Ecto accepts "2024-01-01 10:00:00" as well as the ISO "T" separator.
  private static String isoSeparator(String s) {
    return s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
  }

  private static byte[] toBytes(ByteBuffer b) {
    ByteBuffer copy = b.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> type, String name) {
    try {
      return Enum.valueOf((Class) type, name);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }
}
