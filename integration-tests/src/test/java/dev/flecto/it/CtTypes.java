package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Column;
import dev.flecto.schema.CustomType;
import dev.flecto.schema.EnumType;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Custom types of CustomTypesIT: a wrapped integer, an enum stored as integers (the built-in EnumType, Ecto.Enum), a registered one. */
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
      @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2", "ARCHIVED=9"}) Status status, Share share) {
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
  record CtBadParams(@Id Long id, @Column(type = EnumType.class, params = "NOPE=1") Status status) {}

  static List<Class<?>> bad() {
    return List.of(CtBadStored.class, CtParamsWithoutType.class, CtBadParams.class);
  }
}
