package dev.flecto.schema;

import dev.flecto.ArgumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Ecto's {@code Ecto.Enum}: a Java enum field stored as strings or as integers, declared with
 * {@code @Column(type = EnumType.class, params = {...})}. Without mappings each constant is stored
 * as its name (as a plain enum field is); with them, every constant names its stored value: all
 * strings ({@code "DRAFT=draft"}; a quoted value, {@code "ONE=\"1\""}, is always a string) or all
 * integers ({@code "DRAFT=1"}). The param {@code embed_as} says how the value is kept inside an
 * embed's JSON: {@code values} (the default) as the constant's name, {@code dumped} as its stored
 * value.
 *
 * <p>Cast, as Ecto.Enum's: the constant itself, its name (exactly: {@code "DRAFT"}), or its stored
 * value ({@code "draft"}, or the integer {@code 1} but not the text {@code "1"}); anything else is
 * "is invalid", with the type {@code EnumType(Status)}. Query parameters cast the same way, so
 * {@code param(Status.DRAFT)} binds {@code 1}. A stored value no constant maps to fails the row's
 * load with a {@code LoadException} naming the field and the schema. A mapping that names no
 * constant, leaves one out, gives two the same value, or mixes integers and strings is refused
 * when the schema is read ({@code SchemaException} naming the schema and the field).
 *
 * <p>On a {@code List<Status>} field (Ecto's {@code {:array, Ecto.Enum}}) the type is the elements':
 * the list is an {@code integer[]} of the mapped integers, or a {@code text[]} of the mapped strings
 * or names. A list is cast element by element by the rules above (one bad element makes the whole
 * list "is invalid", with the type {@code List<EnumType(Status)>}), each stored element loaded (one no
 * constant maps to fails the row's load), and {@code param(Status.DRAFT).in(field("statuses"))},
 * {@code Updates.push} and {@code pull} bind an element's stored value. Inside an embed, each
 * element is written as {@code embed_as} says. A {@code List<Status>} field without a type is a
 * {@code text[]} of the constants' names.
 *
 * <pre>{@code
 * enum Status { DRAFT, PUBLISHED, ARCHIVED }
 *
 * @Schema("posts")
 * record Post(@Id Long id,
 *     @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2", "ARCHIVED=9"}) Status status,   // integer
 *     @Column(type = EnumType.class, params = {"DRAFT=draft", "PUBLISHED=live", "ARCHIVED=gone",
 *         "embed_as=dumped"}) Status stage) {}                                                          // text
 *
 * repo.all(Query.from(Post.class).where(field("status").eq(param(Status.DRAFT))));  // binds 1
 * EnumType.mappings(Post.class, "status")     // {DRAFT=1, PUBLISHED=2, ARCHIVED=9}
 *
 * enum Role { ADMIN, EDITOR }
 *
 * @Schema("users")
 * record User(@Id Long id,
 *     @Column(type = EnumType.class, params = {"ADMIN=1", "EDITOR=2"}) List<Role> roles) {}   // integer[]
 *
 * repo.all(Query.from(User.class).where(param(Role.ADMIN).in(field("roles"))));  // binds 1: 1 = ANY(roles)
 * EnumType.dumpValues(User.class, "roles")    // [1, 2]
 * }</pre>
 *
 * @param <E> the enum
 */
public final class EnumType<E extends Enum<E>> implements CustomType<E> {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final String EMBED_AS = "embed_as";

  /** A plain enum field's Ecto.Enum: every constant by its name, as FieldType.ENUM stores it. */
  private static final ClassValue<EnumType<?>> BY_NAME = new ClassValue<>() {
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected EnumType<?> computeValue(Class<?> type) {
      return new EnumType(type, Map.of());
    }
  };

  private final Class<E> type;
  private final Map<E, Object> dumps;
  private final Map<Object, E> loads;
  private final Map<String, E> names;
  private final Map<E, Object> mappings;
  private final boolean integers;
  private final EmbedAs embedAs;

  /**
   * The type of one field, made as {@code @Column(type = EnumType.class, params = ...)} makes it:
   * with the field's Java type and its params (Ecto's {@code values:} and {@code embed_as:}).
   *
   * <pre>{@code new EnumType<>(Status.class, Map.of("DRAFT", "1", "PUBLISHED", "2", "ARCHIVED", "9")) }</pre>
   *
   * @param javaType the field's Java type, an enum (for a {@code List} field, its element type)
   * @param params each constant's stored value by the constant's name (all of them, or none for
   *     their names), and optionally {@code embed_as} = {@code values} or {@code dumped}
   * @throws IllegalArgumentException when the field is no enum or the params are not a mapping of it
   */
  @SuppressWarnings("unchecked")
  public EnumType(Class<?> javaType, Map<String, String> params) {
    if (javaType == null || !javaType.isEnum()) {
      throw new IllegalArgumentException("EnumType is for Java enum fields, not " + (javaType == null ? null : javaType.getName()));
    }
    if (javaType.getEnumConstants().length == 0) {
      throw new IllegalArgumentException(javaType.getName() + " has no constants to store");
    }
    this.type = (Class<E>) javaType;
    Map<String, String> values = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
    this.embedAs = embedAs(values.remove(EMBED_AS));
    this.mappings = Collections.unmodifiableMap(values.isEmpty() ? byName(type) : mapped(type, values));
    this.integers = mappings.values().iterator().next() instanceof Integer;
    this.dumps = new EnumMap<>(mappings);
    this.loads = new HashMap<>();
    mappings.forEach((constant, stored) -> loads.put(stored, constant));
    this.names = new HashMap<>();
    for (E constant : type.getEnumConstants()) {
      names.put(constant.name(), constant);
    }
  }

  private static EmbedAs embedAs(String given) {
    if (given == null || given.equals("values")) {
      return EmbedAs.SELF;
    }
    if (given.equals("dumped")) {
      return EmbedAs.DUMP;
    }
    throw new IllegalArgumentException("embed_as is values or dumped, got \"" + given + "\"");
  }

  private static <E extends Enum<E>> Map<E, Object> byName(Class<E> type) {
    Map<E, Object> out = new LinkedHashMap<>();
    for (E constant : type.getEnumConstants()) {
      out.put(constant, constant.name());
    }
    return out;
  }

  /** The declared mapping, in declaration order, checked as Ecto.Enum checks its values (and every constant named). */
  private static <E extends Enum<E>> Map<E, Object> mapped(Class<E> type, Map<String, String> values) {
    Map<E, Object> out = new LinkedHashMap<>();
    Map<Object, E> seen = new HashMap<>();
    values.forEach((name, value) -> {
      E constant = constant(type, name);
      Object stored = stored(name, value);
      E other = seen.putIfAbsent(stored, constant);
      if (other != null) {
        throw new IllegalArgumentException(other.name() + " and " + name + " are both stored as " + ValueText.quoted(stored)
            + ": each constant needs a value of its own");
      }
      out.put(constant, stored);
    });
    long integers = out.values().stream().filter(v -> v instanceof Integer).count();
    if (integers != 0 && integers != out.size()) {
      throw new IllegalArgumentException("the values mix integers and strings (" + out + "): Ecto.Enum stores them all as "
          + "integers or all as strings; quote a value (ONE=\"1\") to keep it a string");
    }
    List<String> missing = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      if (!out.containsKey(constant)) {
        missing.add(constant.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("a mapping names every constant of " + type.getSimpleName() + ", and " + missing
          + (missing.size() == 1 ? " has" : " have") + " no value: without one a record holding it could not be written");
    }
    return out;
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String name) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("\"" + name + "\" is no constant of " + type.getSimpleName() + " (its constants are "
        + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
        + "; the only other param is embed_as)");
  }

  private static Object stored(String name, String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " has no value: write " + name + "=text or " + name + "=integer");
    }
    if (!INTEGER.matcher(value).matches()) {
      return value;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + value + " does not fit an integer column", e);
    }
  }

  /**
   * {@code Integer} when the values are integers, else {@code String}.
   *
   * <pre>{@code type.storedAs() // Integer.class }</pre>
   *
   * @return the stored type
   */
  @Override
  public Class<?> storedAs() {
    return integers ? Integer.class : String.class;
  }

  /**
   * The constant for the constant itself, its name, or its stored value.
   *
   * <pre>{@code
   * type.cast("DRAFT")   // Status.DRAFT
   * type.cast(1)         // Status.DRAFT (stored as 1)
   * type.cast("draft")   // IllegalArgumentException "is invalid" (stored as integers)
   * }</pre>
   *
   * @param external the given value
   * @return the constant
   * @throws IllegalArgumentException "is invalid" for anything else
   */
  @Override
  public E cast(Object external) {
    E constant = null;
    if (type.isInstance(external)) {
      constant = type.cast(external);
    } else if (external instanceof String s) {
      constant = names.get(s);
      if (constant == null && !integers) {
        constant = loads.get(s);
      }
    } else if (integers && external instanceof Number n) {
      Integer i = exactInt(n);
      constant = i == null ? null : loads.get(i);
    }
    if (constant == null) {
      throw FieldType.invalid();
    }
    return constant;
  }

  // An integral number that fits an int; Ecto matches 1 but not 1.0.
  private static Integer exactInt(Number n) {
    try {
      long l;
      if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
        l = n.longValue();
      } else if (n instanceof BigInteger b) {
        l = b.longValueExact();
      } else if (n instanceof BigDecimal d) {
        l = d.longValueExact();
      } else {
        return null;
      }
      return l == (int) l ? (int) l : null;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /**
   * The constant stored as this value.
   *
   * <pre>{@code type.load(9) // Status.ARCHIVED }</pre>
   *
   * @param stored an {@code Integer} or a {@code String}
   * @return the constant
   * @throws IllegalArgumentException when no constant is stored so
   */
  @Override
  public E load(Object stored) {
    E constant = loads.get(integers && stored instanceof Number n ? exactInt(n) : stored);
    if (constant == null) {
      throw new IllegalArgumentException(ValueText.quoted(stored) + " is not a stored value of " + name() + ", which stores "
          + mappings.values().stream().map(ValueText::quoted).collect(Collectors.joining(", ")));
    }
    return constant;
  }

  /**
   * The constant's stored value.
   *
   * <pre>{@code type.dump(Status.ARCHIVED) // 9 }</pre>
   *
   * @param value a constant
   * @return its {@code Integer} or {@code String}
   */
  @Override
  public Object dump(E value) {
    Object stored = dumps.get(value);
    if (stored == null) {
      throw new IllegalArgumentException(ValueText.quoted(value) + " is not a constant of " + type.getSimpleName());
    }
    return stored;
  }

  /**
   * {@link EmbedAs#SELF} for {@code embed_as=values} (the default), written as the constant's
   * name; {@link EmbedAs#DUMP} for {@code embed_as=dumped}, written as its stored value.
   *
   * <pre>{@code type.embedAs() // SELF }</pre>
   *
   * @return how the value is embedded
   */
  @Override
  public EmbedAs embedAs() {
    return embedAs;
  }

  /**
   * {@code EnumType(Status)}, as cast errors name the type.
   *
   * <pre>{@code type.name() // "EnumType(Status)" }</pre>
   *
   * @return the name
   */
  @Override
  public String name() {
    return "EnumType(" + type.getSimpleName() + ")";
  }

  /**
   * The constants a field takes, in the order of its mapping (Ecto's {@code Ecto.Enum.values/2}); for
   * a {@code List} field, its elements'. An enum field without {@code EnumType}, or a {@code List}
   * of enums without it, takes every constant by name.
   *
   * <pre>{@code List<Status> all = EnumType.values(Post.class, "status"); // [DRAFT, PUBLISHED, ARCHIVED] }</pre>
   *
   * @param schema a schema or embedded record
   * @param field the field's name
   * @param <E> the enum
   * @return the constants
   * @throws ArgumentException when the field does not exist or holds no enum
   */
  @SuppressWarnings("unchecked")
  public static <E extends Enum<E>> List<E> values(Class<?> schema, String field) {
    return List.copyOf((java.util.Set<E>) of(schema, field).mappings.keySet());
  }

  /**
   * The values a field stores, in the order of its mapping (Ecto's {@code Ecto.Enum.dump_values/2}).
   *
   * <pre>{@code EnumType.dumpValues(Post.class, "status") // [1, 2, 9] }</pre>
   *
   * @param schema a schema or embedded record
   * @param field the field's name
   * @return each {@code Integer} or {@code String}
   * @throws ArgumentException when the field does not exist or holds no enum
   */
  public static List<Object> dumpValues(Class<?> schema, String field) {
    return List.copyOf(of(schema, field).mappings.values());
  }

  /**
   * Each constant and the value it is stored as, in the order of the mapping (Ecto's
   * {@code Ecto.Enum.mappings/2}), for a form's drop-down.
   *
   * <pre>{@code Map<Status, Object> m = EnumType.mappings(Post.class, "status"); // {DRAFT=1, PUBLISHED=2, ARCHIVED=9} }</pre>
   *
   * @param schema a schema or embedded record
   * @param field the field's name
   * @param <E> the enum
   * @return an unmodifiable map, iterated in the mapping's order
   * @throws ArgumentException when the field does not exist or holds no enum
   */
  @SuppressWarnings("unchecked")
  public static <E extends Enum<E>> Map<E, Object> mappings(Class<?> schema, String field) {
    return (Map<E, Object>) of(schema, field).mappings;
  }

  private static EnumType<?> of(Class<?> schema, String name) {
    SchemaMeta<?> meta = Schemas.of(schema);
    SchemaField f = meta.field(name);
    if (f.custom() instanceof EnumType<?> e) {
      return e;
    }
    Class<?> type = f.custom() == null && f.embed() == null ? f.elementType() != null ? f.elementType() : f.javaType() : null;
    if (type == null || !type.isEnum()) {
      throw new ArgumentException("field '" + name + "' of schema " + meta.describe() + " is not an enum field (it is "
          + f.typeName() + "): Ecto.Enum's values, dump values and mappings are an enum field's");
    }
    return BY_NAME.get(type);
  }
}
