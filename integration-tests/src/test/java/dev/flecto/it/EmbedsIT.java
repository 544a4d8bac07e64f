package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.LoadException;
import dev.flecto.it.EmSchemas.EmAddress;
import dev.flecto.it.EmSchemas.EmDoc;
import dev.flecto.it.EmSchemas.EmEvery;
import dev.flecto.it.EmSchemas.EmGeo;
import dev.flecto.it.EmSchemas.EmItem;
import dev.flecto.it.EmSchemas.EmKeyless;
import dev.flecto.it.EmSchemas.EmOrder;
import dev.flecto.it.EmSchemas.EmProfile;
import dev.flecto.it.EmSchemas.EmUser;
import dev.flecto.it.EmSchemas.Visibility;
import dev.flecto.changeset.Changeset;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Embedded schemas in jsonb columns: every type round trip, generated ids, NULL columns, what is stored, bad rows. */
@FlectoTest(schema = "/embeds.sql")
class EmbedsIT {
  private static final Duration T = Duration.ofSeconds(10);

  static EmEvery every(UUID id, String s) {
    return new EmEvery(id, s, 42, 9_000_000_000L, (short) 7, true, 1.5, 2.25f, new BigDecimal("12.50"),
        UUID.fromString("6f1c1f4e-8a4b-4a5e-9f00-0c1d2e3f4a5b"), Instant.parse("2024-05-01T10:00:00.123456789Z"),
        OffsetDateTime.parse("2024-05-01T12:00:00.5+02:00"), LocalDateTime.parse("2024-05-01T10:00:00.000001"),
        LocalDate.parse("2024-05-01"), LocalTime.parse("23:59:59.999999999"), new byte[] {0, 1, -1, 127},
        Visibility.PRIVATE, List.of("a", "b"), List.of(1L, 2L), Map.of("k", "v", "n", 1),
        new EmGeo(1.0, 2.0), List.of(new EmGeo(3.0, 4.0)), 5);
  }

