package dev.flecto.it;

import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A row of {@code cp_rows} (CopyInsertAllIT): every field type Flecto writes. */
@Schema("cp_rows")
public record CpRow(@Id Long id, String code, String s, Integer i, Long l, Short sh, Boolean b, Double d, Float f,
    BigDecimal dec, UUID u, Instant ins, OffsetDateTime odt, LocalDateTime ldt, LocalDate ld, LocalTime lt, byte[] bytes,
    Status status, List<String> tags, List<Integer> nums, List<LocalDate> days, Map<String, Object> meta,
    @Default("7") Integer qty) {

  public enum Status { DRAFT, PUBLISHED }

  static CpRow coded(String code, Integer qty) {
    return new CpRow(null, code, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, qty);
  }

  CpRow withCode(String code) {
    return new CpRow(null, code, s, i, l, sh, b, d, f, dec, u, ins, odt, ldt, ld, lt, bytes, status, tags, nums, days, meta, qty);
  }
}
