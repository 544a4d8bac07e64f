package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flecto.LoadException;
import dev.flecto.QueryException;
import dev.flecto.SchemaException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.it.CtTypes.Cents;
import dev.flecto.it.CtTypes.CtProduct;
import dev.flecto.it.CtTypes.Share;
import dev.flecto.it.CtTypes.Status;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.schema.CustomTypes;
import dev.flecto.schema.Schemas;
import dev.flecto.test.FlectoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom types (Ecto.Type): a wrapped integer, an Ecto.Enum stored as integers (the built-in EnumType, a parameterized
 * type, its values from the field's params) and a type registered for a Java type; cast from
 * params with Ecto's "is invalid" and the type, loaded and dumped on every path (insert, query
 * parameters, updateAll, insertAll by VALUES and COPY), compared by the type's equal, and refused
 * where a schema misdeclares one.
 */
@FlectoTest(schema = "/custom_types.sql")
class CustomTypesIT {
  private static final Duration T = Duration.ofSeconds(10);

  @BeforeAll
  static void register() {
    CustomTypes.register(Share.class, new CtTypes.ShareType());
  }

  private static List<Object> stored(Repo repo, long id) {
    return repo.query("SELECT price, status, share FROM ct_products WHERE id = $1", List.of(id))
        .map(r -> r.rows().get(0)).block(T);
  }

