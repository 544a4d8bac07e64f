package dev.flecto.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an embed field holds (Ecto's {@code embeds_one}/{@code embeds_many}): the {@link Embedded}
 * record type, one or many, and the {@link OnReplace} of {@code castEmbed}/{@code putEmbed}. An
 * embed field's {@link SchemaField#type()} is {@link FieldType#MAP}: it is jsonb to the database
 * and to queries ({@code jsonPath}); {@link SchemaField#embed()} tells it apart. Values are
 * written and read as JSON objects of the embedded record's fields, each value under Flecto's
 * casting rules ({@code Instant}, {@code LocalDate}, {@code UUID}, {@code BigDecimal} and enums as
 * text, {@code byte[]} as base64, as Ecto's embedded dump writes them), by a plan made once per
 * embedded type.
 *
 * <pre>{@code
 * Embed e = Schemas.of(User.class).field("profile").embed();
 * e.type()        // Profile.class
 * e.many()        // false
 * e.schema()      // the embedded schema's metadata
 * }</pre>
 */
public final class Embed {
  private final Class<?> type;
  private final boolean many;
  private final OnReplace onReplace;
  private final boolean array;
  private final boolean defaultsToStruct;
  // Resolved on first use: embedded schemas may refer to each other, or to themselves.
  private volatile EmbedCodec<?> codec;

  Embed(Class<?> type, boolean many, OnReplace onReplace, boolean array) {
    this(type, many, onReplace, array, false);
  }

  Embed(Class<?> type, boolean many, OnReplace onReplace, boolean array, boolean defaultsToStruct) {
    this.type = type;
    this.many = many;
    this.onReplace = onReplace;
    this.array = array;
    this.defaultsToStruct = defaultsToStruct;
  }

  /**
   * The embedded record class.
   *
   * <pre>{@code embed.type() // Profile.class }</pre>
   *
   * @return the class
   */
  public Class<?> type() {
    return type;
  }

  /**
   * Whether the field holds a list of records (embeds many) rather than one.
   *
   * <pre>{@code embed.many() }</pre>
   *
   * @return true for embeds many
   */
  public boolean many() {
    return many;
  }

  /**
   * What replacing current embedded records does.
   *
   * <pre>{@code embed.onReplace() // RAISE }</pre>
   *
   * @return the action
   */
  public OnReplace onReplace() {
    return onReplace;
  }

  /**
   * Whether an embeds-many is stored in a {@code jsonb[]} column ({@link EmbedsMany#array()}): it
   * dumps to a {@code JsonText[]} and is read as a {@code String[]}.
   *
   * <pre>{@code embed.array() }</pre>
   *
   * @return true for a jsonb[] column
   */
  public boolean array() {
    return array;
  }

  /**
   * Whether an embeds-one defaults to the embedded record with its defaults rather than null
   * ({@link EmbedsOne#defaultsToStruct()}); the record is the field's {@link SchemaField#defaultValue()}.
   *
   * <pre>{@code embed.defaultsToStruct() }</pre>
   *
   * @return true for a default record
   */
  public boolean defaultsToStruct() {
    return defaultsToStruct;
  }

  /**
   * The embedded schema's metadata.
   *
   * <pre>{@code embed.schema().field("city") }</pre>
   *
   * @return the metadata
   */
  public SchemaMeta<?> schema() {
    return Schemas.of(type);
  }

  EmbedCodec<?> codec() {
    EmbedCodec<?> c = codec;
    if (c == null) {
      c = EmbedCodec.of(type);
      codec = c;
    }
    return c;
  }

  /**
   * The JSON value a field of an embedded schema stores for a value: the value cast as the field
   * casts it, then written as the embed writes it (an enum as its name, an {@code Instant} as
   * ISO-8601 text, a decimal as text, a nested record as an object). How a query compares a JSON
   * path into an embed with a typed value.
   *
   * <pre>{@code Embed.json(Schemas.of(Profile.class).field("visibility"), "PUBLIC") // "PUBLIC" }</pre>
   *
   * @param field a field of an embedded schema
   * @param value the value, or text it casts from
   * @return a String, Number, Boolean, Map or List, or null
   * @throws IllegalArgumentException when the value cannot be cast to the field's type
   */
  public static Object json(SchemaField field, Object value) {
    return EmbedCodec.write(field, field.cast(value));
  }

  /** Input to the field's value: a record (or for many, a list) of the type as it is, or a map of its field names to values. */
  Object cast(Object input) {
    if (input == null) {
      return null;
    }
    if (!many) {
      return one(input);
    }
    if (!(input instanceof List<?> list)) {
      throw FieldType.invalid();
    }
    List<Object> out = new ArrayList<>(list.size());
    for (Object e : list) {
      out.add(one(e));
    }
    return Collections.unmodifiableList(out);
  }

  private Object one(Object input) {
    if (type.isInstance(input)) {
      return input;
    }
    if (input instanceof Map<?, ?> map) {
      return codec().fromFields(map);
    }
    throw FieldType.invalid();
  }

  /** The JSON text to bind; IllegalArgumentException saying why when it cannot be written. */
  Object dump(Object value) {
    if (value == null || value instanceof JsonText || value instanceof JsonText[]) {
      return value;
    }
    if (!array) {
      return new JsonText(JsonCodec.encode(toJson(value)));
    }
    List<?> list = (List<?>) value;
    JsonText[] out = new JsonText[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new JsonText(JsonCodec.encode(codec().toJson(list.get(i))));
    }
    return out;
  }

  /** The field's value for the jsonb text the driver read: NULL is null, or an empty list for many (Ecto). */
  Object load(Object dbValue) {
    if (dbValue == null) {
      return many ? List.of() : null;
    }
    if (!array) {
      return fromJson(JsonCodec.decode(dbValue.toString()));
    }
    List<Object> out = new ArrayList<>();
    for (String element : (String[]) dbValue) {
      out.add(codec().fromJson(element == null ? null : JsonCodec.decode(element)));
    }
    return Collections.unmodifiableList(out);
  }

  Object toJson(Object value) {
    if (value == null) {
      return null;
    }
    if (!many) {
      return codec().toJson(value);
    }
    List<Object> out = new ArrayList<>();
    for (Object e : (List<?>) value) {
      out.add(e == null ? null : codec().toJson(e));
    }
    return out;
  }

  Object fromJson(Object json) {
    if (!many) {
      return json == null ? null : codec().fromJson(json);
    }
    if (json == null) {
      return List.of();
    }
    if (!(json instanceof List<?> list)) {
      throw new IllegalArgumentException("expected a JSON array of embedded " + type.getSimpleName() + ", got "
          + ValueText.quoted(json));
    }
    List<Object> out = new ArrayList<>(list.size());
    for (Object e : list) {
      out.add(codec().fromJson(e));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embed e && e.type == type && e.many == many && e.onReplace == onReplace && e.array == array
        && e.defaultsToStruct == defaultsToStruct;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, many, onReplace, array, defaultsToStruct);
  }

  @Override
  public String toString() {
    return (many ? "EmbedsMany<" : "EmbedsOne<") + type.getSimpleName() + ">";
  }
}
