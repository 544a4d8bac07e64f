package dev.flecto.schema;

import dev.flecto.SchemaException;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads and validates a schema record's annotations once; reflection happens only here. */
final class SchemaReader {
  private SchemaReader() {}

  static SchemaMeta<?> read(Class<?> type) {
    Schema schema = type.getAnnotation(Schema.class);
    Embedded embedded = type.getAnnotation(Embedded.class);
    if (!type.isRecord()) {
      throw new SchemaException(type.getName() + " is not a schema: schemas are records annotated @Schema(\"table\")"
          + (embedded != null ? "; an @Embedded schema is a record too" : ""));
    }
    if (embedded != null) {
      if (schema != null) {
        throw new SchemaException("record " + type.getName() + " is annotated both @Schema and @Embedded; an embedded "
            + "schema has no table: keep one of them");
      }
      return EmbeddedReader.read(type, embedded);
    }
    if (schema == null) {
      throw new SchemaException("record " + type.getName() + " is not a schema: annotate it with @Schema(\"table\") "
          + "(or @Embedded for a record stored inside another schema's jsonb field)");
    }
    if (schema.value().isBlank()) {
      throw new SchemaException("schema " + type.getName() + ": @Schema needs a table name");
    }
    RecordComponent[] components = type.getRecordComponents();
    List<SchemaField> fields = new ArrayList<>(components.length);
    Map<String, String> columns = new HashMap<>();
    long ids = java.util.Arrays.stream(components).filter(c -> c.isAnnotationPresent(Id.class)).count();
    for (int i = 0; i < components.length; i++) {
      SchemaField f = field(type, schema.naming(), components[i], i, ids == 1);
      if (f.persisted()) {
        String other = columns.putIfAbsent(f.column(), f.name());
        if (other != null) {
          throw new SchemaException("schema " + type.getName() + ": components '" + other + "' and '" + f.name()
              + "' both map to column '" + f.column() + "'; give one of them another @Column");
        }
      }
      fields.add(f);
    }
    List<Association> associations = new ArrayList<>();
    for (RecordComponent c : components) {
      if (c.getType() == Assoc.class) {
        Association a = association(type, c, fields);
        // Ecto: a through chain starts at an association declared before it in the same schema.
        if (a.isThrough() && associations.stream().noneMatch(prior -> prior.name().equals(a.through().get(0)))) {
          throw new SchemaException("schema " + type.getName() + ", association '" + a.name() + "': its through chain "
              + "starts at '" + a.through().get(0) + "', which is not an association declared before it; declared: "
              + associations.stream().map(Association::name).toList());
        }
        associations.add(a);
      }
    }
    return new SchemaMeta<>(type, schema.value(), schema.prefix().isEmpty() ? null : schema.prefix(),
        fields, constructor(type, components), accessors(type), associations);
  }