  @Test
  void everyTypeRoundTripsInsideEmbedsOneAndMany(Repo repo) {
    EmEvery one = every(UUID.randomUUID(), "one");
    EmDoc doc = repo.insert(new EmDoc(null, one, List.of(every(UUID.randomUUID(), "m1"), every(UUID.randomUUID(), "m2")),
        List.of(new EmKeyless("x")))).block(T);
    EmDoc back = repo.get(EmDoc.class, doc.id()).block(T);
    EmEvery loaded = back.every();
    assertThat(loaded.s()).isEqualTo("one");
    assertThat(loaded.i()).isEqualTo(42);
    assertThat(loaded.l()).isEqualTo(9_000_000_000L);
    assertThat(loaded.sh()).isEqualTo((short) 7);
    assertThat(loaded.b()).isTrue();
    assertThat(loaded.d()).isEqualTo(1.5);
    assertThat(loaded.f()).isEqualTo(2.25f);
    assertThat(loaded.dec()).isEqualTo(new BigDecimal("12.50"));
    assertThat(loaded.u()).isEqualTo(one.u());
    assertThat(loaded.at()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456Z")); // microseconds, as a field
    assertThat(loaded.odt().toInstant()).isEqualTo(one.odt().toInstant());
    assertThat(loaded.ldt()).isEqualTo(one.ldt());
    assertThat(loaded.day()).isEqualTo(one.day());
    assertThat(loaded.time()).isEqualTo(LocalTime.parse("23:59:59.999999"));
    assertThat(loaded.bytes()).containsExactly(0, 1, -1, 127);
    assertThat(loaded.vis()).isEqualTo(Visibility.PRIVATE);
    assertThat(loaded.tags()).containsExactly("a", "b");
    assertThat(loaded.nums()).containsExactly(1L, 2L);
    assertThat(loaded.meta()).isEqualTo(Map.of("k", "v", "n", 1));
    assertThat(loaded.geo()).isEqualTo(new EmGeo(1.0, 2.0));
    assertThat(loaded.geos()).containsExactly(new EmGeo(3.0, 4.0));
    assertThat(loaded.prim()).isEqualTo(5);
    assertThat(back.manyEvery()).extracting(EmEvery::s).containsExactly("m1", "m2");
    assertThat(back.keyless()).containsExactly(new EmKeyless("x"));
    // Stored as Ecto's embedded dump writes it: text for decimals, times, enums; base64 bytes; snake_case keys.
    Map<String, Object> stored = (Map<String, Object>) repo.query("SELECT every FROM em_docs WHERE id = $1", List.of(doc.id()))
        .block(T).maps().get(0).get("every");
    assertThat(stored).containsEntry("dec", "12.50").containsEntry("at", "2024-05-01T10:00:00.123456Z")
        .containsEntry("bytes", "AAH/fw==").containsEntry("vis", "PRIVATE").containsEntry("day", "2024-05-01")
        .containsEntry("geo", Map.of("lat", 1.0, "lng", 2.0)).containsKey("many_every".isEmpty() ? "" : "prim");
  }

  @Test
  void nullColumnsLoadAsNullAndEmptyListAndNullFieldsStayNull(Repo repo) {
    EmDoc doc = repo.insert(new EmDoc(null, null, null, null)).block(T);
    EmDoc back = repo.get(EmDoc.class, doc.id()).block(T);
    assertThat(back.every()).isNull();
    assertThat(back.manyEvery()).isEmpty();
    assertThat(back.keyless()).isEmpty();
    EmDoc sparse = repo.insert(new EmDoc(null, new EmEvery(null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, 0), List.of(), List.of())).block(T);
    EmEvery e = repo.get(EmDoc.class, sparse.id()).block(T).every();
    assertThat(e.s()).isNull();
    assertThat(e.geos()).isEmpty();
    assertThat(e.id()).isNull(); // generation switched off
  }

  @Test
  void insertGeneratesMissingIdsAndUnknownKeysAreIgnored(Repo repo) {
    EmOrder order = repo.insert(new EmOrder(null, "o", List.of(new EmItem(null, "Soap", 1)), new EmItem(null, "One", 2)))
        .block(T);
    assertThat(order.items().get(0).id()).isNotNull();
    assertThat(order.item().id()).isNotNull();
    repo.query("UPDATE em_orders SET item = item || '{\"extra\": 1}'::jsonb, items = '[{\"title\": \"T\"}]' WHERE id = $1",
        List.of(order.id())).block(T);
    EmOrder back = repo.get(EmOrder.class, order.id()).block(T);
    assertThat(back.item().title()).isEqualTo("One");
    assertThat(back.items()).containsExactly(new EmItem(null, "T", null));
  }

  @Test
  void aRowThatCannotBeDecodedNamesTheFieldAndTheSchema(Repo repo) {
    repo.query("INSERT INTO em_users (name, profile) VALUES ('bad', '{\"visibility\": \"HIDDEN\"}')", List.of()).block(T);
    assertThatThrownBy(() -> repo.all(EmUser.class).collectList().block(T))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("field 'profile' of schema EmUser (table em_users)")
        .hasMessageContaining("field 'visibility' of embedded EmProfile")
        .hasMessageContaining("HIDDEN");
    repo.query("UPDATE em_users SET profile = '[1]' WHERE name = 'bad'", List.of()).block(T);
    assertThatThrownBy(() -> repo.all(EmUser.class).collectList().block(T))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("field 'profile' of schema EmUser (table em_users)")
        .hasMessageContaining("expected a JSON object");
    repo.query("UPDATE em_users SET profile = NULL, addresses = '{\"a\": 1}' WHERE name = 'bad'", List.of()).block(T);
    assertThatThrownBy(() -> repo.all(EmUser.class).collectList().block(T))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("field 'addresses' of schema EmUser (table em_users)")
        .hasMessageContaining("expected a JSON array");
  }
}
