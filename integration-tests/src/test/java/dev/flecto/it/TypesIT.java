package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every supported field type written, read back and queried on PostgreSQL. */
@FlectoTest(migrations = "dev.flecto.it.migrations")
class TypesIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void everyTypeRoundTrips(Repo repo) {
    UUID u = UUID.randomUUID();
    AllTypes in = new AllTypes(null, "text ✓", 42, 7, 9_000_000_000L, -3L, (short) 12, true, true, 1.5d, 2.25f,
        new BigDecimal("12345.678900"), u, Instant.parse("2024-05-06T07:08:09.123456Z"),
        OffsetDateTime.parse("2024-05-06T09:08:09.123456+02:00"), LocalDateTime.parse("2024-05-06T07:08:09.654321"),
        LocalDate.parse("2024-02-29"), LocalTime.parse("23:59:58.5"), new byte[] {0, 1, 2, (byte) 255},
        AllTypes.Status.PUBLISHED);
    AllTypes out = repo.insert(in).block(T);
    AllTypes read = repo.get(AllTypes.class, out.id()).block(T);
    for (AllTypes r : new AllTypes[] {out, read}) {
      assertThat(r).usingRecursiveComparison().ignoringFields("id", "odt", "decimal").isEqualTo(in);
      assertThat(r.decimal()).isEqualByComparingTo("12345.6789");
      assertThat(r.odt().toInstant()).as("timestamptz keeps the instant; it reads back in UTC").isEqualTo(in.odt().toInstant());
      assertThat(r.odt().getOffset()).isEqualTo(ZoneOffset.UTC);
    }
    for (Map.Entry<String, Object> e : Map.<String, Object>of("s", "text ✓", "pl", -3L, "status", AllTypes.Status.PUBLISHED,
        "u", u.toString(), "ld", "2024-02-29", "bytes", new byte[] {0, 1, 2, (byte) 255}, "decimal", "12345.6789",
        "ins", "2024-05-06T07:08:09.123456Z").entrySet()) {
      assertThat(repo.all(Query.from(AllTypes.class).where(e.getKey(), e.getValue())).count().block(T))
          .as("where %s = %s", e.getKey(), e.getValue()).isEqualTo(1L);
    }
  }

  @Test
  void nullsRoundTripAndPrimitivesReadZero(Repo repo) {
    AllTypes empty = new AllTypes(null, null, null, 0, null, 0L, null, null, false, null, null, null, null, null, null,
        null, null, null, null, null);
    AllTypes out = repo.insert(empty).block(T);
    assertThat(repo.reload(out).block(T)).usingRecursiveComparison().ignoringFields("id").isEqualTo(empty);
    AllTypes changed = repo.update(Changeset.cast(out, Map.of("status", "DRAFT", "pi", "5", "bytes", new byte[] {9}),
        "status", "pi", "bytes")).block(T);
    assertThat(changed.status()).isEqualTo(AllTypes.Status.DRAFT);
    assertThat(changed.pi()).isEqualTo(5);
    assertThat(changed.bytes()).containsExactly(9);
    AllTypes cleared = repo.update(Changeset.change(changed, java.util.Collections.singletonMap("status", null))).block(T);
    assertThat(cleared.status()).isNull();
  }
}
