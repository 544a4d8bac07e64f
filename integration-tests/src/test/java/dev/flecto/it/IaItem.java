package dev.flecto.it;

import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Timestamp;
import dev.flecto.schema.Virtual;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@Schema("ia_items")
public record IaItem(@Id Long id, String code, @Default("1") Integer qty, BigDecimal price, String note, List<String> tags,
    @Timestamp Instant insertedAt, @Virtual String scratch) {
  static IaItem of(String code, Integer qty) {
    return new IaItem(null, code, qty, null, null, null, null, null);
  }
}
