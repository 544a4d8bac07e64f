package dev.flecto.migration;


/**
 * A column's type in a migration, by Ecto's names (the PostgreSQL dialect maps them: {@code
 * STRING} is {@code varchar} (255 unless sized), {@code ID} is {@code bigint}, {@code
 * UTC_DATETIME} is {@code timestamp(0)}, {@code MAP} is {@code jsonb}, ...), an array of one, or a
 * database type given as it is ({@link #raw(String)}, as Ecto passes an unknown atom through).
 *
 * <pre>{@code
 * add("title", ColumnType.STRING).size(100)
 * add("tags", ColumnType.arrayOf(ColumnType.STRING))
 * add("email", ColumnType.raw("citext"))
 * }</pre>
 *
 * @param name Ecto's type name ({@code "string"}, {@code "utc_datetime"}), {@code "array"}, or the database type of a raw one
 * @param element an array's element type, else null
 * @param raw whether {@code name} is a database type, used as it is
 */
public record ColumnType(String name, ColumnType element, boolean raw) {
  /** Ecto's {@code :id}: {@code bigint}. <pre>{@code add("author_id", ColumnType.ID)}</pre> */
  public static final ColumnType ID = of("id");
  /** Ecto's {@code :binary_id}: {@code uuid}. <pre>{@code add("key", ColumnType.BINARY_ID)}</pre> */
  public static final ColumnType BINARY_ID = of("binary_id");
  /** {@code uuid}. <pre>{@code add("token", ColumnType.UUID)}</pre> */
  public static final ColumnType UUID = of("uuid");
  /** {@code integer}. <pre>{@code add("age", ColumnType.INTEGER)}</pre> */
  public static final ColumnType INTEGER = of("integer");
  /** {@code bigint}. <pre>{@code add("views", ColumnType.BIGINT)}</pre> */
  public static final ColumnType BIGINT = of("bigint");
  /** {@code smallint}. <pre>{@code add("rank", ColumnType.SMALLINT)}</pre> */
  public static final ColumnType SMALLINT = of("smallint");
  /** {@code serial}. <pre>{@code add("n", ColumnType.SERIAL)}</pre> */
  public static final ColumnType SERIAL = of("serial");
  /** {@code bigserial}: the default primary key's type. <pre>{@code add("id", ColumnType.BIGSERIAL).primaryKey()}</pre> */
  public static final ColumnType BIGSERIAL = of("bigserial");
  /** {@code float} (double precision). <pre>{@code add("score", ColumnType.FLOAT)}</pre> */
  public static final ColumnType FLOAT = of("float");
  /** {@code decimal}, with {@code precision} and {@code scale}. <pre>{@code add("price", ColumnType.DECIMAL).precision(10).scale(2)}</pre> */
  public static final ColumnType DECIMAL = of("decimal");
  /** {@code boolean}. <pre>{@code add("active", ColumnType.BOOLEAN)}</pre> */
  public static final ColumnType BOOLEAN = of("boolean");
  /** {@code varchar}, 255 unless {@code size} is given. <pre>{@code add("name", ColumnType.STRING).size(40)}</pre> */
  public static final ColumnType STRING = of("string");
  /** {@code text}. <pre>{@code add("body", ColumnType.TEXT)}</pre> */
  public static final ColumnType TEXT = of("text");
  /** {@code bytea}. <pre>{@code add("avatar", ColumnType.BINARY)}</pre> */
  public static final ColumnType BINARY = of("binary");
  /** {@code jsonb}. <pre>{@code add("settings", ColumnType.MAP)}</pre> */
  public static final ColumnType MAP = of("map");
  /** {@code date}. <pre>{@code add("born_on", ColumnType.DATE)}</pre> */
  public static final ColumnType DATE = of("date");
  /** {@code time(0)}. <pre>{@code add("opens_at", ColumnType.TIME)}</pre> */
  public static final ColumnType TIME = of("time");
  /** {@code time}, microseconds. <pre>{@code add("at", ColumnType.TIME_USEC)}</pre> */
  public static final ColumnType TIME_USEC = of("time_usec");
  /** {@code timestamp(0)}. <pre>{@code add("seen_at", ColumnType.NAIVE_DATETIME)}</pre> */
  public static final ColumnType NAIVE_DATETIME = of("naive_datetime");
  /** {@code timestamp}, microseconds. <pre>{@code add("seen_at", ColumnType.NAIVE_DATETIME_USEC)}</pre> */
  public static final ColumnType NAIVE_DATETIME_USEC = of("naive_datetime_usec");
  /** {@code timestamp(0)}, meant as UTC. <pre>{@code add("paid_at", ColumnType.UTC_DATETIME)}</pre> */
  public static final ColumnType UTC_DATETIME = of("utc_datetime");
  /** {@code timestamp}, UTC, microseconds. <pre>{@code add("paid_at", ColumnType.UTC_DATETIME_USEC)}</pre> */
  public static final ColumnType UTC_DATETIME_USEC = of("utc_datetime_usec");

  /**
   * Checks the parts.
   *
   * <pre>{@code new ColumnType("string", null, false) }</pre>
   */
  public ColumnType {
    Checks.given(name, "name", "a column type");
    if (name.isBlank()) {
      throw new MigrationException("a column type needs a name");
    }
  }

  private static ColumnType of(String name) {
    return new ColumnType(name, null, false);
  }

  /**
   * An array of the type ({@code varchar(255)[]} for strings).
   *
   * <pre>{@code add("tags", ColumnType.arrayOf(ColumnType.STRING)) }</pre>
   *
   * @param element the element type
   * @return the array type
   */
  public static ColumnType arrayOf(ColumnType element) {
    return new ColumnType("array", Checks.given(element, "element", "a column type"), false);
  }

  /**
   * A database type used as it is ({@code citext}, {@code tsvector}, {@code timestamptz},
   * {@code numeric(12,4)}).
   *
   * <pre>{@code add("email", ColumnType.raw("citext")) }</pre>
   *
   * @param databaseType the type as PostgreSQL spells it
   * @return the type
   */
  public static ColumnType raw(String databaseType) {
    return new ColumnType(databaseType, null, true);
  }

  @Override
  public String toString() {
    return element != null ? "{:array, " + element + "}" : raw ? "\"" + name + "\"" : ":" + name;
  }
}
