package dev.flecto.it;

import dev.flecto.schema.Column;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(value = "all_types", naming = dev.flecto.schema.NamingStrategy.AS_IS)
public record AllTypes(@Id Long id, String s, Integer i, int pi, Long l, long pl, Short sh, Boolean b, boolean pb,
    Double d, Float f, @Column("dec") BigDecimal decimal, UUID u, Instant ins, OffsetDateTime odt,
    LocalDateTime ldt, LocalDate ld, LocalTime lt, byte[] bytes, Status status) {

  public enum Status { DRAFT, PUBLISHED }
}
