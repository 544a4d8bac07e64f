package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Column;
import dev.flecto.schema.CustomType;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Custom types of CustomTypesIT: a wrapped integer, an enum stored as integers (a parameterized type), a registered one. */
final class CtTypes {
  private CtTypes() {}

  /** Ecto's WrappedInteger: an integer in a record of its own. */
  record Cents(long value) {}

  public static class CentsType implements CustomType<Cents> {
    @Override
    public Class<?> storedAs() {
      return Long.class;
    }

    @Override
    public Cents cast(Object v) {
      if (v instanceof Cents c) {
        return c;
      }
      if (v instanceof Number n) {
        return new Cents(n.longValue());
      }
      if (v instanceof String s) {
        return new Cents(Long.parseLong(s.trim())); // NumberFormatException is an IllegalArgumentException: "is invalid"
      }
      throw new IllegalArgumentException("is invalid");
    }

    @Override
    public Cents load(Object stored) {
      return new Cents((Long) stored);
    }

    @Override
    public Object dump(Cents value) {
      return value.value();
    }
  }

  enum Status { DRAFT, PUBLISHED, ARCHIVED }

  /** Ecto.Enum with integer values: a parameterized type, its values from the field's params. */
  public static final class IntEnumType implements CustomType<Object> {
    private final Map<Object, Integer> dump = new HashMap<>();
    private final Map<Integer, Object> load = new HashMap<>();
    private final Class<?> type;

    public IntEnumType(Class<?> type, Map<String, String> params) {
      if (!type.isEnum() || params.isEmpty()) {
        throw new IllegalArgumentException("IntEnumType needs an enum field and its values as NAME=integer params");
      }
      this.type = type;
      params.forEach((name, number) -> {
        Object constant = Enum.valueOf(type.asSubclass(Enum.class), name);
        dump.put(constant, Integer.valueOf(number));
        load.put(Integer.valueOf(number), constant);
      });
    }

    @Override
    public Class<?> storedAs() {
      return Integer.class;
    }

    @Override
    public Object cast(Object v) {
      if (type.isInstance(v)) {
        return v;
      }
      if (v instanceof String s) {
        for (Object c : dump.keySet()) {
          if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
            return c;
          }
        }
      }
      if (v instanceof Integer i && load.containsKey(i)) {
        return load.get(i);
      }
      throw new IllegalArgumentException("is invalid");
    }

    @Override
    public Object load(Object stored) {
      Object c = load.get(stored);
      if (c == null) {
        throw new IllegalArgumentException("no " + type.getSimpleName() + " is stored as " + stored);
      }
      return c;
    }

    @Override
    public Object dump(Object value) {
      return dump.get(value);
    }

    @Override
    public String name() {
      return "Ecto.Enum(" + type.getSimpleName() + ")";
    }
  }

  /** A share of one, kept as a fraction's text: a Java type registered for every field of it. */
  record Share(BigDecimal value) {}

  public static final class ShareType implements CustomType<Share> {
    @Override
    public Class<?> storedAs() {
      return String.class;
    }

    @Override
    public Share cast(Object v) {
      Share s = v instanceof Share given ? given : new Share(new BigDecimal(v.toString().trim()));
      if (s.value().signum() < 0 || s.value().compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("must be between 0 and 1");
      }
      return s;
    }

    @Override
    public Share load(Object stored) {
      return new Share(new BigDecimal((String) stored));
    }

    @Override
    public Object dump(Share value) {
      return value.value().toPlainString();
    }

    @Override
    public boolean equal(Share a, Share b) { // 0.5 and 0.50 are the same share, as Ecto's equal?/2 lets a type say
      return a == null || b == null ? a == b : a.value().compareTo(b.value()) == 0;
    }
  }

  @Schema("ct_products")
  record CtProduct(@Id Long id, String name, @Column(type = CentsType.class) Cents price,
      @Column(type = IntEnumType.class, params = {"DRAFT=1", "PUBLISHED=2", "ARCHIVED=9"}) Status status, Share share) {
    static Changeset<CtProduct> changeset(CtProduct p, Map<String, Object> params) {
      return Changeset.cast(p, params, "name", "price", "status", "share").validateRequired("name");
    }
  }

  /** java.time.Duration fields in interval columns (Ecto's :duration). */
  @Schema("ct_timers")
  record CtTimer(@Id Long id, java.time.Duration took, java.time.Duration lap, java.time.Period term) {
    CtTimer(Long id, java.time.Duration took, java.time.Duration lap) {
      this(id, took, lap, null);
    }

    static Changeset<CtTimer> changeset(CtTimer t, Map<String, Object> params) {
      return Changeset.cast(t, params, "took", "lap", "term");
    }
  }

  /** Cents inside embeds as their stored integer (Ecto's embed_as :dump). */
  public static final class DumpedCentsType extends CentsType {
    @Override
    public EmbedAs embedAs() {
      return EmbedAs.DUMP;
    }
  }

  /** An embedded record with a dumped custom value and a registered one kept as Jackson writes it (embed_as :self). */
  @dev.flecto.schema.Embedded
  record CtItem(String name, @Column(type = DumpedCentsType.class) Cents price, Share share) {}

  @Schema("ct_orders")
  record CtOrder(@Id Long id, CtItem item) {}

  /** A stored type Flecto does not bind. */
  record Bad(Object v) {}

  public static final class BadType implements CustomType<Bad> {
    @Override
    public Class<?> storedAs() {
      return Thread.class;
    }

    @Override
    public Bad cast(Object v) {
      return new Bad(v);
    }

    @Override
    public Bad load(Object stored) {
      return new Bad(stored);
    }

    @Override
    public Object dump(Bad value) {
      return value.v();
    }
  }

  @Schema("ct_products")
  record CtBadStored(@Id Long id, @Column(type = BadType.class) Bad name) {}

  @Schema("ct_products")
  record CtParamsWithoutType(@Id Long id, @Column(value = "name", params = "a=b") String name) {}

  @Schema("ct_products")
  record CtBadParams(@Id Long id, @Column(type = IntEnumType.class, params = "NOPE=1") Status status) {}

  static List<Class<?>> bad() {
    return List.of(CtBadStored.class, CtParamsWithoutType.class, CtBadParams.class);
  }
}
