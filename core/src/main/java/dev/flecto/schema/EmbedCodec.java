package dev.flecto.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON form of one embedded schema, planned once per record class: each persisted field's
 * key, and how its value is written and read. Writing builds plain maps and lists of JSON scalars
 * that {@link JsonCodec} writes (under the same limits as map fields); reading walks what
 * {@link JsonCodec} read and casts each value with the field's own casting rules, so an embedded
 * {@code Instant} is read as a field's is. Ecto's embedded dump is followed for the types JSON has
 * no scalar for: decimals, UUIDs, times, dates and enums as text, {@code byte[]} as base64.
 */
final class EmbedCodec<T> {
  private static final ClassValue<EmbedCodec<?>> CODECS = new ClassValue<>() {
    @Override
    protected EmbedCodec<?> computeValue(Class<?> type) {
      return new EmbedCodec<>(Schemas.of(type));
    }
  };

  private final SchemaMeta<T> meta;
  private final SchemaField[] fields;
  private final String[] keys;
  private final SchemaField generatedId;

  private EmbedCodec(SchemaMeta<T> meta) {
    this.meta = meta;
    List<SchemaField> persisted = meta.persistedFields();
    this.fields = persisted.toArray(new SchemaField[0]);
    this.keys = persisted.stream().map(SchemaField::column).toArray(String[]::new);
    this.generatedId = meta.primaryKey().size() == 1 && meta.primaryKey().get(0).idGeneration() == IdGeneration.CLIENT_UUID
        ? meta.primaryKey().get(0) : null;
  }

  static EmbedCodec<?> of(Class<?> type) {
    return CODECS.get(type);
  }

  SchemaMeta<T> meta() {
    return meta;
  }

  /** The record as a JSON object of plain values; a missing generated id is generated (Ecto does so on insert). */
  Map<String, Object> toJson(Object value) {
    @SuppressWarnings("unchecked")
    T record = (T) value;
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i++) {
      Object v = meta.get(record, fields[i]);
      if (v == null && fields[i] == generatedId) {
        v = UUID.randomUUID();
      }
      out.put(keys[i], write(fields[i], v));
    }
    return out;
  }

  /**
   * A record from a JSON object as Ecto's embedded load builds it: from the record's defaults, each
   * key present setting its field (null too); unknown keys ignored.
   */
  T fromJson(Object json) {
    if (!(json instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("expected a JSON object for embedded " + meta.describe() + ", got "
          + ValueText.quoted(json));
    }
    Object[] values = meta.blankComponents();
    for (int i = 0; i < fields.length; i++) {
      if (map.containsKey(keys[i])) {
        values[fields[i].index()] = read(fields[i], map.get(keys[i]));
      }
    }
    return meta.newInstance(values);
  }

  /** A record from a map of field names to values, each cast as the field casts (how a map is given in place of a record). */
  T fromFields(Map<?, ?> map) {
    Object[] values = meta.values(meta.blank());
    map.forEach((k, v) -> {
      SchemaField f = meta.findField(String.valueOf(k));
      if (f == null || f.virtual()) {
        throw new IllegalArgumentException("'" + k + "' is not a stored field of embedded " + meta.type().getSimpleName()
            + "; its fields are " + meta.fieldNames());
      }
      values[f.index()] = f.cast(v);
    });
    return meta.newInstance(values);
  }

  private Object read(SchemaField f, Object v) {
    try {
      if (f.embed() != null) {
        return f.embed().fromJson(v);
      }
      if (v == null) {
        return null;
      }
      if (f.elementType() != null) {
        if (!(v instanceof List<?> list)) {
          throw FieldType.invalid();
        }
        FieldType element = FieldType.of(f.elementType());
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
          out.add(f.custom() == null ? scalar(element, f.elementType(), e) : e == null ? null : readCustom(f, e));
        }
        return Collections.unmodifiableList(out);
      }
      if (f.custom() != null) {
        return readCustom(f, v);
      }
      return scalar(f.type(), f.javaType(), v);
    } catch (IllegalArgumentException e) {
      String reason = "is invalid".equals(e.getMessage()) ? "" : " (" + e.getMessage() + ")";
      throw new IllegalArgumentException("field '" + f.name() + "' of embedded " + meta.type().getSimpleName()
          + ": cannot load " + ValueText.quoted(v) + " as " + f.typeName() + reason, e);
    }
  }

  // Ecto's embed_as: the stored value loaded, or the Java value as Jackson reads it (of a list field, one element's).
  private static Object readCustom(SchemaField f, Object v) {
    CustomType<Object> c = f.custom();
    Class<?> javaType = f.elementType() != null ? f.elementType() : f.javaType();
    FieldType stored = FieldType.of(c.storedAs());
    return c.embedAs() == CustomType.EmbedAs.DUMP ? c.load(stored.load(scalar(stored, c.storedAs(), v), c.storedAs()))
        // Ecto.Enum's :values: the name; its cast also takes the stored value, so a switch of embed_as keeps old rows readable.
        : c instanceof EnumType<?> e ? e.cast(v) : JsonCodec.convert(v, javaType);
  }

  private static Object scalar(FieldType t, Class<?> javaType, Object v) {
    if (t == FieldType.BYTES && v instanceof String s) {
      return Base64.getDecoder().decode(s); // an IllegalArgumentException for bad base64, as a failed cast
    }
    return t.cast(v, javaType);
  }

  static Object write(SchemaField f, Object v) {
    if (v == null) {
      return null;
    }
    if (f.embed() != null) {
      return f.embed().toJson(v);
    }
    if (f.elementType() != null) {
      FieldType element = FieldType.of(f.elementType());
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(e == null ? null : f.custom() != null ? writeCustom(f.custom(), e) : scalar(element, e));
      }
      return out;
    }
    if (f.custom() != null) {
      return writeCustom(f.custom(), v);
    }
    return scalar(f.type(), v);
  }

  // Ecto's embed_as: the stored value, or the Java value for Jackson to write.
  private static Object writeCustom(CustomType<Object> c, Object v) {
    // Ecto.Enum's embed_as :values is the constant's name, whatever Jackson annotations the enum may carry.
    return c.embedAs() == CustomType.EmbedAs.DUMP ? scalar(FieldType.of(c.storedAs()), c.dump(v))
        : c instanceof EnumType<?> ? ((Enum<?>) v).name() : v;
  }

  private static Object scalar(FieldType t, Object v) {
    switch (t) {
      case DECIMAL:
        return ((BigDecimal) v).toString(); // as Ecto (Jason writes a Decimal as a string): no precision lost
      case UUID_TYPE:
      case LOCAL_DATE:
        return v.toString();
      case DURATION:
        return t.dump(v).toString(); // ISO-8601 ("PT1H30M"), to the microsecond
      case PERIOD:
        return v.toString(); // ISO-8601 ("P1Y2M3D")
      case BITSTRING:
        return v.toString(); // its bits as text ("0101"), as PostgreSQL writes a varbit
      case INSTANT:
      case OFFSET_DATE_TIME:
      case LOCAL_DATE_TIME:
      case LOCAL_TIME:
        return t.dump(v).toString(); // ISO-8601, to the microsecond a field keeps
      case BYTES:
        return Base64.getEncoder().encodeToString((byte[]) v);
      case ENUM:
        return ((Enum<?>) v).name();
      default:
        return v; // strings, numbers, booleans, maps (written by Jackson as a map field's are)
    }
  }
}