  static SchemaField field(Class<?> type, NamingStrategy naming, RecordComponent c, int index, boolean singleId) {
    String where = "schema " + type.getName() + ", component '" + c.getName() + "'";
    Embed embed = EmbeddedReader.embed(where, c);
    if (embed != null) {
      return EmbeddedReader.embedField(where, naming, c, index, embed);
    }
    Column declared = c.getAnnotation(Column.class);
    // Ecto's {:array, Ecto.Enum}: an EnumType on a List is its elements' type (any other custom type takes the whole list).
    Class<?> enumElement = declared != null && declared.type() == EnumType.class && c.getType() == List.class
        ? enumElement(where, c) : null;
    CustomType<?> custom = declared != null && declared.type() != CustomType.class
        ? CustomTypes.make(where, enumElement != null ? enumElement : c.getType(), declared.type(), declared.params())
        : CustomTypes.registered(c.getType());
    if (custom != null) {
      return customField(where, naming, c, index, declared, custom, enumElement);
    }
    if (declared != null && declared.params().length > 0) {
      throw new SchemaException(where + ": @Column params are for a custom type's, and it names none (type = ...)");
    }
    FieldType ft = FieldType.of(c.getType());
    if (ft == FieldType.ASSOC) {
      return new SchemaField(c.getName(), c.getName(), index, c.getType(), ft, false, IdGeneration.NONE,
          Assoc.notLoaded(c), null, true, false, null);
    }
    Class<?> element = ft == FieldType.LIST ? elementType(where, c) : null;
    if (ft == null) {
      throw new SchemaException(where + ": type " + c.getGenericType().getTypeName()
          + " is not supported; supported types are " + FieldType.supportedTypes()
          + " (mark it @Virtual if it is never persisted)");
    }
    if (ft == FieldType.MAP) {
      stringKeys(where, c);
    }
    Column column = c.getAnnotation(Column.class);
    Id id = c.getAnnotation(Id.class);
    boolean virtual = c.isAnnotationPresent(Virtual.class);
    boolean readOnly = c.isAnnotationPresent(ReadOnly.class);
    if (virtual && (id != null || readOnly || column != null)) {
      throw new SchemaException(where + ": a @Virtual component has no column, so it cannot be @Id, @ReadOnly or @Column");
    }
    if (column != null && column.value().isBlank() && column.loadInQuery()) {
      throw new SchemaException(where + ": @Column needs a column name, a custom type (type = ...) or loadInQuery = false");
    }
    String columnName = column != null && !column.value().isBlank() ? column.value() : naming.columnName(c.getName());
    IdGeneration generation = id == null ? IdGeneration.NONE : idGeneration(where, id.generated(), ft, singleId, c.getType());
    Object defaultValue = defaultValue(where, c, ft);
    Timestamp.Kind ts = timestamp(where, c, ft);
    return new SchemaField(c.getName(), columnName, index, c.getType(), ft, id != null, generation,
        defaultValue, ts, virtual, readOnly, element, null, null, loadInQuery(where, column, id != null));
  }

  /** Ecto's {@code :load_in_query}; a key is always loaded, since gets, preloads and writes find records by it. */
  private static boolean loadInQuery(String where, Column column, boolean key) {
    if (column == null || column.loadInQuery()) {
      return true;
    }
    if (key) {
      throw new SchemaException(where + ": an @Id is always loaded (gets, preloads and writes find records by it), "
          + "so it cannot be @Column(loadInQuery = false)");
    }
    return false;
  }

  /** The element class of a {@code List} declared with {@code EnumType}, which that type checks is an enum. */
  private static Class<?> enumElement(String where, RecordComponent c) {
    if (c.getGenericType() instanceof java.lang.reflect.ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
      return e;
    }
    throw new SchemaException(where + ": EnumType on a List (Ecto's {:array, Ecto.Enum}) needs the enum as its element "
        + "type, such as List<Role>, not " + c.getGenericType().getTypeName());
  }

  /**
   * A field of a custom type: stored as its {@code storedAs()} type, which must be one Flecto binds;
   * with an element class, a list of them (a PostgreSQL array of the stored type).
   */
  @SuppressWarnings("unchecked")
  private static SchemaField customField(String where, NamingStrategy naming, RecordComponent c, int index, Column column,
      CustomType<?> custom, Class<?> element) {
    Class<?> stored = custom.storedAs();
    FieldType ft = stored == null ? null : FieldType.of(stored);
    if (ft == null || ft == FieldType.ASSOC || ft == FieldType.LIST) {
      throw new SchemaException(where + ": custom type " + custom.name() + " is stored as " + stored + ", which is not a "
          + "type Flecto binds; storedAs() must be one of " + FieldType.supportedTypes());
    }
    if (c.isAnnotationPresent(Virtual.class) || c.isAnnotationPresent(Timestamp.class)) {
      throw new SchemaException(where + ": a field of custom type " + custom.name() + " cannot be @Virtual or @Timestamp");
    }
    Id id = c.getAnnotation(Id.class);
    if (id != null && element != null) {
      throw new SchemaException(where + ": a List of " + custom.name() + " cannot be an @Id");
    }
    if (id != null && id.generated() == IdGeneration.CLIENT_UUID) {
      throw new SchemaException(where + ": a key of custom type " + custom.name() + " cannot be a client UUID: use "
          + "@Id(generated = IdGeneration.DATABASE or NONE)");
    }
    String columnName = column != null && !column.value().isBlank() ? column.value() : naming.columnName(c.getName());
    IdGeneration generation = id == null ? IdGeneration.NONE : id.generated() == IdGeneration.AUTO
        ? IdGeneration.DATABASE : id.generated();
    return new SchemaField(c.getName(), columnName, index, c.getType(), element != null ? FieldType.LIST : ft, id != null,
        generation, null, null, false, c.isAnnotationPresent(ReadOnly.class), element, null, (CustomType<Object>) custom,
        loadInQuery(where, column, id != null));
  }

