package dev.flecto.planner;

import static dev.flecto.query.Exprs.dateAdd;
import static dev.flecto.query.Exprs.datetimeAdd;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.QueryException;
import dev.flecto.query.DateAdd;
import dev.flecto.query.Exprs;
import dev.flecto.query.Op;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Virtual;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlannerTest {
  @Schema("people")
  public record Person(@Id Long id, String name, Integer age, Status status, @Virtual String note) {}

  public enum Status { ACTIVE, GONE }

  @Schema("writers")
  public record Writer(@Id Long id, @HasMany Assoc<java.util.List<Book>> books, String name, @Virtual String note, int rank) {}

  @Schema("books")
  public record Book(@Id Long id, Long writerId) {}

  @Test
  void aSchemasQueryStartsFromOneSharedValueThatNoBuilderStepChanges() {
    Query<Person> start = Query.from(Person.class);
    assertThat(Query.from(Person.class)).as("made once per schema class").isSameAs(start);
    Query<Person> narrowed = start.where("age", 30).orderBy(Order.asc("name"));
    assertThat(narrowed).isNotSameAs(start);
    assertThat(start.where()).as("the shared start is untouched").isNull();
    assertThat(start.orderBy()).isEmpty();
    assertThat(Planner.plan(Query.from(Person.class)).shape()).isEqualTo(Planner.plan(start).shape());
    assertThatThrownBy(() -> Query.from((Class<Person>) null)).isInstanceOf(QueryException.class)
        .hasMessageContaining("schema record class");
  }

  @Test
  void aSchemasRowsAreReadStraightIntoTheRecordsComponents() {
    PlannedQuery<Writer> p = Planner.plan(Query.from(Writer.class));
    assertThat(p.columns()).hasSize(3);
    RowLayout layout = p.layout();
    assertThat(new int[] {layout.slot(0), layout.slot(1), layout.slot(2)}).as("id, name, rank by component index")
        .containsExactly(0, 2, 4);
    Object[] values = layout.start();
    assertThat(values).hasSize(5);
    assertThat(layout.start()).as("a new array per row").isNotSameAs(values);
    values[layout.slot(0)] = 7L;
    values[layout.slot(1)] = "Ann";
    Writer w = p.assemble().apply(values);
    assertThat(w.id()).isEqualTo(7L);
    assertThat(w.name()).isEqualTo("Ann");
    assertThat(w.books().isLoaded()).as("associations start not loaded").isFalse();
    assertThat(w.note()).isNull();
    assertThat(w.rank()).as("a null primitive is its zero").isZero();
    assertThat(layout.start()[1]).as("the template is untouched by a row").isEqualTo(w.books());
  }

  @Schema("plain")
  public record Plain(@Id Long id, String name, int rank, java.util.List<Tag> tags) {
    public Plain {
      if ("bad".equals(name)) {
        throw new IllegalArgumentException("name is bad");
      }
    }
  }

  @dev.flecto.schema.Embedded
  public record Tag(String label) {}

  @Schema("wide")
  public record Wide(@Id Long id, String a1, String a2, String a3, String a4, String a5, String a6, String a7,
      String a8, String a9, String a10, String a11, String a12) {}

  @Test
  void aPlainRecordsRowGoesStraightToItsConstructor() {
    PlannedQuery<Plain> p = Planner.plan(Query.from(Plain.class));
    assertThat(p.layout().isDirect()).isTrue();
    ColumnReader<Object[]> byIndex = (row, i) -> row[i];
    assertThat(p.read(new Object[] {7L, "Ann", 3, java.util.List.of(new Tag("x"))}, byIndex))
        .isEqualTo(new Plain(7L, "Ann", 3, java.util.List.of(new Tag("x"))));
    assertThat(p.read(new Object[] {7L, null, null, null}, byIndex)).as("as newInstance: a primitive's zero, no embeds")
        .isEqualTo(new Plain(7L, null, 0, java.util.List.of()));
    assertThatThrownBy(() -> p.read(new Object[] {7L, "bad", 1, null}, byIndex)).as("the record's own check, as it is")
        .isInstanceOf(IllegalArgumentException.class).hasMessage("name is bad");
    PlannedQuery<Wide> wide = Planner.plan(Query.from(Wide.class));
    assertThat(wide.layout().isDirect()).as("wider than the arities written out: the array path").isFalse();
    Object[] row = {1L, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"};
    assertThat(wide.read(row, byIndex)).isEqualTo(new Wide(1L, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"));
    PlannedQuery<Writer> w = Planner.plan(Query.from(Writer.class));
    assertThat(w.layout().isDirect()).as("an association is no column").isFalse();
    Writer read = w.read(new Object[] {1L, "Ann", null}, byIndex);
    assertThat(read.name()).isEqualTo("Ann");
    assertThat(read.books().isLoaded()).isFalse();
  }

  @Test
  void aMergedValueLandsInItsFieldsSlotAfterTheLoadedColumn() {
    PlannedQuery<Writer> p = Planner.plan(Query.from(Writer.class).selectMerge(java.util.Map.of("name", Exprs.upper(field("name")))));
    RowLayout layout = p.layout();
    assertThat(layout.columns()).isEqualTo(4);
    assertThat(layout.slot(3)).as("the merged name, read after the loaded one, replaces it").isEqualTo(2);
    Object[] values = layout.start();
    values[layout.slot(1)] = "loaded";
    values[layout.slot(3)] = "merged";
    assertThat(p.assemble().apply(values).name()).isEqualTo("merged");
  }

  @Test
  void otherSelectionsTakeTheirColumnsInOrder() {
    PlannedQuery<String> p = Planner.plan(Query.from(Writer.class).select(field("name"), String.class));
    assertThat(p.layout().columns()).isEqualTo(1);
    assertThat(p.layout().slot(0)).isZero();
    assertThat(p.layout().start()).containsExactly((Object) null);
    assertThatThrownBy(() -> new PlannedQuery<>(p.query(), p.shape(), p.params(), p.columns(), RowLayout.identity(2),
        p.assemble())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("places 2 columns");
  }

  @Test
  void castsAndDumpsParametersInPlaceholderOrder() {
    PlannedQuery<Person> p = Planner.plan(Query.from(Person.class).where("age", Op.GE, "18").where("status", "ACTIVE")
        .whereNull("name").orderBy(Order.desc("age")).limit(10).offset(20));
    assertThat(p.params()).containsExactly(18, "ACTIVE", 10L, 20L);
    assertThat(p.shape().limitParam()).isEqualTo(2);
    assertThat(p.shape().offsetParam()).isEqualTo(3);
    assertThat(p.shape().query().toString()).as("values replaced by placeholders")
        .isEqualTo("from Person where age >= Placeholder[index=0] and status = Placeholder[index=1] and name is null"
            + " order by age desc limit 2 offset 3");
  }

  @Test
  void shapesIgnoreValuesButNotStructure() {
    QueryShape a = Planner.plan(Query.from(Person.class).where("age", 1).limit(5)).shape();
    QueryShape b = Planner.plan(Query.from(Person.class).where("age", 2).limit(50)).shape();
    QueryShape c = Planner.plan(Query.from(Person.class).where("age", Op.GT, 2).limit(50)).shape();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    assertThat(a).as("an equal shape planned again is the first one, so caches find it by identity").isSameAs(b);
    PlannedQuery<Person> p = Planner.plan(Query.from(Person.class).where("age", 1));
    assertThatThrownBy(() -> p.params().add(2)).isInstanceOf(UnsupportedOperationException.class);
    java.util.List<Object> mine = new java.util.ArrayList<>(java.util.Arrays.asList(5, null));
    PlannedQuery<Person> copy = new PlannedQuery<>(p.query(), p.shape(), mine, p.columns(), p.assemble());
    mine.set(0, 6);
    assertThat(copy.params()).as("a caller's list is copied, nulls kept").containsExactly(5, null);
  }

  @Test
  void refusesUnknownVirtualNullAndUncastable() {
    assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).orderBy("agee"))).isInstanceOf(QueryException.class)
        .hasMessageContaining("field 'agee' in order by does not exist in schema Person (table people)")
        .hasMessageContaining("from Person order by agee").hasMessageContaining("hint: the schema's fields are id, name");
    assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).where("note", "x")))
        .hasMessageContaining("'note' in where of schema Person (table people) is @Virtual");
    assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).where("name", null)))
        .hasMessageContaining("comparing field 'name'").hasMessageContaining("whereNull(\"name\")");
    assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).where("status", "SLEEPING")))
        .hasMessageContaining("value \"SLEEPING\" in where cannot be cast to Status for field 'status'");
    assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).limit(-1))).hasMessageContaining("limit must not be negative");
    assertThatThrownBy(() -> Planner.plan(Query.from(Person.class).where("age", Op.IS_NULL, 3))).hasMessageContaining("takes no value");
  }

  @Test
  void queriesAreImmutableValuesWithReadableText() {
    Query<Person> base = Query.from(Person.class).where("name", "Ann");
    Query<Person> more = base.where("age", Op.LT, 3).orderBy("id", "age").orderBy(Order.desc("name")).limit(2).offset(1);
    assertThat(base.where()).isEqualTo(dev.flecto.query.Exprs.field("name").eq("Ann"));
    assertThat(more.toString()).isEqualTo("from Person where name = \"Ann\" and age < 3 order by id, age, name desc limit 2 offset 1");
    assertThat(Query.from(Person.class).where("name", "Ann")).isEqualTo(base);
    assertThat(Arrays.asList(Op.values())).filteredOn(Op::takesValue).hasSize(6);
  }

  @Test
  void firstLastReverseAndExcludeFollowEcto() {
    Query<Person> q = Query.from(Person.class).where("name", "Ann");
    assertThat(q.first().toString()).isEqualTo("from Person where name = \"Ann\" order by id limit 1");
    assertThat(q.last().toString()).isEqualTo("from Person where name = \"Ann\" order by id desc limit 1");
    Query<Person> ordered = q.orderBy(Order.asc("age"), Order.desc("name"));
    assertThat(ordered.first().orderBy()).isEqualTo(ordered.orderBy());
    assertThat(ordered.last().toString()).isEqualTo("from Person where name = \"Ann\" order by age desc, name limit 1");
    assertThat(ordered.reverseOrder().reverseOrder()).isEqualTo(ordered);
    Query<Person> paged = ordered.limit(10).offset(20);
    assertThat(paged.exclude(Query.Clause.LIMIT).exclude(Query.Clause.OFFSET)).isEqualTo(ordered);
    assertThat(paged.exclude(Query.Clause.WHERE).where()).isNull();
    assertThat(paged.exclude(Query.Clause.ORDER_BY).orderBy()).isEmpty();
    assertThatThrownBy(() -> Query.from(NoKey.class).first()).hasMessageContaining("has no @Id").hasMessageContaining("first/last");
  }

  @Schema("no_key")
  public record NoKey(String name) {}

  @Schema("events")
  public record Event(@Id Long id, Instant at, LocalTime lt, LocalDate day, java.util.List<Instant> ats) {}

  private static final Instant LAST = Instant.parse("2024-12-31T23:59:59.999999999Z");
  private static final Instant LAST_MICRO = Instant.parse("2024-12-31T23:59:59.999999Z");

  @Test
  void timeParametersAreTruncatedToMicrosecondsOnce() {
    PlannedQuery<Event> p = Planner.plan(Query.from(Event.class).where("at", LAST).where("lt", "23:59:59.999999999")
        .where(field("at").in(java.util.List.of(LAST))).where(fragment("? < at", LAST)));
    assertThat(p.params().get(0)).isEqualTo(LAST_MICRO);
    assertThat(p.params().get(1)).as("cast from text, then truncated").isEqualTo(LocalTime.parse("23:59:59.999999"));
    assertThat((Object[]) p.params().get(2)).containsExactly(LAST_MICRO);
    assertThat(p.params().get(3)).as("an untyped parameter").isEqualTo(LAST_MICRO);
    PlannedUpdate u = Planner.planUpdates(p.schema(), Updates.set("at", LAST).andSet("ats", java.util.List.of(LAST))
        .andPush("ats", LAST));
    assertThat(u.params().get(0)).isEqualTo(LAST_MICRO);
    assertThat((Object[]) u.params().get(1)).containsExactly(LAST_MICRO);
    assertThat(u.params().get(2)).isEqualTo(LAST_MICRO);
  }

  @Test
  void datetimeArithmeticIsReadAsItsBasesType() {
    PlannedQuery<java.util.Map<String, Object>> p = Planner.plan(Query.from(Event.class).select(java.util.Map.of(
        "later", datetimeAdd(field("at"), 1, DateAdd.Unit.HOUR),
        "twice", datetimeAdd(datetimeAdd(field("lt"), 1, DateAdd.Unit.HOUR), 1, DateAdd.Unit.MINUTE),
        "dayAfter", dateAdd(field("day"), 1, DateAdd.Unit.DAY),
        "dayPlus", datetimeAdd(field("day"), 1, DateAdd.Unit.HOUR),
        "soon", Exprs.fromNow(1, DateAdd.Unit.HOUR))));
    java.util.Map<String, Class<?>> readTypes = new java.util.HashMap<>();
    java.util.List<String> names = java.util.List.copyOf(((dev.flecto.query.Selection.Named) p.query().select()).exprs().keySet());
    for (int i = 0; i < names.size(); i++) {
      readTypes.put(names.get(i), p.columns().get(i).readType());
    }
    assertThat(readTypes).containsEntry("later", Instant.class).containsEntry("twice", LocalTime.class)
        .as("a date plus an interval is a timestamp; date_add a date: the driver's default")
        .containsEntry("dayAfter", Object.class).containsEntry("dayPlus", Object.class)
        .as("a parameter's type is not in the shape").containsEntry("soon", Object.class);
  }
}