  @Test
  void valuesAreDumpedLoadedAndBoundAsTheirTypesSay(Repo repo) {
    CtProduct saved = repo.insert(new CtProduct(null, "pen", new Cents(1999), Status.PUBLISHED, new Share(new BigDecimal("0.25"))))
        .block(T);
    assertThat(stored(repo, saved.id())).containsExactly(1999L, 2, "0.25");
    assertThat(repo.get(CtProduct.class, saved.id()).block(T)).isEqualTo(saved);

    // Query parameters cast through the type: a value of it, or anything its cast takes.
    assertThat(repo.all(Query.from(CtProduct.class).where(field("price").eq(new Cents(1999)))).count().block(T)).isOne();
    assertThat(repo.all(Query.from(CtProduct.class).where(field("price").gt(1000))).count().block(T)).isOne();
    assertThat(repo.all(Query.from(CtProduct.class).where(field("status").eq("PUBLISHED"))).count().block(T)).isOne();
    assertThat(catchThrowable(() -> repo.all(Query.from(CtProduct.class).where(field("status").eq("lost"))).blockLast(T)))
        .isInstanceOf(QueryException.class).hasMessageContaining("cannot be cast to EnumType(Status)");

    // updateAll, insertAll by VALUES and by COPY dump the same way.
    repo.updateAll(Query.from(CtProduct.class).where(field("id").eq(saved.id())), Updates.set("status", Status.ARCHIVED)).block(T);
    assertThat(stored(repo, saved.id()).get(1)).isEqualTo(9);
    List<CtProduct> many = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      many.add(new CtProduct(null, "n" + i, new Cents(i), i % 2 == 0 ? Status.DRAFT : Status.PUBLISHED, null));
    }
    assertThat(repo.insertAll(CtProduct.class, many.subList(0, 10), InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.NEVER))
        .block(T)).isEqualTo(10L);
    assertThat(repo.insertAll(CtProduct.class, many, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.ALWAYS)).block(T))
        .isEqualTo(1_200L);
    assertThat(repo.query("SELECT count(*) FROM ct_products WHERE status = 1 AND price < 10", List.of())
        .map(r -> r.rows().get(0).get(0)).block(T)).isEqualTo(10L); // 5 from each insertAll
    assertThat(repo.all(Query.from(CtProduct.class).where(field("name").eq("n3"))).map(CtProduct::price).collectList().block(T))
        .containsExactly(new Cents(3), new Cents(3));
  }

  @Test
  void changesetsCastThroughTheTypeAndCompareByItsEqual(Repo repo) {
    Changeset<CtProduct> bad = CtProduct.changeset(new CtProduct(null, null, null, null, null),
        Map.of("name", "x", "price", "12.50", "status", "lost", "share", "2"));
    assertThat(bad.isValid()).isFalse();
    assertThat(bad.errors()).extracting(ChangesetError::field, ChangesetError::message)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("price", "is invalid"),
            org.assertj.core.groups.Tuple.tuple("status", "is invalid"), org.assertj.core.groups.Tuple.tuple("share", "is invalid"));
    assertThat(bad.errors()).filteredOn(e -> e.field().equals("price")).singleElement()
        .satisfies(e -> assertThat(e.keys()).containsEntry("type", "CentsType").containsEntry("validation", "cast"));
    assertThat(bad.errors()).filteredOn(e -> e.field().equals("status")).singleElement()
        .satisfies(e -> assertThat(e.keys()).containsEntry("type", "EnumType(Status)"));

    CtProduct saved = repo.insert(CtProduct.changeset(new CtProduct(null, null, null, null, null),
        Map.of("name", "cup", "price", "350", "status", "DRAFT", "share", "0.5"))).block(T);
    assertThat(saved).isEqualTo(new CtProduct(saved.id(), "cup", new Cents(350), Status.DRAFT, new Share(new BigDecimal("0.5"))));
    // The type's equal: 0.50 is the share the record has, so no change; 350 is its price.
    Changeset<CtProduct> same = CtProduct.changeset(saved, Map.of("share", "0.50", "price", 350));
    assertThat(same.changes()).isEmpty();
  }

  @Test
  void aStoredValueTheTypeCannotLoadNamesTheFieldAndTheSchema(Repo repo) {
    repo.query("INSERT INTO ct_products (name, status) VALUES ('odd', 5)", List.of()).block(T);
    assertThat(catchThrowable(() -> repo.all(CtProduct.class).blockLast(T))).isInstanceOf(LoadException.class)
        .hasMessageContaining("status").hasMessageContaining("CtProduct");
  }

  @Test
  void misdeclaredCustomTypesAreRefusedWhenTheSchemaIsRead() {
    assertThat(catchThrowable(() -> Schemas.of(CtTypes.CtBadStored.class))).isInstanceOf(SchemaException.class)
        .hasMessageContaining("custom type BadType is stored as class java.lang.Thread");
    assertThat(catchThrowable(() -> Schemas.of(CtTypes.CtParamsWithoutType.class))).isInstanceOf(SchemaException.class)
        .hasMessageContaining("@Column params are for a custom type's");
    assertThat(catchThrowable(() -> Schemas.of(CtTypes.CtBadParams.class))).isInstanceOf(SchemaException.class)
        .hasMessageContaining("EnumType refused its params");
    assertThat(catchThrowable(() -> CustomTypes.register(String.class, null))).isInstanceOf(SchemaException.class);
  }

  @Test
  void durationsAreIntervalsToTheMicrosecond(Repo repo) {
    java.time.Duration took = java.time.Duration.ofHours(1).plusMinutes(30).plusSeconds(5).plusNanos(123_456_789);
    CtTypes.CtTimer saved = repo.insert(new CtTypes.CtTimer(null, took, null)).block(T);
    assertThat(repo.query("SELECT took::text FROM ct_timers WHERE id = $1", List.of(saved.id())).map(r -> r.rows().get(0).get(0))
        .block(T)).isEqualTo("01:30:05.123456");
    CtTypes.CtTimer read = repo.get(CtTypes.CtTimer.class, saved.id()).block(T);
    assertThat(read.took()).as("minutes kept, truncated to the microsecond").isEqualTo(java.time.Duration.parse("PT1H30M5.123456S"));
    assertThat(read.lap()).isNull();
    assertThat(repo.all(Query.from(CtTypes.CtTimer.class).where(field("took").gt(java.time.Duration.ofHours(1)))).count().block(T))
        .isOne();
    assertThat(repo.all(Query.from(CtTypes.CtTimer.class).where(field("took").lt("PT1H"))).count().block(T)).isZero();

    // Cast from ISO-8601 text, refused otherwise; insertAll by COPY writes the same.
    Changeset<CtTypes.CtTimer> cs = CtTypes.CtTimer.changeset(new CtTypes.CtTimer(null, null, null),
        Map.of("took", "PT2M", "lap", "two minutes"));
    assertThat(cs.errors()).extracting(ChangesetError::field, ChangesetError::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("lap", "is invalid"));
    assertThat(cs.changes()).containsEntry("took", java.time.Duration.ofMinutes(2));
    List<CtTypes.CtTimer> many = new ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      many.add(new CtTypes.CtTimer(null, java.time.Duration.ofSeconds(i, 1_000), i % 2 == 0 ? null : java.time.Duration.ofDays(1)));
    }
    assertThat(repo.insertAll(CtTypes.CtTimer.class, many, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.ALWAYS))
        .block(T)).isEqualTo(1_100L);
    assertThat(repo.all(Query.from(CtTypes.CtTimer.class).where(field("took").eq(java.time.Duration.ofSeconds(7, 1_000))))
        .map(CtTypes.CtTimer::lap).collectList().block(T)).containsExactly(java.time.Duration.ofHours(24));

    // A month is no exact duration: the row fails to load, naming the field.
    repo.query("INSERT INTO ct_timers (took) VALUES ('1 month')", List.of()).block(T);
    assertThat(catchThrowable(() -> repo.all(Query.from(CtTypes.CtTimer.class).where(field("took").isNotNull())).blockLast(T)))
        .isInstanceOf(LoadException.class).hasMessageContaining("took");
  }

  @Test
  void insideEmbedsAValueIsKeptAsItsTypeSays(Repo repo) {
    CtTypes.CtItem item = new CtTypes.CtItem("pen", new Cents(250), new Share(new BigDecimal("0.5")));
    CtTypes.CtOrder saved = repo.insert(new CtTypes.CtOrder(null, item)).block(T);
    String json = (String) repo.query("SELECT item::text FROM ct_orders WHERE id = $1", List.of(saved.id()))
        .map(r -> r.rows().get(0).get(0)).block(T);
    assertThat(json).as("dumped: the stored integer").contains("\"price\": 250")
        .as("self: the Java value as Jackson writes it").contains("\"share\": {\"value\": 0.5}");
    assertThat(repo.get(CtTypes.CtOrder.class, saved.id()).block(T).item()).isEqualTo(item);
  }

  @Test
  void periodsAreTheCalendarPartOfAnInterval(Repo repo) {
    CtTypes.CtTimer saved = repo.insert(new CtTypes.CtTimer(null, null, null, java.time.Period.of(1, 2, 3))).block(T);
    assertThat(repo.query("SELECT term::text FROM ct_timers WHERE id = $1", List.of(saved.id())).map(r -> r.rows().get(0).get(0))
        .block(T)).isEqualTo("1 year 2 mons 3 days");
    assertThat(repo.get(CtTypes.CtTimer.class, saved.id()).block(T).term()).isEqualTo(java.time.Period.of(1, 2, 3));
    assertThat(repo.all(Query.from(CtTypes.CtTimer.class).where(field("term").eq("P1Y2M3D"))).count().block(T)).isOne();
    assertThat(CtTypes.CtTimer.changeset(new CtTypes.CtTimer(null, null, null), Map.of("term", "a year")).errors())
        .extracting(ChangesetError::field).containsExactly("term");
    List<CtTypes.CtTimer> many = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      many.add(new CtTypes.CtTimer(null, null, null, java.time.Period.ofMonths(i)));
    }
    assertThat(repo.insertAll(CtTypes.CtTimer.class, many, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.ALWAYS))
        .block(T)).isEqualTo(1_000L);
    assertThat(repo.all(Query.from(CtTypes.CtTimer.class).where(field("term").eq(java.time.Period.ofMonths(14))))
        .map(CtTypes.CtTimer::term).collectList().block(T)).as("the copied row, read back as PostgreSQL normalizes it")
        .containsExactly(java.time.Period.of(1, 2, 0));
    assertThat(repo.all(Query.from(CtTypes.CtTimer.class).where(field("term").eq(java.time.Period.of(0, 14, 3)))).count()
        .block(T)).as("14 months and 3 days is the interval 1 year 2 months 3 days").isOne();
    repo.query("INSERT INTO ct_timers (term) VALUES ('1 day 2 hours')", List.of()).block(T);
    assertThat(catchThrowable(() -> repo.all(Query.from(CtTypes.CtTimer.class).where(field("term").isNotNull())).blockLast(T)))
        .isInstanceOf(LoadException.class).hasMessageContaining("term");
  }
}