  /** Reads an association's annotation and type argument; the target is resolved only when used (schemas refer to each other). */
  static Association association(Class<?> type, RecordComponent c, List<SchemaField> fields) {
    String where = "schema " + type.getName() + ", association '" + c.getName() + "'";
    BelongsTo belongsTo = c.getAnnotation(BelongsTo.class);
    HasOne hasOne = c.getAnnotation(HasOne.class);
    HasMany hasMany = c.getAnnotation(HasMany.class);
    ManyToMany manyToMany = c.getAnnotation(ManyToMany.class);
    int declared = (belongsTo != null ? 1 : 0) + (hasOne != null ? 1 : 0) + (hasMany != null ? 1 : 0) + (manyToMany != null ? 1 : 0);
    if (declared != 1) {
      throw new SchemaException(where + ": an Assoc component needs exactly one of @BelongsTo, @HasOne, @HasMany or @ManyToMany");
    }
    boolean many = hasMany != null || manyToMany != null;
    Class<?> target = assocTarget(where, c, many);
    String owner = Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1) + "Id";
    if (belongsTo != null) {
      String fk = belongsTo.foreignKey().isEmpty() ? c.getName() + "Id" : belongsTo.foreignKey();
      if (fields.stream().noneMatch(f -> f.name().equals(fk) && f.persisted())) {
        throw new SchemaException(where + ": its foreign key field '" + fk + "' does not exist; add it, or name it with "
            + "@BelongsTo(foreignKey = \"...\")");
      }
      return new Association(c.getName(), Association.Kind.BELONGS_TO, target, fk, belongsTo.references(), "", "", "",
          OnDelete.NOTHING, null, List.of(), filters(where, belongsTo.where()), List.of(), belongsTo.onReplace());
    }
    if (hasOne != null || hasMany != null) {
      String fk = hasOne != null ? hasOne.foreignKey() : hasMany.foreignKey();
      String refs = hasOne != null ? hasOne.references() : hasMany.references();
      List<String> through = List.of(hasOne != null ? hasOne.through() : hasMany.through());
      Where[] filter = hasOne != null ? hasOne.where() : hasMany.where();
      OnDelete onDelete = hasOne != null ? hasOne.onDelete() : hasMany.onDelete();
      if (!through.isEmpty()) {
        // Ecto: a :through association takes no keys, filter or on_delete of its own; it is read-only.
        if (through.size() < 2 || !fk.isEmpty() || !refs.isEmpty() || filter.length > 0 || onDelete != OnDelete.NOTHING) {
          throw new SchemaException(where + ": a through association names at least two associations "
              + "(through = {\"comments\", \"author\"}) and takes no foreignKey, references, where or onDelete");
        }
        fk = "";
      } else {
        fk = fk.isEmpty() ? owner : fk;
      }
      if (hasMany != null && hasMany.onReplace() == OnReplace.UPDATE) {
        throw new SchemaException(where + ": onReplace UPDATE is for has-one and belongs-to associations (Ecto)");
      }
      return new Association(c.getName(), hasOne != null ? Association.Kind.HAS_ONE : Association.Kind.HAS_MANY, target,
          fk, refs, "", "", "", onDelete, null, through, filters(where, filter),
          order(where, hasMany != null ? hasMany.preloadOrder() : new String[0]),
          hasOne != null ? hasOne.onReplace() : hasMany.onReplace());
    }
    if (manyToMany.onReplace() == OnReplace.UPDATE || manyToMany.onReplace() == OnReplace.NILIFY) {
      throw new SchemaException(where + ": onReplace " + manyToMany.onReplace() + " does not apply to a many-to-many "
          + "(its replaced join rows are kept, raise, or deleted)");
    }
    Class<?> joinSchema = manyToMany.joinThrough() == void.class ? null : manyToMany.joinThrough();
    if ((joinSchema == null) == manyToMany.joinTable().isEmpty()) {
      throw new SchemaException(where + ": a many-to-many names exactly one of joinTable (\"posts_tags\") and "
          + "joinThrough (a join schema class)");
    }
    String joinTable = manyToMany.joinTable();
    String joinKey = manyToMany.joinKey();
    String relatedKey = manyToMany.relatedKey();
    if (joinSchema != null) {
      Schema s = joinSchema.getAnnotation(Schema.class);
      if (s == null) {
        throw new SchemaException(where + ": its join schema " + joinSchema.getName() + " is not annotated with @Schema");
      }
      joinTable = s.value(); // the join schema's own metadata is read when used: schemas refer to each other
      joinKey = joinKey.isEmpty() ? owner : joinKey;
      relatedKey = relatedKey.isEmpty()
          ? Character.toLowerCase(target.getSimpleName().charAt(0)) + target.getSimpleName().substring(1) + "Id" : relatedKey;
    } else {
      joinKey = joinKey.isEmpty() ? NamingStrategy.SNAKE_CASE.columnName(type.getSimpleName()) + "_id" : joinKey;
      relatedKey = relatedKey.isEmpty() ? NamingStrategy.SNAKE_CASE.columnName(target.getSimpleName()) + "_id" : relatedKey;
    }
    java.util.Map<String, String> joinDefaults = new java.util.LinkedHashMap<>();
    for (JoinDefault d : manyToMany.joinDefaults()) {
      if (joinSchema == null) {
        throw new SchemaException(where + ": joinDefaults need a join schema (joinThrough), as Ecto's join_defaults do; "
            + "a plain join table has only its two keys");
      }
      if (joinDefaults.put(d.field(), d.value()) != null) {
        throw new SchemaException(where + ": joinDefaults name field '" + d.field() + "' twice");
      }
    }
    return new Association(c.getName(), Association.Kind.MANY_TO_MANY, target, "", "", joinTable, joinKey, relatedKey,
        manyToMany.onDelete(), joinSchema, List.of(), filters(where, manyToMany.where()), order(where, manyToMany.preloadOrder()),
        manyToMany.onReplace(), manyToMany.unique(), joinDefaults);
  }

  private static List<Association.Filter> filters(String where, Where[] conditions) {
    List<Association.Filter> out = new ArrayList<>();
    for (Where w : conditions) {
      int forms = (w.value().isEmpty() ? 0 : 1) + (w.in().length > 0 ? 1 : 0) + (w.isNull() ? 1 : 0) + (w.notNull() ? 1 : 0);
      if (forms != 1 || w.field().isEmpty()) {
        throw new SchemaException(where + ": @Where(field = \"" + w.field() + "\") needs a field and exactly one of "
            + "value, in, isNull or notNull");
      }
      if (!w.value().isEmpty()) {
        out.add(new Association.Filter(w.field(), Association.Filter.Kind.EQUAL, List.of(w.value())));
      } else if (w.in().length > 0) {
        out.add(new Association.Filter(w.field(), Association.Filter.Kind.IN, List.of(w.in())));
      } else {
        out.add(new Association.Filter(w.field(), w.isNull() ? Association.Filter.Kind.IS_NULL
            : Association.Filter.Kind.NOT_NULL, List.of()));
      }
    }
    return out;
  }

  private static List<String> order(String where, String[] order) {
    for (String o : order) {
      String[] parts = o.trim().split("\\s+");
      if (o.isBlank() || parts.length > 2 || (parts.length == 2 && !parts[1].equalsIgnoreCase("asc")
          && !parts[1].equalsIgnoreCase("desc"))) {
        throw new SchemaException(where + ": preloadOrder entry '" + o + "' is not a field optionally followed by asc or desc");
      }
    }
    return List.of(order);
  }

  private static Class<?> assocTarget(String where, RecordComponent c, boolean many) {
    if (c.getGenericType() instanceof java.lang.reflect.ParameterizedType p) {
      java.lang.reflect.Type arg = p.getActualTypeArguments()[0];
      if (!many && arg instanceof Class<?> target) {
        return target;
      }
      if (many && arg instanceof java.lang.reflect.ParameterizedType list && list.getRawType() == List.class
          && list.getActualTypeArguments()[0] instanceof Class<?> target) {
        return target;
      }
    }
    throw new SchemaException(where + ": the component must be " + (many ? "Assoc<List<Target>>" : "Assoc<Target>")
        + ", not " + c.getGenericType().getTypeName());
  }

  /** A List component is a PostgreSQL array of a scalar field type, named in its type argument. */
  private static Class<?> elementType(String where, RecordComponent c) {
    if (c.getGenericType() instanceof java.lang.reflect.ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> e) {
      FieldType t = FieldType.of(e);
      // Durations, periods and bit strings are bound through driver types that have no array form here.
      if (t != null && t != FieldType.LIST && t != FieldType.BYTES && t != FieldType.DURATION && t != FieldType.PERIOD
          && t != FieldType.BITSTRING) {
        return e;
      }
    }
    throw new SchemaException(where + ": type " + c.getGenericType().getTypeName() + " is not supported; a List "
        + "component needs a scalar element type, such as List<String> or List<Long> (a PostgreSQL array)");
  }

  /**
   * A Map component is a jsonb object, whose keys are always text: a {@code Map<Integer, ?>} would
   * read back with String keys, so it is refused before it can hold one (a raw or wildcard key type
   * promises nothing either).
   */
  private static void stringKeys(String where, RecordComponent c) {
    if (c.getGenericType() instanceof java.lang.reflect.ParameterizedType p && p.getActualTypeArguments()[0] == String.class) {
      return;
    }
    throw new SchemaException(where + ": type " + c.getGenericType().getTypeName() + " is not supported; a Map component "
        + "is stored as a jsonb object, whose keys are strings, so keys of another type would come back as strings: "
        + "declare it Map<String, Object> (or Map<String, V>)");
  }

  static IdGeneration idGeneration(String where, IdGeneration declared, FieldType ft, boolean single, Class<?> cls) {
    boolean integral = ft == FieldType.LONG || ft == FieldType.INTEGER || ft == FieldType.SHORT;
    IdGeneration g = declared;
    if (g == IdGeneration.AUTO) {
      g = !single ? IdGeneration.NONE
          : integral ? IdGeneration.DATABASE
          : ft == FieldType.UUID_TYPE ? IdGeneration.CLIENT_UUID : IdGeneration.NONE;
    }
    if (g == IdGeneration.DATABASE && !integral) {
      throw new SchemaException(where + ": a database-generated @Id must be Long, Integer or Short, not " + cls.getSimpleName());
    }
    if (g == IdGeneration.DATABASE && cls.isPrimitive()) {
      throw new SchemaException(where + ": a database-generated @Id must be boxed (" + ft.javaType().getSimpleName()
          + ", not " + cls.getName() + ") so that a new record can have no id yet");
    }
    if (g == IdGeneration.CLIENT_UUID && ft != FieldType.UUID_TYPE) {
      throw new SchemaException(where + ": a client-generated @Id must be a UUID, not " + cls.getSimpleName());
    }
    return g;
  }

  private static Object defaultValue(String where, RecordComponent c, FieldType ft) {
    Default d = c.getAnnotation(Default.class);
    if (d == null) {
      return null;
    }
    try {
      return ft.cast(d.value(), c.getType());
    } catch (IllegalArgumentException e) {
      throw new SchemaException(where + ": @Default(\"" + d.value() + "\") cannot be cast to " + c.getType().getSimpleName());
    }
  }

  private static Timestamp.Kind timestamp(String where, RecordComponent c, FieldType ft) {
    Timestamp t = c.getAnnotation(Timestamp.class);
    if (t == null) {
      return null;
    }
    if (ft != FieldType.INSTANT && ft != FieldType.OFFSET_DATE_TIME && ft != FieldType.LOCAL_DATE_TIME) {
      throw new SchemaException(where + ": a @Timestamp must be Instant, OffsetDateTime or LocalDateTime, not "
          + c.getType().getSimpleName());
    }
    if (c.isAnnotationPresent(Virtual.class) || c.isAnnotationPresent(ReadOnly.class)) {
      throw new SchemaException(where + ": a @Timestamp is written by the Repo, so it cannot be @Virtual or @ReadOnly");
    }
    if (t.value() != Timestamp.Kind.AUTO) {
      return t.value();
    }
    switch (c.getName()) {
      case "insertedAt":
        return Timestamp.Kind.INSERTED;
      case "updatedAt":
        return Timestamp.Kind.UPDATED;
      default:
        throw new SchemaException(where + ": cannot tell which timestamp this is from its name; write "
            + "@Timestamp(Timestamp.Kind.INSERTED) or @Timestamp(Timestamp.Kind.UPDATED)");
    }
  }

  static MethodHandle constructor(Class<?> type, RecordComponent[] components) {
    Class<?>[] params = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      params[i] = components[i].getType();
    }
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(params);
      ctor.setAccessible(true);
      MethodHandle mh = MethodHandles.lookup().unreflectConstructor(ctor);
      // One spreader of Object[] -> Object so each row costs one invokeExact, no reflection.
      return mh.asSpreader(Object[].class, components.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new SchemaException("schema " + type.getName() + ": cannot access its canonical constructor ("
          + e.getMessage() + "); make the record public or open its package", e);
    }
  }

  /**
   * Each component's accessor as a function. Where Flecto may define classes beside the record
   * (its package is open to Flecto, as on the class path), each is a small generated class calling
   * the accessor directly, which the JIT inlines; otherwise a method handle, several times slower
   * per call. Preloads read each child's key through these, once per row.
   */
  static Function<Object, Object>[] accessors(Class<?> type) {
    return ACCESSORS.get(type).clone();
  }

  // Made once per record class, even when reading its schema fails later and is tried again: each
  // generated accessor is a class that lives as long as the record's class loader.
  private static final ClassValue<Function<Object, Object>[]> ACCESSORS = new ClassValue<>() {
    @Override
    protected Function<Object, Object>[] computeValue(Class<?> type) {
      return made(type, type.getRecordComponents());
    }
  };

  @SuppressWarnings("unchecked")
  private static Function<Object, Object>[] made(Class<?> type, RecordComponent[] components) {
    Function<Object, Object>[] out = new Function[components.length];
    MethodHandles.Lookup beside = besideOrNull(type);
    for (int i = 0; i < components.length; i++) {
      try {
        java.lang.reflect.Method m = components[i].getAccessor();
        m.setAccessible(true);
        out[i] = beside != null ? generated(beside, type, m) : null;
        if (out[i] == null) {
          MethodHandle h = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(Object.class, Object.class));
          out[i] = record -> {
            try {
              return (Object) h.invokeExact(record);
            } catch (Throwable t) {
              throw RecordPlan.rethrow(t);
            }
          };
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new SchemaException("schema " + type.getName() + ", component '" + components[i].getName()
            + "': cannot access its accessor (" + e.getMessage() + ")", e);
      }
    }
    return out;
  }

  private static MethodHandles.Lookup besideOrNull(Class<?> type) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      return lookup.hasFullPrivilegeAccess() ? lookup : null;
    } catch (IllegalAccessException | RuntimeException e) {
      return null; // a package not open to Flecto: method handles do
    }
  }

  @SuppressWarnings("unchecked")
  private static Function<Object, Object> generated(MethodHandles.Lookup beside, Class<?> type, java.lang.reflect.Method m) {
    try {
      MethodType erased = MethodType.methodType(Object.class, Object.class);
      CallSite site = LambdaMetafactory.metafactory(beside, "apply", MethodType.methodType(Function.class), erased,
          beside.unreflect(m), MethodType.methodType(MethodType.methodType(m.getReturnType()).wrap().returnType(), type));
      return (Function<Object, Object>) site.getTarget().invoke();
    } catch (Throwable t) {
      return null; // the method handle is the fallback, never a failure
    }
  }
}
