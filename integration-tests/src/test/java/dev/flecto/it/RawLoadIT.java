package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flecto.LoadException;
import dev.flecto.adapter.QueryResult;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ecto's {@code Repo.load/2}: rows raw SQL returned, loaded into records exactly as a query would
 * have read them; jsonb comes back from raw SQL as Java values.
 */
@FlectoTest(migrations = "dev.flecto.it.migrations")
class RawLoadIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void rowsOfRawSqlLoadIntoTheSameRecordsAQueryReads(Repo repo) {
    AllTypes in = new AllTypes(null, "text ✓", 42, 7, 9_000_000_000L, -3L, (short) 12, true, true, 1.5d, 2.25f,
        new BigDecimal("12345.678900"), UUID.randomUUID(), Instant.parse("2024-05-06T07:08:09.123456Z"),
        OffsetDateTime.parse("2024-05-06T09:08:09.123456+02:00"), LocalDateTime.parse("2024-05-06T07:08:09.654321"),
        LocalDate.parse("2024-02-29"), LocalTime.parse("23:59:58.5"), new byte[] {0, 1, 2, (byte) 255},
        AllTypes.Status.PUBLISHED);
    AllTypes empty = new AllTypes(null, null, null, 0, null, 0L, null, null, false, null, null, null, null, null, null,
        null, null, null, null, null);
    AllTypes full = repo.insert(in).block(T);
    AllTypes none = repo.insert(empty).block(T);
    List<AllTypes> read = repo.all(dev.flecto.query.Query.from(AllTypes.class).orderBy("id")).collectList().block(T);

    QueryResult result = repo.query("SELECT * FROM all_types ORDER BY id", List.of()).block(T);
    List<AllTypes> loaded = repo.load(AllTypes.class, result);

    assertThat(loaded).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(read);
    assertThat(loaded.get(0).id()).isEqualTo(full.id());
    assertThat(loaded.get(1).id()).isEqualTo(none.id());
  }

  @Test
  void aRowMayNameFieldsOrColumnsAndLeaveSomeOut(Repo repo) {
    Person p = repo.load(Person.class, Map.of("first_name", "Ann", "lastName", "Lee", "unknown", 1));
    assertThat(p.firstName()).isEqualTo("Ann");
    assertThat(p.lastName()).isEqualTo("Lee");
    assertThat(p.id()).isNull();
    assertThat(catchThrowable(() -> repo.load(Person.class, Map.of("age", "old"))))
        .isInstanceOf(LoadException.class).hasMessageContaining("'age'").hasMessageContaining("Person")
        .hasMessageContaining("\"old\"");
  }

  @Test
  void jsonFromRawSqlIsJavaValues(Repo repo) {
    QueryResult r = repo.query("SELECT '{\"a\": [1, 2], \"b\": {\"c\": true}}'::jsonb AS doc, '\"x\"'::json AS s",
        List.of()).block(T);
    assertThat(r.maps().get(0)).isEqualTo(Map.of("doc", Map.of("a", List.of(1, 2), "b", Map.of("c", true)), "s", "x"));
  }
}
