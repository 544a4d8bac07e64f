package dev.flecto.planner;

import dev.flecto.LoadException;
import dev.flecto.QueryException;
import dev.flecto.query.DateAdd;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.JsonPath;
import dev.flecto.query.RecordOf;
import dev.flecto.query.SelectedAs;
import dev.flecto.query.Selection;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.JsonText;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** How rows of a query shape become results: made once per shape and cached (bounded). */
final class RowSpecs {
  private static final int MAX = 4096;
  // The value as the driver reads it: the adapter skips calling it.
  private static final UnaryOperator<Object> AS_READ = SchemaField.asRead();
  private static final Map<QueryShape, Spec<?>> CACHE = new ConcurrentHashMap<>();
  private static final ClassValue<MethodHandle> CONSTRUCTORS = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      return constructor(type);
    }
  };

  private RowSpecs() {}

  /** How a shape's rows are read: the columns, where each lands in the array, and the result from that array. */
  record Spec<T>(List<SelectedColumn> columns, RowLayout layout, Function<Object[], T> assemble, QueryShape shape) {
    Spec(List<SelectedColumn> columns, RowLayout layout, Function<Object[], T> assemble) {
      this(columns, layout, assemble, null);
    }

    Spec(List<SelectedColumn> columns, Function<Object[], T> assemble) {
      this(columns, RowLayout.identity(columns.size()), assemble, null);
    }

    /** The spec as cached for a shape, holding that shape: equal shapes planned later are swapped for it. */
    Spec<T> of(QueryShape first) {
      return new Spec<>(List.copyOf(columns), layout, assemble, first);
    }
  }

  /**
   * A schema's records read straight into their components: each column into its field's slot of
   * an array that starts as a record read from a row does (associations not loaded, virtual fields
   * at their defaults), so a row costs one array, not a column array and a copy of it.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Spec<?> components(SchemaMeta meta, List<SelectedColumn> columns, int[] slots) {
    Object[] start = meta.rowComponents();
    if (inOrder(slots, start)) { // every component a column, in order: no array per row where the record is narrow enough
      return new Spec<>(columns, RowLayout.direct(meta.type(), meta.componentsIfNull()), meta::newInstance);
    }
    return new Spec<>(columns, RowLayout.of(slots, start), meta::newInstance);
  }

  private static boolean inOrder(int[] slots, Object[] start) {
    if (slots.length != start.length) {
      return false;
    }
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] != i || start[i] != null) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  static <T> Spec<T> of(QueryShape shape) {
    Spec<?> spec = CACHE.get(shape);
    if (spec == null) {
      spec = build(shape).of(shape);
      if (CACHE.size() >= MAX) {
        CACHE.clear(); // shapes come from code, so a full cache means something builds queries dynamically
      }
      CACHE.put(shape, spec);
    }
    return (Spec<T>) spec;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Spec<?> build(QueryShape shape) {
    Selection<?> s = shape.query().select();
    if (s instanceof Selection.Binding<?> b) {
      SourceInfo info = shape.sources().get(shape.bindingIndex(b.binding()));
      if (info.schema() != null && !b.merged().isEmpty()) {
        return merged(shape, info.schema(), b.merged());
      }
      if (info.schema() != null) {
        return record(info.schema());
      }
      if (b.type() != null && b.type() != Map.class && dev.flecto.schema.Schemas.of(b.type()) != null) {
        return subqueryRecords(dev.flecto.schema.Schemas.of(b.type()), info); // a subquery selecting a schema's records
      }
      List<String> names = new ArrayList<>(info.fields().keySet());
      List<SelectedColumn> columns = new ArrayList<>();
      String source = source(info);
      for (String n : names) {
        SchemaField f = info.fields().get(n);
        columns.add(f == null ? new SelectedColumn(Object.class, AS_READ) : new SelectedColumn(f.readType(), f.loader(source)));
      }
      return new Spec<>(columns, values -> toMap(names, values));
    }
    if (s instanceof Selection.Single<?> single) {
      if (single.expr() instanceof RecordOf r) {
        Part part = recordOf(shape, r);
        return new Spec<>(part.columns(), values -> part.read(values, 0));
      }
      return new Spec<>(List.of(column(shape, single.expr(), single.type())), values -> values[0]);
    }
    if (s instanceof Selection.Named named) {
      List<String> names = new ArrayList<>(named.exprs().keySet());
      List<Expr> exprs = new ArrayList<>(named.exprs().values());
      if (exprs.stream().anyMatch(e -> e instanceof RecordOf)) {
        Parts parts = parts(shape, exprs, new Class<?>[exprs.size()]);
        return new Spec<>(parts.columns(), values -> toMap(names, parts.read(values)));
      }
      List<SelectedColumn> columns = new ArrayList<>();
      exprs.forEach(e -> columns.add(column(shape, e, null)));
      return new Spec<>(columns, values -> toMap(names, values));
    }
    if (s instanceof Selection.Constructed<?> c) {
      return constructed(shape, c);
    }
    throw new AssertionError(s);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Spec<?> record(SchemaMeta meta) {
    List<SelectedColumn> columns = new ArrayList<>();
    String source = "schema " + meta.describe();
    for (Object o : meta.loadedFields()) {
      SchemaField f = (SchemaField) o;
      columns.add(new SelectedColumn(f.readType(), f.loader(source)));
    }
    List<SchemaField> loaded = meta.loadedFields();
    return components(meta, columns, loaded.stream().mapToInt(SchemaField::index).toArray());
  }

  /**
   * A subquery's rows as records: whole, or with only the fields its {@code recordOf} reads (the
   * others null or zero, associations not loaded), as Ecto reads {@code struct/2} from a subquery.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Spec<?> subqueryRecords(SchemaMeta meta, SourceInfo info) {
    List<String> names = new ArrayList<>(info.fields().keySet());
    if (names.equals(meta.loadedFields().stream().map(f -> ((SchemaField) f).name()).toList())) {
      return record(meta);
    }
    List<SelectedColumn> columns = new ArrayList<>();
    int[] targets = new int[names.size()];
    String source = "schema " + meta.describe();
    for (int i = 0; i < targets.length; i++) {
      SchemaField f = meta.field(names.get(i));
      targets[i] = f.index();
      columns.add(new SelectedColumn(f.readType(), f.loader(source)));
    }
    return components(meta, columns, targets);
  }

  /** The loaded columns, then each merged expression; the merged values fill their components. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Spec<?> merged(QueryShape shape, SchemaMeta meta, Map<String, Expr> merged) {
    List<SchemaField> persisted = meta.loadedFields();
    List<SelectedColumn> columns = new ArrayList<>();
    String source = "schema " + meta.describe();
    persisted.forEach(f -> columns.add(new SelectedColumn(f.readType(), f.loader(source))));
    int[] targets = new int[merged.size()];
    int i = 0;
    for (Map.Entry<String, Expr> e : merged.entrySet()) {
      SchemaField f = meta.findField(e.getKey());
      targets[i++] = f.index();
      columns.add(column(shape, e.getValue(), f.javaType()));
    }
    // Associations not loaded and virtual defaults, as any record read from a row (Ecto's selectMerge keeps them);
    // a merged value read after a loaded one for the same field replaces it.
    int[] slots = java.util.stream.IntStream.concat(persisted.stream().mapToInt(SchemaField::index),
        java.util.Arrays.stream(targets)).toArray();
    return components(meta, columns, slots);
  }

  private static Map<String, Object> toMap(List<String> names, Object[] values) {
    Map<String, Object> row = new LinkedHashMap<>(names.size() * 2);
    for (int i = 0; i < values.length; i++) {
      row.put(names.get(i), values[i]);
    }
    return Collections.unmodifiableMap(row);
  }

  private static Spec<?> constructed(QueryShape shape, Selection.Constructed<?> c) {
    if (c.type() == List.class) { // selectList: the values as they read, in a list (nulls kept)
      Parts parts = parts(shape, c.exprs(), new Class<?>[c.exprs().size()]);
      if (c.exprs().stream().noneMatch(e -> e instanceof RecordOf)) { // a column a value: the row's values are the list's
        return new Spec<>(parts.columns(), RowValues::new);
      }
      return new Spec<>(parts.columns(), row -> new RowValues(parts.read(row)));
    }
    RecordComponent[] components = c.type().getRecordComponents();
    if (components == null || components.length != c.exprs().size()) {
      throw new QueryException("select into " + c.type().getName() + " needs a record with " + c.exprs().size()
          + " components, one per selected expression, in query " + shape.query());
    }
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Parts parts = c.exprs().stream().anyMatch(e -> e instanceof RecordOf) ? parts(shape, c.exprs(), types) : null;
    List<SelectedColumn> columns = new ArrayList<>();
    if (parts != null) {
      columns.addAll(parts.columns());
    } else {
      for (int i = 0; i < components.length; i++) {
        columns.add(column(shape, c.exprs().get(i), types[i]));
      }
    }
    MethodHandle ctor = CONSTRUCTORS.get(c.type());
    Object[] zeros = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      zeros[i] = FieldType.zeroOf(components[i].getType());
    }
    return new Spec<>(columns, row -> {
      Object[] values = parts == null ? row : parts.read(row);
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          values[i] = zeros[i];
        }
      }
      try {
        return (Object) ctor.invokeExact(values);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    });
  }

  /** One selected value: its columns, and how it is read from the row's values from its first column on. */
  private record Part(List<SelectedColumn> columns, Reader reader) {
    Object read(Object[] values, int from) {
      return reader.read(values, from);
    }
  }

  private interface Reader {
    Object read(Object[] values, int from);
  }

  /** Several selected values, some of them a binding's row over several columns. */
  private record Parts(List<SelectedColumn> columns, Part[] parts, int[] offsets) {
    Object[] read(Object[] values) {
      Object[] out = new Object[parts.length];
      for (int i = 0; i < parts.length; i++) {
        out[i] = parts[i].read(values, offsets[i]);
      }
      return out;
    }
  }

  private static Parts parts(QueryShape shape, List<Expr> exprs, Class<?>[] targets) {
    List<SelectedColumn> columns = new ArrayList<>();
    Part[] parts = new Part[exprs.size()];
    int[] offsets = new int[exprs.size()];
    for (int i = 0; i < parts.length; i++) {
      Expr e = exprs.get(i);
      parts[i] = e instanceof RecordOf r ? recordOf(shape, r) : new Part(List.of(column(shape, e, targets[i])), (v, from) -> v[from]);
      offsets[i] = columns.size();
      columns.addAll(parts[i].columns());
    }
    return new Parts(columns, parts, offsets);
  }

  /**
   * A binding's row (its fields as planned): a record with those fields (the others null or zero,
   * as Ecto's struct/2), or a map of them; null when every column is null, as Ecto reads the
   * unmatched side of a left join.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Part recordOf(QueryShape shape, RecordOf r) {
    SourceInfo info = shape.sources().get(shape.bindingIndex(r.binding()));
    String source = source(info);
    List<String> names = r.fields();
    List<SelectedColumn> columns = new ArrayList<>(names.size());
    SchemaField[] fields = new SchemaField[names.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = info.typedField(names.get(i));
      columns.add(fields[i] == null ? new SelectedColumn(Object.class, AS_READ)
          : new SelectedColumn(fields[i].readType(), fields[i].loader(source)));
    }
    int n = fields.length;
    if (r.asMap()) {
      return new Part(columns, (values, from) -> allNull(values, from, n) ? null
          : toMap(names, java.util.Arrays.copyOfRange(values, from, from + n)));
    }
    SchemaMeta meta = info.schema();
    if (names.equals(meta.loadedFields().stream().map(f -> ((SchemaField) f).name()).toList())) { // the whole record
      return new Part(columns, (values, from) -> allNull(values, from, n) ? null
          : meta.fromLoaded(java.util.Arrays.copyOfRange(values, from, from + n), null));
    }
    int[] targets = new int[n];
    for (int i = 0; i < n; i++) {
      targets[i] = fields[i].index();
    }
    return new Part(columns, (values, from) -> {
      if (allNull(values, from, n)) {
        return null;
      }
      Object[] components = meta.rowComponents();
      for (int i = 0; i < n; i++) {
        components[targets[i]] = values[from + i];
      }
      return meta.newInstance(components);
    });
  }

  private static boolean allNull(Object[] values, int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (values[i] != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * A field is read as its own type and loaded; datetime arithmetic over one as that field's type
   * (Ecto types {@code datetime_add} as its base: an Instant field plus an hour is an Instant, not
   * the driver's OffsetDateTime); anything else as the driver's default. Then cast to the asked type.
   */
  private static SelectedColumn column(QueryShape shape, Expr selected, Class<?> target) {
    UnaryOperator<Object> toTarget = toTarget(shape, target);
    Expr e = selected instanceof SelectedAs a ? a.expr() : selected; // a name changes nothing of the value's type
    if (e instanceof JsonPath j && !j.asText()) {
      UnaryOperator<Object> decode = json(shape);
      return new SelectedColumn(String.class, v -> toTarget.apply(decode.apply(v)));
    }
    if (e instanceof FieldRef f) {
      SourceInfo source = shape.sources().get(shape.bindingIndex(f.binding()));
      SchemaField field = source.typedField(f.field());
      if (field != null) {
        UnaryOperator<Object> load = field.loader(source(source));
        return new SelectedColumn(field.readType(), load == AS_READ ? toTarget
            : toTarget == AS_READ ? load : v -> toTarget.apply(load.apply(v)));
      }
    }
    FieldType time = e instanceof DateAdd d ? dateTimeOf(shape, d) : null;
    return new SelectedColumn(time == null ? Object.class : time.readType(), toTarget);
  }

  /**
   * A jsonb path ({@code #>}) reads as the JSON text PostgreSQL prints and is decoded with the
   * mapper of map fields, as Ecto's Postgrex decodes json with Jason: a map, list, string, number,
   * boolean or null, never the driver's JSON object. A JSON null and a missing path are both null.
   */
  private static UnaryOperator<Object> json(QueryShape shape) {
    return v -> {
      try {
        return JsonText.decode((String) v);
      } catch (IllegalArgumentException e) {
        throw new LoadException("cannot load the value of a selected JSON path (#>): " + e.getMessage() + ", in query "
            + shape.query(), e);
      }
    };
  }

  /**
   * The type of {@code base + interval}, when PostgreSQL gives it its base's type: a timestamptz,
   * timestamp or time field, or such arithmetic over one. A date plus an interval is a timestamp,
   * and a date_add is cast to a date: both keep the driver's default.
   */
  private static FieldType dateTimeOf(QueryShape shape, DateAdd d) {
    if (d.dateOnly()) {
      return null;
    }
    if (d.base() instanceof DateAdd inner) {
      return dateTimeOf(shape, inner);
    }
    if (!(d.base() instanceof FieldRef f)) {
      return null;
    }
    SchemaField field = shape.sources().get(shape.bindingIndex(f.binding())).typedField(f.field());
    FieldType t = field == null || field.elementType() != null ? null : field.type();
    return t == FieldType.INSTANT || t == FieldType.OFFSET_DATE_TIME || t == FieldType.LOCAL_DATE_TIME
        || t == FieldType.LOCAL_TIME ? t : null;
  }

  // As the planner's messages name a source: a schema as "schema Post (table posts)", else by its text.
  private static String source(SourceInfo info) {
    return (info.schema() != null ? "schema " : "") + info.describe();
  }

  private static UnaryOperator<Object> toTarget(QueryShape shape, Class<?> target) {
    if (target == null || target == Object.class) {
      return AS_READ;
    }
    Class<?> boxed = target.isPrimitive() ? FieldType.of(target).javaType() : target;
    FieldType type = FieldType.of(target);
    return v -> {
      if (v == null || boxed.isInstance(v)) {
        return v;
      }
      if (type == null) {
        throw new QueryException("a selected value " + v + " (" + v.getClass().getSimpleName() + ") cannot be read as "
            + target.getName() + " in query " + shape.query());
      }
      try {
        return type.cast(v, target);
      } catch (IllegalArgumentException e) {
        throw new QueryException("a selected value " + v + " (" + v.getClass().getSimpleName() + ") cannot be read as "
            + target.getSimpleName() + " in query " + shape.query());
      }
    };
  }

  private static MethodHandle constructor(Class<?> type) {
    try {
      MethodHandle canonical = DirectRows.canonical(type);
      return canonical.asSpreader(Object[].class, canonical.type().parameterCount())
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new QueryException("cannot construct " + type.getName() + " from selected values: " + e.getMessage());
    }
  }
}
