package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;

@Schema("qc_items")
public record QcItem(@Id Long id, String name, BigDecimal price, Integer qty, byte[] data) {
  static QcItem of(String name, String price, Integer qty, byte[] data) {
    return new QcItem(null, name, price == null ? null : new BigDecimal(price), qty, data);
  }
}
